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
// breadcrumbs of every breadcrumb field (the generated Breadcrumb method of
// each node type calls the CrumbsFunc installed here); the nodes of a page
// of search hits are loaded in one batch by loadHitNodes.

// breadcrumbLoaderOptions tune the breadcrumb loader (tests set a batch
// capacity of 1 to prove pages are primed, not batched by the time window).
var breadcrumbLoaderOptions []dataloadgen.Option

// nodeMemo turns the operation's memo of nodes on (tests compare answers
// without it).
var nodeMemo = true

// withLoaders returns ctx carrying the loaders of one operation, and for a
// query the operation's memo of the nodes it read (ent.WithMemo: a page's
// one-to-one edges are read from it, or together in one statement per node
// type).
func withLoaders(ctx context.Context, client *ent.Client) context.Context {
	if oc := graphql.GetOperationContext(ctx); nodeMemo && oc != nil && oc.Operation != nil && oc.Operation.Operation == ast.Query {
		ctx = ent.WithMemo(ctx)
	}
	ctx = breadcrumb.With(ctx, breadcrumb.NewLoader(client, breadcrumbLoaderOptions...))
	ctx = ent.WithCrumbs(ctx, func(ctx context.Context, typ string, id int) ([]*ent.Crumb, error) {
		return crumbs(ctx, client, typ, id)
	})
	return ctx
}

// loadHitNodes replaces the node stubs of a page of search hits (type and
// ID, all the index knows) with the nodes loaded, in one batch, when the
// operation selects more of them than __typename and id; hits whose node is
// gone are dropped, as Service.Search drops those an import removed. The
// hits' fields are then plain values, resolved without a goroutine each
// (graph/serialexec), and their breadcrumbs come from the index.
func loadHitNodes(ctx context.Context, client *ent.Client, res *search.Result) error {
	fc := graphql.GetFieldContext(ctx)
	if len(res.Hits) == 0 || fc == nil || !hitNodesSelectMore(fc.Field.Selections) {
		return nil
	}
	ids := make([]int, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	ns, err := client.Noders(ctx, ids)
	switch {
	case ent.IsNotFound(err): // one hit, gone
		ns = make([]ent.Noder, len(ids))
	case err != nil:
		return err
	}
	kept := res.Hits[:0]
	for i, h := range res.Hits {
		if ns[i] == nil {
			res.Total--
			continue
		}
		h.Node = ns[i]
		kept = append(kept, h)
	}
	res.Hits = kept
	return nil
}

// hitNodesSelectMore reports whether a search's selection set selects, on
// hits { node }, anything but __typename and id (through fragments).
func hitNodesSelectMore(set ast.SelectionSet) bool {
	more := false
	forFields(set, func(hits *ast.Field) {
		if hits.Name != "hits" {
			return
		}
		forFields(hits.SelectionSet, func(node *ast.Field) {
			more = more || node.Name == "node" && !onlyID(node.SelectionSet)
		})
	})
	return more
}

// onlyID reports whether set selects nothing but __typename and id
// (through fragments).
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
