package integrations

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/karta/karta/catalog/textnorm"
)

// fold lowers text, writes «ё» as «е» and collapses white space, for
// case-insensitive comparisons that Cyrillic-unaware SQL (SQLite's lower)
// cannot make.
func fold(s string) string { return strings.Join(strings.Fields(textnorm.Lower(s)), " ") }

// word is one word of a text: as written, folded and stemmed, and the
// stem's first prefixLen letters ("" when the stem is shorter).
type word struct {
	orig, norm, stem, pre string
}

// splitWords cuts text into words of letters and digits.
func splitWords(s string) []word {
	var ws []word
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		n := textnorm.Lower(w)
		st := textnorm.Stem(n)
		pre, ok := prefix(st)
		if !ok {
			pre = ""
		}
		ws = append(ws, word{orig: w, norm: n, stem: st, pre: pre})
	}
	return ws
}

// prefixLen is how many first letters two stems share to match weakly
// («спортсмен» and «спортивн» share «спорт»).
const prefixLen = 5

func prefix(s string) (string, bool) { return textnorm.Prefix(s, prefixLen) }

// stopPrefixes are words a need is phrased with that say nothing about
// which data it is: «данные о …», «сведения о …», «получение …».
var stopPrefixes = []string{
	"данн", "сведен", "информац", "получ", "предостав", "интеграц", "систем", "необходим", "обеспеч",
	"обмен", "наличи", "отсутств", "также", "либо", "котор", "путем", "целях", "рамках", "через",
	"между", "всех", "осуществл", "база", "базы", "базе", "базой",
}

// stopWords are short words kept by the acronym rule that mean nothing here.
var stopWords = map[string]bool{"ис": true, "го": true, "рк": true, "цго": true, "гбд": true, "бд": true}

func isStop(norm string) bool {
	if stopWords[norm] {
		return true
	}
	for _, p := range stopPrefixes {
		if strings.HasPrefix(norm, p) {
			return true
		}
	}
	return false
}

// term is one significant word of a need.
type term struct {
	orig, stem string
}

// needTerms picks the significant words of a need: words of four letters or
// more and acronyms (ИИН, БИН), without the stop words that only phrase a
// need («данные», «сведения») unless nothing else is left. Stems repeat once.
func needTerms(need string) []term {
	var all, kept []term
	seen := map[string]bool{}
	for _, w := range splitWords(need) {
		n := utf8.RuneCountInString(w.norm)
		acronym := n >= 2 && w.orig == strings.ToUpper(w.orig) && w.orig != strings.ToLower(w.orig)
		if n < 4 && !acronym {
			continue
		}
		if seen[w.stem] {
			continue
		}
		seen[w.stem] = true
		t := term{orig: w.orig, stem: w.stem}
		all = append(all, t)
		if !isStop(w.norm) {
			kept = append(kept, t)
		}
	}
	if len(kept) == 0 {
		return all
	}
	return kept
}

// Strength of a term's match in a text.
const (
	weakMatch   = 1 // the stems share their first five letters
	strongMatch = 2 // the stems are equal
)

// TermMatch is one word of the need found in a matched text.
type TermMatch struct {
	// Need is the word of the need, as written.
	Need string
	// Word is the word of the matched text, as written.
	Word string
	// Common is what they share: the stem, or its first five letters.
	Common string
	// Strong is true when the stems are equal, false when only their
	// first five letters are.
	Strong bool
}

// matchText scores a text against the need's terms: for each term the best
// word of the text, 2 for an equal stem, 1 for the same first five letters.
func matchText(terms []term, text string) (int, []TermMatch) {
	return matchWords(terms, splitWords(text))
}

// matchWords is matchText on a text split into words.
func matchWords(terms []term, ws []word) (int, []TermMatch) {
	score := 0
	var ms []TermMatch
	for _, t := range terms {
		tp, tok := prefix(t.stem)
		best, bi := 0, -1
		for i, w := range ws {
			lvl := 0
			if w.stem == t.stem {
				lvl = strongMatch
			} else if tok && w.pre != "" && w.pre == tp {
				lvl = weakMatch
			}
			if lvl > best {
				best, bi = lvl, i
			}
			if best == strongMatch {
				break
			}
		}
		if best == 0 {
			continue
		}
		score += best
		m := TermMatch{Need: t.orig, Word: ws[bi].orig, Common: t.stem, Strong: best == strongMatch}
		if !m.Strong {
			m.Common = tp
		}
		ms = append(ms, m)
	}
	return score, ms
}

// why explains term matches: «спортсменах» = «Спортсмен» (stem «спортсмен»).
func why(ms []TermMatch) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		if m.Strong {
			parts[i] = "«" + m.Need + "» = «" + m.Word + "» (stem «" + m.Common + "»)"
		} else {
			parts[i] = "«" + m.Need + "» ~ «" + m.Word + "» (first letters «" + m.Common + "»)"
		}
	}
	return strings.Join(parts, "; ")
}
