package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/karta/karta/graph"
	"github.com/karta/karta/seeds/load"
	"github.com/karta/karta/server/storagetest"
)

// TestNodeMemoKeepsAnswers runs every frontend operation, and every page
// operation for every node of its type, with and without the operation's
// memo of nodes (ent.WithMemo: one-to-one edges read from nodes the page
// has read, or together in one statement per node type) and wants the same
// answers: a node read from the memo with fewer columns than the page asks
// for, or an edge left unassigned, shows here.
func TestNodeMemoKeepsAnswers(t *testing.T) {
	ctx := context.Background()
	ec, _ := storagetest.Open(t)
	if _, err := load.Seed(ctx, ec, load.Options{}); err != nil {
		t.Fatal(err)
	}
	c := client.New(graph.NewHandler(ec, graph.Options{MaxPageSize: 100, ComplexityLimit: 5000000}))
	ops := frontendOperations(t, c, ec)
	// The page operations and the IDs of every node of their type.
	pages := map[string]struct {
		variable string
		ids      func() []int
	}{
		"sphere-page":             {"sphere", func() []int { return ec.Sphere.Query().IDsX(ctx) }},
		"process-group-page":      {"group", func() []int { return ec.ProcessGroup.Query().IDsX(ctx) }},
		"information-system-page": {"system", func() []int { return ec.InformationSystem.Query().IDsX(ctx) }},
		"entity-page":             {"entity", func() []int { return ec.Entity.Query().IDsX(ctx) }},
		"ministry-map-tree":       {"ministry", func() []int { return ec.Ministry.Query().IDsX(ctx) }},
		"map-kpis":                {"map", func() []int { return ec.TransformationMap.Query().IDsX(ctx) }},
		"integration-list": {"where", func() []int {
			return ec.TransformationMap.Query().IDsX(ctx)
		}},
	}
	answer := func(name string, op operation) string {
		t.Helper()
		resp, err := c.RawPost(op.query, op.options()...)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(resp.Errors) > 0 && string(resp.Errors) != "null" {
			t.Fatalf("%s: graphql errors: %s", name, resp.Errors)
		}
		b, err := json.Marshal(resp.Data)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	compare := func(name string, op operation) {
		t.Helper()
		with := answer(name, op)
		restore := graph.WithoutNodeMemo()
		without := answer(name, op)
		restore()
		if with != without {
			t.Errorf("%s: with the node memo\n%s\nwithout\n%s", name, with, without)
		}
	}
	// A map's owner read after its development bodies: when the owner is
	// one of them, the memo holds it without the columns asked for here.
	narrow := `query($map: ID!) { node(id: $map) { ... on TransformationMap {
		developmentBodies(first: 50) { edges { node { id name } } }
		implementationBodies(first: 50) { edges { node { id } } }
		ministry { id name shortName kind aliases key }
	} } }`
	for _, id := range ec.TransformationMap.Query().IDsX(ctx) {
		compare(fmt.Sprintf("narrow %d", id), operation{narrow, map[string]any{"map": fmt.Sprint(id)}})
	}
	checked := 0
	for name, op := range ops {
		compare(name, op)
		page, ok := pages[name]
		if !ok {
			continue
		}
		for _, id := range page.ids() {
			vars := map[string]any{}
			for k, v := range op.vars {
				vars[k] = v
			}
			if page.variable == "where" {
				vars["where"] = map[string]any{"hasMapWith": []any{map[string]any{"id": fmt.Sprint(id)}}}
			} else {
				vars[page.variable] = fmt.Sprint(id)
			}
			compare(fmt.Sprintf("%s %d", name, id), operation{op.query, vars})
			checked++
		}
	}
	if checked < 100 {
		t.Fatalf("only %d pages compared", checked)
	}
}
