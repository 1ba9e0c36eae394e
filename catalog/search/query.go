package search

import (
	"strings"
	"unicode"
)

// Query limits: longer texts are cut, further words ignored, so that one
// request cannot build an unbounded query.
const (
	maxQueryRunes = 256
	maxQueryWords = 10
)

// Boosts. An exact (skeleton) match of the whole query against a name or a
// short name dominates; then a phrase in a name; then words in names; then
// words in texts. Within each field: the word as written (folded) > its
// Russian stem > a prefix of it > a typo of it.
const (
	boostExactName  = 20
	boostExactAlt   = 15
	boostPhrase     = 5 // name and alt; text gets a third
	boostWordName   = 3 // alt the same; text a third
	boostStemName   = 2.5
	boostStemPrefix = 2
	boostPrefix     = 1.2
	boostFuzzy      = 1.0
	textShare       = 1.0 / 3
)

// qword is one word of the query text.
type qword struct {
	fold   string // folded as the *_w fields are (no stemming)
	stem   string // stemmed as the stemmed fields are; "" for a stop word
	runes  int
	digits bool
	near   []nearTerm // vocabulary terms within its typo distance
}

// words analyses the query text with the index's own analyzers; both
// tokenize alike, so the n-th folded token and the stemmed token at the same
// position are the same word.
//
// It also returns every folded word in order (repeats included): the
// text as a phrase.
func (ix *Index) words(text string) ([]qword, []string) {
	m := ix.bleve.Mapping()
	folded := m.AnalyzerNamed(analyzerFold).Analyze([]byte(text))
	phrase := make([]string, len(folded))
	for i, t := range folded {
		phrase[i] = string(t.Term)
	}
	stemmed := m.AnalyzerNamed(analyzerStem).Analyze([]byte(text))
	stems := make(map[int]string, len(stemmed))
	for _, t := range stemmed {
		stems[t.Position] = string(t.Term)
	}
	var out []qword
	seen := map[string]bool{}
	for _, t := range folded {
		f := string(t.Term)
		if seen[f] {
			continue
		}
		seen[f] = true
		w := qword{fold: f, stem: stems[t.Position], runes: runeLen(f)}
		w.digits = strings.IndexFunc(f, unicode.IsDigit) >= 0
		if d := fuzziness(w.fold, w.digits); d > 0 {
			w.near = ix.near(w.fold, d)
		}
		out = append(out, w)
		if len(out) == maxQueryWords {
			break
		}
	}
	return out, phrase
}

// maxNearCache bounds the words whose near terms an index remembers.
const maxNearCache = 4096

// near returns the near terms of a folded word (vocab.near), remembered per
// index: users repeat their words, and the scan of the vocabulary is most
// of what analysing a query costs. The cache is emptied when full.
func (ix *Index) near(word string, d int) []nearTerm {
	ix.nearMu.Lock()
	ts, ok := ix.nearCache[word]
	ix.nearMu.Unlock()
	if ok {
		return ts
	}
	ts = ix.vocab.near(word, d)
	ix.nearMu.Lock()
	if len(ix.nearCache) >= maxNearCache || ix.nearCache == nil {
		ix.nearCache = make(map[string][]nearTerm)
	}
	ix.nearCache[word] = ts
	ix.nearMu.Unlock()
	return ts
}

// prefixLen is how many leading letters of a query word a prefix match
// keeps: 6 for words of 7+ letters («лицензирование», «лицензии» → «лиценз»),
// 5 for words of 5–6; shorter words get no prefix match.
func prefixLen(runes int) int {
	switch {
	case runes >= 7:
		return 6
	case runes >= 5:
		return 5
	}
	return 0
}

// fuzziness is the edit distance tolerated for a word: 1 from 5 letters,
// 2 from 8; none for shorter words and words with digits.
func fuzziness(word string, digits bool) int {
	n := runeLen(word)
	switch {
	case digits:
		return 0
	case n >= 8:
		return 2
	case n >= 5:
		return 1
	}
	return 0
}

func firstRunes(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

func term(field, t string, boost float64) clause {
	return clause{kind: clauseTerm, field: field, term: t, boost: boost}
}

func prefix(field, p string, boost float64) clause {
	return clause{kind: clausePrefix, field: field, term: p, boost: boost}
}

// wordQuery matches one query word in any field and any of its forms.
func (ix *Index) wordQuery(w qword) *group {
	qs := []clause{
		term(fNameW, w.fold, boostWordName),
		term(fAltW, w.fold, boostWordName),
		term(fTextW, w.fold, boostWordName*textShare),
	}
	if w.stem != "" {
		qs = append(qs,
			term(fName, w.stem, boostStemName),
			term(fAlt, w.stem, boostStemName),
			term(fText, w.stem, boostStemName*textShare))
	}
	// The Russian stemmer does not always cut a word's forms to one stem
	// («спортсмен» → «спортсм», «спортсменов» → «спортсмен»): a stem of 5+
	// letters also matches as a prefix of indexed stems.
	if runeLen(w.stem) >= 5 && !w.digits {
		qs = append(qs,
			prefix(fName, w.stem, boostStemPrefix),
			prefix(fAlt, w.stem, boostStemPrefix),
			prefix(fText, w.stem, boostStemPrefix*textShare))
	}
	if n := prefixLen(w.runes); n > 0 && !w.digits {
		p := firstRunes(w.fold, n)
		qs = append(qs,
			prefix(fNameW, p, boostPrefix),
			prefix(fAltW, p, boostPrefix),
			prefix(fTextW, p, boostPrefix*textShare))
	}
	for _, t := range w.near {
		scale := 1.0
		if t.dist > 1 {
			scale = 0.6
		}
		for i, f := range fuzzyFields {
			if t.fields&(1<<i) != 0 {
				qs = append(qs, term(f.name, t.term, f.boost*scale))
			}
		}
	}
	return &group{clauses: qs}
}

// textQuery builds the scored query of a search text (run by exec.go) and
// the matcher that finds its matches in a hit's texts; nil when the text
// has no words. Every word must match somewhere (in any form), except
// Russian stop words, which only add to the score — unless the text has
// nothing else. Exact and phrase matches only add to the score.
func (ix *Index) textQuery(text string) (*textPlan, *matcher) {
	text = firstRunes(strings.TrimSpace(text), maxQueryRunes)
	ws, phrase := ix.words(text)
	if len(ws) == 0 {
		return nil, nil
	}
	var must, stop []*group
	for _, w := range ws {
		if w.stem == "" {
			stop = append(stop, ix.wordQuery(w))
		} else {
			must = append(must, ix.wordQuery(w))
		}
	}
	if len(must) == 0 {
		must, stop = stop, nil
	}
	var should []clause
	for _, g := range stop {
		should = append(should, clause{kind: clauseGroup, group: g})
	}
	// The exact match compares skeletons: one term per field value. (A
	// MatchQuery would analyze the text with the property's first analyzer,
	// not the skeleton one.)
	if sk := skeleton(text); sk != "" {
		should = append(should,
			term(fNameKW, sk, boostExactName),
			term(fAltKW, sk, boostExactAlt))
	}
	if len(ws) > 1 {
		should = append(should,
			newPhraseQuery(fNameW, phrase, boostPhrase),
			newPhraseQuery(fAltW, phrase, boostPhrase),
			newPhraseQuery(fTextW, phrase, boostPhrase*textShare))
	}
	p := &textPlan{must: must}
	if len(should) > 0 {
		p.should = &group{clauses: should}
	}
	return p, newMatcher(ws, text, ix.stop)
}
