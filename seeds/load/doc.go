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
package load
