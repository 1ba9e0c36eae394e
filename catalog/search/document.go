package search

import (
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	stopfilter "github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
	"github.com/blevesearch/segment"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/russian"
)

// docBuilder makes the bleve documents of nodes directly (nodeDoc, an
// index.Document of its own rather than bleve's document.Document with a
// TextField per value), and analyses each text once for both its stemmed
// and its folded field: one tokenization, two filter chains, the same terms
// the analyzers of the mapping (used for queries) give. The elements of a
// list property (aliases, paragraphs) are indexed as one value (no field
// keeps positions); so are the skeletons of the aliases (one whole-value
// term each, merged as zap merges the fields of one name).
//
// Analysis keeps each document's terms compactly (dual.fold, dual.stem:
// a form's number and a count); the map of term frequencies bleve asks
// for is made only when zap reads it, in one map per field reused for
// every document (see view). The documents of a builder must therefore be
// made into segments by one Batch at a time.
type docBuilder struct {
	tokenizer analysis.Tokenizer
	foldChain []analysis.TokenFilter
	stemChain []analysis.TokenFilter // without the stemmer (formsOf stems)
	stop      analysis.TokenFilter   // the stop words of the stemmed chain
	skeletons bool                   // index name_kw and alt_kw in bleve too (skeletonsInBleve)

	mu    sync.Mutex     // guards forms and list (analysis runs on bleve's workers)
	forms map[string]int // by raw token: index in list
	list  []*forms

	views [numFields]view // by field; used by zap's one goroutine only
	docs  []nodeDoc       // the block of documents, reused by each batch

	// The terms of the batch's documents (dual.fold and stem) are cut
	// from these blocks, reused by each batch as docs is; guarded by mu.
	terms            [][]termCount
	termsAt, termsOf int // the block in use and the first free term in it
}

// skeletonsInBleve makes builds index the whole-value fields (name_kw,
// alt_kw) in bleve as well as in the exactIndex that searches read, so
// that a test can compare the executor's scores with bleve's searchers'.
var skeletonsInBleve = false

// The fields of a document, as indices of docBuilder.views. The
// whole-value fields (kNameKW, kAltKW) are only in bleve when
// skeletonsInBleve is set.
const (
	kID = iota
	kName
	kNameW
	kAlt
	kAltW
	kText
	kTextW
	kNameKW
	kAltKW
	numFields
)

var fieldNames = [numFields]string{
	kID: "_id", kName: fName, kNameW: fNameW, kAlt: fAlt, kAltW: fAltW,
	kText: fText, kTextW: fTextW, kNameKW: fNameKW, kAltKW: fAltKW,
}

// view is the map of term frequencies of one field, filled for the
// document zap reads. zap makes a segment one document after the other:
// it reads a document's fields (twice: once to list the terms, once to
// add the postings) and is done with them before it reads the next
// document's, and it keeps the terms (map keys, which are strings made once
// per build: forms, skeletons, IDs) but not the map or its frequencies. So
// one map and one block per field serve every document, instead of a map
// and a block per field and document held until the batch is a segment.
type view struct {
	m     index.TokenFrequencies
	block []index.TokenFreq
	keys  []string // the keys m holds
	owner *field   // whose frequencies m holds
}

// begin empties v for f's n terms at most and reports whether it must be
// filled (false: it holds f's already).
func (v *view) begin(f *field, n int) bool {
	if v.owner == f {
		return false
	}
	if v.m == nil {
		v.m = index.TokenFrequencies{}
	}
	// Delete the previous document's terms rather than clear the map:
	// clear costs the map's capacity, which the longest text sets.
	for _, k := range v.keys {
		delete(v.m, k)
	}
	v.keys = v.keys[:0]
	if cap(v.block) < n {
		v.block = make([]index.TokenFreq, n)
	}
	v.block = v.block[:0]
	v.owner = f
	return true
}

// add counts n more occurrences of the term key.
func (v *view) add(key string, n int) {
	if tf, ok := v.m[key]; ok {
		tf.SetFrequency(tf.Frequency() + n)
		return
	}
	v.put(key, nil, n)
}

