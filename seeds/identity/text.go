package identity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/karta/karta/catalog/textnorm"
)

// token is one word of a text with its normalized forms and position.
type token struct {
	norm   string // skeleton: case-folded, look-alike and Kazakh letters folded
	start  int    // byte span of the word in the source text
	end    int
	hard   bool  // a hard separator (, ; : ( ) / tab newline dash …) precedes it
	paren  int   // parenthesis depth at the word
	script uint8 // scriptLatin | scriptCyrillic: the scripts of its letters
}

const (
	scriptLatin uint8 = 1 << iota
	scriptCyrillic
)

func scriptOfWord(w string) uint8 {
	var s uint8
	for _, r := range w {
		switch {
		case unicode.Is(unicode.Latin, r):
			s |= scriptLatin
		case unicode.Is(unicode.Cyrillic, r):
			s |= scriptCyrillic
		}
	}
	return s
}

func scriptOf(toks []token) uint8 {
	var s uint8
	for _, t := range toks {
		s |= t.script
	}
	return s
}

// scriptClash reports a text written wholly in one script against a spelling
// written wholly in the other: "KT" (Korea Telecom) is not "КТ". Look-alike
// folding is for names that mix the scripts by mistake ("e-Архив").
func scriptClash(text, spelling uint8) bool {
	return (text == scriptLatin && spelling == scriptCyrillic) || (text == scriptCyrillic && spelling == scriptLatin)
}

// Skeleton returns the comparison form of text: words folded with the
// look-alike and Kazakh letter rules, quotes and punctuation dropped, joined by
// single spaces, "Республики Казахстан" written "рк". Two spellings with the
// same skeleton are the same name for the matcher.
func Skeleton(text string) string { return joinNorm(tokenize(text)) }

func joinNorm(toks []token) string {
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.norm
	}
	return strings.Join(words, " ")
}

func fold(word string) string { return textnorm.Fold(word) }

func isWordRune(r rune) bool { return textnorm.IsWordRune(r) }

func isOpenQuote(r rune) bool  { return r == '«' || r == '“' || r == '„' || r == '‹' }
func isCloseQuote(r rune) bool { return r == '»' || r == '”' || r == '›' }

// isHardRune reports runes that separate names. Quotes, spaces, hyphens and
// dots inside words are soft: they break words but not names.
func isHardRune(r rune) bool {
	switch r {
	case ',', ';', ':', '(', ')', '[', ']', '{', '}', '/', '\\', '|', '!', '?',
		'•', '·', '№', '*', '+', '=', '&', '#', '%', '^', '~', '\t', '\n', '\r',
		'–', '—', '−', '<', '>':
		return true
	}
	return false
}

// tokenize splits text into words. HTML tags and entities count as hard
// separators; list enumerations ("1.", "2)") are dropped and count as hard
// separators; "Республики Казахстан" becomes one word "рк".
func tokenize(s string) []token {
	var toks []token
	hard := false
	paren := 0
	prev := rune(-1) // previous rune consumed (-1 at start)
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '<' && tagLen(s[i:]) > 0:
			i += tagLen(s[i:])
			hard = true
			prev = ' '
			continue
		case r == '&' && entityLen(s[i:]) > 0:
			i += entityLen(s[i:])
			prev = ' '
			continue
		case isWordRune(r):
			j := i
			for j < len(s) {
				r2, w2 := utf8.DecodeRuneInString(s[j:])
				if !isWordRune(r2) {
					break
				}
				j += w2
			}
			word := s[i:j]
			if isEnumeration(word, prev, s[j:]) {
				// "1." "2)": a list marker, not a word.
				hard = true
				i = j
				if i < len(s) {
					_, w3 := utf8.DecodeRuneInString(s[i:])
					i += w3 // the marker's "." or ")"
				}
				prev = ' '
				continue
			}
			toks = append(toks, token{norm: fold(word), start: i, end: j, hard: hard, paren: paren, script: scriptOfWord(word)})
			hard = false
			prev, _ = utf8.DecodeLastRuneInString(word)
			i = j
			continue
		case r == '(':
			paren++
			hard = true
		case r == ')':
			if paren > 0 {
				paren--
			}
			hard = true
		case r == '-' || r == '.' || r == '‐' || r == '‑':
			// Soft inside a word ("Кар-Тел", "edu.kz"), hard otherwise ("X - Y",
			// end of a sentence or an item).
			next, _ := utf8.DecodeRuneInString(s[i+w:])
			if !(prev >= 0 && isWordRune(prev) && i+w < len(s) && isWordRune(next)) {
				hard = true
			}
		case isHardRune(r):
			hard = true
		}
		prev = r
		i += w
	}
	return mergeRK(toks)
}

