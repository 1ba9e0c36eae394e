package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// CatalogState is the catalog's version: one row, bumped inside every import
// transaction that changes the catalog. Search indexes, caches and other
// replicas compare it with the version they were built from instead of
// reading every table.
type CatalogState struct {
	ent.Schema
}

// Fields of the CatalogState.
func (CatalogState) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("version").
			NonNegative().
			Default(0).
			Comment("Incremented by every import that changes the catalog."),
		field.Time("imported_at").
			Optional().
			Comment("When the import that set this version committed its changes (UTC)."),
	}
}

// Annotations of the CatalogState.
func (CatalogState) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("The catalog's version, bumped by every import that changes it."),
		entgql.Skip(entgql.SkipAll),
	}
}

// ImportRun is one import that changed the catalog: when, which documents,
// the catalog version it produced and what it removed.
type ImportRun struct {
	ent.Schema
}

// Fields of the ImportRun.
func (ImportRun) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("version").
			Comment("The catalog version this import produced."),
		field.Time("imported_at").
			Default(func() time.Time { return time.Now().UTC().Round(0) }).
			Comment("When the import ran (UTC)."),
		field.Strings("files").
			Optional().
			Comment("The documents imported, as named on the command line."),
		field.Strings("maps").
			Optional().
			Comment("Keys of the maps the documents hold."),
		field.Int("created").
			NonNegative().
			Default(0).
			Comment("Nodes created."),
		field.Int("updated").
			NonNegative().
			Default(0).
			Comment("Nodes updated in place."),
		field.Int("removed").
			NonNegative().
			Default(0).
			Comment("Nodes removed (listed in removals)."),
		field.Bool("removals_allowed").
			Default(false).
			Comment("Whether the operator allowed removals beyond the guard (-allow-removals)."),
		field.JSON("recognitions", []Recognition{}).
			Optional().
			Comment("The wordings of the documents that needed a synonym or a fallback of the vocabulary, and the columns and labels not understood, with file and line: the import's report, kept."),
	}
}

// Edges of the ImportRun.
func (ImportRun) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("removals", Removal.Type).
			Comment("The nodes this import removed."),
	}
}

// Annotations of the ImportRun.
func (ImportRun) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("One import that changed the catalog."),
		entgql.Skip(entgql.SkipAll),
	}
}

// Removal is one node an import removed: the record that keeps a deletion
// from going unnoticed.
type Removal struct {
	ent.Schema
}

// Fields of the Removal.
func (Removal) Fields() []ent.Field {
	return []ent.Field{
		field.String("type").
			NotEmpty().
			Comment("The node's GraphQL type, e.g. Entity."),
		field.String("key").
			NotEmpty().
			Comment("The node's natural key."),
		field.Int("node_id").
			Comment("The node's global ID (no longer resolvable)."),
		field.Bool("orphan").
			Default(false).
			Comment("Removed because nothing linked to it any more (a shared body, system, service, function or unit)."),
	}
}

// Edges of the Removal.
func (Removal) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("import", ImportRun.Type).
			Ref("removals").
			Unique().
			Required().
			Comment("The import that removed the node."),
	}
}

// Indexes of the Removal.
func (Removal) Indexes() []ent.Index {
	return []ent.Index{
		index.Edges("import"),
	}
}

// Annotations of the Removal.
func (Removal) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A node an import removed."),
		entgql.Skip(entgql.SkipAll),
	}
}

// Recognition is one wording of an imported document that was read through
// a synonym or a fallback of the vocabulary, or not understood.
type Recognition struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Kind    string `json:"kind"`
	Wording string `json:"wording"`
	Matched string `json:"matched,omitempty"`
	How     string `json:"how"`
}
