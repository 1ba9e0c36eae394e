package search

import (
	"fmt"
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
//
// Analysis keeps each document's terms compactly (dual.fold, dual.stem:
// a term's forms and count); the map of term frequencies bleve asks for is
// made only when zap reads it, in one map per field name reused for every
// document (see views). The documents of a builder must therefore be made
// into segments by one Batch at a time.
type docBuilder struct {
	tokenizer analysis.Tokenizer
	foldChain []analysis.TokenFilter
	stemChain []analysis.TokenFilter // without the stemmer (formsOf stems)
	stop      analysis.TokenFilter   // the stop words of the stemmed chain

	mu    sync.Mutex        // guards forms (analysis runs on bleve's workers)
	forms map[string]*forms // by raw token

	views map[string]*view // by field name; used by zap's one goroutine only
}

// view is the map of term frequencies of one field name, filled for the
// document zap reads. zap makes a segment one document after the other:
// it reads a document's fields (twice: once to list the terms, once to
// add the postings) and is done with them before it reads the next
// document's, and it keeps the terms (map keys, which are the forms'
// strings, made once per build) but not the map or its frequencies. So one
// map and one block per field name serve every document, instead of two
// maps and blocks per document held until the batch is a segment (a fifth
// of what a build allocated).
type view struct {
	m     index.TokenFrequencies
	block []index.TokenFreq
	owner *dualField // whose frequencies m holds
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
		views:     map[string]*view{},
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

// termCount is one term of a field of one document: its forms (the
// folded word or the stem, as the side says) and its frequency.
type termCount struct {
	f *forms
	n int
}

// dual analyses one value (or the elements of a list) once for both
// fields, on the first call of either side: one tokenization, and each
// distinct token's forms computed once per build (formsOf). No field keeps
// term vectors, so only frequencies are counted.
type dual struct {
	b     *docBuilder
	elems []string

	// The distinct folded words and stems (without stop words), in the
	// order first met, with their frequencies.
	fold, stem       []termCount
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
	clear(sc.fold)
	clear(sc.stem)
	fold, stem := sc.foldTerms[:0], sc.stemTerms[:0]
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
			// Tokens of different forms may share a folded word or a
			// stem, so terms are keyed by it.
			if i, ok := sc.fold[f.folds]; ok {
				fold[i].n++
			} else {
				sc.fold[f.folds] = len(fold)
				fold = append(fold, termCount{f, 1})
			}
			d.foldLen++
			if f.stop {
				continue
			}
			if i, ok := sc.stem[f.stems]; ok {
				stem[i].n++
			} else {
				sc.stem[f.stems] = len(stem)
				stem = append(stem, termCount{f, 1})
			}
			d.stemLen++
		}
	}
	d.b.mu.Unlock()
	// One allocation for both sides.
	both := make([]termCount, len(fold)+len(stem))
	copy(both, fold)
	copy(both[len(fold):], stem)
	d.fold, d.stem = both[:len(fold):len(fold)], both[len(fold):]
	clear(fold) // drop the pointers before pooling
	clear(stem)
	sc.foldTerms, sc.stemTerms = fold[:0], stem[:0]
}

// scratch is what one analysis borrows: a copy of the value and the terms
// of each side met so far, by key.
type scratch struct {
	src                  []byte
	fold, stem           map[string]int // index in foldTerms, stemTerms
	foldTerms, stemTerms []termCount
}

var scratchPool = sync.Pool{New: func() any { return &scratch{fold: map[string]int{}, stem: map[string]int{}} }}

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

// terms are the field's terms and frequencies, compactly.
func (f *dualField) terms() []termCount {
	if f.folded {
		return f.d.fold
	}
	return f.d.stem
}

// key is the term of t in the field (the map key).
func (f *dualField) key(t termCount) string {
	if f.folded {
		return t.f.folds
	}
	return t.f.stems
}

// AnalyzedTokenFrequencies fills the field name's view with the field's
// frequencies (see view) and returns its map: valid until the next
// document's field of the same name is read.
func (f *dualField) AnalyzedTokenFrequencies() index.TokenFrequencies {
	f.d.run()
	v := f.d.b.views[f.Name()]
	if v == nil {
		v = &view{m: index.TokenFrequencies{}}
		f.d.b.views[f.Name()] = v
	}
	if v.owner == f {
		return v.m
	}
	// Delete the previous document's terms rather than clear the map:
	// clear costs the map's capacity, which the longest text sets.
	if o := v.owner; o != nil {
		for _, t := range o.terms() {
			delete(v.m, o.key(t))
		}
	}
	ts := f.terms()
	if cap(v.block) < len(ts) {
		v.block = make([]index.TokenFreq, len(ts))
	}
	v.block = v.block[:len(ts)]
	for i, t := range ts {
		term := t.f.stem
		if f.folded {
			term = t.f.fold
		}
		v.block[i] = index.TokenFreq{Term: term}
		v.block[i].SetFrequency(t.n)
		v.m[f.key(t)] = &v.block[i]
	}
	v.owner = f
	return v.m
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
