package graph_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"

	"github.com/karta/karta/ent/registry"
	"github.com/karta/karta/graph"
	"github.com/karta/karta/seeds/load"
	"github.com/karta/karta/server/storagetest"
)

// Every node type of the registry has the field breadcrumb, generated from
// its ent/schema annotation with no hand-written resolver, and the field
// resolves to the path ending with the node itself.
func TestEveryNodeTypeHasBreadcrumb(t *testing.T) {
	ctx := context.Background()
	ec, _ := storagetest.Open(t)
	if _, err := load.Seed(ctx, ec, load.Options{}); err != nil {
		t.Fatalf("seed: %v", err)
	}
	c := client.New(graph.NewHandler(ec, graph.Options{}))
	resolved := 0
	for _, typ := range registry.Types() {
		var intro struct {
			Type struct {
				Fields []struct {
					Name string
					Type struct {
						Kind   string
						OfType struct{ Kind string }
					}
				}
			} `json:"__type"`
		}
		post(t, c, `query($t: String!) { __type(name: $t) { fields { name type { kind ofType { kind } } } } }`, &intro, client.Var("t", typ.Name))
		found := false
		for _, f := range intro.Type.Fields {
			if f.Name == "breadcrumb" {
				found = f.Type.Kind == "NON_NULL" && f.Type.OfType.Kind == "LIST"
			}
		}
		if !found {
			t.Errorf("%s: no field breadcrumb: [Crumb!]! in the schema", typ.Name)
			continue
		}
		rows, err := typ.List(ctx, ec)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) == 0 {
			t.Logf("%s: no node in the seeds; the field exists but is not resolved here", typ.Name)
			continue
		}
		var r struct {
			Node struct {
				Breadcrumb []struct {
					ID, Type, Name string
				}
			}
		}
		q := fmt.Sprintf(`query($id: ID!) { node(id: $id) { ... on %s { breadcrumb { id type name } } } }`, typ.Name)
		post(t, c, q, &r, client.Var("id", rows[0].ID))
		bc := r.Node.Breadcrumb
		if len(bc) == 0 || bc[len(bc)-1].Type != typ.Name || bc[len(bc)-1].ID != fmt.Sprint(rows[0].ID) || bc[len(bc)-1].Name == "" {
			t.Errorf("%s %d: breadcrumb %+v does not end with the node", typ.Name, rows[0].ID, bc)
			continue
		}
		resolved++
	}
	t.Logf("%d of %d node types resolved a breadcrumb from the seeds", resolved, len(registry.Types()))
	if resolved < len(registry.Types())/2 {
		t.Fatalf("only %d of %d node types resolved a breadcrumb", resolved, len(registry.Types()))
	}
}

// The breadcrumbs of a page of nodes are resolved in one batch before the
// nodes' fields run: with a loader that never batches (every load its own
// batch), a page of every attribute costs the same queries as with the
// batching loader, so the count cannot depend on timing. (Two pages
// selecting breadcrumbs in one operation are primed one after the other;
// what the second reads depends on which came first.)
func TestBreadcrumbsOfAPageArePrimed(t *testing.T) {
	count := func(unbatched bool) int64 {
		if unbatched {
			defer graph.UnbatchedBreadcrumbs()()
		}
		c, _, db := newClient(t, 8, graph.Options{})
		db.Counter.Reset()
		var r map[string]any
		post(t, c, `{ attributes(first: 100) { edges { node { breadcrumb { name } } } } entities(first: 100) { nodes: edges { node { id } } } spheres { edges { node { name } } } }`, &r)
		return db.Counter.Queries()
	}
	batched, unbatched := count(false), count(true)
	t.Logf("queries: %d with the batching loader, %d with a loader that never batches", batched, unbatched)
	if batched != unbatched {
		t.Fatalf("a page's breadcrumbs cost %d queries batched and %d unbatched: they are not primed", batched, unbatched)
	}
}

