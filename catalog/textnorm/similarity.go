package textnorm

import (
	"strings"
	"unicode/utf8"
)

// stopWords are Russian function words that carry no meaning when names are
// compared.
var stopWords = map[string]bool{
	"и": true, "в": true, "во": true, "на": true, "по": true, "с": true, "со": true, "о": true,
	"об": true, "для": true, "к": true, "из": true, "от": true, "до": true, "за": true, "а": true,
	"или": true, "при": true, "не": true, "т": true, "ч": true, "их": true,
}

// StopWord reports a lowered function word («и», «в», «для», …).
func StopWord(w string) bool { return stopWords[w] }

// ContentWords are the Words of s without function words.
func ContentWords(s string) []string {
	ws := Words(s)
	out := ws[:0]
	for _, w := range ws {
		if !stopWords[w] {
			out = append(out, w)
		}
	}
	return out
}

// SameWord reports whether two lowered words are forms of the same word:
// equal, or sharing a prefix that leaves at most two letters of the shorter
// one ("туризма"/"туризм", "оператора"/"операторов", "семьи"/"семейная").
func SameWord(a, b string) bool {
	if a == b {
		return true
	}
	short := min(utf8.RuneCountInString(a), utf8.RuneCountInString(b))
	if short < 3 {
		return false
	}
	return commonPrefix(a, b) >= max(3, short-2)
}

func commonPrefix(a, b string) int {
	n := 0
	for a != "" && b != "" {
		ra, sa := utf8.DecodeRuneInString(a)
		rb, sb := utf8.DecodeRuneInString(b)
		if ra != rb {
			break
		}
		n++
		a, b = a[sa:], b[sb:]
	}
	return n
}

// Dice is the Dice coefficient of two word lists under same: twice the words
// they share (each word used once) over the words of both.
func Dice(a, b []string, same func(x, y string) bool) (score float64, common int) {
	if len(a) == 0 || len(b) == 0 {
		return 0, 0
	}
	used := make([]bool, len(b))
	for _, x := range a {
		for j, y := range b {
			if !used[j] && same(x, y) {
				used[j] = true
				common++
				break
			}
		}
	}
	return 2 * float64(common) / float64(len(a)+len(b)), common
}

// Similarity compares two names word by word: the Dice coefficient of their
// content words under SameWord, raised to 0.9 when every word of the shorter
// name (three words or more) is found in the longer one. 1 means the same
// words.
func Similarity(a, b string) float64 {
	ta, tb := ContentWords(a), ContentWords(b)
	d, common := Dice(ta, tb, SameWord)
	if short := min(len(ta), len(tb)); short >= 3 && common == short && d < 0.9 {
		d = 0.9
	}
	return d
}

// NameScore scores how well a reference names a target: 1 for the same
// letters (spaces and punctuation ignored), 0.95 when one is a truncation of
// the other (12 letters or more), otherwise Similarity.
func NameScore(ref, target string) float64 {
	a, b := Letters(ref), Letters(target)
	if a == "" || b == "" {
		return 0
	}
	if a == b {
		return 1
	}
	if utf8.RuneCountInString(a) >= 12 && utf8.RuneCountInString(b) >= 12 &&
		(strings.HasPrefix(a, b) || strings.HasPrefix(b, a)) {
		return 0.95
	}
	return Similarity(ref, target)
}

// Cover is the share of the keys of target that are also keys of ref (0 when
// target is empty): how much of a name a reference covers.
func Cover(ref, target map[string]bool) float64 {
	if len(target) == 0 {
		return 0
	}
	common := 0
	for w := range target {
		if ref[w] {
			common++
		}
	}
	return float64(common) / float64(len(target))
}

// CommonPrefix is the number of runes two strings begin with alike.
func CommonPrefix(a, b string) int { return commonPrefix(a, b) }
