package search

import (
	"sort"

	index "github.com/blevesearch/bleve_index_api"
)

// Typo matching. bleve's FuzzyQuery builds a Levenshtein automaton per
// query and field, which for Cyrillic words costs 0.3–3 ms each; instead
// the index keeps the vocabulary of its folded-word fields, grouped by
// length, and a query word's near terms are found by a bounded edit
// distance over the words of close lengths, once for all fields. They are
// then searched as plain terms.

// fuzzyFields are the fields typos are matched in, as bits of vocabEntry.
var fuzzyFields = []struct {
	name  string
	boost float64
}{
	{fNameW, boostFuzzy},
	{fAltW, boostFuzzy},
	{fTextW, boostFuzzy * textShare},
}

type vocabEntry struct {
	term   string
	runes  []rune
	fields uint8 // bit i: the term is in fuzzyFields[i]
}

// vocab is the folded-word vocabulary of an index, by rune length.
type vocab map[int][]vocabEntry

// maxFuzzyTerms bounds the near terms one query word expands to.
const maxFuzzyTerms = 32

func readVocab(r index.IndexReader) (vocab, error) {
	bits := map[string]uint8{}
	for i, f := range fuzzyFields {
		d, err := r.FieldDict(f.name)
		if err != nil {
			return nil, err
		}
		for {
			e, err := d.Next()
			if err != nil {
				d.Close()
				return nil, err
			}
			if e == nil {
				break
			}
			bits[e.Term] |= 1 << i
		}
		if err := d.Close(); err != nil {
			return nil, err
		}
	}
	v := vocab{}
	for t, b := range bits {
		rs := []rune(t)
		v[len(rs)] = append(v[len(rs)], vocabEntry{term: t, runes: rs, fields: b})
	}
	for _, es := range v {
		sort.Slice(es, func(i, j int) bool { return es[i].term < es[j].term })
	}
	return v, nil
}

// nearTerm is a vocabulary term within the edit distance of a query word.
type nearTerm struct {
	*vocabEntry
	dist int
}

// near returns the vocabulary terms at edit distance 1..d of word (not the
// word itself, which is matched as a term), closest first, at most
// maxFuzzyTerms.
func (v vocab) near(word string, d int) []nearTerm {
	w := []rune(word)
	var out []nearTerm
	row := make([]int, len(w)+d+2)
	prev := make([]int, len(w)+d+2)
	for n := len(w) - d; n <= len(w)+d; n++ {
		es := v[n]
		for i := range es {
			if dist := boundedLevenshtein(w, es[i].runes, d, prev, row); dist > 0 && dist <= d {
				out = append(out, nearTerm{&es[i], dist})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].dist < out[j].dist })
	if len(out) > maxFuzzyTerms {
		out = out[:maxFuzzyTerms]
	}
	return out
}

// boundedLevenshtein returns the edit distance of a and b, or d+1 as soon
// as it is known to exceed d. prev and row are scratch rows of at least
// len(a)+1 cells.
func boundedLevenshtein(a, b []rune, d int, prev, row []int) int {
	if abs(len(a)-len(b)) > d {
		return d + 1
	}
	prev, row = prev[:len(a)+1], row[:len(a)+1]
	for i := range prev {
		prev[i] = i
	}
	for j := 1; j <= len(b); j++ {
		row[0] = j
		best := row[0]
		for i := 1; i <= len(a); i++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			row[i] = min(prev[i]+1, row[i-1]+1, prev[i-1]+cost)
			best = min(best, row[i])
		}
		if best > d {
			return d + 1
		}
		prev, row = row, prev
	}
	return min(prev[len(a)], d+1)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
