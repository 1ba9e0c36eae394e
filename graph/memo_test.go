package graph_test

import (
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

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

// A replica's watch (server.WarmMemo) warms the memo at start and again
// when an import commits a new version: the first request of the new
// version then takes the statements of a warm one (statementsPerOperation),
// not those of the computation (memoColdStatements).
func TestMemoWatchWarmsAfterAnImport(t *testing.T) {
	ctx := context.Background()
	ec, db := storagetest.Open(t)
	if err := synth.Load(ctx, ec, 3); err != nil {
		t.Fatal(err)
	}
	memo := &versioned.Memo{}
	warmed := make(chan int64, 16)
	watchCtx, stop := context.WithCancel(ctx)
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		_ = versioned.Watch(watchCtx, ec, 10*time.Millisecond, graph.WarmMemo(ec, memo), func(v int64, _ time.Duration, err error) {
			if err != nil {
				t.Error(err)
			}
			warmed <- v
		})
	}()
	defer func() { stop(); <-stopped }()
	// An import of several maps commits a version per map: the watch may
	// warm some of those on the way.
	wait := func(want int64) {
		t.Helper()
		for {
			select {
			case v := <-warmed:
				if v > want {
					t.Fatalf("warmed version %d, want %d", v, want)
				}
				if v == want {
					return
				}
			case <-time.After(time.Minute):
				t.Fatalf("version %d was not warmed", want)
			}
		}
	}
	v0, err := versioned.Version(ctx, ec)
	if err != nil {
		t.Fatal(err)
	}
	wait(v0)
	docs, reg, err := synth.Documents(6)
	if err != nil {
		t.Fatal(err)
	}
	if err := synth.Import(ctx, ec, reg, docs[3:], nil); err != nil {
		t.Fatal(err)
	}
	v1, err := versioned.Version(ctx, ec)
	if err != nil || v1 <= v0 {
		t.Fatalf("version %d after the import (before %d): %v", v1, v0, err)
	}
	wait(v1)
	// The watch's own reads of the version would count below.
	stop()
	<-stopped
	c := client.New(graph.NewHandler(ec, graph.Options{MaxPageSize: 100, ComplexityLimit: 500000, Memo: memo}))
	for name, vars := range memoOperations {
		q, err := os.ReadFile("../frontend-schema/operations/" + name + ".graphql")
		if err != nil {
			t.Fatal(err)
		}
		var opts []client.Option
		for k, v := range vars {
			opts = append(opts, client.Var(k, v))
		}
		db.Counter.Reset()
		post(t, c, string(q), &map[string]any{}, opts...)
		if got, want := db.Counter.Queries(), statementsPerOperation[name]; got != want {
			t.Errorf("%s, the first request after the import: %d SQL statements, want %d: the memo was not warm", name, got, want)
		}
	}
}
