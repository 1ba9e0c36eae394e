package search_test

import (
	"context"
	"maps"
	"math"
	"testing"

	"github.com/karta/karta/catalog/search"
)

// TestTiesAcrossBuilds: builds of one catalog number bleve's documents
// differently (a batch is a map; small batches make many segments), yet
// answer every query with the same scores to the bit, the same order of
// hits and the same cursors, so that a client paging through one replica's
// results and then another's (or across a restart) neither skips nor
// repeats a hit. The fixture's copies are ministries with the same texts:
// many hits tie.
func TestTiesAcrossBuilds(t *testing.T) {
	e := open(t, 12, true)
	ctx := context.Background()
	builds := []*search.Index{e.ix}
	for _, size := range []int{0, 1, 7, 0, 0} {
		restore := func() {}
		if size > 0 {
			restore = search.SetBatchSize(size)
		}
		ix, err := search.Build(ctx, e.client)
		restore()
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		builds = append(builds, ix)
	}
	type page struct {
		ids    []int
		scores []float64
		cursor string
	}
	// pages reads all pages of q on ix, 7 hits each.
	pages := func(ix *search.Index, text string) []page {
		var out []page
		for after := ""; ; {
			res, err := ix.Search(ctx, search.Query{Text: text, First: 7, After: after})
			if err != nil {
				t.Fatal(err)
			}
			var p page
			for _, h := range res.Hits {
				p.ids = append(p.ids, h.ID)
				p.scores = append(p.scores, h.Score)
			}
			p.cursor = res.EndCursor
			out = append(out, p)
			if !res.HasNextPage {
				return out
			}
			after = res.EndCursor
		}
	}
	for _, q := range []string{"спортсмены", "спорт", "данные", "Регистрация спортсмена",
		"спартсмен", "регистрация спортсмена в спорте высших достижений", "и для", "зачисление в секцию"} {
		want := pages(builds[0], q)
		ties := 0
		seen := map[int]bool{}
		for _, p := range want {
			for i, id := range p.ids {
				if seen[id] {
					t.Fatalf("%q: hit %d on two pages", q, id)
				}
				seen[id] = true
				if i > 0 && p.scores[i] == p.scores[i-1] {
					ties++
					if p.ids[i] < p.ids[i-1] {
						t.Errorf("%q: tie of %d and %d not in ID order", q, p.ids[i-1], p.ids[i])
					}
				}
			}
		}
		if ties == 0 {
			t.Errorf("%q: no tie to check", q)
		}
		for b, ix := range builds[1:] {
			got := pages(ix, q)
			if len(got) != len(want) {
				t.Errorf("%q: build %d: %d pages, want %d", q, b+1, len(got), len(want))
				continue
			}
			for i := range got {
				if len(got[i].ids) != len(want[i].ids) || got[i].cursor != want[i].cursor {
					t.Errorf("%q: build %d: page %d differs", q, b+1, i)
					break
				}
				differ := false
				for j := range got[i].ids {
					differ = differ || got[i].ids[j] != want[i].ids[j] || got[i].scores[j] != want[i].scores[j]
				}
				if differ {
					t.Errorf("%q: build %d: page %d = %v %v,\nwant %v %v", q, b+1, i, got[i].ids, got[i].scores, want[i].ids, want[i].scores)
					break
				}
			}
		}
	}
}

// TestScoresAsBleve: the executor (exec.go) matches the same nodes as
// bleve's searchers would run the same query, with the same scores (to
// rounding: the sums are added in another order), on an index of many
// segments: words, stems, prefixes, typos, stop words, phrases, exact names.
//
// The whole-value fields, which searches read from a Go map (exactIndex),
// are indexed in bleve too for this test: BleveScores reads them there.
func TestScoresAsBleve(t *testing.T) {
	t.Cleanup(search.SetSkeletonsInBleve())
	e := open(t, 3, true)
	ctx := context.Background()
	restore := search.SetBatchSize(50)
	ix, err := search.Build(ctx, e.client)
	restore()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, q := range []string{"спортсмены", "спорт", "данные", "лицензии", "реестр лицензий", "Регистрация спортсмена",
		"спартсмен", "лицинзирования", "регистрация спортсмена в спорте высших достижений", "и для", "в",
		"зачисление в секцию", "ГБД ЕЛ", "МИИЦР", "e-license", "еQonaq", "12345678", "данные о данные"} {
		for _, x := range []*search.Index{e.ix, ix} {
			got, err := x.Scores(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			want, err := x.BleveScores(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if len(want) == 0 && q != "и для" && q != "в" {
				t.Errorf("%q finds nothing", q)
			}
			if len(got) != len(want) {
				t.Errorf("%q: %d nodes, bleve %d", q, len(got), len(want))
			}
			for id, w := range want {
				if g, ok := got[id]; !ok || math.Abs(g-w) > 1e-12*w {
					t.Errorf("%q: node %d scores %v, bleve %v", q, id, g, w)
				}
			}
			// Again, with the prefixes' and near terms the index remembers.
			again, err := x.Scores(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(again, got) {
				t.Errorf("%q: scores differ the second time", q)
			}
		}
	}
}

// TestPagesAsFullRanking: a page is the same slice of the ranking, with
// the same scores to the bit, as when every phrase is checked, although a
// search checks a phrase only in documents that could be on its page
// (exec.go, resolve): first pages, later pages, filtered pages, of texts
// whose phrases match some hits and not others. Some phrases must go
// unchecked, or the test would not test that.
func TestPagesAsFullRanking(t *testing.T) {
	e := open(t, 12, true)
	ctx := context.Background()
	unchecked := 0
	for _, text := range []string{"Регистрация спортсмена", "регистрация спортсмена в спорте высших достижений",
		"зачисление в секцию", "спортсмен регистрация", "реестр лицензий", "и для", "данные о спорте", "спорт"} {
		first, err := e.ix.Search(ctx, search.Query{Text: text, First: 100})
		if err != nil {
			t.Fatal(err)
		}
		var types, ministries []string
		for _, f := range first.Facets.Types {
			types = append(types, f.Key)
		}
		for _, f := range first.Facets.Ministries {
			ministries = append(ministries, f.Key)
		}
		qs := []search.Query{{Text: text, First: 1}, {Text: text, First: 5}, {Text: text}, {Text: text, First: 3, After: first.EndCursor}}
		for i := range 6 {
			q := search.Query{Text: text, First: 1 + i*3}
			if len(types) > 0 {
				q.Types = types[i%len(types) : i%len(types)+1]
			}
			if len(ministries) > 0 && i%2 == 0 {
				q.Ministries = ministries[i%len(ministries) : i%len(ministries)+1]
			}
			qs = append(qs, q)
		}
		for _, q := range qs {
			ids, scores, n, err := e.ix.Ranking(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			unchecked += n
			res, err := e.ix.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != len(ids) {
				t.Errorf("%+v: total %d, ranking %d", q, res.Total, len(ids))
			}
			offset := 0
			if q.After != "" {
				offset = len(first.Hits)
			}
			for i, h := range res.Hits {
				if j := offset + i; j >= len(ids) || h.ID != ids[j] || h.Score != scores[j] {
					t.Errorf("%+v: hit %d is %d %v, ranking %v", q, i, h.ID, h.Score, ids[offset:min(len(ids), offset+len(res.Hits))])
					break
				}
			}
		}
	}
	if unchecked == 0 {
		t.Error("every phrase was checked")
	}
	t.Logf("%d phrases unchecked", unchecked)
}
