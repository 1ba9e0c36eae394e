package search

import (
	"bytes"
	"fmt"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/segment"
	"github.com/karta/karta/catalog/textnorm"
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
	// Words in a row are in a row in the folded value too: a value
	// without them so (most elements of a long text, even most of those
	// with every word) is not cut into words at all, which costs several
	// times more than folding it.
	w.buf = textnorm.AppendFold(w.buf[:0], value)
	if !inRow(w.buf, terms) {
		return false
	}
	w.src = append(w.src[:0], value...)
	w.buf, w.ends = w.buf[:0], w.ends[:0]
	seg := segment.NewWordSegmenterDirect(w.src)
	for seg.Segment() {
		if seg.Type() == segment.None {
			continue
		}
		w.buf = textnorm.AppendFold(w.buf, seg.Bytes())
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

// inRow reports whether the folded value has terms in a row as its words
// would be: an occurrence of the first term, and each next term after a
// gap of runes that are never part of a word. It is a necessary condition
// of hasPhrase's, not a sufficient one (it ignores where words begin and
// end), so it may only err towards true: between two words the word
// segmenter leaves no letter or digit of the Latin and Cyrillic alphabets
// (wordRune), so the first such rune after a term is where the next word,
// and so the next term, must begin. A term that begins otherwise (with a
// letter of another script) is not checked.
func inRow(folded []byte, terms []string) bool {
	first := []byte(terms[0])
	for i := 0; ; {
		j := bytes.Index(folded[i:], first)
		if j < 0 {
			return false
		}
		i += j + len(first)
		if followedBy(folded[i:], terms[1:]) {
			return true
		}
	}
}

// followedBy reports whether rest begins with terms, each after a gap of
// runes that are not wordRunes (see inRow).
func followedBy(rest []byte, terms []string) bool {
	for _, t := range terms {
		if r, _ := utf8.DecodeRuneInString(t); !wordRune(r) {
			return true
		}
		for len(rest) > 0 {
			r, size := utf8.DecodeRune(rest)
			if wordRune(r) {
				break
			}
			rest = rest[size:]
		}
		if !bytes.HasPrefix(rest, []byte(t)) {
			return false
		}
		rest = rest[len(t):]
	}
	return true
}

// wordRune reports whether r is a Latin or Cyrillic letter or an ASCII
// digit (Unicode word-break properties ALetter and Numeric): the word
// segmenter puts such a rune in a word, never between two.
func wordRune(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	case 0xC0 <= r && r <= 0x24F, 0x400 <= r && r <= 0x52F: // Latin-1 and Latin Extended A, B; Cyrillic
		return unicode.IsLetter(r)
	}
	return false
}
