// Package gen is the entc extension that generates the node-type registry
// (package ent/registry) from the nodetype annotations of ent/schema. It is
// used by ent/entc.go only.
package gen

import (
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"text/template"

	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"

	"github.com/karta/karta/ent/nodetype"
)

//go:embed template/*.tmpl
var templates embed.FS

// Extension generates ent/registry. Its hook refuses to generate when a node
// type (a type with a natural key and a digest) has no annotation, or an
// annotation names a field or edge the type does not have.
type Extension struct {
	entc.DefaultExtension
}

// Templates implements entc.Extension.
func (Extension) Templates() []*gen.Template {
	return []*gen.Template{
		gen.MustParse(gen.NewTemplate("registry").Funcs(funcs).ParseFS(templates, "template/*.tmpl")),
	}
}

// Hooks implements entc.Extension.
func (Extension) Hooks() []gen.Hook {
	return []gen.Hook{func(next gen.Generator) gen.Generator {
		return gen.GenerateFunc(func(g *gen.Graph) error {
			if err := Check(g); err != nil {
				return err
			}
			return next.Generate(g)
		})
	}}
}

// Check validates the annotations of g: every type with the fields key and
// digest has one, every field and edge it names exists, and the orders are
// unique.
func Check(g *gen.Graph) error {
	var errs []string
	removeOrders := map[int]string{}
	ranks := map[int]string{}
	for _, t := range g.Nodes {
		n, err := nodeOf(t)
		if err != nil {
			return err
		}
		if n == nil {
			if fieldOf(t, "key") != nil && fieldOf(t, "digest") != nil {
				errs = append(errs, fmt.Sprintf("%s has a natural key but no nodetype.Node annotation", t.Name))
			}
			continue
		}
		if o, dup := removeOrders[n.RemoveOrder]; dup {
			errs = append(errs, fmt.Sprintf("%s and %s have the same RemoveOrder %d", o, t.Name, n.RemoveOrder))
		}
		removeOrders[n.RemoveOrder] = t.Name
		if len(n.Crumb.Fields) == 0 {
			errs = append(errs, t.Name+": Crumb names no field")
		}
		for _, f := range n.Crumb.Fields {
			fd := fieldOf(t, f)
			if fd == nil {
				errs = append(errs, fmt.Sprintf("%s has no field %q", t.Name, f))
				continue
			}
			if k, _ := kindOf(fd); n.Crumb.Format == "" && k != "str" && k != "strp" && f == n.Crumb.Fields[0] {
				errs = append(errs, fmt.Sprintf("%s: a Crumb without Format needs a string field, %q is not", t.Name, f))
			}
		}
		var fields []string
		if s := n.Search; s != nil {
			if o, dup := ranks[s.Rank]; dup {
				errs = append(errs, fmt.Sprintf("%s and %s have the same search Rank %d", o, t.Name, s.Rank))
			}
			ranks[s.Rank] = t.Name
			if len(s.Name) == 0 {
				errs = append(errs, t.Name+": Search.Name names no field")
			}
			fields = append(fields, s.Name...)
			fields = append(fields, s.Alt...)
			fields = append(fields, s.Text...)
		}
		for _, f := range fields {
			fd := fieldOf(t, f)
			if fd == nil {
				errs = append(errs, fmt.Sprintf("%s has no field %q", t.Name, f))
				continue
			}
			if _, err := kindOf(fd); err != nil {
				errs = append(errs, fmt.Sprintf("%s.%s: %v", t.Name, f, err))
			}
		}
		for _, e := range n.Parents {
			if ed := edgeOf(t, e); ed == nil || !ed.Unique {
				errs = append(errs, fmt.Sprintf("%s has no unique edge %q", t.Name, e))
			}
		}
		if n.Bodies != "" {
			if ed := edgeOf(t, n.Bodies); ed == nil || ed.Unique {
				errs = append(errs, fmt.Sprintf("%s has no edge to many %q", t.Name, n.Bodies))
			}
		}
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return fmt.Errorf("nodetype annotations:\n  %s", strings.Join(errs, "\n  "))
	}
	return nil
}

