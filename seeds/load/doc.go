// Package load writes resolved maps (package seeds/resolve) into the
// catalog.
//
// Every node gets a natural key built from what identifies it in the
// document (a sphere's name, a process group's code within its sphere, an
// integration's systems and data, …) and a digest of its content. An import
// runs in one transaction: nodes whose key is new are created, nodes whose
// digest changed are updated in place (same ID), unchanged nodes are left
// alone, and nodes of the map that the document no longer has are removed.
// Importing the same document twice therefore changes nothing, and a failed
// import changes nothing at all.
//
// The loader matches no names: Import runs the resolve stage (which
// resolves bodies, systems and units through the alias table, package
// seeds/identity, and matches entities, groups and spheres by name) and
// writes what it resolved. Shared nodes (bodies, systems, units) take the
// keys the resolve stage gives them. The report lists, per document, the
// nodes the alias table does not know, for a curator to confirm.
//
// An import reads what it writes, not the catalog (tables.go): the rows
// under the imported map's key (one prefix read per type, on the key's
// index) and the shared nodes the document names (read by key in advance).
// Orphans (orphans.go) are looked for only among the shared nodes that may
// have lost a link in this import: those the map linked before it was
// written (one statement, a key range per table and join table, built from
// the schema's foreign keys), those whose own links (owner, parent) an
// update changed, and, cascading, those a removed node linked; each is
// checked with one NOT EXISTS per referencing column. Its time per map
// therefore stays flat as the catalog grows (BenchmarkImport40 in
// seeds/synth). New nodes of a kind are written together, one statement
// per 500 (upsertLeaf, store.flush): a map takes about 120 statements, not
// one per node, which is what a map costs on PostgreSQL (a round trip each).
//
// Imports of one catalog serialize (catalog.go): on PostgreSQL the
// transaction takes an advisory lock, polling for up to Options.LockWait
// and logging that it waits, then locks the version row; on SQLite the
// transaction begins IMMEDIATE. Concurrent imports end as some serial order
// of them would; one that waited too long fails with ErrImportRunning.
// Errors met while writing name the document's file:line. An import that changes the catalog bumps the version and
// records itself and what it removed (ImportRun, Removal). The removal
// guard refuses an import that would remove more than a share of a map, or
// anything with a truncated document, unless Options.AllowRemovals.
//
// On PostgreSQL an import that committed analyzes the tables it changed by
// more than autovacuum's analyze threshold (50 rows + 10 % of the table by
// default), and those it changed that were never analyzed (analyze.go,
// Report.Analyzed): autovacuum would get to them only on its next round, a
// minute or more later, and the server plans its reads on the new rows
// without statistics until then.
package load
