// Package importtest compares catalogs: Dump reads every table of the
// catalog's schema (ent/migrate.Tables) with plain SQL into a canonical form
// without surrogate ids, and Diff lists where two dumps differ, as
// "table key column: want … got …".
//
// A dump is generic: every column of every table is compared, except the
// columns and tables listed in Ignored (each with the reason a rewritten map
// may change it), so a field added to ent/schema is compared as soon as it
// exists. Foreign keys and join-table ids are replaced by the referenced
// row's natural key (its "key" column), or by the referenced row's canonical
// form when its table has no key.
//
// The variant test of this package imports every map of the variant corpus
// (seeds/variants) into a fresh catalog and compares it with the import of
// its seed: the same nodes, values and links.
package importtest
