package graph

import (
	"bytes"
	"fmt"
	"io"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"
)

// codegenDirectives are gqlgen's code-generation directives: they mean
// nothing to a client and are left out of the published schema.
var codegenDirectives = map[string]bool{
	"goModel": true, "goField": true, "goTag": true, "goExtraField": true, "goEnum": true,
}

// PrintSchema writes the schema as served, without gqlgen-only directives,
// in a stable order. frontend-schema/schema.graphql is its output.
func PrintSchema(w io.Writer) error {
	var buf bytes.Buffer
	formatter.NewFormatter(&buf).FormatSchema(NewSchema(nil, nil).Schema())
	// Work on a fresh copy: the executable schema's AST is shared.
	s, err := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphql", Input: buf.String()})
	if err != nil {
		return fmt.Errorf("reload schema: %w", err)
	}
	for name := range codegenDirectives {
		delete(s.Directives, name)
	}
	for _, def := range s.Types {
		def.Directives = strip(def.Directives)
		for _, f := range def.Fields {
			f.Directives = strip(f.Directives)
		}
		for _, v := range def.EnumValues {
			v.Directives = strip(v.Directives)
		}
	}
	formatter.NewFormatter(w, formatter.WithIndent("  ")).FormatSchema(s)
	return nil
}

func strip(list ast.DirectiveList) ast.DirectiveList {
	var out ast.DirectiveList
	for _, d := range list {
		if !codegenDirectives[d.Name] {
			out = append(out, d)
		}
	}
	return out
}
