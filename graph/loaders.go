package graph

import (
	"context"

	"github.com/vikstrous/dataloadgen"

	"github.com/karta/karta/catalog/breadcrumb"
	"github.com/karta/karta/ent"
)

// Per-operation loaders batch what entgql's field collection cannot: the
// nodes and breadcrumbs of search hits and of every breadcrumb field.

type nodeLoaderKey struct{}

// withLoaders returns ctx carrying the loaders of one operation.
func withLoaders(ctx context.Context, client *ent.Client) context.Context {
	ctx = breadcrumb.With(ctx, breadcrumb.NewLoader(client))
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
