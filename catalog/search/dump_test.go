package search_test

import (
	"context"
	"encoding/json"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/karta/karta/catalog/search"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/seeds/synth"
	"github.com/karta/karta/server"
	"github.com/karta/karta/server/storagetest"
)

// TestDumpResults writes the results of many queries in three forms (a first
// page; a filtered page; a second page) on the index of
// KARTA_SEARCH_DUMP_MAPS maps (seeds/synth, 10 by default) to the file
// KARTA_SEARCH_DUMP (or on the SQLite file KARTA_SEARCH_DUMP_SQLITE), scores
// at full precision: the same dump before and after a change of the build or
// of the search shows that results stayed identical. Two builds of one
// catalog give the same scores to the bit (TestTiesAcrossBuilds); a change
// of how scores are summed may change their last bits: then compare scores
// with a tolerance (1e-12) and, within a run of equal scores, hits as a
// set. Skipped without KARTA_SEARCH_DUMP (it is a tool, not a test).
func TestDumpResults(t *testing.T) {
	path := os.Getenv("KARTA_SEARCH_DUMP")
	if path == "" {
		t.Skip("KARTA_SEARCH_DUMP not set")
	}
	maps := 10
	if s := os.Getenv("KARTA_SEARCH_DUMP_MAPS"); s != "" {
		var err error
		if maps, err = strconv.Atoi(s); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	var client *ent.Client
	if file := os.Getenv("KARTA_SEARCH_DUMP_SQLITE"); file != "" {
		// A catalog prepared once (bin/benchhttp prepare -sqlite): synth
		// assigns IDs and copy names in no fixed order, so two loads differ.
		var err error
		if client, err = server.OpenDB("", file, server.DefaultPool); err != nil {
			t.Fatal(err)
		}
		defer client.Close()
	} else {
		client, _ = storagetest.Open(t)
		if err := synth.Load(ctx, client, maps); err != nil {
			t.Fatal(err)
		}
	}
	ix, err := search.Build(ctx, client)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	queries := dumpQueries(t, ix)
	type form struct {
		Q   search.Query
		Res *search.Result
		Err string
	}
	var out []form
	run := func(q search.Query) *search.Result {
		res, err := ix.Search(ctx, q)
		f := form{Q: q, Res: res}
		if err != nil {
			f.Err = err.Error()
		}
		out = append(out, f)
		return res
	}
	for _, text := range queries {
		res := run(search.Query{Text: text, First: 20})
		if res == nil {
			continue
		}
		q := search.Query{Text: text, First: 10}
		if len(res.Facets.Types) > 0 {
			q.Types = []string{res.Facets.Types[len(res.Facets.Types)/2].Key}
		}
		if len(res.Facets.Ministries) > 0 {
			q.Ministries = []string{res.Facets.Ministries[0].Key}
		}
		run(q)
		run(search.Query{Text: text, First: 7, After: res.EndCursor})
	}
	b, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d queries, %d forms", len(queries), len(out))
}

// dumpQueries derives queries from the catalog's own names: single words,
// pairs of neighbouring words, whole names, typos (a letter dropped or
// doubled), prefixes, and upper-cased words, with a few fixed queries.
func dumpQueries(t *testing.T, ix *search.Index) []string {
	var names []string
	for after := ""; ; {
		res, err := ix.Search(context.Background(), search.Query{First: 100, After: after})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			names = append(names, h.Name)
		}
		if !res.HasNextPage {
			break
		}
		after = res.EndCursor
	}
	seen := map[string]bool{}
	var qs []string
	add := func(q string) {
		if q != "" && !seen[q] {
			seen[q] = true
			qs = append(qs, q)
		}
	}
	for _, q := range []string{"спортсмены", "данные", "лицинзирования", "реестр лицензий", "ГБД ЮЛ", "спорт",
		"МИИЦР", "e-license", "в", "и для", "«»", "12345678", "регистрация спортсмена в спорте высших достижений"} {
		add(q)
	}
	for i, name := range names {
		if i%23 != 0 {
			continue
		}
		words := strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if len(words) == 0 {
			continue
		}
		w := words[i%len(words)]
		r := []rune(w)
		add(w)
		add(strings.ToUpper(w))
		if len(words) > 1 {
			add(words[0] + " " + words[1])
		}
		if i%3 == 0 {
			add(name)
		}
		if len(r) >= 5 {
			k := len(r) / 2
			add(string(r[:k]) + string(r[k+1:]))              // dropped
			add(string(r[:k]) + string(r[k]) + string(r[k:])) // doubled
			add(string(r[:5]))                                // prefix
		}
	}
	sort.Strings(qs[13:])
	return qs
}
