package search

import (
	"fmt"
	"math"
	"math/rand"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// TestSkeleton: the exact-match form ignores case, quotes, hyphens and
// look-alike letters, and keeps word boundaries.
func TestSkeleton(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"eQonaq", "еQonaq"}, // Latin e, Cyrillic е
		{"E-Архив", "Е-Архив"},
		{"ИС «Е-Архив»", "ис е архив"},
		{"ГБД ЕЛ", "гбд  ел"},
		{"Ёлка", "елка"},
		{"Қазақстан", "Казакстан"},
	} {
		if skeleton(tc.a) != skeleton(tc.b) {
			t.Errorf("skeleton(%q) = %q, skeleton(%q) = %q", tc.a, skeleton(tc.a), tc.b, skeleton(tc.b))
		}
	}
	// The same as folding each run of word runes and joining them by one
	// space (its first formulation).
	for _, v := range []string{"", " ", "«»—", "ИС «Е-Архив»", "  ГБД  ЕЛ ", "eQonaq-2 Ёлка\tҚазақстан", "a\xffb",
		"Платформа ИИ «OlympIQ»", "x", "ǅž"} {
		var words []string
		for _, w := range strings.FieldsFunc(v, func(r rune) bool { return !isWordRune(r) }) {
			words = append(words, fold(w))
		}
		if got, want := skeleton(v), strings.Join(words, " "); got != want {
			t.Errorf("skeleton(%q) = %q, want %q", v, got, want)
		}
	}
	for _, tc := range []struct{ a, b string }{
		{"elicense", "e-license"},
		{"ГБД ЕЛ", "ГБД АР"},
	} {
		if skeleton(tc.a) == skeleton(tc.b) {
			t.Errorf("skeleton(%q) = skeleton(%q)", tc.a, tc.b)
		}
	}
}

func naiveLevenshtein(a, b []rune) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+c)
		}
	}
	return d[len(a)][len(b)]
}

// TestBoundedLevenshtein agrees with the textbook distance up to the bound
// on random Cyrillic words.
func TestBoundedLevenshtein(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	alphabet := []rune("спортмен")
	word := func() []rune {
		w := make([]rune, 3+r.Intn(8))
		for i := range w {
			w[i] = alphabet[r.Intn(len(alphabet))]
		}
		return w
	}
	scratch1, scratch2 := make([]int, 32), make([]int, 32)
	for i := 0; i < 20000; i++ {
		a, b := word(), word()
		for d := 1; d <= 2; d++ {
			want := min(naiveLevenshtein(a, b), d+1)
			if got := boundedLevenshtein(a, b, d, scratch1, scratch2); got != want {
				t.Fatalf("distance(%q, %q) bounded by %d = %d, want %d", string(a), string(b), d, got, want)
			}
		}
	}
}

// TestNear: near terms of a word, closest first, never the word itself.
func TestNear(t *testing.T) {
	v := vocab{}
	for _, w := range []string{"спортсмен", "спортсмена", "спортсмены", "спорт", "тренер", "спартсмен"} {
		rs := []rune(w)
		v[len(rs)] = append(v[len(rs)], vocabEntry{term: w, runes: rs, fields: 1})
	}
	var got []string
	for _, n := range v.near("спартсмен", 2) {
		got = append(got, n.term)
	}
	if strings.Join(got[:1], ",") != "спортсмен" || len(got) != 3 {
		t.Errorf("near(спартсмен) = %v", got)
	}
}

// TestSnippet: marks, escaping, cutting around the first match at word
// boundaries.
func TestSnippet(t *testing.T) {
	text := "Данные <спортсменов> & тренеров"
	i := strings.Index(text, "спортсменов")
	if got, want := snippet(text, [][2]int{{i, i + len("спортсменов")}}, 200), "Данные &lt;<mark>спортсменов</mark>&gt; &amp; тренеров"; got != want {
		t.Errorf("short: %q, want %q", got, want)
	}
	// Overlapping and touching spans merge; invalid spans are dropped.
	if got, want := snippet("абв где", [][2]int{{0, 4}, {2, 6}, {7, 13}, {-1, 3}, {5, 100}}, 200), "<mark>абв</mark> <mark>где</mark>"; got != want {
		t.Errorf("merge: %q, want %q", got, want)
	}
	long := strings.Repeat("слово ", 100) + "лицензия " + strings.Repeat("текст ", 100)
	i = strings.Index(long, "лицензия")
	got := snippet(long, [][2]int{{i, i + len("лицензия")}}, 60)
	if !strings.HasPrefix(got, "…слово") || !strings.HasSuffix(got, "текст…") || !strings.Contains(got, "<mark>лицензия</mark>") {
		t.Errorf("long: %q", got)
	}
	if n := len([]rune(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(got))); n > 62 {
		t.Errorf("long snippet has %d runes", n)
	}
	if got := snippet(long, nil, 20); !strings.HasPrefix(got, "слово") || !strings.HasSuffix(got, "…") {
		t.Errorf("no match: %q", got)
	}
}

