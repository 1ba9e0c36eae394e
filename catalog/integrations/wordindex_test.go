package integrations_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/karta/karta/catalog/integrations"
	"github.com/karta/karta/catalog/versioned"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/seeds/synth"
	"github.com/karta/karta/server/storagetest"
)

// The word index of the tables changes which rows DataSources scores, not
// its answers: on the 40-map catalog, for every entity and attribute name,
// integration data text, every word of them, their typos and prefixes,
// the answer scoring only the index's candidates is the answer scoring
// every row, byte for byte (JSON).
func TestWordIndexAnswersAsScoringEveryRowAt40Maps(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 40 maps")
	}
	ctx := context.Background()
	c, _ := storagetest.Open(t)
	if err := synth.Load(ctx, c, 40); err != nil {
		t.Fatal(err)
	}
	in := integrations.Memoized{Memo: &versioned.Memo{}}
	needs := wordIndexNeeds(ctx, t, c)
	if len(needs) < 1000 {
		t.Fatalf("only %d needs", len(needs))
	}
	var matched, narrowed int
	for _, need := range needs {
		got, err := in.DataSources(ctx, c, need)
		if err != nil {
			t.Fatalf("%q: %v", need, err)
		}
		want, scored, rows, err := in.DataSourcesScoringEveryRow(ctx, c, need)
		if err != nil {
			t.Fatalf("%q: %v", need, err)
		}
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		if string(g) != string(w) {
			t.Fatalf("%q: indexed answer differs:\n got %.600s\nwant %.600s", need, g, w)
		}
		if len(want) > 0 {
			matched++
		}
		if scored < rows/2 {
			narrowed++
		}
	}
	// The comparison is not empty, and the index does narrow.
	if matched < len(needs)/2 || narrowed < len(needs)/2 {
		t.Fatalf("%d needs: %d matched something, %d scored less than half the rows", len(needs), matched, narrowed)
	}
	t.Logf("%d needs: %d matched something, %d scored less than half the rows", len(needs), matched, narrowed)
}

// wordIndexNeeds are needs drawn from the catalog's names: each name whole,
// each distinct word, in upper case (acronyms), its first five letters, and
// typos (a letter dropped, two swapped, the last replaced), plus needs of
// stop words only and of nothing known.
func wordIndexNeeds(ctx context.Context, t *testing.T, c *ent.Client) []string {
	t.Helper()
	var names []string
	for _, e := range c.Entity.Query().AllX(ctx) {
		names = append(names, e.Name)
	}
	for _, a := range c.Attribute.Query().AllX(ctx) {
		names = append(names, a.Name)
	}
	for _, it := range c.Integration.Query().AllX(ctx) {
		names = append(names, it.DataText)
		names = append(names, it.DataNames...)
	}
	needs := []string{"данные", "сведения о получении", "xyz", "медицинские данные о спортсменах", "ИИН", "БИН"}
	seen := map[string]bool{}
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" && !seen[s] {
			seen[s] = true
			needs = append(needs, s)
		}
	}
	for _, n := range names {
		add(n)
		for _, w := range strings.FieldsFunc(n, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			r := []rune(w)
			add(w)
			add(strings.ToUpper(w))
			if len(r) > 5 {
				add(string(r[:5]))
			}
			if len(r) >= 4 {
				add(string(slices.Concat(r[:1], r[2:])))                 // a letter dropped
				add(string(slices.Concat(r[:1], r[2:3], r[1:2], r[3:]))) // two swapped
				add(string(slices.Concat(r[:len(r)-1], []rune("ы"))))    // the last replaced
			}
		}
	}
	return needs
}
