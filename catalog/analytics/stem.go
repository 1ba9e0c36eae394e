package analytics

import (
	"regexp"

	"github.com/karta/karta/catalog/textnorm"
)

// stopWords are the first letters of words too common in the maps' data
// names to tell data apart.
var stopWords = map[string]bool{
	"данны": true, "сведе": true, "инфор": true, "учет": true, "реест": true, "докум": true,
}

// stemSet folds a name to the set of the first five letters of its words of
// four letters or more (parenthesised qualifiers and stop words left out), so
// that «периодические печатные издания» in two spellings meet.
func stemSet(name string) map[string]bool {
	// A parenthesised qualifier («(авто транспорт)») says which kind, not what.
	name = parenthesized.ReplaceAllString(name, " ")
	return textnorm.PrefixSet(name, 5, 4, func(w string) bool {
		p, _ := textnorm.Prefix(w, 5)
		return stopWords[p]
	})
}

var parenthesized = regexp.MustCompile(`\([^)]*\)`)
