package serialexec

import (
	"reflect"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// Collect answers as graphql.CollectFields, once per selection set and
// implementors list: another list with the same names, or another
// selection set, is collected on its own.
func TestFieldsCollectsOncePerSelectionAndImplementors(t *testing.T) {
	oc := &graphql.OperationContext{}
	a := ast.SelectionSet{&ast.Field{Name: "id", Alias: "id"}, &ast.Field{Name: "name", Alias: "n"}}
	b := ast.SelectionSet{&ast.Field{Name: "name", Alias: "name"}}
	implA, implB := []string{"Ministry"}, []string{"Ministry"}
	var c Fields
	first := c.Collect(oc, a, implA)
	if want := graphql.CollectFields(oc, a, implA); !reflect.DeepEqual(first, want) {
		t.Fatalf("Collect = %+v, want %+v", first, want)
	}
	if again := c.Collect(oc, a, implA); &again[0] != &first[0] {
		t.Error("the same selection and implementors were collected twice")
	}
	if other := c.Collect(oc, b, implA); len(other) != 1 || other[0].Alias != "name" {
		t.Errorf("another selection set: %+v", other)
	}
	if other := c.Collect(oc, a, implB); len(other) != 2 {
		t.Errorf("another implementors list: %+v", other)
	}
	if len(c.m) != 3 {
		t.Errorf("%d entries, want 3", len(c.m))
	}
	if empty := c.Collect(oc, nil, implA); len(empty) != 0 {
		t.Errorf("an empty selection: %+v", empty)
	}
}

func TestArgsKeptPerField(t *testing.T) {
	var a Args
	f, g := &ast.Field{Name: "attributes"}, &ast.Field{Name: "attributes"}
	if _, ok := a.Get(f); ok {
		t.Fatal("arguments before any were kept")
	}
	args := map[string]any{"first": 20}
	a.Put(f, args)
	if got, ok := a.Get(f); !ok || got["first"] != 20 {
		t.Errorf("Get = %v, %v", got, ok)
	}
	if _, ok := a.Get(g); ok {
		t.Error("another AST field of the same name shares the arguments")
	}
	a.Put(nil, args)
	if _, ok := a.Get(nil); ok {
		t.Error("a field without AST kept arguments")
	}
}
