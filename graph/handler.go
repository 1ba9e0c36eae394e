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
	"github.com/karta/karta/catalog/versioned"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/server/snapshot"
)

// Options are the limits of the GraphQL endpoint.
type Options struct {
	// ComplexityLimit refuses operations whose cost exceeds it (0: no limit).
	// A connection costs its page size times what is selected in it,
	// nodes(ids:) its ids times what it selects, and introspection the
	// number of values it would return.
	ComplexityLimit int
	// CatalogWideCost is the cost of one catalog-wide field
	// (CatalogWideFields); 0: DefaultCatalogWideCost.
	CatalogWideCost int
	// MaxPageSize caps first/last of every connection and is the page size of
	// a connection requested without them.
	MaxPageSize int
	// Limits bound aliases, fields, depth, repeated fields, input and
	// response sizes (zero fields: DefaultLimits).
	Limits Limits
	Logger *slog.Logger
	// ResponseCache, when not nil, answers repeated queries of one catalog
	// version from memory, with ETag/304 on GET and persisted queries.
	ResponseCache *ResponseCache
	// Search serves Query.search; a service building its index on first use
	// when nil.
	Search *search.Service
	// Memo keeps the analytics' tables per catalog version; one of the
	// handler's own when nil.
	Memo *versioned.Memo
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
	if opts.CatalogWideCost <= 0 {
		opts.CatalogWideCost = DefaultCatalogWideCost
	}
	limits := opts.Limits.withDefaults()
	cache := pageSizeCache{Cache: lru.New[*ast.QueryDocument](1000), max: opts.MaxPageSize}
	srv := handler.New(WithCosts(newSchema(client, opts.Search, opts.Memo), opts.MaxPageSize, opts.CatalogWideCost))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(httpTransport{maxResponse: limits.ResponseBytes, cache: opts.ResponseCache})
	srv.SetQueryCache(cache)
	srv.Use(extension.Introspection{})
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	// Refuse hostile documents before gqlgen validates them, and costly
	// operations (introspection included) before they run.
	srv.Use(documentLimits{Limits: limits, cache: cache})
	srv.Use(pageSizes{max: opts.MaxPageSize})
	srv.Use(&costLimit{limit: opts.ComplexityLimit, introspection: limits.Introspection})
	srv.SetParserTokenLimit(limits.Tokens)
	// Deadline on every field; breadcrumbs of a page resolved in one batch.
	srv.AroundFields(primeBreadcrumbs(client, Deadline))
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
	return srv
}