// isEnumeration reports a list marker: digits directly followed by "." or
// ")" (not by a digit) and not glued to a preceding word or hyphen.
func isEnumeration(word string, prev rune, rest string) bool {
	for _, r := range word {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	if prev >= 0 && (isWordRune(prev) || prev == '-' || prev == '.' || prev == '‐') {
		return false
	}
	if rest == "" || (rest[0] != '.' && rest[0] != ')') {
		return false
	}
	if len(rest) > 1 {
		next, _ := utf8.DecodeRuneInString(rest[1:])
		if unicode.IsDigit(next) {
			return false
		}
	}
	return true
}

// tagLen returns the length of an HTML tag at the start of s, or 0.
func tagLen(s string) int {
	if len(s) < 3 || s[0] != '<' {
		return 0
	}
	c := s[1]
	if !(c == '/' || (c|0x20 >= 'a' && c|0x20 <= 'z')) {
		return 0
	}
	end := strings.IndexByte(s, '>')
	if end < 0 || end > 200 || strings.ContainsAny(s[1:end], "<\n") {
		return 0
	}
	return end + 1
}

// entityLen returns the length of an HTML entity (&nbsp;) at the start of s.
func entityLen(s string) int {
	for j := 1; j < len(s) && j < 10; j++ {
		c := s[j]
		if c == ';' {
			if j == 1 {
				return 0
			}
			return j + 1
		}
		if !(c|0x20 >= 'a' && c|0x20 <= 'z' || c >= '0' && c <= '9' || c == '#') {
			return 0
		}
	}
	return 0
}

// mergeRK writes "Республики Казахстан" as the single word "рк".
func mergeRK(toks []token) []token {
	out := toks[:0]
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.norm == "республики" && i+1 < len(toks) && toks[i+1].norm == "казахстан" && !toks[i+1].hard {
			t.norm = "рк"
			t.end = toks[i+1].end
			t.script |= toks[i+1].script
			i++
		}
		out = append(out, t)
	}
	return out
}

// Slug returns the key form of a name: lower case, ё → е, every run of
// characters other than letters and digits replaced by one "-". It keeps the
// script of each letter; it is the key of table records.
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range name {
		if isWordRune(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(textnorm.LowerRune(r))
			continue
		}
		dash = true
	}
	return b.String()
}

// autoKey is the key of a name that is not in the table: the skeleton words
// joined by "-", each word spelled in one script (Latin when it contains a
// Latin letter that has no Cyrillic look-alike, Cyrillic otherwise), so that
// spellings with the same skeleton get the same key.
func autoKey(toks []token) string {
	parts := make([]string, 0, len(toks))
	for _, t := range toks {
		w := t.norm
		latin := false
		for _, r := range w {
			if r >= 'a' && r <= 'z' {
				latin = true
				break
			}
		}
		if latin {
			var b strings.Builder
			for _, r := range w {
				if l, ok := textnorm.LatinBack(r); ok {
					r = l
				}
				b.WriteRune(r)
			}
			w = b.String()
		}
		parts = append(parts, w)
	}
	return strings.Join(parts, "-")
}

// span returns the source text of toks[i:j], widened to the quotes that
// balance it ("ИС «Беркут»" rather than "ИС «Беркут").
func span(s string, toks []token, i, j int) string {
	if i >= j {
		return ""
	}
	start, end := toks[i].start, toks[j-1].end
	opens, closes := 0, 0
	for _, r := range s[start:end] {
		switch {
		case isOpenQuote(r):
			opens++
		case isCloseQuote(r):
			closes++
		}
	}
	straight := strings.Count(s[start:end], "\"")
	for opens > closes && end < len(s) {
		r, w := utf8.DecodeRuneInString(s[end:])
		if !isCloseQuote(r) {
			break
		}
		end += w
		closes++
	}
	for closes > opens && start > 0 {
		r, w := utf8.DecodeLastRuneInString(s[:start])
		if !isOpenQuote(r) {
			break
		}
		start -= w
		opens++
	}
	if po, pc := strings.Count(s[start:end], "("), strings.Count(s[start:end], ")"); po > pc && end < len(s) && s[end] == ')' {
		end++
	}
	if straight%2 == 1 {
		switch {
		case end < len(s) && s[end] == '"':
			end++
		case start > 0 && s[start-1] == '"':
			start--
		}
	}
	return strings.TrimSpace(s[start:end])
}

// clean collapses white space of a name as written and trims punctuation
// around it.
func clean(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.Trim(s, " .,;:-–—")
}

// letters counts the letters of toks.
func letters(toks []token) int {
	n := 0
	for _, t := range toks {
		for _, r := range t.norm {
			if unicode.IsLetter(r) {
				n++
			}
		}
	}
	return n
}
