package gen

import (
	"strings"
	"testing"

	"entgo.io/ent"
	"entgo.io/ent/entc/gen"
	"entgo.io/ent/entc/load"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"

	"github.com/karta/karta/ent/nodetype"
)

// Two node types of a small catalog: Shelf (annotated) and Book (its
// child), whose annotation the cases below vary.
type Shelf struct{ ent.Schema }

func (Shelf) Fields() []ent.Field {
	return []ent.Field{field.String("key"), field.String("digest"), field.String("name")}
}

func (Shelf) Edges() []ent.Edge { return []ent.Edge{edge.To("books", Book.Type)} }

func (Shelf) Annotations() []schema.Annotation {
	return []schema.Annotation{nodetype.Node{
		Crumb: nodetype.Format{Fields: []string{"name"}}, RemoveOrder: 2,
		Search: &nodetype.Search{Rank: 0, Name: []string{"name"}},
	}}
}

type Book struct{ ent.Schema }

var bookAnnotation []schema.Annotation

func (Book) Fields() []ent.Field {
	return []ent.Field{field.String("key"), field.String("digest"), field.String("title"), field.Strings("notes").Optional()}
}

func (Book) Edges() []ent.Edge {
	return []ent.Edge{edge.From("shelf", Shelf.Type).Ref("books").Unique()}
}

func (Book) Annotations() []schema.Annotation { return bookAnnotation }

func graph(t *testing.T) *gen.Graph {
	t.Helper()
	var schemas []*load.Schema
	for _, s := range []ent.Interface{Shelf{}, Book{}} {
		b, err := load.MarshalSchema(s)
		if err != nil {
			t.Fatal(err)
		}
		ls, err := load.UnmarshalSchema(b)
		if err != nil {
			t.Fatal(err)
		}
		schemas = append(schemas, ls)
	}
	g, err := gen.NewGraph(&gen.Config{Package: "example.com/ent"}, schemas...)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// A type with a natural key and a digest but no annotation, or an
// annotation naming what the type lacks, stops generation; a complete one
// passes and is listed in RemoveOrder.
func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name string
		ann  []schema.Annotation
		want string // "" for no error
	}{
		{"missing", nil, "Book has a natural key but no nodetype.Node annotation"},
		{"bad field", []schema.Annotation{nodetype.Node{Crumb: nodetype.Format{Fields: []string{"name"}}, RemoveOrder: 1}}, `Book has no field "name"`},
		{"bad edge", []schema.Annotation{nodetype.Node{Parents: []string{"case"}, Crumb: nodetype.Format{Fields: []string{"title"}}, RemoveOrder: 1}}, `Book has no unique edge "case"`},
		{"same order", []schema.Annotation{nodetype.Node{Crumb: nodetype.Format{Fields: []string{"title"}}, RemoveOrder: 2}}, "same RemoveOrder 2"},
		{"same rank", []schema.Annotation{nodetype.Node{Crumb: nodetype.Format{Fields: []string{"title"}}, RemoveOrder: 1,
			Search: &nodetype.Search{Rank: 0, Name: []string{"title"}}}}, "same search Rank 0"},
		{"complete", []schema.Annotation{nodetype.Node{
			Parents: []string{"shelf"}, Crumb: nodetype.Format{Fields: []string{"title"}}, RemoveOrder: 1, Scoped: true,
			Search: &nodetype.Search{Rank: 1, Name: []string{"title"}, Text: []string{"notes"}},
		}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bookAnnotation = tc.ann
			g := graph(t)
			err := Check(g)
			switch {
			case tc.want == "" && err != nil:
				t.Fatal(err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("got %v, want an error with %q", err, tc.want)
			}
			if tc.want != "" {
				return
			}
			types, err := nodeTypes(g)
			if err != nil {
				t.Fatal(err)
			}
			if len(types) != 2 || types[0].T.Name != "Book" || types[1].T.Name != "Shelf" {
				t.Fatalf("types %v, want Book then Shelf", types)
			}
		})
	}
}

// The breadcrumb schema extends every annotated type, and only those: a new
// annotated type gets its breadcrumb field from the annotation alone.
func TestBreadcrumbSDL(t *testing.T) {
	bookAnnotation = []schema.Annotation{nodetype.Node{Parents: []string{"shelf"}, Crumb: nodetype.Format{Fields: []string{"title"}}, RemoveOrder: 1}}
	defer func() { bookAnnotation = nil }()
	sdl, err := BreadcrumbSDL(graph(t))
	if err != nil {
		t.Fatal(err)
	}
	s := string(sdl)
	if !strings.HasPrefix(s, "# Code generated") || !strings.Contains(s, "type Crumb {") {
		t.Fatalf("no generated header or Crumb type:\n%s", s)
	}
	for _, typ := range []string{"Book", "Shelf"} {
		if !strings.Contains(s, "extend type "+typ+" {\n") {
			t.Errorf("no breadcrumb field on %s:\n%s", typ, s)
		}
	}
	if n := strings.Count(s, "breadcrumb: [Crumb!]!"); n != 2 {
		t.Errorf("%d breadcrumb fields, want 2", n)
	}
	bookAnnotation = nil
	if sdl, err = BreadcrumbSDL(graph(t)); err != nil || strings.Contains(string(sdl), "extend type Book") {
		t.Errorf("an unannotated type got a breadcrumb (err %v):\n%s", err, sdl)
	}
}