// put adds the term key (term: its bytes, which zap does not read), not in
// v yet, with frequency n.
func (v *view) put(key string, term []byte, n int) {
	v.block = append(v.block, index.TokenFreq{Term: term}) // within begin's capacity
	tf := &v.block[len(v.block)-1]
	tf.SetFrequency(n)
	v.m[key] = tf
	v.keys = append(v.keys, key)
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
		skeletons: skeletonsInBleve,
		forms:     map[string]int{},
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

// formsOf returns the number of the forms of a raw token (its index in
// b.list), computing them with the analyzers' own filters the first time
// the build meets it. Callers hold b.mu.
func (b *docBuilder) formsOf(raw []byte) uint32 {
	if i, ok := b.forms[string(raw)]; ok {
		return uint32(i)
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
	b.forms[string(raw)] = len(b.list)
	b.list = append(b.list, f)
	return uint32(len(b.list) - 1)
}

// termCount is one term of a field of one document: the number of its
// forms (the folded word or the stem, as the side says) and its frequency.
type termCount struct {
	f, n uint32
}

// dual analyses the values of one property of a node (its name, its
// aliases or its texts) once for both fields, on the first call of either
// side: one tokenization, and each distinct token's forms computed once per
// build (formsOf). No field keeps term vectors, so only frequencies are
// counted.
type dual struct {
	prop int // kName, kAlt or kText

	// The distinct folded words and stems (without stop words), in the
	// order first met, with their frequencies.
	fold, stem       []termCount
	stemLen, foldLen int
	done             bool
}

// values calls fn with each value of the property prop of n.
func values(n *node, prop int, fn func(string)) {
	switch prop {
	case kName:
		fn(n.name)
	case kAlt:
		for _, p := range n.alt {
			fn(p.Value)
		}
	case kText:
		for _, p := range n.text {
			fn(p.Value)
		}
	}
}

func (d *dual) run(b *docBuilder, n *node) {
	if d.done {
		return
	}
	d.done = true
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	clear(sc.fold)
	clear(sc.stem)
	fold, stem := sc.foldTerms[:0], sc.stemTerms[:0]
	b.mu.Lock()
	values(n, d.prop, func(e string) {
		// The unicode tokenizer of both analyzers, without its tokens.
		sc.src = append(sc.src[:0], e...)
		seg := segment.NewWordSegmenterDirect(sc.src)
		for seg.Segment() {
			if seg.Type() == segment.None {
				continue
			}
			fi := b.formsOf(seg.Bytes())
			f := b.list[fi]
			// Tokens of different forms may share a folded word or a
			// stem, so terms are keyed by it.
			if i, ok := sc.fold[f.folds]; ok {
				fold[i].n++
			} else {
				sc.fold[f.folds] = len(fold)
				fold = append(fold, termCount{fi, 1})
			}
			d.foldLen++
			if f.stop {
				continue
			}
			if i, ok := sc.stem[f.stems]; ok {
				stem[i].n++
			} else {
				sc.stem[f.stems] = len(stem)
				stem = append(stem, termCount{fi, 1})
			}
			d.stemLen++
		}
	})
	both := b.termSlice(len(fold) + len(stem))
	b.mu.Unlock()
	copy(both, fold)
	copy(both[len(fold):], stem)
	d.fold, d.stem = both[:len(fold):len(fold)], both[len(fold):]
	sc.foldTerms, sc.stemTerms = fold[:0], stem[:0]
}

// termBlockSize is the number of terms of one block of docBuilder.terms.
const termBlockSize = 1 << 16

// termSlice returns n terms of the builder's blocks, for one document of
// the current batch. Callers hold b.mu.
func (b *docBuilder) termSlice(n int) []termCount {
	for {
		if b.termsAt < len(b.terms) {
			blk := b.terms[b.termsAt]
			if b.termsOf+n <= len(blk) {
				s := blk[b.termsOf : b.termsOf+n : b.termsOf+n]
				b.termsOf += n
				return s
			}
			b.termsAt++
			b.termsOf = 0
			continue
		}
		b.terms = append(b.terms, make([]termCount, max(termBlockSize, n)))
	}
}

// scratch is what one analysis borrows: a copy of the value and the terms
// of each side met so far, by key.
type scratch struct {
	src                  []byte
	fold, stem           map[string]int // index in foldTerms, stemTerms
	foldTerms, stemTerms []termCount
}

var scratchPool = sync.Pool{New: func() any { return &scratch{fold: map[string]int{}, stem: map[string]int{}} }}

// nodeDoc is the bleve document of a node. Its type and top bodies are not
// indexed: filters and facets read them from the node. No field has a
// value but the ID (nothing else is stored, and zap reads a field's value
// only to store it).
type nodeDoc struct {
	id    string
	b     *docBuilder
	n     *node
	words [3]dual // name, alt, text
	// Every field the document may have, by kind; VisitFields skips
	// those of an absent property.
	fields [numFields]field
	hasID  bool
}

// field is one field of a nodeDoc (an index.Field).
type field struct {
	d    *nodeDoc
	kind int
}

// documents returns the bleve documents of nodes, made in the builder's
// one block: the documents of a batch are done with once the batch is a
// segment (zap keeps none of them), so the next batch reuses the block.
func (b *docBuilder) documents(nodes []*node) []nodeDoc {
	if cap(b.docs) < len(nodes) {
		b.docs = make([]nodeDoc, len(nodes))
	}
	docs := b.docs[:len(nodes)]
	// A view's owner may be a field of the block's previous batch, at the
	// address of a field of this one.
	for k := range b.views {
		b.views[k].owner = nil
	}
	b.mu.Lock()
	b.termsAt, b.termsOf = 0, 0
	b.mu.Unlock()
	for i, n := range nodes {
		d := &docs[i]
		*d = nodeDoc{id: n.docID, b: b, n: n}
		d.words = [3]dual{{prop: kName}, {prop: kAlt}, {prop: kText}}
		for k := range d.fields {
			d.fields[k] = field{d, k}
		}
	}
	return docs
}

func (d *nodeDoc) ID() string { return d.id }

// Size is a rough size in bytes (bleve's statistics only).
func (d *nodeDoc) Size() int { return 512 + len(d.id) }

// has reports whether the document has the field of kind k.
func (d *nodeDoc) has(k int) bool {
	switch k {
	case kID:
		return d.hasID
	case kNameKW:
		return d.b.skeletons
	case kAlt, kAltW:
		return len(d.n.alt) > 0
	case kAltKW:
		return d.b.skeletons && len(d.n.alt) > 0
	case kText, kTextW:
		return len(d.n.text) > 0
	}
	return true
}

func (d *nodeDoc) VisitFields(visitor index.FieldVisitor) {
	for k := range d.fields {
		if d.has(k) {
			visitor(&d.fields[k])
		}
	}
}

func (d *nodeDoc) VisitComposite(index.CompositeFieldVisitor) {}
func (d *nodeDoc) HasComposite() bool                         { return false }
func (d *nodeDoc) NumPlainTextBytes() uint64                  { return 0 }
func (d *nodeDoc) AddIDField()                                { d.hasID = true }
func (d *nodeDoc) StoredFieldsBytes() uint64                  { return uint64(len(d.id)) }
func (d *nodeDoc) Indexed() bool                              { return true }

func (f *field) Name() string { return fieldNames[f.kind] }

// Value is the document ID for the ID field, nil for the others.
func (f *field) Value() []byte {
	if f.kind == kID {
		return []byte(f.d.id)
	}
	return nil
}

func (f *field) ArrayPositions() []uint64 { return nil }
func (f *field) EncodedFieldType() byte   { return 't' }
func (f *field) NumPlainTextBytes() uint64 {
	if f.kind == kID {
		return uint64(len(f.d.id))
	}
	return 0
}

// Options: every field is indexed without term vectors or doc values; the
// ID is also stored (ExternalID reads it).
func (f *field) Options() index.FieldIndexingOptions {
	if f.kind == kID {
		return index.IndexField | index.StoreField
	}
	return index.IndexField
}

// words is the analysis of the field's property and whether the field is
// its folded side (nil for the ID and skeleton fields).
func (f *field) words() (*dual, bool) {
	switch f.kind {
	case kName, kNameW:
		return &f.d.words[0], f.kind == kNameW
	case kAlt, kAltW:
		return &f.d.words[1], f.kind == kAltW
	case kText, kTextW:
		return &f.d.words[2], f.kind == kTextW
	}
	return nil, false
}

func (f *field) Analyze() {
	if w, _ := f.words(); w != nil {
		w.run(f.d.b, f.d.n)
	}
}

func (f *field) AnalyzedLength() int {
	switch f.kind {
	case kID:
		return 1
	case kNameKW:
		if f.d.n.nameSkeleton == "" {
			return 0
		}
		return 1
	case kAltKW:
		n := 0
		for _, s := range f.d.n.altSkeletons {
			if s != "" {
				n++
			}
		}
		return n
	}
	w, folded := f.words()
	w.run(f.d.b, f.d.n)
	if folded {
		return w.foldLen
	}
	return w.stemLen
}

// AnalyzedTokenFrequencies fills the field's view with the field's
// frequencies (see view) and returns its map: valid until the next
// document's field of the same kind is read.
func (f *field) AnalyzedTokenFrequencies() index.TokenFrequencies {
	v := &f.d.b.views[f.kind]
	switch f.kind {
	case kID:
		if v.begin(f, 1) {
			v.put(f.d.id, nil, 1)
		}
	case kNameKW:
		if v.begin(f, 1) && f.d.n.nameSkeleton != "" {
			v.put(f.d.n.nameSkeleton, nil, 1)
		}
	case kAltKW:
		if v.begin(f, len(f.d.n.altSkeletons)) {
			for _, s := range f.d.n.altSkeletons {
				if s != "" {
					v.add(s, 1)
				}
			}
		}
	default:
		w, folded := f.words()
		w.run(f.d.b, f.d.n)
		ts := w.stem
		if folded {
			ts = w.fold
		}
		if v.begin(f, len(ts)) {
			list := f.d.b.list
			for _, t := range ts {
				fm := list[t.f]
				if folded {
					v.put(fm.folds, fm.fold, int(t.n))
				} else {
					v.put(fm.stems, fm.stem, int(t.n))
				}
			}
		}
	}
	return v.m
}
