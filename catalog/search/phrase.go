package search

import (
	"context"
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
	"github.com/blevesearch/segment"
)

// phraseQuery is the query text as a phrase in one folded-word field,
// checked in Go on the node's own texts instead of with term locations: the
// index keeps no term vectors (locations were a fifth of what a build
// allocated). It matches and scores exactly as bleve's MatchPhraseQuery
// with the folded analyzer: bleve's phrase searcher is a conjunction of one
// term searcher per phrase position, each with the phrase's boost, whose
// matches it keeps when the terms stand at consecutive positions of one
// value and scores with the conjunction's score. Here the same conjunction
// finds the candidates and a filter keeps those whose text has the terms in
// a row (the elements of a list are 100 positions apart, so a phrase never
// spans two: each element is checked alone).
type phraseQuery struct {
	ix     *Index
	field  string
	terms  []string // the folded words of the text, in order
	boost  float64
	values func(*node) []string // the field's elements of a node
}

// newPhraseQuery returns the phrase query of the folded words terms in
// field (fNameW, fAltW or fTextW).
func (ix *Index) newPhraseQuery(field string, terms []string, boost float64) *phraseQuery {
	q := &phraseQuery{ix: ix, field: field, terms: terms, boost: boost}
	switch field {
	case fNameW:
		q.values = func(n *node) []string { return []string{n.name} }
	case fAltW:
		q.values = func(n *node) []string { return partValues(n.alt) }
	case fTextW:
		q.values = func(n *node) []string { return partValues(n.text) }
	default:
		panic(fmt.Sprintf("search: no phrase field %q", field))
	}
	return q
}

func partValues(ps []part) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Value
	}
	return out
}

func (q *phraseQuery) Searcher(ctx context.Context, r index.IndexReader, _ mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	ss := make([]search.Searcher, 0, len(q.terms))
	closeAll := func() {
		for _, s := range ss {
			_ = s.Close()
		}
	}
	for _, t := range q.terms {
		s, err := searcher.NewTermSearcher(ctx, r, t, q.field, q.boost, options)
		if err != nil {
			closeAll()
			return nil, err
		}
		ss = append(ss, s)
	}
	conj, err := searcher.NewConjunctionSearcher(ctx, r, ss, options)
	if err != nil {
		closeAll()
		return nil, err
	}
	return searcher.NewFilteringSearcher(ctx, conj, func(_ *search.SearchContext, d *search.DocumentMatch) bool {
		num := d.IndexInternalID.Value()
		if num >= uint64(len(q.ix.byNum)) || q.ix.byNum[num] == nil {
			return false
		}
		for _, v := range q.values(q.ix.byNum[num]) {
			if hasPhrase(v, q.terms) {
				return true
			}
		}
		return false
	}), nil
}

// foldedWords is a scratch list of a value's folded words: their bytes one after
// the other in buf, word i at buf[ends[i-1]:ends[i]].
type foldedWords struct {
	src, buf []byte
	ends     []int
}

var wordsPool = sync.Pool{New: func() any { return &foldedWords{} }}

// hasPhrase reports whether value has the folded words terms in a row, its
// words cut and folded as the folded-word analyzer does.
func hasPhrase(value string, terms []string) bool {
	if len(terms) == 0 {
		return false
	}
	w := wordsPool.Get().(*foldedWords)
	defer wordsPool.Put(w)
	w.src = append(w.src[:0], value...)
	w.buf, w.ends = w.buf[:0], w.ends[:0]
	seg := segment.NewWordSegmenterDirect(w.src)
	for seg.Segment() {
		if seg.Type() == segment.None {
			continue
		}
		w.buf = mapRunes(w.buf, seg.Bytes(), foldRune)
		w.ends = append(w.ends, len(w.buf))
	}
	word := func(i int) string {
		start := 0
		if i > 0 {
			start = w.ends[i-1]
		}
		return string(w.buf[start:w.ends[i]])
	}
	for i := 0; i+len(terms) <= len(w.ends); i++ {
		k := 0
		for k < len(terms) && word(i+k) == terms[k] {
			k++
		}
		if k == len(terms) {
			return true
		}
	}
	return false
}
