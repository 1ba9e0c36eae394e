// Package integrations answers the catalog's cross-map questions about who
// exchanges which data with whom, over the ent client, without GraphQL:
//
//   - Graph: the integration plans of every map as one graph of bodies and
//     information systems, filtered by ministry (with its committees),
//     domain, system and deadline range;
//   - Traverse: the bounded neighbourhood of a body or system — upstream
//     (who provides to it), downstream (who consumes from it) or both — with
//     a depth cap, a per-node limit per hop and a node cap, telling when
//     and where a limit cut the result;
//   - DataSources: the bodies and systems holding data that matches a need
//     («данные о спортсменах»), through entities, attributes, integration
//     data names and the systems automating the process groups that manage
//     the matched entities, grouped by body and ranked;
//   - System and SharedSystems: one system across every map, and the
//     systems used by several ministries.
//
// An integration is drawn from its provider to its consumer. Each side
// attaches to its system when the map names one, else to its body, so body
// nodes stand for sides whose system is unknown. IDs are ent's global IDs,
// so a body and a system never share one.
//
// Every function reads the catalog in a bounded number of SQL queries,
// never one per node: tables that are small and needed whole (bodies, for
// names and the committee → ministry hierarchy) are read once, everything
// else in one query per kind of row for all IDs at once, and matching and
// aggregation are done in Go. A traversal makes one query per hop.
// Text comparisons (domains, needs) are made in Go, because SQLite's lower()
// does not fold Cyrillic.
//
// Each question is written once over a source of rows: the database
// (dbSource: the package functions, filters in SQL) or the tables of one
// catalog version — bodies, systems, maps, spheres, integrations, entities,
// attributes and process groups, names split into words — read whole once
// and kept in a catalog/versioned memo (Memoized, what the server uses),
// filtered in Go with the same predicates. Systems are still resolved by
// name in the database (one query), where the spelling rules live. A
// 40-map test holds the two sources' answers equal.
//
// DataSourcePage is a page of DataSources (catalog/page): the whole answer
// is matched and ranked, the page's bodies returned, each with the sizes
// of its lists and their first items (MatchesHead, SystemsHead,
// IntegrationsHead).
package integrations
