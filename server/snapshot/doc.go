// Package snapshot makes a unit of reading work — one GraphQL operation, one
// search-index build — read one consistent state of the catalog, even while
// an import commits beside it.
//
// Driver wraps ent's SQL driver. A context marked with Begin routes every
// statement through one read-only transaction, begun lazily by the first
// statement: REPEATABLE READ on PostgreSQL (one snapshot for the whole
// transaction), a deferred read transaction on SQLite (in WAL mode it reads
// the snapshot of its first statement). Contexts without the mark go
// straight to the pool, as before.
//
// A transaction is one connection, and gqlgen resolves fields concurrently,
// so the statements of one snapshot are serialized: a statement holds the
// snapshot from its start until its rows are closed (PostgreSQL cannot
// interleave two result sets on one connection).
package snapshot
