package graph_test

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/karta/karta/catalog/versioned"
	"github.com/karta/karta/graph"
	"github.com/karta/karta/seeds/synth"
	"github.com/karta/karta/server/storagetest"
)

// memoOperations are the operations answered from the memo of the
// catalog's tables, with variables that need no lookup.
var memoOperations = map[string]map[string]any{
	"duplicate-candidates":  nil,
	"summaries":             {"ministry": nil},
	"integration-matrix":    {"rollup": true},
	"roadmap":               {"from": 20251, "to": 20274},
	"data-sources":          {"need": "медицинские данные о спортсменах"},
	"system-usage":          {"system": "eQonaq", "minMinistries": 2},
	"shared-systems":        {"minMinistries": 2},
	"integration-graph":     {},
	"integration-traversal": {"start": "ГБД ЕЛ", "direction": "BOTH", "depth": 3},
}

// After an import the memo answers with the new catalog: what a server
// started afresh answers, not what it kept from the version before.
func TestMemoAnswersTheNewCatalogAfterAnImport(t *testing.T) {
	ctx := context.Background()
	ec, _ := storagetest.Open(t)
	if err := synth.Load(ctx, ec, 3); err != nil {
		t.Fatal(err)
	}
	memo := &versioned.Memo{}
	c := client.New(graph.NewHandler(ec, graph.Options{MaxPageSize: 100, ComplexityLimit: 500000, Memo: memo}))
	answer := func(c *client.Client, name string) string {
		t.Helper()
		q, err := os.ReadFile("../frontend-schema/operations/" + name + ".graphql")
		if err != nil {
			t.Fatal(err)
		}
		var opts []client.Option
		for k, v := range memoOperations[name] {
			opts = append(opts, client.Var(k, v))
		}
		var out map[string]any
		post(t, c, string(q), &out, opts...)
		b, err := json.Marshal(out)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	before := map[string]string{}
	for name := range memoOperations {
		before[name] = answer(c, name)
	}
	v0, err := versioned.Version(ctx, ec)
	if err != nil {
		t.Fatal(err)
	}
	if vs := memo.Versions(); len(vs) != 1 || vs[0] != v0 {
		t.Fatalf("memo holds versions %v, want [%d]", vs, v0)
	}
	// Three more maps: copies of the seeds under new ministries' names.
	docs, reg, err := synth.Documents(6)
	if err != nil {
		t.Fatal(err)
	}
	if err := synth.Import(ctx, ec, reg, docs[3:], nil); err != nil {
		t.Fatal(err)
	}
	fresh := client.New(graph.NewHandler(ec, graph.Options{MaxPageSize: 100, ComplexityLimit: 500000}))
	for name := range memoOperations {
		got, want := answer(c, name), answer(fresh, name)
		if got != want {
			t.Errorf("%s after the import differs from a fresh server's answer:\n got %.300s\nwant %.300s", name, got, want)
		}
		// The copies' systems are renamed: ГБД ЕЛ's neighbourhood stays.
		if got == before[name] && name != "integration-traversal" {
			t.Errorf("%s did not change with new ministries' maps", name)
		}
	}
	if vs := memo.Versions(); len(vs) != 2 || vs[0] <= v0 || vs[1] != v0 {
		t.Fatalf("memo holds versions %v, want the new one and %d", vs, v0)
	}
}
