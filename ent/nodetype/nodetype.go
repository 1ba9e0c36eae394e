// Package nodetype is the schema annotation that makes an ent type a node
// type of the catalog. Every type with a natural key (SourceMixin) carries
// one; ent/entc.go's extension (package nodetype/gen) reads them and
// generates the registry (package ent/registry) from which search,
// breadcrumbs and the loader take the list of node types and their typed
// helpers. Adding a node type touches ent/schema only: its annotation says
// how it hangs in the catalog, how it is named and searched and when it is
// removed.
package nodetype

// AnnotationName is the name under which the annotation is stored in the
// ent graph.
const AnnotationName = "KartaNode"

// Node describes one node type. Field and edge names are ent/schema's
// (snake case).
type Node struct {
	// Parents are the unique edges to the node's parent in a breadcrumb, in
	// order of preference: the first one set is the parent (a KPI under a
	// sphere, else under its map). Empty for a node without a parent.
	Parents []string `json:"parents,omitempty"`
	// Bodies is an edge (to many) whose nodes' top bodies the node belongs
	// to in search facets when it has no parent (a service belongs to the
	// bodies of its process groups).
	Bodies string `json:"bodies,omitempty"`
	// Crumb is the node's name in a breadcrumb: fmt.Sprintf of Format with
	// the values of Fields. When Format is empty the name is the first of
	// Fields.
	Crumb Format `json:"crumb"`
	// Search says how the node is indexed; nil for a type that is not
	// indexed on its own (rows shown with their parent).
	Search *Search `json:"search,omitempty"`
	// Scoped types live under a map's key and are removed with it; the
	// others (bodies, systems, services, functions, units) are shared.
	Scoped bool `json:"scoped,omitempty"`
	// RemoveOrder orders removal, children first: a type is removed before
	// every type with a higher RemoveOrder. Unique per type.
	RemoveOrder int `json:"removeOrder"`
	// NeverRemoved types are never deleted by an import (maps).
	NeverRemoved bool `json:"neverRemoved,omitempty"`
}

// Format is a display name built from fields.
type Format struct {
	Format string   `json:"format,omitempty"`
	Fields []string `json:"fields"`
}

// Search says which fields of a node type are searched, by weight class:
// names weigh three times texts (see catalog/search).
type Search struct {
	// Rank orders the types in facets when counts are equal. Unique per type.
	Rank int `json:"rank"`
	// Name lists the fields the display name can come from: the first that
	// is not empty is the name (a list field is joined with "; ").
	Name []string `json:"name"`
	// Alt are short names, codes and aliases: weigh as names, matched
	// exactly as a whole too.
	Alt []string `json:"alt,omitempty"`
	// Text are the other texts.
	Text []string `json:"text,omitempty"`
}

// Name implements ent's schema.Annotation.
func (Node) Name() string { return AnnotationName }
