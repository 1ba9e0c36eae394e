package textnorm

import (
	"strings"
	"unicode"
)

// FoldRune folds one rune to its comparison skeleton: lower case, ё → е,
// Latin letters that look like Cyrillic ones to the Cyrillic letter, Kazakh
// letters to the Russian letter they are commonly replaced by. It maps rune
// by rune, so folded text keeps its offsets (search highlights with it).
func FoldRune(r rune) rune {
	r = unicode.ToLower(r)
	switch r {
	case 'ё':
		return 'е'
	case 'a':
		return 'а'
	case 'b':
		return 'в'
	case 'c':
		return 'с'
	case 'e':
		return 'е'
	case 'h':
		return 'н'
	case 'i', 'і', 'ı':
		return 'и'
	case 'k':
		return 'к'
	case 'm':
		return 'м'
	case 'o':
		return 'о'
	case 'p':
		return 'р'
	case 't':
		return 'т'
	case 'x':
		return 'х'
	case 'y':
		return 'у'
	case 'ә':
		return 'а'
	case 'ө':
		return 'о'
	case 'ү', 'ұ':
		return 'у'
	case 'қ':
		return 'к'
	case 'ғ':
		return 'г'
	case 'ң':
		return 'н'
	case 'һ':
		return 'х'
	}
	return r
}

// Fold applies FoldRune to every rune of s.
func Fold(s string) string { return strings.Map(FoldRune, s) }

// LatinBack maps the Cyrillic letters FoldRune produces from Latin ones back
// to Latin (а → a, н → h, …), for spelling a folded word that is Latin.
func LatinBack(r rune) (rune, bool) {
	l, ok := latinBack[r]
	return l, ok
}

var latinBack = map[rune]rune{
	'а': 'a', 'в': 'b', 'с': 'c', 'е': 'e', 'н': 'h', 'и': 'i', 'к': 'k',
	'м': 'm', 'о': 'o', 'р': 'p', 'т': 't', 'х': 'x', 'у': 'y',
}

// LowerRune lowers r and writes ё as е.
func LowerRune(r rune) rune {
	r = unicode.ToLower(r)
	if r == 'ё' {
		return 'е'
	}
	return r
}

// Lower lowers s and writes ё as е (no other folding).
func Lower(s string) string { return strings.Map(LowerRune, s) }

// IsWordRune reports a letter or a digit (and combining marks, which belong
// to the letter before them).
func IsWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func notWord(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// Words cuts s into runs of letters and digits, lowered, ё written as е.
func Words(s string) []string { return strings.FieldsFunc(Lower(s), notWord) }

// Key is the lowered words of s joined by single spaces: the form node keys
// are hashed from, so its rules never change.
func Key(s string) string { return strings.Join(Words(s), " ") }

// Letters is the lowered letters and digits of s without anything between
// them ("ГБД «ЕЛ»" → "гбдел").
func Letters(s string) string { return strings.Join(Words(s), "") }
