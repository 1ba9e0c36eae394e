package serialexec

import (
	"context"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

type otherKey struct{}

func TestFieldCtxAsWithFieldContext(t *testing.T) {
	base := context.WithValue(context.Background(), otherKey{}, "v")
	parent := &graphql.FieldContext{Object: "Query", Field: graphql.CollectedField{Field: &ast.Field{Alias: "ministries"}}}
	ctx := graphql.WithFieldContext(base, parent)
	field := graphql.CollectedField{Field: &ast.Field{Alias: "node", Name: "node"}}
	c, fc := WithField(ctx, &graphql.FieldContext{Object: "MinistryEdge", Field: field})
	if got := graphql.GetFieldContext(c); got != fc || got.Parent != parent || got.Object != "MinistryEdge" {
		t.Fatalf("GetFieldContext = %+v", got)
	}
	if c.Value(otherKey{}) != "v" {
		t.Error("a value of the parent context is lost")
	}
	cs := ElementContexts(c, 3)
	for i := range cs {
		fc := graphql.GetFieldContext(&cs[i])
		if fc != &cs[i].FC || fc.Parent != graphql.GetFieldContext(c) || fc.Index == nil || *fc.Index != i {
			t.Errorf("element %d: %+v", i, fc)
		}
		if got, want := fc.Path().String(), "ministries.node["+string(rune('0'+i))+"]"; got != want {
			t.Errorf("element %d: path %s, want %s", i, got, want)
		}
	}
	cctx, cancel := context.WithCancel(&cs[0])
	cancel()
	if cctx.Err() == nil || cs[0].Err() != nil {
		t.Error("cancelling a child cancelled the element, or not the child")
	}
}
