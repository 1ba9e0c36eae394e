// Package breadcrumb computes the path of any catalog node up to its state
// body — ministry › map › sphere › entity › attribute — in a bounded number
// of SQL queries: nodes are resolved level by level, one query (plus one
// eager load) per node type and level, however many nodes are asked for.
// What a node type's name and parent are comes from its ent/schema
// annotation, through the generated registry (ent/registry).
// Loader batches the requests of one GraphQL operation (dataloadgen); a
// node read with its breadcrumb selected brings its own step (Seed, from
// the columns entgql's field collection adds), so only its ancestors are
// read.
// Only each node's name columns and parent key are read, never whole rows
// (a map row carries kilobytes of JSON). The search index resolves the
// breadcrumbs of all its nodes once per build, so search hits need none.
package breadcrumb
