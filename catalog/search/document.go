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
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/russian"
)

// docBuilder makes the bleve document of a node directly, without bleve's
// reflective mapping, and analyses each text once for both its stemmed and
// its folded field: one tokenization, two filter chains, the same terms
// the analyzers of the mapping (used for queries) give. The elements of a
// list property (aliases, paragraphs) are indexed as one value with a gap
// of positions between elements, so a phrase never spans two of them; the
// whole-value (skeleton) field keeps one value per element.
type docBuilder struct {
	tokenizer analysis.Tokenizer
	foldChain []analysis.TokenFilter
	stemChain []analysis.TokenFilter // without the stemmer
	skeleton  analysis.Analyzer
	stop      analysis.TokenFilter // the stop words of the stemmed chain

	mu    sync.Mutex // guards stems (analysis runs on bleve's workers)
	stems map[string][]byte
}

// positionGap separates the elements of a list property.
const positionGap = 100

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
		stems:     map[string][]byte{},
	}, nil
}

// stem is the Russian Snowball stemmer with a cache for one build.
func (b *docBuilder) stem(ts analysis.TokenStream) analysis.TokenStream {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, t := range ts {
		if s, ok := b.stems[string(t.Term)]; ok {
			t.Term = s
			continue
		}
		env := snowballstem.NewEnv(string(t.Term))
		russian.Stem(env)
		s := []byte(env.Current())
		b.stems[string(t.Term)] = s
		t.Term = s
	}
	return ts
}

// dual analyses one value (or the elements of a list) once for both
// fields, on the first call of either side.
type dual struct {
	b          *docBuilder
	elems      []string
	stem, fold analysis.TokenStream
	done       bool
}

func (d *dual) run() {
	if d.done {
		return
	}
	d.done = true
	offset, pos := 0, 0
	for _, e := range d.elems {
		base := d.b.tokenizer.Tokenize([]byte(e))
		last := 0
		for _, t := range base {
			t.Start += offset
			t.End += offset
			t.Position += pos
			last = t.Position
		}
		folded := make(analysis.TokenStream, len(base))
		copies := make([]analysis.Token, len(base))
		for i, t := range base {
			copies[i] = *t
			folded[i] = &copies[i]
		}
		for _, f := range d.b.foldChain {
			folded = f.Filter(folded)
		}
		stemmed := base
		for _, f := range d.b.stemChain {
			stemmed = f.Filter(stemmed)
		}
		if len(d.elems) == 1 {
			d.fold, d.stem = folded, d.b.stem(stemmed)
			return
		}
		d.fold = append(d.fold, folded...)
		d.stem = append(d.stem, d.b.stem(stemmed)...)
		offset += len(e) + 1
		if last > 0 {
			pos = last + positionGap
		}
	}
}

type stemSide struct{ *dual }

func (s stemSide) Analyze([]byte) analysis.TokenStream {
	s.run()
	ts := s.dual.stem
	s.dual.stem = nil
	return ts
}

type foldSide struct{ *dual }

func (s foldSide) Analyze([]byte) analysis.TokenStream {
	s.run()
	ts := s.dual.fold
	s.dual.fold = nil
	return ts
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
		doc.AddField(newField(stemField, nil, value, index.IndexField, stemSide{d}))
		doc.AddField(newField(foldField, nil, value, index.IndexField|index.IncludeTermVectors, foldSide{d}))
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
