package analytics

import (
	"sort"
	"strings"
	"unicode"
)

// stemKey folds a name to the sorted first five letters of its significant
// words, so that «Спортсмен» and «спортсмены», «Турист» and «Туристы» meet.
func stemKey(name string) string {
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(strings.ReplaceAll(name, "ё", "е")), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		r := []rune(w)
		if len(r) < 3 {
			continue
		}
		if len(r) > 5 {
			r = r[:5]
		}
		words = append(words, string(r))
	}
	sort.Strings(words)
	return strings.Join(words, " ")
}
