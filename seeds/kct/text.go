package kct

import (
	"github.com/karta/karta/catalog/textnorm"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// IllegibleMarker is the marker the conversion left where it could not read
// the source. The parser keeps it visible in the text it interrupts.
const IllegibleMarker = "[illegible]"

// normalizeLine cleans one source line: carriage returns, odd spaces, soft
// hyphens and zero-width characters go, look-alike letters are fixed and
// trailing spaces (markdown hard breaks) are trimmed. Tabs are kept: they are
// the cell separators.
func normalizeLine(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\r', '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
			return -1
		case '\u00a0', '\u2007', '\u202f', '\u2009', '\u200a', '\u2002', '\u2003':
			return ' '
		}
		if r != '\t' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	s = textnorm.FixLookalikes(s)
	return strings.TrimRight(s, " ")
}

var (
	boldRe   = regexp.MustCompile(`\*\*([^*]+?)\*\*`)
	italicRe = regexp.MustCompile(`(^|[\s(«"])\*([^*\s][^*]*?[^*\s]|[^*\s])\*([\s).,;:»"]|$)`)
	escapeRe = regexp.MustCompile("\\\\([*_#`\\[\\]()<>\\-.!+|~])")
	spacesRe = regexp.MustCompile(`[ \t]{2,}`)
)

// stripMarkdown removes markdown emphasis ("**x**", "*x*") and escapes
// ("\*"), and collapses runs of spaces. A lone asterisk (a footnote mark or
// the "*" of "F*") is kept.
func stripMarkdown(s string) string {
	if strings.Contains(s, "*") {
		s = boldRe.ReplaceAllString(s, "$1")
		s = italicRe.ReplaceAllString(s, "$1$2$3")
	}
	if strings.Contains(s, `\`) {
		s = escapeRe.ReplaceAllString(s, "$1")
	}
	return collapseSpaces(s)
}

func collapseSpaces(s string) string {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "  ") || strings.Contains(s, "\t") {
		s = spacesRe.ReplaceAllString(s, " ")
	}
	return s
}

// firstRune returns the first rune of s (0 if empty).
func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return 0
	}
	return r
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	if r == utf8.RuneError {
		return 0
	}
	return r
}

// startsLower reports whether s starts with a lowercase letter, i.e. reads
// as the continuation of a sentence broken by a page break. URLs do not count.
func startsLower(s string) bool {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "http") || strings.HasPrefix(s, "www.") {
		return false
	}
	return unicode.IsLower(firstRune(s))
}

// continuesSentence reports whether s reads as the rest of a sentence: it
// starts with a lowercase letter or an opening parenthesis.
func continuesSentence(s string) bool {
	s = strings.TrimSpace(s)
	return startsLower(s) || strings.HasPrefix(s, "(")
}

// Short Russian words that a page break never splits off a longer word.
var shortWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`а в и к о с у я во да до же за из их ко ли на не ни но об он от по со то ту уж бы мы вы ее её ей им как так все всё для без при над под про или что чем тем том тот эта это эти нее них раз год лет ряд вид ход уже еще ещё где кто вне меж оба обе сам там тут чей чья чьи ими них его сем млн тыс руб км шт ед чел га ст гг рк ип`) {
		shortWords[w] = true
	}
}

// isWordTail reports whether s starts with a lowercase fragment that cannot be
// a word of its own ("ная категория": the rest of "Квалификацион|ная").
func isWordTail(s string) bool {
	end := 0
	for i, r := range s {
		if !unicode.IsLetter(r) {
			end = i
			break
		}
		end = i + utf8.RuneLen(r)
	}
	tok := s[:end]
	n := utf8.RuneCountInString(tok)
	if n == 0 || n > 3 || !unicode.IsLower(firstRune(tok)) || !isCyrillic(firstRune(tok)) {
		return false
	}
	return !shortWords[tok]
}

// joinText joins two pieces of a text broken by a page or line break: a word
// hyphenated at the break ("научно-" + "реставрационных") or cut in the middle
// ("Квалификацион" + "ная") is glued, anything else gets one space.
func joinText(a, b string) string {
	a = strings.TrimRight(a, " \t")
	b = strings.TrimLeft(b, " \t")
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	ra := lastRune(a)
	if ra == '-' {
		before := lastRune(strings.TrimSuffix(a, "-"))
		if unicode.IsLetter(before) {
			return a + b
		}
	}
	if unicode.IsLetter(ra) && isCyrillic(ra) && isWordTail(b) {
		return a + b
	}
	return a + " " + b
}

var (
	trailingCloseRe = regexp.MustCompile(`(?i)(\s*</(p|li|ol|ul|b|u|i|strong|em)>)+\s*$`)
	leadingOpenRe   = regexp.MustCompile(`(?i)^\s*(<(p|li)(\s[^<>]*)?>\s*)+`)
)

// joinCell appends the continuation b of a table cell to a. When b carries on
// a sentence, closing tags at the end of a and an opening <p>/<li> at the
// start of b are dropped so the two halves become one paragraph or list item.
func joinCell(a, b string) string {
	if strings.TrimSpace(b) == "" {
		return a
	}
	if strings.TrimSpace(a) == "" {
		return strings.TrimSpace(b)
	}
	if continuesSentence(plainText(b)) {
		a = trailingCloseRe.ReplaceAllString(a, "")
		b = leadingOpenRe.ReplaceAllString(b, "")
	}
	return joinText(a, b)
}

// plainText is the cell's text without tags, on one line.
func plainText(raw string) string {
	return strings.Join(htmlBlockTexts(raw), " ")
}

// cleanText is the cell's clean text: HTML turned into lines (one per
// paragraph or list item), markdown emphasis removed.
func cleanText(raw string) string {
	return strings.Join(htmlBlockTexts(raw), "\n")
}

// oneLine is cleanText on a single line.
func oneLine(raw string) string {
	return strings.Join(htmlBlockTexts(raw), " ")
}

// trimPunct removes trailing list punctuation (";", ",") and a final full
// stop that is not part of an abbreviation.
func trimPunct(s string) string {
	s = strings.TrimSpace(s)
	for {
		t := strings.TrimRight(s, ";, ")
		if strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "..") && !endsWithAbbrev(t) {
			t = strings.TrimSpace(strings.TrimSuffix(t, "."))
		}
		if t == s {
			return s
		}
		s = t
	}
}

var abbrevEnd = regexp.MustCompile(`(^|[\s(])(г|гг|т\.д|т\.п|т\.ч|др|пр|ст|п|пп|млн|млрд|тыс|руб|ед|обл|каб|кв|No)\.$`)

func endsWithAbbrev(s string) bool { return abbrevEnd.MatchString(s) }

// lowerTrim is the lowercase, space-collapsed form used to classify titles
// and labels.
func lowerTrim(s string) string { return textnorm.Lower(collapseSpaces(s)) }

func isCyrillic(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
