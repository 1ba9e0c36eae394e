// Package breadcrumb computes the path of any catalog node up to its state
// body — ministry › map › sphere › entity › attribute — in a bounded number
// of SQL queries: nodes are resolved level by level, one query (plus one
// eager load) per node type and level, however many nodes are asked for.
// Loader batches the requests of one GraphQL operation (dataloadgen).
package breadcrumb
