package serialexec_test

import (
	"bytes"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/karta/karta/graph/serialexec"
)

// Object writes what gqlgen's FieldSet writes for the same fields and
// values: in order, each alias once (the first), none at all as {}.
func TestObjectMarshalsAsFieldSet(t *testing.T) {
	field := func(alias string) graphql.CollectedField {
		return graphql.CollectedField{Field: &ast.Field{Alias: alias, Name: alias}}
	}
	for _, aliases := range [][]string{
		nil,
		{"name"},
		{"id", "name", "edges"},
		{"a", "b", "a", "c", "b"},
	} {
		fields := make([]graphql.CollectedField, len(aliases))
		values := make([]graphql.Marshaler, len(aliases))
		for i, a := range aliases {
			fields[i] = field(a)
			values[i] = graphql.MarshalString(a + "<&>\u2028" + string(rune('0'+i)))
		}
		fs := graphql.NewFieldSet(fields)
		copy(fs.Values, values)
		var want, got bytes.Buffer
		fs.MarshalGQL(&want)
		(&serialexec.Object{Fields: fields, Values: values}).MarshalGQL(&got)
		if got.String() != want.String() {
			t.Errorf("%v:\ngot  %s\nwant %s", aliases, got.String(), want.String())
		}
	}
}

func TestNewObjectHasRoomForEachField(t *testing.T) {
	for n := range 12 {
		fields := make([]graphql.CollectedField, n)
		o := serialexec.NewObject(fields)
		if len(o.Values) != n || cap(o.Values) != n || len(o.Fields) != n {
			t.Errorf("%d fields: %d values (cap %d), %d fields", n, len(o.Values), cap(o.Values), len(o.Fields))
		}
		fs := o.FieldSet()
		if n > 0 {
			fs.Values[n-1] = graphql.Null
			if o.Values[n-1] != graphql.Null {
				t.Errorf("%d fields: the FieldSet does not share the Object's values", n)
			}
		}
	}
}
