package graph_test

import (
	"context"
	"fmt"
	"testing"

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
