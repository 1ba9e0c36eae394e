package graph

import (
	"context"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/karta/karta/catalog/search"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/server/snapshot"
)

// Options are the limits of the GraphQL endpoint.
type Options struct {
	// ComplexityLimit refuses operations whose cost exceeds it (0: no limit).
	// A connection costs its page size times what is selected in it.
	ComplexityLimit int
	// MaxPageSize caps first/last of every connection and is the page size of
	// a connection requested without them.
	MaxPageSize int
	Logger      *slog.Logger
	// Search serves Query.search; a service building its index on first use
	// when nil.
	Search *search.Service
}

// NewHandler returns the GraphQL-over-HTTP handler (GET and POST) for client.
func NewHandler(client *ent.Client, opts Options) *handler.Server {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.MaxPageSize <= 0 {
		opts.MaxPageSize = 100
	}
	if opts.Search == nil {
		opts.Search = search.NewService(client)
		opts.Search.Logger = opts.Logger
	}
	srv := handler.New(WithConnectionComplexity(NewSchema(client, opts.Search), opts.MaxPageSize))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(extension.Introspection{})
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	if opts.ComplexityLimit > 0 {
		srv.Use(extension.FixedComplexityLimit(opts.ComplexityLimit))
	}
	srv.AroundFields(PageSize(opts.MaxPageSize))
	// Per-operation loaders batch what entgql's field collection cannot, and
	// every statement of an operation reads one snapshot of the catalog
	// (server/snapshot), so an import committing meanwhile is seen whole or
	// not at all.
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		ctx, end := snapshot.Begin(ctx)
		respond := next(withLoaders(ctx, client))
		return func(ctx context.Context) *graphql.Response {
			defer end()
			return respond(ctx)
		}
	})
	srv.SetErrorPresenter(ErrorPresenter(opts.Logger))
	srv.SetRecoverFunc(Recover(opts.Logger))
	// Bound the parser's work on hostile documents before complexity is known.
	srv.SetParserTokenLimit(15000)
	return srv
}