var funcs = template.FuncMap{
	"nodeTypes": nodeTypes,
	"fieldOf":   fieldOf,
	"edgeOf":    edgeOf,
	"valueOf":   valueOf,
	"crumbArg":  crumbArg,
	"selected":  selected,
	"contains":  func(list []string, s string) bool { return contains(list, s) },
	"gqlName":   gqlName,
	"crumbExpr": crumbExpr,
}

// annotated is one node type and its annotation, for the template.
type annotated struct {
	T *gen.Type
	N *nodetype.Node
}

// nodeTypes returns the annotated types of g in RemoveOrder.
func nodeTypes(g *gen.Graph) ([]annotated, error) {
	var out []annotated
	for _, t := range g.Nodes {
		n, err := nodeOf(t)
		if err != nil {
			return nil, err
		}
		if n != nil {
			out = append(out, annotated{t, n})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].N.RemoveOrder < out[j].N.RemoveOrder })
	return out, nil
}

// nodeOf decodes the annotation of t; nil when it has none.
func nodeOf(t *gen.Type) (*nodetype.Node, error) {
	raw, ok := t.Annotations[nodetype.AnnotationName]
	if !ok || raw == nil {
		return nil, nil
	}
	b, err := json.Marshal(raw)
	if err != nil {
		return nil, err
	}
	var n nodetype.Node
	if err := json.Unmarshal(b, &n); err != nil {
		return nil, fmt.Errorf("%s: nodetype annotation: %w", t.Name, err)
	}
	return &n, nil
}

func fieldOf(t *gen.Type, name string) *gen.Field {
	if name == "id" {
		return t.ID
	}
	for _, f := range t.Fields {
		if f.Name == name {
			return f
		}
	}
	return nil
}

func edgeOf(t *gen.Type, name string) *gen.Edge {
	for _, e := range t.Edges {
		if e.Name == name {
			return e
		}
	}
	return nil
}

// kindOf classifies a field's Go type.
func kindOf(f *gen.Field) (string, error) {
	switch s := f.Type.String(); {
	case s == "string" && f.Nillable:
		return "strp", nil
	case s == "string":
		return "str", nil
	case s == "[]string":
		return "strs", nil
	case (s == "int" || s == "int64") && !f.Nillable:
		return "int", nil
	default:
		return "", fmt.Errorf("field type %s is not supported", s)
	}
}

// valueOf is the Go expression of field f of the ent node named v as a
// []string of texts.
func valueOf(v string, f *gen.Field) string {
	k, _ := kindOf(f)
	return fmt.Sprintf("%s(%s.%s)", k, v, f.StructField())
}

// crumbArg is the Go expression of field f of node v as an argument of a
// format.
func crumbArg(v string, f *gen.Field) string {
	if k, _ := kindOf(f); k == "strp" {
		return fmt.Sprintf("deref(%s.%s)", v, f.StructField())
	}
	return v + "." + f.StructField()
}

// selected lists the fields of t a query must select for n: what the
// breadcrumb (and, with search, the index) reads.
func selected(t *gen.Type, n *nodetype.Node, search bool) []*gen.Field {
	names := append([]string(nil), n.Crumb.Fields...)
	if search && n.Search != nil {
		names = append(names, "key")
		names = append(names, n.Search.Name...)
		names = append(names, n.Search.Alt...)
		names = append(names, n.Search.Text...)
	}
	var out []*gen.Field
	seen := map[string]bool{}
	for _, name := range names {
		if seen[name] || name == "id" {
			continue
		}
		seen[name] = true
		if f := fieldOf(t, name); f != nil {
			out = append(out, f)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// crumbExpr is the Go expression of the breadcrumb name of the ent node
// named v of type t.
func crumbExpr(v string, t *gen.Type, n *nodetype.Node) string {
	var args []string
	for _, f := range n.Crumb.Fields {
		args = append(args, crumbArg(v, fieldOf(t, f)))
	}
	if n.Crumb.Format == "" {
		return args[0]
	}
	return fmt.Sprintf("fmt.Sprintf(%q, %s)", n.Crumb.Format, strings.Join(args, ", "))
}

// gqlName is the GraphQL name of a schema field: source_line → sourceLine.
func gqlName(s string) string {
	parts := strings.Split(s, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}
