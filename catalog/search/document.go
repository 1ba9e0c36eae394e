package search

import (
	"fmt"
	"math/bits"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	stopfilter "github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
	"github.com/blevesearch/segment"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/russian"
)

// docBuilder makes the bleve document of a node directly, without bleve's
// reflective mapping, and analyses each text once for both its stemmed and
// its folded field: one tokenization, two filter chains, the same terms
// the analyzers of the mapping (used for queries) give. The elements of a
// list property (aliases, paragraphs) are indexed as one value (no field
// keeps positions); the whole-value (skeleton) field keeps one value per
// element.
type docBuilder struct {
	tokenizer analysis.Tokenizer
	foldChain []analysis.TokenFilter
	stemChain []analysis.TokenFilter // without the stemmer (formsOf stems)
	stop      analysis.TokenFilter   // the stop words of the stemmed chain

	mu    sync.Mutex        // guards forms and the pools below (analysis runs on bleve's workers)
	forms map[string]*forms // by raw token

	// The term frequencies of a batch's documents are garbage once the
	// batch is a segment (zap copies what it keeps), so their maps and
	// blocks serve the next batch (recycle): most of what analysis
	// allocates is allocated for the first batch only.
	maps     []sizedMap                 // handed out in this batch
	freeMaps [][]index.TokenFrequencies // by size class
	slab     []index.TokenFreq          // the current chunk of blocks
	chunks   [][]index.TokenFreq
	chunk    int // the next chunk of chunks to use
}

// sizedMap is a map of term frequencies made for 1<<class terms.
type sizedMap struct {
	m     index.TokenFrequencies
	class int
}

// slabChunk is the size of the chunks frequency blocks are cut from.
const slabChunk = 16 << 10

// newFreqs returns an empty map and a block of n frequencies for one
// field. Callers hold b.mu.
func (b *docBuilder) newFreqs(n int) (index.TokenFrequencies, []index.TokenFreq) {
	// Maps are made for a power of two of terms and reused for as many,
	// so a reused map never grows.
	class := bits.Len(uint(n))
	for len(b.freeMaps) <= class {
		b.freeMaps = append(b.freeMaps, nil)
	}
	var m index.TokenFrequencies
	if free := b.freeMaps[class]; len(free) > 0 {
		m = free[len(free)-1]
		b.freeMaps[class] = free[:len(free)-1]
	} else {
		m = make(index.TokenFrequencies, 1<<class)
	}
	b.maps = append(b.maps, sizedMap{m, class})
	if n > slabChunk/4 {
		return m, make([]index.TokenFreq, 0, n)
	}
	if cap(b.slab)-len(b.slab) < n {
		if b.chunk == len(b.chunks) {
			b.chunks = append(b.chunks, make([]index.TokenFreq, slabChunk))
		}
		b.slab = b.chunks[b.chunk][:0]
		b.chunk++
	}
	block := b.slab[len(b.slab) : len(b.slab) : len(b.slab)+n]
	b.slab = b.slab[:len(b.slab)+n]
	return m, block
}

// recycle makes the maps and blocks handed out since the last call free
// for reuse: call it only when bleve is done with the documents that got
// them (after Batch returns).
func (b *docBuilder) recycle() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, m := range b.maps {
		clear(m.m)
		b.freeMaps[m.class] = append(b.freeMaps[m.class], m.m)
	}
	clear(b.maps)
	b.maps = b.maps[:0]
	for _, c := range b.chunks[:b.chunk] {
		clear(c)
	}
	b.slab, b.chunk = nil, 0
}

func newDocBuilder(m *mapping.IndexMappingImpl) (*docBuilder, error) {
	stem, ok1 := m.AnalyzerNamed(analyzerStem).(*analysis.DefaultAnalyzer)
	fold, ok2 := m.AnalyzerNamed(analyzerFold).(*analysis.DefaultAnalyzer)
	sk := m.AnalyzerNamed(analyzerSkeleton)
	if !ok1 || !ok2 || sk == nil || len(stem.TokenFilters) == 0 {
		return nil, fmt.Errorf("search: analyzers missing from the mapping")
	}
	var stop analysis.TokenFilter
	for _, f := range stem.TokenFilters {
		if s, ok := f.(*stopfilter.StopTokensFilter); ok {
			stop = s
		}
	}
	if stop == nil {
		return nil, fmt.Errorf("search: the stemmed analyzer has no stop words")
	}
	return &docBuilder{
		tokenizer: stem.Tokenizer,
		foldChain: fold.TokenFilters,
		// The last filter of the stemmed chain is the Snowball stemmer,
		// replaced by a cached one (the catalog repeats its words).
		stemChain: stem.TokenFilters[:len(stem.TokenFilters)-1],
		stop:      stop,
		forms:     map[string]*forms{},
	}, nil
}

// forms are the indexed forms of one token as the tokenizer cut it: its
// folded word and its stem (none for a stop word), each as bytes and as a
// string, allocated once per build.
type forms struct {
	fold, stem   []byte
	folds, stems string
	stop         bool
}

// formsOf returns the forms of a raw token, computing them with the
// analyzers' own filters the first time the build meets it. Callers hold
// b.mu.
func (b *docBuilder) formsOf(raw []byte) *forms {
	if f, ok := b.forms[string(raw)]; ok {
		return f
	}
	f := &forms{}
	folded := analysis.TokenStream{{Term: append([]byte(nil), raw...)}}
	for _, flt := range b.foldChain {
		folded = flt.Filter(folded)
	}
	f.folds = string(folded[0].Term)
	f.fold = []byte(f.folds)
	stemmed := analysis.TokenStream{{Term: append([]byte(nil), raw...)}}
	for _, flt := range b.stemChain {
		stemmed = flt.Filter(stemmed)
	}
	if len(stemmed) == 0 {
		f.stop = true
	} else {
		env := snowballstem.NewEnv(string(stemmed[0].Term))
		russian.Stem(env)
		f.stems = env.Current()
		f.stem = []byte(f.stems)
	}
	b.forms[string(raw)] = f
	return f
}

