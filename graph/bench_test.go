package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/karta/karta/cmd/benchhttp/sidebyside"
	"github.com/karta/karta/graph"
	"github.com/karta/karta/seeds/synth"
	"github.com/karta/karta/server/storagetest"
)

// BenchmarkSideBySide runs the queries (a)–(d) and a search through
// the GraphQL handler (no HTTP) at 3 and 40 maps (seeds/synth), reporting
// SQL statements per operation beside time and allocations. `make
// bench-http` measures the same queries over HTTP against PostGraphile.
func BenchmarkSideBySide(b *testing.B) {
	for _, n := range []int{3, 40} {
		ctx := context.Background()
		ec, db := storagetest.Open(b)
		if err := synth.Load(ctx, ec, n); err != nil {
			b.Fatal(err)
		}
		c := client.New(graph.NewHandler(ec, graph.Options{MaxPageSize: 100, ComplexityLimit: 500000}))
		lookup := func(field, where string) (string, error) {
			var r map[string]struct {
				Edges []struct{ Node struct{ ID string } }
			}
			if err := c.Post(fmt.Sprintf("{ %s(first: 1, where: %s) { edges { node { id } } } }", field, where), &r); err != nil {
				return "", err
			}
			if len(r[field].Edges) == 0 {
				return "", fmt.Errorf("%s: nothing matches %s", field, where)
			}
			return r[field].Edges[0].Node.ID, nil
		}
		type op struct {
			name, query string
			vars        map[string]any
		}
		var ops []op
		for _, q := range sidebyside.Queries {
			vars, _, err := q.Vars(lookup)
			if err != nil {
				b.Fatal(err)
			}
			ops = append(ops, op{q.Name, q.Karta, vars})
		}
		// The frontend's search screen, with its variables.
		query, err := os.ReadFile("../frontend-schema/operations/search.graphql")
		if err != nil {
			b.Fatal(err)
		}
		var vars map[string]any
		raw, err := os.ReadFile("../frontend-schema/operations/search.vars.json")
		if err != nil || json.Unmarshal(raw, &vars) != nil {
			b.Fatalf("search.vars.json: %v", err)
		}
		ops = append(ops, op{"search", string(query), vars})
		for _, o := range ops {
			b.Run(fmt.Sprintf("maps=%d/%s", n, o.name), func(b *testing.B) {
				var opts []client.Option
				for k, v := range o.vars {
					opts = append(opts, client.Var(k, v))
				}
				resp, err := c.RawPost(o.query, opts...)
				if err != nil || (len(resp.Errors) > 0 && string(resp.Errors) != "null") {
					b.Fatalf("%v %s", err, resp.Errors)
				}
				if out, _ := json.Marshal(resp.Data); len(out) < 50 {
					b.Fatalf("%s: too little data: %s", o.name, out)
				}
				b.ReportAllocs()
				db.Counter.Reset()
				cpu := storagetest.ProcessCPU()
				for b.Loop() {
					if _, err := c.RawPost(o.query, opts...); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(db.Counter.Queries())/float64(b.N), "stmts/op")
				b.ReportMetric(float64(storagetest.ProcessCPU()-cpu)/1e6/float64(b.N), "cpu-ms/op")
			})
		}
	}
}

// BenchmarkAnalytics runs the frontend's analytics operations
// (frontend-schema/operations, uncached) on the 40-map catalog.
func BenchmarkAnalytics(b *testing.B) {
	benchmarkOperations(b, "duplicate-candidates", "summaries", "data-sources", "system-usage", "integration-matrix",
		"shared-systems", "integration-graph", "integration-traversal")
}

// BenchmarkPageOperations runs the frontend's page operations (a node page
// with its lists, a provenance lookup, a ministry's tree) through the
// GraphQL handler at 40 maps (seeds/synth), with the variables of
// frontend-schema/operations, reporting SQL statements per operation beside
// time and allocations (on PostgreSQL each statement is a round trip).
func BenchmarkPageOperations(b *testing.B) {
	benchmarkOperations(b, "sphere-page", "process-group-page", "entity-page", "information-system-page",
		"node-sources", "ministry-map-tree", "ministry-list", "source-map", "integration-list", "map-kpis")
}

// benchmarkOperations runs the named frontend operations, each as a
// sub-benchmark, through the GraphQL handler on the 40-map catalog,
// reporting SQL statements and process CPU per operation.
func benchmarkOperations(b *testing.B, names ...string) {
	ctx := context.Background()
	ec, db := storagetest.Open(b)
	if err := synth.Load(ctx, ec, 40); err != nil {
		b.Fatal(err)
	}
	c := client.New(graph.NewHandler(ec, graph.Options{MaxPageSize: 100, ComplexityLimit: 500000}))
	ops := frontendOperations(b, c, ec)
	for _, name := range names {
		o, ok := ops[name]
		if !ok {
			b.Fatalf("no frontend operation %s", name)
		}
		opts := o.options()
		b.Run(name, func(b *testing.B) { benchPost(b, c, db, o.query, opts) })
	}
}

// BenchmarkSearchOperation runs the frontend's search operation through the
// GraphQL handler at 40 maps (seeds/synth) with its own variables
// («спортсмены», first 20) and other typical queries: a broad word, two
// words, a prefix, a typo, an acronym, a long name.
func BenchmarkSearchOperation(b *testing.B) {
	ctx := context.Background()
	ec, db := storagetest.Open(b)
	if err := synth.Load(ctx, ec, 40); err != nil {
		b.Fatal(err)
	}
	c := client.New(graph.NewHandler(ec, graph.Options{MaxPageSize: 100, ComplexityLimit: 500000}))
	o, ok := frontendOperations(b, c, ec)["search"]
	if !ok {
		b.Fatal("no frontend operation search")
	}
	for _, q := range []struct{ name, text string }{
		{"frontend", ""}, {"broad", "данные"}, {"two-words", "реестр лицензий"}, {"prefix", "лиценз"},
		{"typo", "лицинзирования"}, {"acronym", "ГБД ЮЛ"}, {"long", "Министерство цифрового развития"},
	} {
		opts := o.options()
		if q.text != "" {
			opts = append(opts, client.Var("query", q.text))
		}
		b.Run(q.name, func(b *testing.B) { benchPost(b, c, db, o.query, opts) })
	}
}

// benchPost posts query with opts once to check it answers without errors,
// then in a loop, and reports statements and process CPU per operation.
func benchPost(b *testing.B, c *client.Client, db *storagetest.DB, query string, opts []client.Option) {
	resp, err := c.RawPost(query, opts...)
	if err != nil || (len(resp.Errors) > 0 && string(resp.Errors) != "null") {
		b.Fatalf("%v %s", err, resp.Errors)
	}
	b.ReportAllocs()
	db.Counter.Reset()
	cpu := storagetest.ProcessCPU()
	for b.Loop() {
		if _, err := c.RawPost(query, opts...); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(db.Counter.Queries())/float64(b.N), "stmts/op")
	// CPU time of the process (every goroutine; the database too on
	// SQLite): steadier than wall time on a shared machine.
	b.ReportMetric(float64(storagetest.ProcessCPU()-cpu)/1e6/float64(b.N), "cpu-ms/op")
}
