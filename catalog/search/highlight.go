package search

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
)

// matcher finds again, in a hit's own texts, what the query matched: the
// forms every query word was searched in (wordQuery) and the skeleton of
// the whole query. The index keeps no term locations for that: the page's
// hits are re-analysed, which costs far less than locations for every token
// of the catalog.
type matcher struct {
	folds        map[string]bool // folded words and their near terms
	foldPrefixes []string
	stems        map[string]bool
	stemPrefixes []string
	skeleton     string
	nwords       int
}

func newMatcher(ws []qword, text string) *matcher {
	m := &matcher{folds: map[string]bool{}, stems: map[string]bool{}, skeleton: skeleton(text), nwords: len(ws)}
	for _, w := range ws {
		m.folds[w.fold] = true
		if w.stem != "" {
			m.stems[w.stem] = true
		}
		if runeLen(w.stem) >= 5 && !w.digits {
			m.stemPrefixes = append(m.stemPrefixes, w.stem)
		}
		if n := prefixLen(w.runes); n > 0 && !w.digits {
			m.foldPrefixes = append(m.foldPrefixes, firstRunes(w.fold, n))
		}
		for _, t := range w.near {
			m.folds[t.term] = true
		}
	}
	return m
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// match returns the byte spans of value the query matches, the number of
// distinct word positions matched and whether the whole value matches
// exactly (only names and short names, exact says whether to check).
func (m *matcher) match(ix *Index, value string, exact bool) (spans [][2]int, words int, whole bool) {
	if exact && m.skeleton != "" && skeleton(value) == m.skeleton {
		spans = append(spans, [2]int{0, len(value)})
		whole = true
	}
	mp := ix.bleve.Mapping()
	pos := map[int]bool{}
	add := func(t *analysis.Token) {
		spans = append(spans, [2]int{t.Start, t.End})
		pos[t.Position] = true
	}
	for _, t := range mp.AnalyzerNamed(analyzerFold).Analyze([]byte(value)) {
		if term := string(t.Term); m.folds[term] || hasAnyPrefix(term, m.foldPrefixes) {
			add(t)
		}
	}
	for _, t := range mp.AnalyzerNamed(analyzerStem).Analyze([]byte(value)) {
		if term := string(t.Term); m.stems[term] || hasAnyPrefix(term, m.stemPrefixes) {
			add(t)
		}
	}
	return spans, len(pos), whole
}