// dual analyses one value (or the elements of a list) once for both
// fields, on the first call of either side: one tokenization, and each
// distinct token's forms computed once per build (formsOf). No field keeps
// term vectors, so only frequencies are counted.
type dual struct {
	b     *docBuilder
	elems []string

	stem, fold       index.TokenFrequencies
	stemLen, foldLen int
	done             bool
}

func (d *dual) run() {
	if d.done {
		return
	}
	d.done = true
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	clear(sc.count)
	distinct := sc.distinct[:0] // in the order first met
	d.b.mu.Lock()
	for _, e := range d.elems {
		// The unicode tokenizer of both analyzers, without its tokens.
		sc.src = append(sc.src[:0], e...)
		seg := segment.NewWordSegmenterDirect(sc.src)
		for seg.Segment() {
			if seg.Type() == segment.None {
				continue
			}
			f := d.b.formsOf(seg.Bytes())
			if sc.count[f] == 0 {
				distinct = append(distinct, f)
			}
			sc.count[f]++
			d.foldLen++
			if !f.stop {
				d.stemLen++
			}
		}
	}
	d.fold = d.b.frequencies(distinct, sc.count, true)
	d.stem = d.b.frequencies(distinct, sc.count, false)
	d.b.mu.Unlock()
	clear(distinct) // drop the pointers before pooling
	sc.distinct = distinct[:0]
}

// scratch is what one analysis borrows: a copy of the value, its distinct
// tokens and their counts.
type scratch struct {
	src      []byte
	distinct []*forms
	count    map[*forms]int
}

var scratchPool = sync.Pool{New: func() any { return &scratch{count: map[*forms]int{}} }}

// frequencies are the term frequencies of one side: folded words, or stems
// without the stop words. Tokens of different forms may share a folded
// word or a stem, so terms are keyed by it. Each field gets one map and
// one block of frequencies (newFreqs). Callers hold b.mu.
func (b *docBuilder) frequencies(distinct []*forms, count map[*forms]int, folded bool) index.TokenFrequencies {
	rv, block := b.newFreqs(len(distinct))
	for _, f := range distinct {
		if !folded && f.stop {
			continue
		}
		key, term := f.stems, f.stem
		if folded {
			key, term = f.folds, f.fold
		}
		curr, ok := rv[key]
		if !ok {
			block = append(block, index.TokenFreq{Term: term})
			curr = &block[len(block)-1]
			rv[key] = curr
		}
		curr.SetFrequency(curr.Frequency() + count[f])
	}
	return rv
}

// dualField is the stemmed or the folded field of a dual analysis.
type dualField struct {
	*document.TextField
	d      *dual
	folded bool
}

func (f *dualField) Analyze() { f.d.run() }

func (f *dualField) AnalyzedLength() int {
	if f.folded {
		return f.d.foldLen
	}
	return f.d.stemLen
}

func (f *dualField) AnalyzedTokenFrequencies() index.TokenFrequencies {
	if f.folded {
		return f.d.fold
	}
	return f.d.stem
}

// document is the bleve document of n. Its type and top bodies are not
// indexed: filters and facets read them from the node.
func (b *docBuilder) document(id string, n *node) *document.Document {
	doc := document.NewDocument(id)
	words := func(stemField, foldField string, elems []string) {
		if len(elems) == 0 {
			return
		}
		// No value: nothing is stored, and zap reads a field's value
		// only to store it.
		d := &dual{b: b, elems: elems}
		doc.AddField(&dualField{document.NewTextFieldCustom(stemField, nil, nil, index.IndexField, nil), d, false})
		doc.AddField(&dualField{document.NewTextFieldCustom(foldField, nil, nil, index.IndexField, nil), d, true})
	}
	words(fName, fNameW, []string{n.name})
	doc.AddField(newSkeletonField(fNameKW, nil, n.nameSkeleton))
	alt := make([]string, len(n.alt))
	for i, p := range n.alt {
		alt[i] = p.Value
		doc.AddField(newSkeletonField(fAltKW, []uint64{uint64(i)}, n.altSkeletons[i]))
	}
	words(fAlt, fAltW, alt)
	text := make([]string, len(n.text))
	for i, p := range n.text {
		text[i] = p.Value
	}
	words(fText, fTextW, text)
	return doc
}

// skeletonField is a whole-value field: one term, the value's skeleton,
// computed once when the catalog is read (node.nameSkeleton, node.altSkeletons) rather than by
// the skeleton analyzer (which gives the same term; a test checks).
type skeletonField struct {
	*document.TextField
	term  string
	freqs index.TokenFrequencies
}

func newSkeletonField(name string, arrayPositions []uint64, term string) *skeletonField {
	return &skeletonField{
		TextField: document.NewTextFieldCustom(name, arrayPositions, nil, index.IndexField, nil), // no value, as dual fields
		term:      term,
	}
}

func (f *skeletonField) Analyze() {
	if f.term == "" {
		return
	}
	tf := &index.TokenFreq{Term: []byte(f.term)}
	tf.SetFrequency(1)
	f.freqs = index.TokenFrequencies{f.term: tf}
}

func (f *skeletonField) AnalyzedLength() int { return len(f.freqs) }

func (f *skeletonField) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.freqs }
