// Package migrations holds the versioned schema migrations of the catalog,
// one directory per database (sqlite/, postgres/), generated from ent/schema
// by `make migration NAME=…` (see generate/) and checked in with an
// atlas.sum integrity file. server.Migrate applies the pending ones in
// order, under a lock; a test fails when the files and ent/schema disagree.
package migrations