// TestCursor: cursors round-trip; garbage is rejected.
func TestCursor(t *testing.T) {
	for _, n := range []int{0, 1, 20, 12345} {
		if got, err := decodeCursor(encodeCursor(n)); err != nil || got != n {
			t.Errorf("cursor %d → %d, %v", n, got, err)
		}
	}
}

// refMatch is matcher.match as the analyzers define it: every token of
// both analyzers of value, checked against the query's forms.
func refMatch(t *testing.T, m *matcher, value string) (spans [][2]int, words int) {
	t.Helper()
	mp, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	pos := map[int]bool{}
	hasPrefix := func(s string, ps [][]byte) bool {
		for _, p := range ps {
			if strings.HasPrefix(s, string(p)) {
				return true
			}
		}
		return false
	}
	for _, tok := range mp.AnalyzerNamed(analyzerFold).Analyze([]byte(value)) {
		if term := string(tok.Term); m.folds[term] || hasPrefix(term, m.foldPrefixes) {
			spans = append(spans, [2]int{tok.Start, tok.End})
			pos[tok.Position] = true
		}
	}
	for _, tok := range mp.AnalyzerNamed(analyzerStem).Analyze([]byte(value)) {
		if term := string(tok.Term); m.stems[term] || hasPrefix(term, m.stemPrefixes) {
			spans = append(spans, [2]int{tok.Start, tok.End})
			pos[tok.Position] = true
		}
	}
	return spans, len(pos)
}

// TestMatchAgreesWithAnalyzers: the matcher, which stems only the words
// that start with a query stem, marks exactly what the two analyzers
// match, stop words and look-alike letters included.
func TestMatchAgreesWithAnalyzers(t *testing.T) {
	mp, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	b, err := newDocBuilder(mp)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"Регистрация спортсменов и тренеров в системе «Спортсмен»",
		"Лицензирование деятельности операторов связи; лицензии выдаются в ИС «Е-лицензирование»",
		"Так как данные о таком спорте ведутся на бумаге, их нет в базе",
		"eQonaq — учёт туристов, Ёлка, ёлки, Қазақстан, Казахстан",
		"Сведения о спортсменах высших достижений, спортсмена-инструктора, спортивные федерации",
		"Данные данных данными, базы данных ГБД ЮЛ и ГБД ФЛ",
	}
	for _, q := range []string{"спортсмены", "лицензии", "данные", "таком спорте", "ёлка", "казахстан", "еQonaq", "ГБД ЮЛ", "в", "так", "спортом"} {
		folded := mp.AnalyzerNamed(analyzerFold).Analyze([]byte(q))
		stemmed := mp.AnalyzerNamed(analyzerStem).Analyze([]byte(q))
		stems := map[int]string{}
		for _, tok := range stemmed {
			stems[tok.Position] = string(tok.Term)
		}
		var ws []qword
		for _, tok := range folded {
			f := string(tok.Term)
			ws = append(ws, qword{fold: f, stem: stems[tok.Position], runes: runeLen(f)})
		}
		m := newMatcher(ws, q, b.stop)
		for _, text := range texts {
			gotSpans, gotWords, _ := m.match(text, "")
			wantSpans, wantWords := refMatch(t, m, text)
			got, want := snippet(text, gotSpans, 1000), snippet(text, wantSpans, 1000)
			if got != want || gotWords != wantWords {
				t.Errorf("%q in %q:\n got  %s (%d words)\n want %s (%d words)", q, text, got, gotWords, want, wantWords)
			}
		}
	}
}

