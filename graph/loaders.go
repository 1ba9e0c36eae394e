package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vikstrous/dataloadgen"

	"github.com/karta/karta/catalog/breadcrumb"
	"github.com/karta/karta/catalog/search"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/registry"
)

// Per-operation loaders batch what entgql's field collection cannot: the
// nodes and breadcrumbs of search hits and of every breadcrumb field (the
// generated Breadcrumb method of each node type calls the CrumbsFunc
// installed here).

type nodeLoaderKey struct{}

// breadcrumbLoaderOptions tune the breadcrumb loader (tests set a batch
// capacity of 1 to prove pages are primed, not batched by the time window).
var breadcrumbLoaderOptions []dataloadgen.Option

// withLoaders returns ctx carrying the loaders of one operation.
func withLoaders(ctx context.Context, client *ent.Client) context.Context {
	ctx = breadcrumb.With(ctx, breadcrumb.NewLoader(client, breadcrumbLoaderOptions...))
	ctx = ent.WithCrumbs(ctx, func(ctx context.Context, typ string, id int) ([]*ent.Crumb, error) {
		return crumbs(ctx, client, typ, id)
	})
	nodes := dataloadgen.NewMappedLoader(func(ctx context.Context, ids []int) (map[int]ent.Noder, error) {
		ns, err := client.Noders(ctx, ids)
		if err != nil {
			return nil, err
		}
		out := make(map[int]ent.Noder, len(ids))
		for i, n := range ns {
			if n != nil {
				out[ids[i]] = n
			}
		}
		return out, nil
	})
	return context.WithValue(ctx, nodeLoaderKey{}, nodes)
}

// loadNode returns the node with a global ID, batched with the operation's
// other loads.
func loadNode(ctx context.Context, client *ent.Client, id int) (ent.Noder, error) {
	if l, ok := ctx.Value(nodeLoaderKey{}).(*dataloadgen.Loader[int, ent.Noder]); ok {
		return l.Load(ctx, id)
	}
	return client.Noder(ctx, id)
}

// hitNode returns a search hit's node: a stub when the operation selects
// only its type and ID, otherwise the node loaded through the batching
// loader.
func hitNode(ctx context.Context, client *ent.Client, h *search.Hit) (ent.Noder, error) {
	if t := registry.Lookup(h.Type); t != nil && selectsOnlyID(ctx) {
		return t.Stub(h.ID), nil // the index knows the type and the ID: no query
	}
	return loadNode(ctx, client, h.ID)
}

// hitCrumbs returns a search hit's breadcrumb as of the index build,
// loading it only when the index has none.
func hitCrumbs(ctx context.Context, client *ent.Client, h *search.Hit) ([]*breadcrumb.Crumb, error) {
	if h.Breadcrumb != nil {
		return ptrs(h.Breadcrumb, nil)
	}
	return crumbs(ctx, client, h.Type, h.ID)
}

// selectsOnlyID reports whether the current field selects nothing but
// __typename and id (through fragments too).
func selectsOnlyID(ctx context.Context) bool {
	fc := graphql.GetFieldContext(ctx)
	return fc != nil && fc.Field.Field != nil && onlyID(fc.Field.Selections)
}

func onlyID(set ast.SelectionSet) bool {
	for _, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			if s.Name != "__typename" && s.Name != "id" {
				return false
			}
		case *ast.InlineFragment:
			if !onlyID(s.SelectionSet) {
				return false
			}
		case *ast.FragmentSpread:
			if s.Definition == nil || !onlyID(s.Definition.SelectionSet) {
				return false
			}
		}
	}
	return true
}
