// Package graph holds the GraphQL resolvers. They stay thin: one call into
// ent or into a domain package.
package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/karta/karta/catalog/analytics"
	"github.com/karta/karta/catalog/breadcrumb"
	"github.com/karta/karta/catalog/integrations"
	"github.com/karta/karta/catalog/search"
	"github.com/karta/karta/catalog/versioned"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/graph/generated"
)

// Resolver is the root resolver; its fields are the dependencies resolvers use.
type Resolver struct {
	Client *ent.Client
	// Search is the full-text search service (an index per replica).
	Searcher *search.Service
	// Memo keeps the analytics' and integrations' tables of the newest
	// catalog versions (per replica, keyed by the database's version); nil
	// computes them on every request.
	Memo *versioned.Memo
}

// NewSchema returns the executable schema over client, searching with
// searcher, with a memo of its own.
func NewSchema(client *ent.Client, searcher *search.Service) graphql.ExecutableSchema {
	return newSchema(client, searcher, nil)
}

func newSchema(client *ent.Client, searcher *search.Service, memo *versioned.Memo) graphql.ExecutableSchema {
	if memo == nil {
		memo = &versioned.Memo{}
	}
	return generated.NewExecutableSchema(generated.Config{
		Resolvers: &Resolver{Client: client, Searcher: searcher, Memo: memo},
	})
}

// WarmMemo is the warm-up of memo (see versioned.Watch): every value the
// analytics and the integration questions keep per catalog version, so
// that the first request of a version finds them computed.
func WarmMemo(client *ent.Client, memo *versioned.Memo) versioned.Warm {
	return versioned.All(analytics.Memoized{Memo: memo}.Warm(client), integrations.Memoized{Memo: memo}.Warm(client))
}

func (r *Resolver) analytics() analytics.Memoized { return analytics.Memoized{Memo: r.Memo} }

func (r *Resolver) integrations() integrations.Memoized { return integrations.Memoized{Memo: r.Memo} }

// crumbs returns a node's breadcrumb through the request's batching loader.
func crumbs(ctx context.Context, c *ent.Client, typ string, id int) ([]*breadcrumb.Crumb, error) {
	path, err := breadcrumb.For(ctx, c, typ, id)
	if err != nil {
		return nil, err
	}
	out := make([]*breadcrumb.Crumb, len(path))
	for i := range path {
		out[i] = &path[i]
	}
	return out, nil
}

// deref returns *p, or the zero value for nil (an absent optional argument).
func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// ptrs turns a result slice into the pointer slice gqlgen's root resolvers return.
func ptrs[T any](vs []T, err error) ([]*T, error) {
	if err != nil {
		return nil, err
	}
	out := make([]*T, len(vs))
	for i := range vs {
		out[i] = &vs[i]
	}
	return out, nil
}