// The breadcrumb of a single node (a node page: node(id:), or an edge to one
// node) is primed when the node resolves, not loaded through the batching
// loader: with a loader whose window is an hour, the page still answers at
// once (here: within 30 s) — through the loader it would wait the hour.
func TestBreadcrumbOfASingleNodeIsPrimed(t *testing.T) {
	defer graph.BreadcrumbWindow(time.Hour)()
	c, ec, _ := newClient(t, 1, graph.Options{})
	e, err := ec.Entity.Query().WithSphere().First(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan []string, 1)
	go func() {
		var r struct {
			Node struct {
				Breadcrumb []struct{ Type string }
				Sphere     struct{ Breadcrumb []struct{ Type string } }
			}
		}
		post(t, c, `query($id: ID!) { node(id: $id) { ... on Entity { breadcrumb { type } sphere { breadcrumb { type } } } } }`, &r, client.Var("id", e.ID))
		var types []string
		for _, b := range append(r.Node.Breadcrumb, r.Node.Sphere.Breadcrumb...) {
			types = append(types, b.Type)
		}
		done <- types
	}()
	select {
	case types := <-done:
		if len(types) < 2 || types[len(types)-1] != "Sphere" {
			t.Fatalf("breadcrumbs %v: want the entity's, then its sphere's", types)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("a node page's breadcrumb waited for the loader's window: not primed")
	}
}

// The breadcrumbs of nodes in lists nested inside lists (a sphere's
// entities' attributes, the process group of a sphere's roadmap rows, the
// nodes of nodes(ids:)) are primed when the root field resolves, from the
// tree entgql's field collection loaded: with a loader whose window is an
// hour, the operation still answers at once (here: within 30 s) — a
// breadcrumb left to the loader would wait the hour. Every breadcrumb ends
// with its node.
func TestBreadcrumbsInNestedListsArePrimed(t *testing.T) {
	defer graph.BreadcrumbWindow(time.Hour)()
	ec, _ := storagetest.Open(t)
	if _, err := load.Seed(context.Background(), ec, load.Options{}); err != nil {
		t.Fatal(err)
	}
	c := client.New(graph.NewHandler(ec, graph.Options{}))
	ids, err := ec.Attribute.Query().Limit(3).IDs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	type crumbs struct{ Breadcrumb []struct{ Type string } }
	var r struct {
		Spheres struct {
			Edges []struct {
				Node struct {
					crumbs
					Entities struct {
						Edges []struct {
							Node struct {
								crumbs
								Attributes struct{ Edges []struct{ Node crumbs } }
							}
						}
					}
					RoadmapItems struct {
						Edges []struct {
							Node struct{ ProcessGroup *crumbs }
						}
					}
				}
			}
		}
		Nodes []crumbs
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		post(t, c, `query($ids: [ID!]!) {
  spheres(first: 6) { edges { node { breadcrumb { type }
    entities(first: 3) { edges { node { breadcrumb { type }
      attributes(first: 2) { edges { node { breadcrumb { type } } } } } } }
    roadmapItems(first: 3) { edges { node { processGroup { breadcrumb { type } } } } } } } }
  nodes(ids: $ids) { ... on Attribute { breadcrumb { type } } } }`, &r, client.Var("ids", ids))
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("a breadcrumb in a nested list waited for the loader's window: not primed")
	}
	counts := map[string]int{}
	check := func(c crumbs, typ string) {
		t.Helper()
		if n := len(c.Breadcrumb); n == 0 || c.Breadcrumb[n-1].Type != typ {
			t.Errorf("breadcrumb %+v does not end with a %s", c.Breadcrumb, typ)
		}
		counts[typ]++
	}
	for _, s := range r.Spheres.Edges {
		check(s.Node.crumbs, "Sphere")
		for _, e := range s.Node.Entities.Edges {
			check(e.Node.crumbs, "Entity")
			for _, a := range e.Node.Attributes.Edges {
				check(a.Node, "Attribute")
			}
		}
		for _, i := range s.Node.RoadmapItems.Edges {
			if i.Node.ProcessGroup != nil {
				check(*i.Node.ProcessGroup, "ProcessGroup")
			}
		}
	}
	for _, n := range r.Nodes {
		check(n, "Attribute")
	}
	t.Logf("breadcrumbs checked: %v", counts)
	if counts["Attribute"] <= len(ids) || counts["Entity"] == 0 || counts["ProcessGroup"] == 0 {
		t.Errorf("the fixture gave breadcrumbs %v: the test needs nested attributes, entities and process groups", counts)
	}
}

// A breadcrumb the root field's walk does not prime (TestBreadcrumbsIn
// NestedListsArePrimed) goes through the loader, which batches the loads of
// concurrent goroutines for its time window. The executor resolves a list
// serially only when nothing its elements select may block
// (graph/serialexec); here they select breadcrumbs, so the elements stay
// concurrent and a load left to the loader joins one window. With a 1 s
// window the page answers within a few windows, primed or not; were the
// elements resolved one after another with the loader it would wait a
// window per breadcrumb (here more than 20 s). A plain nested list (no
// breadcrumb) in the same operation resolves serially beside it.
func TestNestedBreadcrumbsShareOneLoaderWindow(t *testing.T) {
	const window = time.Second
	defer graph.BreadcrumbWindow(window)()
	c, _, _ := newClient(t, 4, graph.Options{})
	type crumbs struct{ Breadcrumb []struct{ Name string } }
	var r struct {
		Entities struct {
			Edges []struct {
				Node struct {
					Sphere        crumbs
					ProcessGroups struct {
						Edges []struct{ Node crumbs }
					}
					Attributes struct {
						Edges []struct{ Node struct{ Name string } }
					}
				}
			}
		}
	}
	start := time.Now()
	post(t, c, `{ entities(first: 20) { edges { node {
		sphere { breadcrumb { name } }
		processGroups(first: 3) { edges { node { breadcrumb { name } } } }
		attributes(first: 5) { edges { node { name } } } } } } }`, &r)
	took := time.Since(start)
	loads, attrs := 0, 0
	for _, e := range r.Entities.Edges {
		if len(e.Node.Sphere.Breadcrumb) == 0 {
			t.Fatalf("an entity's sphere has no breadcrumb: %+v", e.Node.Sphere)
		}
		loads++
		for _, g := range e.Node.ProcessGroups.Edges {
			if len(g.Node.Breadcrumb) == 0 {
				t.Fatal("a process group has no breadcrumb")
			}
			loads++
		}
		attrs += len(e.Node.Attributes.Edges)
	}
	t.Logf("%d breadcrumbs loaded, %d attributes, in %v (loader window %v)", loads, attrs, took, window)
	if loads < 20 || attrs == 0 {
		t.Fatalf("%d breadcrumbs, %d attributes: the fixture is too small to tell", loads, attrs)
	}
	if took > 10*window {
		t.Fatalf("%d nested breadcrumbs took %v with a %v loader window: loads waited a window in turn (resolved serially)", loads, took, window)
	}
}

// A node read with its breadcrumb selected reads the columns of its own
// breadcrumb step with its row (not every column: a map's row carries its
// whole source text), so its breadcrumb costs a statement per ancestor
// only: node(id:) with only the breadcrumb takes one statement per crumb.
func TestBreadcrumbStepIsReadWithTheNode(t *testing.T) {
	ctx := context.Background()
	ec, db := storagetest.Open(t)
	if _, err := load.Seed(ctx, ec, load.Options{}); err != nil {
		t.Fatalf("seed: %v", err)
	}
	c := client.New(graph.NewHandler(ec, graph.Options{}))
	db.Counter.Record(true)
	defer db.Counter.Record(false)
	for _, typ := range registry.Types() {
		rows, err := typ.List(ctx, ec)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) == 0 {
			continue
		}
		db.Counter.Reset()
		var r struct {
			Node struct {
				Breadcrumb []struct{ ID, Type, Name string }
			}
		}
		q := fmt.Sprintf(`query($id: ID!) { node(id: $id) { id ... on %s { breadcrumb { id type name } } } }`, typ.Name)
		post(t, c, q, &r, client.Var("id", rows[0].ID))
		log := db.Counter.Log()
		if len(log) == 0 {
			t.Fatalf("%s: no statement", typ.Name)
		}
		cols, _, _ := strings.Cut(strings.TrimPrefix(log[0], "SELECT "), " FROM ")
		if strings.Contains(strings.ReplaceAll(cols, "`", `"`), `."key"`) {
			t.Errorf("%s: node(id:) with its breadcrumb reads %s, want only the columns of its breadcrumb step", typ.Name, cols)
		}
		// Each ancestor's step is one statement (one node per level here).
		if got, want := len(log), len(r.Node.Breadcrumb); got != want {
			t.Errorf("%s: node(id:) with a breadcrumb of %d crumbs took %d statements, want %d:\n%s", typ.Name, want, got, want, strings.Join(log, "\n"))
		}
	}
}
