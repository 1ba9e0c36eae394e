package search

import (
	"bytes"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/segment"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/russian"
	"github.com/karta/karta/catalog/textnorm"
)

// matcher finds again, in a hit's own texts, what the query matched: the
// forms every query word was searched in (wordQuery) and the skeleton of
// the whole query. The index keeps no term locations for that: the page's
// hits are re-analysed, which costs far less than locations for every token
// of the catalog.
//
// A value is cut into words once (the tokenizer of both analyzers) and each
// word is folded in a scratch buffer; it is stemmed only when its
// lower-cased form starts with one of the query's stems, since the Russian
// stemmer only ever removes a word's ending.
type matcher struct {
	folds        map[string]bool // folded words and their near terms
	foldPrefixes [][]byte
	stems        map[string]bool
	stemPrefixes [][]byte
	stemNeedles  [][]byte // stems and stem prefixes: what a stemmed word must start with
	skeleton     string
	nwords       int
	stop         analysis.TokenFilter // the stemmed analyzer's stop words
}

func newMatcher(ws []qword, text string, stop analysis.TokenFilter) *matcher {
	m := &matcher{folds: map[string]bool{}, stems: map[string]bool{}, skeleton: skeleton(text), nwords: len(ws), stop: stop}
	for _, w := range ws {
		m.folds[w.fold] = true
		if w.stem != "" {
			m.stems[w.stem] = true
			m.stemNeedles = append(m.stemNeedles, []byte(w.stem))
		}
		if runeLen(w.stem) >= 5 && !w.digits {
			m.stemPrefixes = append(m.stemPrefixes, []byte(w.stem))
		}
		if n := prefixLen(w.runes); n > 0 && !w.digits {
			m.foldPrefixes = append(m.foldPrefixes, []byte(firstRunes(w.fold, n)))
		}
		for _, t := range w.near {
			m.folds[t.term] = true
		}
	}
	return m
}

func hasAnyPrefix(s []byte, prefixes [][]byte) bool {
	for _, p := range prefixes {
		if bytes.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// mapRunes appends to dst the runes of src mapped by f.
func mapRunes(dst, src []byte, f func(rune) rune) []byte {
	for len(src) > 0 {
		r, size := utf8.DecodeRune(src)
		src = src[size:]
		dst = utf8.AppendRune(dst, f(r))
	}
	return dst
}

// match returns the byte spans of value the query matches, the number of
// distinct word positions matched and whether the whole value matches
// exactly: its skeleton (given for names and alt values, "" for texts)
// equals the query's.
func (m *matcher) match(value, skel string) (spans [][2]int, words int, whole bool) {
	if skel != "" && skel == m.skeleton {
		spans = append(spans, [2]int{0, len(value)})
		whole = true
	}
	var buf [64]byte
	var one [1]*analysis.Token
	var tok analysis.Token
	last := 0 // the last matched position (positions only grow)
	// The tokenizer's segmentation, without its token objects.
	seg := segment.NewWordSegmenterDirect([]byte(value))
	start, pos := 0, 0
	for seg.Segment() {
		b := seg.Bytes()
		end := start + len(b)
		if seg.Type() == segment.None {
			start = end
			continue
		}
		pos++
		t := struct{ Start, End, Position int }{start, end, pos}
		start = end
		folded := textnorm.AppendFold(buf[:0], b)
		hit := m.folds[string(folded)] || hasAnyPrefix(folded, m.foldPrefixes)
		if !hit && len(m.stemNeedles) > 0 {
			lower := mapRunes(buf[:0], b, foldYo)
			if hasAnyPrefix(lower, m.stemNeedles) {
				tok = analysis.Token{Term: lower}
				one[0] = &tok
				if len(m.stop.Filter(one[:])) == 1 {
					env := snowballstem.NewEnv(string(lower))
					russian.Stem(env)
					stem := env.Current()
					hit = m.stems[stem] || hasAnyPrefix([]byte(stem), m.stemPrefixes)
				}
			}
		}
		if hit {
			spans = append(spans, [2]int{t.Start, t.End})
			if t.Position != last {
				words++
				last = t.Position
			}
		}
	}
	return spans, words, whole
}
