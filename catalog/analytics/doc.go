// Package analytics answers the catalog's aggregate questions across maps:
// per ministry and per sphere, entities by digitization status, process
// groups by automation and reengineering status, AI plans, services, KPIs;
// the ministry × ministry matrix of integrations; entities that look alike
// in two or more ministries' maps with no integration between them
// (candidates for duplicated data collection); and the roadmap across maps.
//
// Every function reads the catalog in a fixed number of SQL queries (eager
// loading, never a query per node) and aggregates in Go: the catalog is
// thousands of nodes, not millions.
//
// The server answers through Memoized: the argument-free results (every
// ministry's and sphere's summary, both matrices, the duplicate candidates,
// every roadmap step) are computed once per catalog version and kept in a
// catalog/versioned memo, and each request picks or filters what its
// arguments select — in Go, with the same predicates the SQL versions
// apply (a 40-map test in catalog/integrations holds them equal).
//
// Answers that grow with the catalog come in pages too (catalog/page):
// DuplicateCandidatePage is a page of the version's duplicate candidates,
// and a candidate's HoldingsHead its first holdings.
package analytics
