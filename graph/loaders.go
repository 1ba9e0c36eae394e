package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vikstrous/dataloadgen"

	"github.com/karta/karta/catalog/breadcrumb"
	"github.com/karta/karta/catalog/search"
	"github.com/karta/karta/ent"
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

// searchHitStubs build a node carrying only its ID, for a search hit whose
// node is selected for nothing else ({ __typename id }): the index knows
// both, so the hit needs no query. One entry per indexed type (a test
// checks them against search.Types()).
var searchHitStubs = map[string]func(id int) ent.Noder{
	"Ministry":          func(id int) ent.Noder { return &ent.Ministry{ID: id} },
	"TransformationMap": func(id int) ent.Noder { return &ent.TransformationMap{ID: id} },
	"Sphere":            func(id int) ent.Noder { return &ent.Sphere{ID: id} },
	"Entity":            func(id int) ent.Noder { return &ent.Entity{ID: id} },
	"Attribute":         func(id int) ent.Noder { return &ent.Attribute{ID: id} },
	"ProcessGroup":      func(id int) ent.Noder { return &ent.ProcessGroup{ID: id} },
	"Process":           func(id int) ent.Noder { return &ent.Process{ID: id} },
	"Service":           func(id int) ent.Noder { return &ent.Service{ID: id} },
	"InformationSystem": func(id int) ent.Noder { return &ent.InformationSystem{ID: id} },
	"KPI":               func(id int) ent.Noder { return &ent.KPI{ID: id} },
	"Integration":       func(id int) ent.Noder { return &ent.Integration{ID: id} },
	"Need":              func(id int) ent.Noder { return &ent.Need{ID: id} },
	"Icebreaker":        func(id int) ent.Noder { return &ent.Icebreaker{ID: id} },
	"StateFunction":     func(id int) ent.Noder { return &ent.StateFunction{ID: id} },
	"StructuralUnit":    func(id int) ent.Noder { return &ent.StructuralUnit{ID: id} },
	"Experience":        func(id int) ent.Noder { return &ent.Experience{ID: id} },
	"RoadmapItem":       func(id int) ent.Noder { return &ent.RoadmapItem{ID: id} },
	"SphereSchedule":    func(id int) ent.Noder { return &ent.SphereSchedule{ID: id} },
	"ServicePlan":       func(id int) ent.Noder { return &ent.ServicePlan{ID: id} },
	"SourceFragment":    func(id int) ent.Noder { return &ent.SourceFragment{ID: id} },
}

// hitNode returns a search hit's node: a stub when the operation selects
// only its type and ID, otherwise the node loaded through the batching
// loader.
func hitNode(ctx context.Context, client *ent.Client, h *search.Hit) (ent.Noder, error) {
	if stub, ok := searchHitStubs[h.Type]; ok && selectsOnlyID(ctx) {
		return stub(h.ID), nil
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
