package graph_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/client"

	"github.com/karta/karta/graph"
	"github.com/karta/karta/seeds/load"
	"github.com/karta/karta/server/storagetest"
)

// A connection whose selection shows no cursor builds its edges without
// cursors (ent/template/pagination.tmpl, cursorsSelected). Every way of
// selecting a cursor — directly, through a fragment spread or an inline
// fragment, merged from a second selection of the same field, under
// @include, or only through pageInfo — must still give each edge its
// cursor, the same as the plain selection gives, at the root and on a named
// edge.
func TestCursorsThroughEverySelection(t *testing.T) {
	ec, _ := storagetest.Open(t)
	if _, err := load.Seed(context.Background(), ec, load.Options{}); err != nil {
		t.Fatal(err)
	}
	c := client.New(graph.NewHandler(ec, graph.Options{MaxPageSize: 100, ComplexityLimit: 1 << 20}))
	type edge struct {
		Cursor string
		Node   struct{ ID string }
	}
	type pageInfo struct{ StartCursor, EndCursor string }
	type spheres struct {
		PageInfo pageInfo
		Edges    []edge
	}
	type answer struct {
		Ministries struct {
			PageInfo pageInfo
			Edges    []struct {
				Cursor string
				Node   struct {
					ID      string
					Spheres spheres
				}
			}
		}
	}
	// cursors maps each node's ID to its cursor (root and nested), and
	// adds the page infos' cursors as "start:"/"end:" of the connection.
	cursors := func(a answer) map[string]string {
		m := map[string]string{}
		add := func(k, v string) {
			if v != "" {
				m[k] = v
			}
		}
		add("start:root", a.Ministries.PageInfo.StartCursor)
		add("end:root", a.Ministries.PageInfo.EndCursor)
		for _, e := range a.Ministries.Edges {
			add(e.Node.ID, e.Cursor)
			add("start:"+e.Node.ID, e.Node.Spheres.PageInfo.StartCursor)
			add("end:"+e.Node.ID, e.Node.Spheres.PageInfo.EndCursor)
			for _, s := range e.Node.Spheres.Edges {
				add(s.Node.ID, s.Cursor)
			}
		}
		return m
	}
	var ref answer
	post(t, c, `{ ministries(first: 3) { pageInfo { startCursor endCursor } edges { cursor node { id
  spheres(first: 3) { pageInfo { startCursor endCursor } edges { cursor node { id } } } } } } }`, &ref)
	want := cursors(ref)
	if len(ref.Ministries.Edges) < 2 || len(ref.Ministries.Edges[0].Node.Spheres.Edges) < 2 {
		t.Fatalf("too few nodes: %+v", ref)
	}
	// The reference cursors name their nodes.
	for id, cur := range want {
		if isPageInfo(id) {
			continue
		}
		var c entgql.Cursor[int]
		if err := c.UnmarshalGQL(cur); err != nil {
			t.Fatalf("%s: cursor %q: %v", id, cur, err)
		}
		if strconv.Itoa(c.ID) != id {
			t.Fatalf("node %s has the cursor of %d", id, c.ID)
		}
	}
	for _, q := range []struct{ name, query string }{
		{"fragment spread on the edges", `{ ministries(first: 3) { edges { ...E node { id
  spheres(first: 3) { edges { ...S node { id } } } } } } }
fragment E on MinistryEdge { cursor }
fragment S on SphereEdge { cursor }`},
		{"inline fragment on the connection", `{ ministries(first: 3) { ... on MinistryConnection { edges { cursor } } edges { node { id
  spheres(first: 3) { ... on SphereConnection { edges { cursor } } edges { node { id } } } } } } }`},
		{"fragment spread on the connection", `{ ministries(first: 3) { ...M edges { node { id
  spheres(first: 3) { ...C edges { node { id } } } } } } }
fragment M on MinistryConnection { edges { cursor } }
fragment C on SphereConnection { edges { cursor } }`},
		{"merged selections", `{ ministries(first: 3) { edges { node { id
  spheres(first: 3) { edges { node { id } } }
  spheres(first: 3) { edges { cursor } } } } }
  ministries(first: 3) { edges { cursor } } }`},
		{"@include", `query($y: Boolean = true) { ministries(first: 3) { edges { cursor @include(if: $y) node { id
  spheres(first: 3) { edges { cursor @include(if: $y) node { id } } } } } } }`},
	} {
		var a answer
		post(t, c, q.query, &a)
		got := cursors(a)
		for id, cur := range want {
			if isPageInfo(id) {
				continue
			}
			if got[id] != cur {
				t.Errorf("%s: %s has cursor %q, want %q", q.name, id, got[id], cur)
			}
		}
	}
	// Only pageInfo: its cursors are the edges' cursors.
	var a answer
	post(t, c, `{ ministries(first: 3) { pageInfo { startCursor endCursor } edges { node { id
  spheres(first: 3) { pageInfo { startCursor endCursor } edges { node { id } } } } } } }`, &a)
	got := cursors(a)
	for id, cur := range want {
		if isPageInfo(id) && got[id] != cur {
			t.Errorf("pageInfo only: %s is %q, want %q", id, got[id], cur)
		}
	}
	// No cursor selected: the answer has none (and no error).
	var none answer
	post(t, c, `{ ministries(first: 3) { edges { cursor @skip(if: true) node { id
  spheres(first: 3) { edges { node { id } } } } } } }`, &none)
	if got := cursors(none); len(got) != 0 {
		t.Errorf("no cursor selected, got %v", got)
	}
}

func isPageInfo(key string) bool {
	return strings.HasPrefix(key, "start:") || strings.HasPrefix(key, "end:")
}
