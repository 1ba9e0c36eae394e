package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/karta/karta/catalog/page"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/graph"
	"github.com/karta/karta/seeds/synth"
	"github.com/karta/karta/server/storagetest"
)

// boundsClient serves a 10-map synthetic catalog: enough duplicate
// candidates and data sources for several pages.
func boundsClient(t *testing.T) (*client.Client, *ent.Client) {
	t.Helper()
	ec, _ := storagetest.Open(t)
	if err := synth.Load(context.Background(), ec, 10); err != nil {
		t.Fatal(err)
	}
	return client.New(graph.NewHandler(ec, graph.Options{MaxPageSize: 100, ComplexityLimit: 5000000})), ec
}

// pageOf is one page of a page field, its nodes kept raw.
type pageOf struct {
	TotalCount int
	PageInfo   struct {
		HasNextPage, HasPreviousPage bool
		EndCursor                    *string
	}
	Nodes []json.RawMessage
}

// walkPages asks field for pages of first items until hasNextPage is
// false, checking each page's size and page info, and returns the pages'
// nodes joined and the total.
func walkPages(t *testing.T, c *client.Client, field, query string, first int, vars ...client.Option) ([]json.RawMessage, int) {
	t.Helper()
	var all []json.RawMessage
	var after any
	total := -1
	for n := 0; ; n++ {
		var r map[string]pageOf
		opts := append([]client.Option{client.Var("first", first), client.Var("after", after)}, vars...)
		post(t, c, query, &r, opts...)
		p := r[field]
		if total >= 0 && p.TotalCount != total {
			t.Fatalf("%s page %d: totalCount %d, the first page said %d", field, n, p.TotalCount, total)
		}
		total = p.TotalCount
		if len(p.Nodes) > first {
			t.Fatalf("%s page %d: %d nodes, first %d", field, n, len(p.Nodes), first)
		}
		if p.PageInfo.HasPreviousPage != (n > 0) {
			t.Errorf("%s page %d: hasPreviousPage %v", field, n, p.PageInfo.HasPreviousPage)
		}
		all = append(all, p.Nodes...)
		if !p.PageInfo.HasNextPage {
			return all, total
		}
		if n > total || p.PageInfo.EndCursor == nil {
			t.Fatalf("%s: page %d has more but no end cursor, or the pages do not end", field, n)
		}
		after = *p.PageInfo.EndCursor
	}
}

func sameJSON(t *testing.T, what string, got, want []json.RawMessage) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d items, want %d", what, len(got), len(want))
	}
	for i := range got {
		if !bytes.Equal(got[i], want[i]) {
			t.Fatalf("%s: item %d differs:\n got %.300s\nwant %.300s", what, i, got[i], want[i])
		}
	}
}

