package textnorm

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// FoldRune folds one rune to its comparison skeleton: lower case, ё → е,
// Latin letters that look like Cyrillic ones to the Cyrillic letter, Kazakh
// letters to the Russian letter they are commonly replaced by. It maps rune
// by rune, so folded text keeps its offsets (search highlights with it).
func FoldRune(r rune) rune {
	if uint32(r) < uint32(len(foldTable)) {
		return foldTable[r]
	}
	return foldRune(r)
}

// foldTable is FoldRune of every rune below U+0800 (Latin, Cyrillic with
// the Kazakh letters): one lookup instead of unicode.ToLower's search of
// the case ranges, which was most of what folding a long text cost (a
// search checks a phrase in the folded texts of its candidates).
var foldTable = func() (t [0x800]rune) {
	for r := range t {
		t[r] = foldRune(rune(r))
	}
	return t
}()

// AppendFold appends s folded rune by rune (FoldRune) to dst, as
// strings.Map(FoldRune, s) would: an invalid byte becomes U+FFFD. It
// decodes the one- and two-byte runes of Latin and Cyrillic text itself.
func AppendFold[T string | []byte](dst []byte, s T) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		var r rune
		switch {
		case c < utf8.RuneSelf:
			r = foldTable[c]
			i++
		case c >= 0xC2 && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			// A valid two-byte sequence: U+0080..U+07FF.
			r = foldTable[rune(c&0x1F)<<6|rune(s[i+1]&0x3F)]
			i += 2
		default:
			var size int
			r, size = utf8.DecodeRuneInString(string(s[i:min(i+utf8.UTFMax, len(s))]))
			r = FoldRune(r)
			i += size
		}
		switch {
		case r < utf8.RuneSelf:
			dst = append(dst, byte(r))
		case r < 0x800:
			dst = append(dst, 0xC0|byte(r>>6), 0x80|byte(r)&0x3F)
		default:
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst
}

// foldRune is FoldRune computed.
func foldRune(r rune) rune {
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
