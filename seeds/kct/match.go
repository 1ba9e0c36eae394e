package kct

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Words that carry no meaning when names are compared.
var stopWords = map[string]bool{
	"и": true, "в": true, "во": true, "на": true, "по": true, "с": true, "со": true, "о": true,
	"об": true, "для": true, "к": true, "из": true, "от": true, "до": true, "за": true, "а": true,
	"или": true, "при": true, "не": true, "т": true, "ч": true, "их": true,
}

// tokens splits a name into lowercase words without stop words.
func tokens(s string) []string {
	s = strings.ReplaceAll(strings.ToLower(s), "ё", "е")
	f := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	out := f[:0]
	for _, w := range f {
		if !stopWords[w] {
			out = append(out, w)
		}
	}
	return out
}

// sameWord reports whether two lowercase words are forms of the same word:
// equal, or sharing a prefix that leaves at most two letters of the shorter
// one ("туризма"/"туризм", "оператора"/"операторов", "семьи"/"семейная").
func sameWord(a, b string) bool {
	if a == b {
		return true
	}
	na, nb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	short := min(na, nb)
	if short < 3 {
		return false
	}
	need := max(3, short-2)
	return commonPrefix(a, b) >= need
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

// similarity compares two names word by word: the Dice coefficient of
// the words they share, raised to 0.9 when every word of the shorter name
// (three words or more) is found in the longer one. 1 means the same words.
func similarity(a, b string) float64 {
	ta, tb := tokens(a), tokens(b)
	if len(ta) == 0 || len(tb) == 0 {
		return 0
	}
	used := make([]bool, len(tb))
	common := 0
	for _, x := range ta {
		for j, y := range tb {
			if !used[j] && sameWord(x, y) {
				used[j] = true
				common++
				break
			}
		}
	}
	d := 2 * float64(common) / float64(len(ta)+len(tb))
	if short := min(len(ta), len(tb)); short >= 3 && common == short && d < 0.9 {
		d = 0.9
	}
	return d
}

// nameScore scores how well a reference names a target: 1 for the same
// letters (spaces and punctuation ignored), 0.95 when one is a truncation of
// the other, otherwise the word similarity.
func nameScore(ref, target string) float64 {
	a, b := norm(ref), norm(target)
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
	return similarity(ref, target)
}

// matchThreshold is the least score that resolves a name.
const matchThreshold = 0.75
