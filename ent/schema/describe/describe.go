// Package describe fills in GraphQL descriptions that entgql leaves empty, so
// that every type and field of the served schema is documented in GraphiQL.
// It runs as an entgql schema hook during `make generate`.
//
// Type descriptions come from the ent schema's schema.Comment annotation;
// field and edge descriptions from Comment() in the schema; the remaining
// generated types (connections, edges, order and where inputs) get a
// description derived from their role.
package describe

import (
	"encoding/json"
	"fmt"
	"strings"

	"entgo.io/ent/entc/gen"
	"github.com/vektah/gqlparser/v2/ast"
)

// Hook is an entgql.SchemaHook.
func Hook(g *gen.Graph, s *ast.Schema) error {
	for _, n := range g.Nodes {
		def := s.Types[n.Name]
		if def == nil {
			continue
		}
		if c := typeComment(n); c != "" {
			def.Description = c
		}
		if def.Description == "" {
			return fmt.Errorf("describe: ent type %s has no schema.Comment annotation", n.Name)
		}
	}
	for name, def := range s.Types {
		if def.BuiltIn {
			continue
		}
		if def.Description == "" {
			def.Description = derived(name)
		}
		for _, f := range def.Fields {
			if f.Description == "" {
				f.Description = fieldDescription(def, f)
			}
		}
		for _, v := range def.EnumValues {
			if v.Description == "" {
				v.Description = enumValueDescription(name, v.Name)
			}
		}
	}
	return nil
}

func typeComment(n *gen.Type) string {
	a, ok := n.Annotations["Comment"]
	if !ok {
		return ""
	}
	b, err := json.Marshal(a)
	if err != nil {
		return ""
	}
	var c struct{ Text string }
	if json.Unmarshal(b, &c) != nil {
		return ""
	}
	return c.Text
}

func derived(name string) string {
	switch {
	case strings.HasSuffix(name, "Connection"):
		return fmt.Sprintf("A Relay connection to a list of %s nodes, with the total count.", strings.TrimSuffix(name, "Connection"))
	case strings.HasSuffix(name, "Edge"):
		return fmt.Sprintf("An edge of a %sConnection: one node and its cursor.", strings.TrimSuffix(name, "Edge"))
	case strings.HasSuffix(name, "OrderField"):
		return fmt.Sprintf("Properties by which %s connections can be ordered.", strings.TrimSuffix(name, "OrderField"))
	case strings.HasSuffix(name, "Order"):
		return fmt.Sprintf("Ordering options for %s connections: a field and a direction.", strings.TrimSuffix(name, "Order"))
	case strings.HasSuffix(name, "WhereInput"):
		return fmt.Sprintf("Filter for %s nodes; combine predicates with and, or and not.", strings.TrimSuffix(name, "WhereInput"))
	}
	return fmt.Sprintf("%s.", name)
}

func fieldDescription(def *ast.Definition, f *ast.FieldDefinition) string {
	name := def.Name
	switch {
	case strings.HasSuffix(name, "Connection"):
		switch f.Name {
		case "edges":
			return "The edges of this page."
		case "pageInfo":
			return "Information to aid in pagination."
		case "totalCount":
			return "The number of nodes matching the filter, across all pages."
		}
	case strings.HasSuffix(name, "Edge"):
		switch f.Name {
		case "node":
			return "The item at the end of the edge."
		case "cursor":
			return "A cursor for use in pagination (after/before)."
		}
	case strings.HasSuffix(name, "Order"):
		switch f.Name {
		case "direction":
			return "The ordering direction."
		case "field":
			return "The field by which to order."
		}
	case strings.HasSuffix(name, "WhereInput"):
		return wherePredicate(f.Name)
	}
	if f.Name == "id" {
		return "The globally unique ID of the node (usable with node(id:))."
	}
	return fmt.Sprintf("The %s of the %s.", f.Name, name)
}

var suffixes = []struct{ suffix, text string }{
	{"NotIn", "not one of the given values"},
	{"NotNil", "is set"},
	{"IsNil", "is not set"},
	{"ContainsFold", "contains the value, case-insensitively"},
	{"EqualFold", "equals the value, case-insensitively"},
	{"HasPrefix", "starts with the value"},
	{"HasSuffix", "ends with the value"},
	{"Contains", "contains the value"},
	{"NEQ", "is not equal to the value"},
	{"GTE", "is greater than or equal to the value"},
	{"LTE", "is less than or equal to the value"},
	{"GT", "is greater than the value"},
	{"LT", "is less than the value"},
	{"In", "is one of the given values"},
}

func wherePredicate(field string) string {
	switch field {
	case "and":
		return "All of these filters must match."
	case "or":
		return "At least one of these filters must match."
	case "not":
		return "This filter must not match."
	}
	if strings.HasPrefix(field, "has") && strings.HasSuffix(field, "With") {
		edge := strings.TrimSuffix(strings.TrimPrefix(field, "has"), "With")
		return fmt.Sprintf("At least one %s edge matches these filters.", lowerFirst(edge))
	}
	for _, s := range suffixes {
		if strings.HasSuffix(field, s.suffix) && len(field) > len(s.suffix) {
			return fmt.Sprintf("%s %s.", strings.TrimSuffix(field, s.suffix), s.text)
		}
	}
	if strings.HasPrefix(field, "has") && len(field) > 3 {
		return fmt.Sprintf("Whether the %s edge is set (true) or empty (false).", lowerFirst(strings.TrimPrefix(field, "has")))
	}
	return fmt.Sprintf("%s equals the value.", field)
}

func enumValueDescription(enum, value string) string {
	switch value {
	case "ASC":
		return "Ascending order."
	case "DESC":
		return "Descending order."
	}
	return fmt.Sprintf("%s %s.", enum, value)
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