// TestDualAgreesWithAnalyzers: a document's stemmed and folded fields,
// analysed together, index the terms and frequencies the mapping's
// analyzers give (which the queries use).
func TestDualAgreesWithAnalyzers(t *testing.T) {
	mp, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	b, err := newDocBuilder(mp)
	if err != nil {
		t.Fatal(err)
	}
	for _, elems := range [][]string{
		{"Регистрация спортсменов и тренеров в системе «Спортсмен», спортсмены"},
		{"Так как данные о таком спорте ведутся на бумаге, их нет в базе данных"},
		{"eQonaq — учёт туристов, Ёлка, ёлки, Қазақстан, Казахстан, E-Архив ΣΟΦΙΑΣ"},
		{"Данные о спорте", "данные о спортсменах", "ДАННЫЕ"},
	} {
		// Through the fields, as zap reads them: the views of the fields
		// are reused from one case to the next.
		n := &node{name: "n"}
		for _, e := range elems {
			n.text = append(n.text, part{Field: "overview", Value: e})
		}
		d := &b.documents([]*node{n})[0]
		stem, fold := &d.fields[kText], &d.fields[kTextW]
		stem.Analyze()
		fold.Analyze()
		for _, side := range []struct {
			analyzer string
			got      index.TokenFrequencies
			n        int
		}{{analyzerStem, stem.AnalyzedTokenFrequencies(), stem.AnalyzedLength()}, {analyzerFold, fold.AnalyzedTokenFrequencies(), fold.AnalyzedLength()}} {
			want := index.TokenFrequencies{}
			n := 0
			for _, e := range elems {
				ts := mp.AnalyzerNamed(side.analyzer).Analyze([]byte(e))
				n += len(ts)
				want.MergeAll("", analysis.TokenFrequency(ts, nil, 0))
			}
			if side.n != n || len(side.got) != len(want) {
				t.Errorf("%s %q: %d tokens, %d terms; want %d, %d", side.analyzer, elems, side.n, len(side.got), n, len(want))
				continue
			}
			for term, w := range want {
				g := side.got[term]
				if g == nil || string(g.Term) != term || g.Frequency() != w.Frequency() || len(g.Locations) != 0 {
					t.Errorf("%s %q: term %q: %+v, want %+v", side.analyzer, elems, term, g, w)
				}
			}
		}
	}
}

// refPhrase is the phrase match of bleve's phrase searcher on a folded
// field: the terms at consecutive positions of the folded analyzer's
// tokens of one element.
func refPhrase(t *testing.T, mp *mapping.IndexMappingImpl, elems []string, terms []string) bool {
	t.Helper()
	for _, e := range elems {
		at := map[int]string{}
		for _, tok := range mp.AnalyzerNamed(analyzerFold).Analyze([]byte(e)) {
			at[tok.Position] = string(tok.Term)
		}
		for p := range at {
			k := 0
			for k < len(terms) && at[p+k] == terms[k] {
				k++
			}
			if k == len(terms) {
				return true
			}
		}
	}
	return false
}

// TestHasPhrase: the phrase check on a node's texts agrees with the
// positions the folded analyzer gives (what bleve's phrase searcher
// checked when the index kept term vectors): case, look-alike letters and
// punctuation do not matter, a phrase never spans two elements, and a
// repeated first word does not hide a match.
func TestHasPhrase(t *testing.T) {
	mp, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	elems := [][]string{
		{"Единый реестр выданных лицензий на деятельность"},
		{"Реестр, лицензий: нет", "единый реестр"},
		{"единый", "реестр лицензий"},
		{"данные данные данные о спорте"},
		{"eQonaq — учёт туристов", "ИС «Е-Архив»"},
		{""},
	}
	for _, q := range []string{"реестр лицензий", "единый реестр", "единый реестр лицензий", "данные данные о", "данные о спорте",
		"учет туристов", "еqонаq учет", "ис е-архив", "лицензий реестр", "туристов ис"} {
		var terms []string
		for _, tok := range mp.AnalyzerNamed(analyzerFold).Analyze([]byte(q)) {
			terms = append(terms, string(tok.Term))
		}
		for _, es := range elems {
			got := false
			for _, e := range es {
				got = got || hasPhrase(e, terms)
			}
			if want := refPhrase(t, mp, es, terms); got != want {
				t.Errorf("%q in %q: %v, want %v", q, es, got, want)
			}
		}
	}
	for _, tc := range []struct {
		value string
		terms []string
		want  bool
	}{
		{"Реестр, лицензий: нет", []string{"реестр", "лицензий"}, true},
		{"а а а б", []string{"а", "а", "б"}, true},
		{"единый реестр", []string{"реестр", "единый"}, false},
	} {
		if got := hasPhrase(tc.value, tc.terms); got != tc.want {
			t.Errorf("hasPhrase(%q, %q) = %v", tc.value, tc.terms, got)
		}
	}
}

