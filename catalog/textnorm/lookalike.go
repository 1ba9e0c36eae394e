package textnorm

import (
	"strings"
	"unicode"
)

// Latin and Greek letters that look like Cyrillic ones, and the Cyrillic
// letter each one stands for inside a Cyrillic word.
var toCyrillic = map[rune]rune{
	'A': 'А', 'B': 'В', 'C': 'С', 'E': 'Е', 'H': 'Н', 'I': 'І', 'K': 'К', 'M': 'М',
	'O': 'О', 'P': 'Р', 'T': 'Т', 'X': 'Х', 'Y': 'У',
	'a': 'а', 'c': 'с', 'e': 'е', 'i': 'і', 'o': 'о', 'p': 'р', 'x': 'х', 'y': 'у',
	'Α': 'А', 'Β': 'В', 'Ε': 'Е', 'Η': 'Н', 'Ι': 'І', 'Κ': 'К', 'Μ': 'М', 'Ο': 'О',
	'Ρ': 'Р', 'Τ': 'Т', 'Υ': 'У', 'Χ': 'Х',
	'α': 'а', 'ε': 'е', 'ι': 'и', 'κ': 'к', 'ο': 'о', 'ρ': 'р', 'τ': 'т', 'υ': 'у', 'χ': 'х',
}

// Cyrillic letters that look like Latin ones (a Latin word with a stray
// Cyrillic letter, such as "КPI").
var toLatin = map[rune]rune{
	'А': 'A', 'В': 'B', 'С': 'C', 'Е': 'E', 'Н': 'H', 'І': 'I', 'К': 'K', 'М': 'M',
	'О': 'O', 'Р': 'P', 'Т': 'T', 'Х': 'X', 'У': 'Y',
	'а': 'a', 'с': 'c', 'е': 'e', 'і': 'i', 'о': 'o', 'р': 'p', 'х': 'x', 'у': 'y',
}

// FixLookalikes repairs text for display: Latin or Greek letters that stand
// in for Cyrillic ones inside words that are otherwise Cyrillic ("Фιο" →
// "Фио"; case kept). A word counts as Cyrillic when it has a Cyrillic letter
// without a Latin twin (Ф, И, Л, …), or when Cyrillic letters are the
// majority; a word with any foreign letter that has no Cyrillic twin is left
// alone. A word made only of letters both alphabets share, mostly Latin,
// gets its stray Cyrillic letters turned Latin ("КPI" → "KPI"). Words in one
// script ("eGov", "ИС") are never touched.
func FixLookalikes(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	word := make([]rune, 0, 32)
	flush := func() {
		if len(word) > 0 {
			fixWord(word)
			b.WriteString(string(word))
			word = word[:0]
		}
	}
	for _, r := range s {
		if unicode.IsLetter(r) {
			word = append(word, r)
			continue
		}
		flush()
		b.WriteRune(r)
	}
	flush()
	return b.String()
}

// fixWord rewrites w in place.
func fixWord(w []rune) {
	var cyr, cyrUnique, latin, foreign, unmappable int
	for _, r := range w {
		if unicode.Is(unicode.Cyrillic, r) {
			cyr++
			if _, twin := toLatin[r]; !twin {
				cyrUnique++
			}
			continue
		}
		foreign++
		if r < 0x80 {
			latin++
		}
		if _, ok := toCyrillic[r]; !ok {
			unmappable++
		}
	}
	if cyr == 0 || foreign == 0 {
		return
	}
	switch {
	case unmappable == 0 && (cyrUnique > 0 || cyr > foreign):
		for i, r := range w {
			if c, ok := toCyrillic[r]; ok {
				w[i] = c
			}
		}
	case cyrUnique == 0 && latin == foreign && latin > cyr:
		for i, r := range w {
			if l, ok := toLatin[r]; ok {
				w[i] = l
			}
		}
	}
}
