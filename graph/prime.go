package graph

import (
	"context"
	"reflect"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/karta/karta/catalog/breadcrumb"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/registry"
)

// primeBreadcrumbs is a field middleware: when a list or connection of node
// types, not itself inside a list, resolves and its nodes select
// breadcrumb, it resolves the breadcrumbs of the whole page in one batch
// before the nodes' fields run. The number of breadcrumb queries then
// depends on the page, not on how the loader's time window meets the
// goroutines gqlgen resolves list elements in. A single node resolved by a
// resolver (node(id:), an edge), not inside a list, that selects breadcrumb
// is primed the same way: through the loader it would wait out the loader's
// batching window (16 ms) for nothing. Every other field returns at the
// first check. It runs inner around every field, so the pair costs one
// layer of gqlgen's middleware chain (each layer allocates per field).
func primeBreadcrumbs(client *ent.Client, inner graphql.FieldMiddleware) graphql.FieldMiddleware {
	return func(ctx context.Context, next graphql.Resolver) (any, error) {
		fc := graphql.GetFieldContext(ctx)
		if fc == nil || len(fc.Field.Selections) == 0 || fc.Field.Definition == nil {
			return inner(ctx, next)
		}
		typ := fc.Field.Definition.Type
		conn := typ.Elem == nil && strings.HasSuffix(typ.NamedType, "Connection")
		single := typ.Elem == nil && !conn
		if single && !fc.IsResolver && !fc.IsMethod || insideList(fc.Parent) {
			return inner(ctx, next)
		}
		res, err := inner(ctx, next)
		if err != nil || res == nil {
			return res, err
		}
		sel := fc.Field.Selections
		if conn {
			if !selects(sel, "edges", "node", "breadcrumb") && !selects(sel, "nodes", "breadcrumb") {
				return res, err
			}
		} else if !selects(sel, "breadcrumb") {
			return res, err
		}
		var refs []breadcrumb.Ref
		if single {
			if r, ok := nodeRef(reflect.ValueOf(res)); ok {
				refs = []breadcrumb.Ref{r}
			}
		} else {
			refs = nodeRefs(res)
		}
		if len(refs) > 0 {
			if perr := breadcrumb.Prime(ctx, client, refs); perr != nil {
				return nil, perr
			}
		}
		return res, err
	}
}

// insideList reports whether fc or one of its parents is an element of a
// list: such a field resolves once per element, where priming would cost a
// batch per element.
func insideList(fc *graphql.FieldContext) bool {
	for ; fc != nil; fc = fc.Parent {
		if fc.Index != nil {
			return true
		}
	}
	return false
}

// selects reports whether set selects the field path (through fragments).
func selects(set ast.SelectionSet, path ...string) bool {
	for _, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			if s.Name == path[0] && (len(path) == 1 || selects(s.SelectionSet, path[1:]...)) {
				return true
			}
		case *ast.InlineFragment:
			if selects(s.SelectionSet, path...) {
				return true
			}
		case *ast.FragmentSpread:
			if s.Definition != nil && selects(s.Definition.SelectionSet, path...) {
				return true
			}
		}
	}
	return false
}

// nodeRefs lists the registry nodes of a resolved list ([]*ent.X) or
// connection (*ent.XConnection, by its edges).
func nodeRefs(res any) []breadcrumb.Ref {
	v := reflect.Indirect(reflect.ValueOf(res))
	if v.Kind() == reflect.Struct {
		edges := v.FieldByName("Edges")
		if edges.Kind() != reflect.Slice {
			return nil
		}
		var refs []breadcrumb.Ref
		for i := 0; i < edges.Len(); i++ {
			if e := reflect.Indirect(edges.Index(i)); e.Kind() == reflect.Struct {
				if r, ok := nodeRef(e.FieldByName("Node")); ok {
					refs = append(refs, r)
				}
			}
		}
		return refs
	}
	if v.Kind() != reflect.Slice {
		return nil
	}
	var refs []breadcrumb.Ref
	for i := 0; i < v.Len(); i++ {
		if r, ok := nodeRef(v.Index(i)); ok {
			refs = append(refs, r)
		}
	}
	return refs
}

// nodeRef names the node v holds when it is one of a registry type.
func nodeRef(v reflect.Value) (breadcrumb.Ref, bool) {
	if !v.IsValid() {
		return breadcrumb.Ref{}, false
	}
	if v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return breadcrumb.Ref{}, false
	}
	s := v.Elem()
	if s.Kind() != reflect.Struct || registry.Lookup(s.Type().Name()) == nil {
		return breadcrumb.Ref{}, false
	}
	id := s.FieldByName("ID")
	if id.Kind() != reflect.Int {
		return breadcrumb.Ref{}, false
	}
	return breadcrumb.Ref{Type: s.Type().Name(), ID: int(id.Int())}, true
}