// TestBoundedAnswersArePagesOfTheWhole: the pages of duplicateCandidatePage
// and dataSourcePage, walked through their cursors, are the unbounded
// answer in the same order with no repeats, the totals are right, and a
// bounded list (holdings, matches, systems, integrations) is a prefix of
// the whole one, its count its length; first null is the whole list.
func TestBoundedAnswersArePagesOfTheWhole(t *testing.T) {
	c, ec := boundsClient(t)

	const cand = `fragment C on DuplicateCandidate { key holdings(first: $h) { kind name entityId integrationId systemIds ministry { id } } ministries { id name } systems { id name } }`
	var whole struct{ DuplicateCandidates []json.RawMessage }
	post(t, c, `query($h: Int) { duplicateCandidates { ...C } } `+cand, &whole, client.Var("h", nil))
	if len(whole.DuplicateCandidates) < 15 {
		t.Fatalf("%d duplicate candidates: too few to page through", len(whole.DuplicateCandidates))
	}
	q := `query($first: Int, $after: Cursor, $h: Int) { duplicateCandidatePage(first: $first, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { ...C } } } ` + cand
	for _, first := range []int{7, 100} {
		got, total := walkPages(t, c, "duplicateCandidatePage", q, first, client.Var("h", nil))
		if total != len(whole.DuplicateCandidates) {
			t.Errorf("totalCount %d, the whole answer has %d", total, len(whole.DuplicateCandidates))
		}
		sameJSON(t, fmt.Sprintf("duplicate candidates in pages of %d", first), got, whole.DuplicateCandidates)
	}

	// Two holdings per candidate: the first two of the whole list.
	var cut map[string]struct {
		Nodes []struct {
			HoldingCount int
			Holdings     []json.RawMessage
		}
	}
	post(t, c, `query($h: Int) { duplicateCandidatePage(first: 100) { nodes { holdingCount holdings(first: $h) { kind name entityId integrationId } } } }`, &cut, client.Var("h", 2))
	var full map[string]struct {
		Nodes []struct{ Holdings []json.RawMessage }
	}
	post(t, c, `{ duplicateCandidatePage(first: 100) { nodes { holdings { kind name entityId integrationId } } } }`, &full)
	longer := 0
	for i, n := range cut["duplicateCandidatePage"].Nodes {
		w := full["duplicateCandidatePage"].Nodes[i].Holdings
		if n.HoldingCount != len(w) {
			t.Errorf("candidate %d: holdingCount %d, %d holdings", i, n.HoldingCount, len(w))
		}
		if len(w) > 2 {
			longer++
		}
		sameJSON(t, fmt.Sprintf("candidate %d: holdings(first: 2)", i), n.Holdings, w[:min(2, len(w))])
	}
	if longer == 0 {
		t.Fatal("no candidate has more than two holdings: the bound is not tested")
	}
	// A bounded list gets no default page: without first, or with first
	// null, it is whole even when the server's page size is smaller.
	small := client.New(graph.NewHandler(ec, graph.Options{MaxPageSize: 2, ComplexityLimit: 5000000}))
	var unb struct {
		A, DuplicateCandidates []struct{ Holdings []json.RawMessage }
	}
	post(t, small, `query($h: Int) { a: duplicateCandidates { holdings { kind name entityId integrationId } } duplicateCandidates { holdings(first: $h) { kind name entityId integrationId } } }`, &unb, client.Var("h", nil))
	for i, w := range full["duplicateCandidatePage"].Nodes {
		sameJSON(t, fmt.Sprintf("candidate %d: holdings(first: null) with page size 2", i), unb.DuplicateCandidates[i].Holdings, w.Holdings)
		sameJSON(t, fmt.Sprintf("candidate %d: holdings with page size 2", i), unb.A[i].Holdings, w.Holdings)
	}

	const src = `fragment S on DataSourceGroup { body { id name } score total matchCount systemCount integrationCount
		matches(first: $each) { kind id text score } systems(first: $each) { system { id } score why } integrations(first: $each) { id } }`
	need := "сведения о лицензиях"
	var ws struct{ DataSources []json.RawMessage }
	post(t, c, `query($need: String!, $each: Int) { dataSources(need: $need) { ...S } } `+src, &ws, client.Var("need", need), client.Var("each", nil))
	if len(ws.DataSources) < 4 {
		t.Fatalf("%d data sources for %q: too few to page through", len(ws.DataSources), need)
	}
	qs := `query($need: String!, $first: Int, $after: Cursor, $each: Int) { dataSourcePage(need: $need, first: $first, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { ...S } } } ` + src
	got, total := walkPages(t, c, "dataSourcePage", qs, 3, client.Var("need", need), client.Var("each", nil))
	if total != len(ws.DataSources) {
		t.Errorf("data sources: totalCount %d, the whole answer has %d", total, len(ws.DataSources))
	}
	sameJSON(t, "data sources in pages of 3", got, ws.DataSources)

	var one map[string]struct {
		Nodes []struct {
			MatchCount, SystemCount, IntegrationCount int
			Matches, Systems, Integrations            []json.RawMessage
		}
	}
	post(t, c, `query($need: String!) { dataSourcePage(need: $need, first: 100) { nodes { matchCount systemCount integrationCount
		matches(first: 1) { kind id text score } systems(first: 1) { system { id } score why } integrations(first: 1) { id } } } }`, &one, client.Var("need", need))
	cut2 := one["dataSourcePage"].Nodes
	if len(cut2) != len(ws.DataSources) {
		t.Fatalf("dataSourcePage(first: 100): %d bodies, want %d", len(cut2), len(ws.DataSources))
	}
	cutLists := 0
	for i, g := range cut2 {
		var w struct {
			Matches, Systems, Integrations []json.RawMessage
		}
		if err := json.Unmarshal(ws.DataSources[i], &w); err != nil {
			t.Fatal(err)
		}
		for _, l := range []struct {
			name      string
			n         int
			got, want []json.RawMessage
		}{{"matches", g.MatchCount, g.Matches, w.Matches}, {"systems", g.SystemCount, g.Systems, w.Systems}, {"integrations", g.IntegrationCount, g.Integrations, w.Integrations}} {
			if l.n != len(l.want) {
				t.Errorf("body %d: %s count %d, %d in the whole answer", i, l.name, l.n, len(l.want))
			}
			if len(l.want) > 1 {
				cutLists++
			}
			sameJSON(t, fmt.Sprintf("body %d: %s(first: 1)", i, l.name), l.got, l.want[:min(1, len(l.want))])
		}
	}
	if cutLists == 0 {
		t.Fatal("no list of a body has more than one item: the bound is not tested")
	}
}

