// Package load writes parsed maps (package seeds/kct) into the catalog.
//
// Every node gets a natural key built from what identifies it in the
// document (a sphere's name, a process group's code within its sphere, an
// integration's systems and data, …) and a digest of its content. An import
// runs in one transaction: nodes whose key is new are created, nodes whose
// digest changed are updated in place (same ID), unchanged nodes are left
// alone, and nodes of the map that the document no longer has are removed.
// Importing the same document twice therefore changes nothing, and a failed
// import changes nothing at all. State bodies and information systems are
// resolved to one node per real body or system through the alias table
// (package seeds/identity).
package load