// TestSkeletonField: the whole-value fields index the terms the skeleton
// analyzer of the mapping gives (which the exact-match queries look up):
// the name's, and the aliases' merged as zap merges fields of one name.
func TestSkeletonField(t *testing.T) {
	mp, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	b, err := newDocBuilder(mp)
	if err != nil {
		t.Fatal(err)
	}
	values := []string{"ИС «Е-Архив»", "ГБД ЕЛ", "eQonaq", "«»—", "", "Ёлка Қазақстан", "ис е архив"}
	n := &node{}
	for _, v := range values {
		n.alt = append(n.alt, part{Field: "aliases", Value: v})
		n.altSkeletons = append(n.altSkeletons, skeleton(v))
	}
	alts := index.TokenFrequencies{}
	altLen := 0
	for _, v := range values {
		n.name, n.nameSkeleton = v, skeleton(v)
		d := &b.documents([]*node{n})[0]
		ts := mp.AnalyzerNamed(analyzerSkeleton).Analyze([]byte(v))
		want := analysis.TokenFrequency(ts, nil, 0)
		alts.MergeAll("", want)
		altLen += len(ts)
		checkFreqs(t, v, &d.fields[kNameKW], len(ts), want)
	}
	d := &b.documents([]*node{n})[0]
	checkFreqs(t, "aliases", &d.fields[kAltKW], altLen, alts)
}

func checkFreqs(t *testing.T, what string, f *field, n int, want index.TokenFrequencies) {
	t.Helper()
	f.Analyze()
	got := f.AnalyzedTokenFrequencies()
	if f.AnalyzedLength() != n || len(got) != len(want) {
		t.Errorf("%q: %d tokens %v, want %d %v", what, f.AnalyzedLength(), got, n, want)
		return
	}
	for term, w := range want {
		if g := got[term]; g == nil || g.Frequency() != w.Frequency() || len(g.Locations) != 0 {
			t.Errorf("%q: term %q: %+v, want %+v", what, term, g, w)
		}
	}
}

// TestHasPhraseMixed: on values of mixed scripts, cases, look-alike
// letters, digits and punctuation that joins or splits words («.», «'»,
// «_», «:», hyphens, soft hyphens, combining marks), the phrase check —
// its in-a-row pre-check first — agrees with the folded analyzer's
// positions for phrases taken from the value's own words and near them.
func TestHasPhraseMixed(t *testing.T) {
	mp, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	pieces := []string{"Реестр", "реестр", "PEECTP", "лицензий", "ЛИЦЕНЗИЙ", "лицeнзий", "e-Архив", "ИС", "2024", "a1", "β",
		"数据", "ǅ", "Ёлка", "ёлка", "қазақ", " ", " ", " ", ", ", ". ", ".", "-", "—", "'", "_", ":", "\u00ad", "\u0301", "\u200d", "«", "»", "😀", "\n"}
	rng := rand.New(rand.NewSource(1))
	checked, matched := 0, 0
	for range 3000 {
		var b strings.Builder
		for range 2 + rng.Intn(12) {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		value := b.String()
		toks := mp.AnalyzerNamed(analyzerFold).Analyze([]byte(value))
		if len(toks) == 0 {
			continue
		}
		for range 4 {
			i := rng.Intn(len(toks))
			n := 1 + rng.Intn(min(3, len(toks)-i))
			var terms []string
			for _, tok := range toks[i : i+n] {
				terms = append(terms, string(tok.Term))
			}
			if rng.Intn(3) == 0 { // a word of another place
				terms[rng.Intn(len(terms))] = string(toks[rng.Intn(len(toks))].Term)
			}
			want := refPhrase(t, mp, []string{value}, terms)
			if got := hasPhrase(value, terms); got != want {
				t.Fatalf("hasPhrase(%q, %q) = %v, want %v", value, terms, got, want)
			}
			checked++
			if want {
				matched++
			}
		}
	}
	if matched == 0 || matched == checked {
		t.Fatalf("%d of %d phrases matched: the cases do not test both ways", matched, checked)
	}
}

// TestDocIDs: a node's document ID is its ent ID zero-padded to 20 digits,
// so that document IDs sort as ent IDs.
func TestDocIDs(t *testing.T) {
	ids := []int{1, 9, 10, 4294967297, 123456789012345678, math.MaxInt64}
	nodes := make([]*node, len(ids))
	for i, id := range ids {
		nodes[i] = &node{id: id}
	}
	got := docIDs(nodes)
	for i, id := range ids {
		if want := fmt.Sprintf("%020d", id); got[i] != want {
			t.Errorf("docIDs: %d is %q, want %q", id, got[i], want)
		}
		if i > 0 && got[i-1] >= got[i] {
			t.Errorf("docIDs: %q sorts after %q", got[i-1], got[i])
		}
	}
}
