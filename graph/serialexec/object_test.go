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
