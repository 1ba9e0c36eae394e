package search

import (
	"fmt"
	"strings"
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
	skeleton  analysis.Analyzer
	stop      analysis.TokenFilter // the stop words of the stemmed chain

	mu    sync.Mutex        // guards forms (analysis runs on bleve's workers)
	forms map[string]*forms // by raw token
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
		skeleton:  sk,
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
	d.b.mu.Unlock()
	d.fold = frequencies(distinct, sc.count, true)
	d.stem = frequencies(distinct, sc.count, false)
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
// one block of frequencies.
func frequencies(distinct []*forms, count map[*forms]int, folded bool) index.TokenFrequencies {
	rv := make(index.TokenFrequencies, len(distinct))
	block := make([]index.TokenFreq, 0, len(distinct))
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
		value := []byte(strings.Join(elems, "\n"))
		d := &dual{b: b, elems: elems}
		doc.AddField(&dualField{document.NewTextFieldCustom(stemField, nil, value, index.IndexField, nil), d, false})
		doc.AddField(&dualField{document.NewTextFieldCustom(foldField, nil, value, index.IndexField, nil), d, true})
	}
	words(fName, fNameW, []string{n.name})
	doc.AddField(newField(fNameKW, nil, []byte(n.name), index.IndexField, b.skeleton))
	alt := make([]string, len(n.alt))
	for i, p := range n.alt {
		alt[i] = p.Value
		doc.AddField(newField(fAltKW, []uint64{uint64(i)}, []byte(p.Value), index.IndexField, b.skeleton))
	}
	words(fAlt, fAltW, alt)
	text := make([]string, len(n.text))
	for i, p := range n.text {
		text[i] = p.Value
	}
	words(fText, fTextW, text)
	return doc
}

// textField is a bleve text field whose token frequencies are counted with
// fewer allocations than bleve's (one block of frequencies, map keys cut
// from one string), which is most of what indexing allocates.
type textField struct {
	*document.TextField
	analyzer analysis.Analyzer
	vectors  bool
	length   int
	freqs    index.TokenFrequencies
}

func newField(name string, arrayPositions []uint64, value []byte, options index.FieldIndexingOptions, a analysis.Analyzer) *textField {
	return &textField{
		TextField: document.NewTextFieldCustom(name, arrayPositions, value, options, a),
		analyzer:  a,
		vectors:   options.IncludeTermVectors(),
	}
}

func (f *textField) Analyze() {
	ts := f.analyzer.Analyze(f.Value())
	f.length = len(ts)
	f.freqs = tokenFrequency(ts, f.ArrayPositions(), f.vectors)
}

func (f *textField) AnalyzedLength() int { return f.length }

func (f *textField) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.freqs }

// tokenFrequency is analysis.TokenFrequency with fewer allocations.
func tokenFrequency(ts analysis.TokenStream, arrayPositions []uint64, vectors bool) index.TokenFrequencies {
	total := 0
	for _, t := range ts {
		total += len(t.Term)
	}
	var sb strings.Builder
	sb.Grow(total)
	for _, t := range ts {
		sb.Write(t.Term)
	}
	terms := sb.String()
	// Texts repeat their words: size for about half the tokens distinct,
	// and allocate frequencies in blocks (a block never moves, so pointers
	// into it stay valid).
	hint := min(len(ts), 8+len(ts)/2)
	rv := make(index.TokenFrequencies, hint)
	block := make([]index.TokenFreq, 0, hint)
	var locs []index.TokenLocation
	if vectors {
		locs = make([]index.TokenLocation, len(ts))
	}
	off := 0
	for i, t := range ts {
		key := terms[off : off+len(t.Term)]
		off += len(t.Term)
		curr, ok := rv[key]
		if !ok {
			if len(block) == cap(block) {
				block = make([]index.TokenFreq, 0, max(16, (len(ts)-i)/2))
			}
			block = append(block, index.TokenFreq{Term: t.Term})
			curr = &block[len(block)-1]
			rv[key] = curr
		}
		if vectors {
			locs[i] = index.TokenLocation{ArrayPositions: arrayPositions, Start: t.Start, End: t.End, Position: t.Position}
			curr.Locations = append(curr.Locations, &locs[i])
		}
		curr.SetFrequency(curr.Frequency() + 1)
	}
	return rv
}
