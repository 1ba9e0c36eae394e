package serialexec_test

import (
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/karta/karta/graph/serialexec"
)

// Defers finds @defer on an inline fragment or a fragment spread at any
// depth, and nothing in a selection without one.
func TestDefers(t *testing.T) {
	for q, want := range map[string]bool{
		`{ a { b c { d } } }`:                                       false,
		`{ a { ... on T { b } } }`:                                  false,
		`{ a { ... @defer { b } } }`:                                true,
		`{ a { c { ... @defer(label: "x") { b } } } }`:              true,
		`{ a { ...F } } fragment F on T { c { ... @defer { b } } }`: true,
		`{ a { ...F @defer } } fragment F on T { b }`:               true,
		`{ a { ...F } } fragment F on T { b @include(if: true) }`:   false,
	} {
		doc, err := parser.ParseQuery(&ast.Source{Input: q})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range doc.Fragments {
			for _, s := range allSpreads(doc.Operations[0].SelectionSet) {
				if s.Name == f.Name {
					s.Definition = f
				}
			}
		}
		if got := serialexec.Defers(doc.Operations[0].SelectionSet); got != want {
			t.Errorf("%s: Defers %v, want %v", q, got, want)
		}
	}
}

func allSpreads(set ast.SelectionSet) []*ast.FragmentSpread {
	var out []*ast.FragmentSpread
	for _, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			out = append(out, allSpreads(s.SelectionSet)...)
		case *ast.InlineFragment:
			out = append(out, allSpreads(s.SelectionSet)...)
		case *ast.FragmentSpread:
			out = append(out, s)
		}
	}
	return out
}

// Objects share their fields and give each object its own values.
func TestObjects(t *testing.T) {
	fields := []graphql.CollectedField{{Field: &ast.Field{Alias: "a"}}, {Field: &ast.Field{Alias: "b"}}}
	objs := serialexec.Objects(fields, 3)
	for i := range objs {
		if len(objs[i].Fields) != 2 || len(objs[i].Values) != 2 || cap(objs[i].Values) != 2 {
			t.Fatalf("object %d: %d fields, %d values (cap %d)", i, len(objs[i].Fields), len(objs[i].Values), cap(objs[i].Values))
		}
		objs[i].Values[0] = graphql.MarshalInt(i)
	}
	for i := range objs {
		if objs[i].Values[0] == nil || objs[i].Values[1] != nil {
			t.Fatalf("object %d: values overlap", i)
		}
	}
	if !serialexec.HasNil([]*int{new(int), nil}) || serialexec.HasNil([]*int{new(int)}) {
		t.Fatal("HasNil")
	}
}
