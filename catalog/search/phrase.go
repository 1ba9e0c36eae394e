package search

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/blevesearch/segment"
)

// phraseQuery is the query text as a phrase in one folded-word field,
// checked in Go on the node's own texts instead of with term locations: the
// index keeps no term vectors (locations were a fifth of what a build
// allocated). It matches and scores exactly as bleve's MatchPhraseQuery
// with the folded analyzer would: bleve's phrase searcher is a conjunction
// of one term searcher per phrase position, each with the phrase's boost,
// whose matches it keeps when the terms stand at consecutive positions of
// one value and scores with the conjunction's score. Here the same
// conjunction finds the candidates (a clausePhrase, see exec.go) and
// matches keeps those whose text has the terms in a row (the elements of a
// list are 100 positions apart, so a phrase never spans two: each element
// is checked alone).
type phraseQuery struct {
	field string
	terms []string // the folded words of the text, in order
}

// newPhraseQuery returns the phrase clause of the folded words terms in
// field (fNameW, fAltW or fTextW).
func newPhraseQuery(field string, terms []string, boost float64) clause {
	switch field {
	case fNameW, fAltW, fTextW:
	default:
		panic(fmt.Sprintf("search: no phrase field %q", field))
	}
	return clause{kind: clausePhrase, field: field, boost: boost, phrase: &phraseQuery{field: field, terms: terms}}
}

// matches reports whether the node of document number d has the phrase in
// one element of the field.
func (q *phraseQuery) matches(byNum []*node, d uint32) bool {
	if int(d) >= len(byNum) || byNum[d] == nil {
		return false
	}
	n := byNum[d]
	var parts []part
	switch q.field {
	case fNameW:
		return hasPhrase(n.name, q.terms)
	case fAltW:
		parts = n.alt
	case fTextW:
		parts = n.text
	}
	for _, p := range parts {
		if hasPhrase(p.Value, q.terms) {
			return true
		}
	}
	return false
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
	// Words in a row are in the folded value: a value without one of them
	// (most elements of a long text) is not cut into words at all, which
	// costs several times more than folding it.
	w.buf = mapRunes(w.buf[:0], []byte(value), foldRune)
	for _, t := range terms {
		if !bytes.Contains(w.buf, []byte(t)) {
			return false
		}
	}
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