// TestInvalidBoundsAreRefused: a negative first, one over the page size and
// a cursor that is no position are refused with a code, before or while
// resolving.
func TestInvalidBoundsAreRefused(t *testing.T) {
	c, _ := boundsClient(t)
	var neg bytes.Buffer
	page.Cursor{ID: -1}.MarshalGQL(&neg)
	for _, tc := range []struct {
		name, query, code, msg string
	}{
		{"negative first", `{ duplicateCandidatePage(first: -1) { totalCount } }`, graph.CodePageSize, "first must be between 0 and 100, got -1"},
		{"first over the page size", `{ duplicateCandidatePage(first: 101) { totalCount } }`, graph.CodePageSize, "first must be between 0 and 100, got 101"},
		{"negative holdings", `{ duplicateCandidates { holdings(first: -3) { name } } }`, graph.CodePageSize, "holdings: first must be between 0 and 100, got -3"},
		{"matches over the page size", `{ dataSourcePage(need: "лицензии", first: 5) { nodes { matches(first: 1000) { id } } } }`, graph.CodePageSize, "matches: first must be between 0 and 100"},
		{"undecodable cursor", `{ dataSourcePage(need: "лицензии", after: "zzz") { totalCount } }`, graph.CodeInvalid, "invalid cursor"},
		{"cursor at no position", `{ duplicateCandidatePage(after: ` + neg.String() + `) { totalCount } }`, graph.CodeInvalid, "invalid page bound"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := c.RawPost(tc.query)
			if err != nil {
				t.Fatal(err)
			}
			var errs []struct {
				Message    string
				Extensions map[string]any
			}
			if err := json.Unmarshal(resp.Errors, &errs); err != nil || len(errs) == 0 {
				t.Fatalf("no error: %s", resp.Errors)
			}
			if errs[0].Extensions["code"] != tc.code || !strings.Contains(errs[0].Message, tc.msg) {
				t.Errorf("got %q (%v), want code %s and %q", errs[0].Message, errs[0].Extensions["code"], tc.code, tc.msg)
			}
		})
	}
}

// TestPagesCostLessThanWholeAnswers: under a complexity limit between the
// two costs, a small page of a catalog-wide answer runs and the whole
// answer is refused.
func TestPagesCostLessThanWholeAnswers(t *testing.T) {
	ec, _ := storagetest.Open(t)
	c := client.New(graph.NewHandler(ec, graph.Options{MaxPageSize: 100, ComplexityLimit: graph.DefaultCatalogWideCost * 3 / 4}))
	var r map[string]any
	post(t, c, `{ duplicateCandidatePage(first: 5) { totalCount nodes { key } } }`, &r)
	post(t, c, `{ dataSourcePage(need: "лицензии", first: 5) { totalCount nodes { score } } }`, &r)
	for _, q := range []string{`{ duplicateCandidates { key } }`, `{ dataSources(need: "лицензии") { score } }`} {
		resp, err := c.RawPost(q)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(resp.Errors), graph.CodeComplexity) {
			t.Errorf("%s: %s, want %s", q, resp.Errors, graph.CodeComplexity)
		}
	}
}
