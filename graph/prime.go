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
// batching window (16 ms) for nothing. A root field primes, in one batch,
// every node of the tree its resolver loaded whose breadcrumb is selected —
// in lists nested inside lists too, which no field below could prime
// without a batch per element (see walker). Every other field returns at
// the first check. It runs inner around every field, so the pair costs one
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
		sel := fc.Field.Selections
		if root(fc) && selectsBelow(sel, "breadcrumb") {
			// The nodes the root resolver reads with their crumb columns
			// (entgql's field collection, ent's seedCrumbs) bring their own
			// breadcrumb steps: the batch below reads only the ancestors
			// the tree did not read. Only a root field that selects a
			// breadcrumb seeds, so that a sibling root field resolving at
			// the same time does not change what this one reads.
			ctx = ent.WithCrumbSteps(ctx, func(steps []ent.CrumbStep) { breadcrumb.Seed(ctx, steps) })
		}
		res, err := inner(ctx, next)
		if err != nil || res == nil {
			return res, err
		}
		if root(fc) {
			// A root field: its resolver loaded the whole tree below it
			// (entgql's field collection), so the breadcrumbs of every node
			// under it, in lists nested inside lists too, are primed in one
			// batch; the fields below then find them primed.
			if !selectsBelow(sel, "breadcrumb") {
				return res, err
			}
			w := walker{seen: map[breadcrumb.Ref]bool{}}
			w.value(reflect.ValueOf(res), fc.Field.Field, 0)
			if len(w.refs) > 0 {
				if perr := breadcrumb.Prime(ctx, client, w.refs); perr != nil {
					return nil, perr
				}
			}
			return res, err
		}
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

// root reports whether fc is a field of the operation's root type (its
// parent, if any, is the operation's context, which carries no field).
func root(fc *graphql.FieldContext) bool {
	return fc.Parent == nil || fc.Parent.Field.Field == nil
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

// selectsBelow reports whether set selects a field named name at any depth.
func selectsBelow(set ast.SelectionSet, name string) bool {
	for _, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			if s.Name == name || selectsBelow(s.SelectionSet, name) {
				return true
			}
		case *ast.InlineFragment:
			if selectsBelow(s.SelectionSet, name) {
				return true
			}
		case *ast.FragmentSpread:
			if s.Definition != nil && selectsBelow(s.Definition.SelectionSet, name) {
				return true
			}
		}
	}
	return false
}

// maxWalkDepth bounds the fields a walker follows down from a root field.
const maxWalkDepth = 16

// walker lists the nodes of a resolved tree whose breadcrumb the operation
// selects, following the edges the tree's ent nodes carry (loaded by
// entgql's field collection: a unique edge in Edges.X, any other under its
// alias, NamedX(alias)). An edge the resolver did not load is not followed:
// its nodes go through the loader (or are primed when their own field
// resolves, see primeBreadcrumbs).
type walker struct {
	refs []breadcrumb.Ref
	seen map[breadcrumb.Ref]bool
}

// value walks v, the result of field f: a node, a list of nodes or a
// connection.
func (w *walker) value(v reflect.Value, f *ast.Field, depth int) {
	if depth > maxWalkDepth {
		return
	}
	for v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	switch {
	case v.Kind() == reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			w.node(v.Index(i), f.SelectionSet, depth)
		}
	case v.Kind() == reflect.Pointer && !v.IsNil() && v.Elem().Kind() == reflect.Struct:
		if f.Definition != nil && strings.HasSuffix(f.Definition.Type.Name(), "Connection") {
			edges := v.Elem().FieldByName("Edges")
			if edges.Kind() != reflect.Slice {
				return
			}
			nodes := nodeSelections(f.SelectionSet)
			for i := 0; i < edges.Len(); i++ {
				if e := reflect.Indirect(edges.Index(i)); e.Kind() == reflect.Struct {
					w.node(e.FieldByName("Node"), nodes, depth)
				}
			}
			return
		}
		w.node(v, f.SelectionSet, depth)
	}
}

// node walks one node with the selection set on it.
func (w *walker) node(v reflect.Value, set ast.SelectionSet, depth int) {
	for v.IsValid() && v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	r, ok := nodeRef(v)
	if !ok {
		return
	}
	if selects(set, "breadcrumb") && !w.seen[r] {
		w.seen[r] = true
		w.refs = append(w.refs, r)
	}
	edges := v.Elem().FieldByName("Edges")
	forFields(set, func(f *ast.Field) {
		if len(f.SelectionSet) == 0 || f.Name == "breadcrumb" || f.Name == "" {
			return
		}
		name := strings.ToUpper(f.Name[:1]) + f.Name[1:]
		if m := v.MethodByName("Named" + name); m.IsValid() && m.Type().NumIn() == 1 && m.Type().In(0).Kind() == reflect.String {
			alias := f.Alias
			if alias == "" {
				alias = f.Name
			}
			out := m.Call([]reflect.Value{reflect.ValueOf(alias)})
			if len(out) == 2 && out[1].IsNil() && out[0].Kind() == reflect.Slice {
				sub := f.SelectionSet
				if f.Definition != nil && strings.HasSuffix(f.Definition.Type.Name(), "Connection") {
					sub = nodeSelections(f.SelectionSet)
				}
				for i := 0; i < out[0].Len(); i++ {
					w.node(out[0].Index(i), sub, depth+1)
				}
			}
			return
		}
		if edges.Kind() == reflect.Struct {
			if e := edges.FieldByName(name); e.IsValid() && e.Kind() == reflect.Pointer {
				w.node(e, f.SelectionSet, depth+1)
			}
		}
	})
}

// nodeSelections returns what a connection's selection set selects on its
// nodes (edges { node { … } } and nodes { … }, through fragments).
func nodeSelections(set ast.SelectionSet) ast.SelectionSet {
	var out ast.SelectionSet
	forFields(set, func(f *ast.Field) {
		switch f.Name {
		case "edges":
			forFields(f.SelectionSet, func(n *ast.Field) {
				if n.Name == "node" {
					out = append(out, n.SelectionSet...)
				}
			})
		case "nodes":
			out = append(out, f.SelectionSet...)
		}
	})
	return out
}

// forFields calls fn with every field of set, through fragments.
func forFields(set ast.SelectionSet, fn func(*ast.Field)) {
	for _, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			fn(s)
		case *ast.InlineFragment:
			forFields(s.SelectionSet, fn)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				forFields(s.Definition.SelectionSet, fn)
			}
		}
	}
}
