package analytics

import (
	"regexp"
	"strings"
	"unicode"
)

// stopWords are words too common in the maps' data names to tell data apart.
var stopWords = map[string]bool{
	"данны": true, "сведе": true, "инфор": true, "учет": true, "реест": true, "докум": true,
}

// stemSet folds a name to the set of the first five letters of its words of
// four letters or more (parenthesised qualifiers and stop words left out), so
// that «периодические печатные издания» in two spellings meet.
func stemSet(name string) map[string]bool {
	out := map[string]bool{}
	// A parenthesised qualifier («(авто транспорт)») says which kind, not what.
	name = parenthesized.ReplaceAllString(name, " ")
	for _, w := range strings.FieldsFunc(strings.ToLower(strings.ReplaceAll(name, "ё", "е")), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		r := []rune(w)
		if len(r) < 4 {
			continue
		}
		if len(r) > 5 {
			r = r[:5]
		}
		if s := string(r); !stopWords[s] {
			out[s] = true
		}
	}
	return out
}

var parenthesized = regexp.MustCompile(`\([^)]*\)`)
