package graph_test

import (
	"context"
	"os"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/karta/karta/catalog/versioned"
	"github.com/karta/karta/cmd/benchhttp/sidebyside"
	"github.com/karta/karta/graph"
	"github.com/karta/karta/seeds/load"
	"github.com/karta/karta/server/storagetest"
)

// statementsPerOperation pins the SQL statements of every frontend
// operation (frontend-schema/operations, with its variables) and of the
// issue's side-by-side queries on the seeded catalog, on both databases.
// A change that adds a round trip fails here; lower a number when a change
// saves one. The counts do not grow with the catalog (see
// BenchmarkSideBySide at 40 maps).
var statementsPerOperation = map[string]int64{
	"data-sources":            1,
	"duplicate-candidates":    1,
	"entity-page":             7,
	"information-system-page": 8,
	"integration-graph":       1,
	"integration-list":        4,
	"integration-matrix":      1,
	"integration-traversal":   2,
	"map-kpis":                3,
	"ministry-list":           2,
	"node-sources":            9,
	"ministry-map-tree":       6,
	"process-group-page":      13,
	"roadmap":                 1,
	"search":                  1,
	"shared-systems":          1,
	"source-map":              2,
	"sphere-page":             14,
	"summaries":               2,
	"system-usage":            3,
	"a-ministry-tree":         4,
	"b-process-group-page":    5,
	"c-groups-by-system":      3,
	"d-integrations":          3,
}

// memoColdStatements pins the statements of the operations answered from
// the memo of the catalog's tables (catalog/versioned) when they are the
// first of their catalog version: they read the version, compute the
// tables and keep them. statementsPerOperation pins every later request of
// the version: the version read (one per memoized field), plus the system
// a traversal or a system's usage names, resolved in the database.
var memoColdStatements = map[string]int64{
	"data-sources":          12,
	"duplicate-candidates":  13,
	"integration-graph":     12,
	"integration-matrix":    7,
	"integration-traversal": 13,
	"ministry-map-tree":     13,
	"roadmap":               9,
	"shared-systems":        13,
	"summaries":             19,
	"system-usage":          15,
}

func TestStatementsPerOperationArePinned(t *testing.T) {
	ctx := context.Background()
	ec, db := storagetest.Open(t)
	if _, err := load.Seed(ctx, ec, load.Options{}); err != nil {
		t.Fatal(err)
	}
	memo := &versioned.Memo{}
	h := graph.NewHandler(ec, graph.Options{MaxPageSize: 100, ComplexityLimit: 500000, Memo: memo})
	c := client.New(h)
	// Build the search index first: its one-off build is not a search's cost.
	post(t, c, `{ search(query: "x") { totalCount } }`, &map[string]any{})
	ops := frontendOperations(t, c, ec)
	for _, q := range sidebyside.Queries {
		vars, _, err := q.Vars(func(field, where string) (string, error) {
			var r map[string]struct {
				Edges []struct{ Node struct{ ID string } }
			}
			post(t, c, "{ "+field+"(first: 1, where: "+where+") { edges { node { id } } } }", &r)
			return r[field].Edges[0].Node.ID, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		ops[q.Name] = operation{q.Karta, vars}
	}
	// The first request of a catalog version computes the memo's tables,
	// each on a memo of its own: pinned in memoColdStatements.
	for name, want := range memoColdStatements {
		o, ok := ops[name]
		if !ok {
			t.Errorf("%s is pinned in memoColdStatements but is no operation", name)
			continue
		}
		var opts []client.Option
		for k, v := range o.vars {
			opts = append(opts, client.Var(k, v))
		}
		cold := client.New(graph.NewHandler(ec, graph.Options{MaxPageSize: 100, ComplexityLimit: 500000}))
		db.Counter.Reset()
		post(t, cold, o.query, &map[string]any{}, opts...)
		if got := db.Counter.Queries(); got != want {
			t.Errorf("%s, the first request of the version: %d SQL statements, pinned %d", name, got, want)
		}
	}
	// After a warm-up (server.WarmMemo: at start, and when the version
	// changes) the first request of the version computes nothing: it takes
	// the statements of every later request.
	for name := range memoColdStatements {
		o := ops[name]
		var opts []client.Option
		for k, v := range o.vars {
			opts = append(opts, client.Var(k, v))
		}
		memo := &versioned.Memo{}
		if _, err := versioned.WarmNow(ctx, ec, graph.WarmMemo(ec, memo)); err != nil {
			t.Fatal(err)
		}
		warm := client.New(graph.NewHandler(ec, graph.Options{MaxPageSize: 100, ComplexityLimit: 500000, Memo: memo}))
		db.Counter.Reset()
		post(t, warm, o.query, &map[string]any{}, opts...)
		if got, want := db.Counter.Queries(), statementsPerOperation[name]; got != want {
			t.Errorf("%s, the first request after a warm-up: %d SQL statements, want %d (pinned in statementsPerOperation)", name, got, want)
		}
	}
	// Every other request of the version: the memo is warm.
	for name := range memoColdStatements {
		o := ops[name]
		var opts []client.Option
		for k, v := range o.vars {
			opts = append(opts, client.Var(k, v))
		}
		post(t, c, o.query, &map[string]any{}, opts...)
	}
	// KARTA_LOG_STATEMENTS=1 logs each operation's statements (go test -v).
	db.Counter.Record(os.Getenv("KARTA_LOG_STATEMENTS") != "")
	for name, o := range ops {
		var opts []client.Option
		for k, v := range o.vars {
			opts = append(opts, client.Var(k, v))
		}
		db.Counter.Reset()
		post(t, c, o.query, &map[string]any{}, opts...)
		got := db.Counter.Queries()
		for i, q := range db.Counter.Log() {
			t.Logf("%s #%d: %s", name, i+1, q)
		}
		want, ok := statementsPerOperation[name]
		if !ok {
			t.Errorf("%s: no pinned statement count (it takes %d); add it to statementsPerOperation", name, got)
			continue
		}
		if got != want {
			t.Errorf("%s: %d SQL statements, pinned %d", name, got, want)
		}
	}
	db.Counter.Record(false)
	// With the response cache, a miss costs one statement more (the catalog
	// version, read in the request's snapshot) and a hit only that one.
	cc := client.New(graph.NewHandler(ec, graph.Options{MaxPageSize: 100, ComplexityLimit: 500000,
		ResponseCache: graph.NewResponseCache(ec, 32<<20), Memo: memo}))
	post(t, cc, `{ search(query: "x") { totalCount } }`, &map[string]any{})
	for name, o := range ops {
		var opts []client.Option
		for k, v := range o.vars {
			opts = append(opts, client.Var(k, v))
		}
		for i, want := range []int64{statementsPerOperation[name] + 1, 1} {
			db.Counter.Reset()
			post(t, cc, o.query, &map[string]any{}, opts...)
			if got := db.Counter.Queries(); got != want {
				t.Errorf("%s with the response cache, request %d: %d SQL statements, want %d", name, i+1, got, want)
			}
		}
	}
	for name := range statementsPerOperation {
		if _, ok := ops[name]; !ok {
			t.Errorf("%s is pinned but is no operation any more", name)
		}
	}
}
