package textnorm

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Prefix returns the first n letters of a word and whether it has that many.
// Five first letters are a crude stem for Russian names: «физической» and
// «физическая» meet at «физич».
func Prefix(w string, n int) (string, bool) {
	i, k := 0, 0
	for i < len(w) && k < n {
		_, size := utf8.DecodeRuneInString(w[i:])
		i += size
		k++
	}
	return w[:i], k == n
}

// PrefixSet is the set of the first n letters of every word of s that has
// at least min letters, skipping words skip reports (nil skips none).
func PrefixSet(s string, n, min int, skip func(word string) bool) map[string]bool {
	out := map[string]bool{}
	for _, w := range Words(s) {
		if utf8.RuneCountInString(w) < min || (skip != nil && skip(w)) {
			continue
		}
		p, _ := Prefix(w, n)
		out[p] = true
	}
	return out
}

// endings are Russian inflectional endings (nouns, adjectives), longest
// first, on lowered text (ё written as е).
var endings = func() []string {
	e := []string{
		"иями", "ями", "ами", "ией", "иям", "ием", "иях", "ого", "его", "ому", "ему", "ыми", "ими",
		"ев", "ов", "ие", "ье", "еи", "ии", "ей", "ой", "ий", "ям", "ем", "ам", "ом", "ах", "ях",
		"ию", "ью", "ия", "ья", "ая", "яя", "ое", "ее", "ые", "ых", "их", "ым", "им", "ую", "юю", "ый",
		"а", "е", "и", "й", "о", "у", "ы", "ь", "ю", "я",
	}
	sort.SliceStable(e, func(i, j int) bool { return utf8.RuneCountInString(e[i]) > utf8.RuneCountInString(e[j]) })
	return e
}()

// minStem is the shortest stem an ending may leave.
const minStem = 3

// Stem strips one inflectional ending from a lowered word of four letters or
// more, so that «спортсменах», «спортсмена» and «спортсмен» meet at
// «спортсмен», and «лицензия», «лицензии», «лицензий» at «лиценз».
func Stem(w string) string {
	n := utf8.RuneCountInString(w)
	if n < 4 {
		return w
	}
	for _, e := range endings {
		if strings.HasSuffix(w, e) && n-utf8.RuneCountInString(e) >= minStem {
			return w[:len(w)-len(e)]
		}
	}
	return w
}
