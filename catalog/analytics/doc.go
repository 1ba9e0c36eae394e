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
package analytics
