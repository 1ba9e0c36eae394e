package search_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/karta/karta/catalog/search"
)

// TestSmallBatchesSameResults: an index built in batches of 7 documents
// (many segments; every segment reads its documents' term frequencies
// through the same per-field views, see docBuilder) answers like one built
// in one batch: the same hits, fields, snippets, facets and, to rounding, scores.
func TestSmallBatchesSameResults(t *testing.T) {
	e := open(t, 3, true)
	ctx := context.Background()
	restore := search.SetBatchSize(7)
	small, err := search.Build(ctx, e.client)
	restore()
	if err != nil {
		t.Fatal(err)
	}
	defer small.Close()
	for _, q := range []string{"спортсмены", "лицензии", "реестр лицензий", "ГБД ЕЛ", "Регистрация спортсмена",
		"спартсмен", "данные", "МИИЦР", "e-license", "зачисление в секцию", "12345678", ""} {
		want, err := e.ix.Search(ctx, search.Query{Text: q, First: 100})
		if err != nil {
			t.Fatal(err)
		}
		got, err := small.Search(ctx, search.Query{Text: q, First: 100})
		if err != nil {
			t.Fatal(err)
		}
		if q != "" && want.Total == 0 {
			t.Fatalf("%q finds nothing", q)
		}
		if got.Total != want.Total || fmt.Sprint(got.Facets) != fmt.Sprint(want.Facets) || len(got.Hits) != len(want.Hits) {
			t.Errorf("%q: %d hits %v, want %d %v", q, got.Total, got.Facets, want.Total, want.Facets)
			continue
		}
		byID := map[int]search.Hit{}
		for _, h := range want.Hits {
			byID[h.ID] = h
		}
		for i, h := range got.Hits {
			w, ok := byID[h.ID]
			if !ok || h.Field != w.Field || h.Snippet != w.Snippet || math.Abs(h.Score-w.Score) > 1e-9*w.Score ||
				math.Abs(h.Score-want.Hits[i].Score) > 1e-9*h.Score {
				t.Errorf("%q: hit %d = %s %q %s %v, want %+v", q, i, h.Type, h.Name, h.Field, h.Score, w)
			}
		}
	}
}
