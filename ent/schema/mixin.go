package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"entgo.io/ent/schema/mixin"
)

// SourceMixin gives a node read from a map its natural key, its position in
// the source document and the digest the importer uses to skip unchanged
// nodes. The key is what makes a re-import update in place.
type SourceMixin struct {
	mixin.Schema
}

// Fields of the SourceMixin.
func (SourceMixin) Fields() []ent.Field {
	return []ent.Field{
		field.String("key").
			NotEmpty().
			Immutable().
			Comment("Natural key, stable across re-imports (e.g. `mts/sphere/1`). Unique per type.").
			Annotations(entgql.OrderField("KEY")),
		field.Int("source_line").
			Optional().
			Comment("1-based line of the source document where this element starts; 0 when it was not read from one line.").
			Annotations(entgql.OrderField("SOURCE_LINE")),
		field.String("digest").
			Optional().
			Comment("Digest of the imported content, used by the importer to skip unchanged nodes.").
			Annotations(entgql.Skip()),
	}
}

// Indexes of the SourceMixin. The key's index serves equality and, on
// PostgreSQL, the importer's prefix reads (key LIKE 'map/%') under any
// collation: text_pattern_ops compares bytes (SQLite's index does so
// already and ignores the operator class).
func (SourceMixin) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("key").Unique().Annotations(entsql.OpClass("text_pattern_ops")),
	}
}

// PositionMixin orders a node within its parent list as the document does.
type PositionMixin struct {
	mixin.Schema
}

// Fields of the PositionMixin.
func (PositionMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Int("position").
			NonNegative().
			Default(0).
			Comment("0-based position within its parent list, in document order. Order by POSITION to read the list as written.").
			Annotations(entgql.OrderField("POSITION")),
	}
}

// typeAnnotations are the entgql annotations every node type shares: a root
// query field with a Relay connection, where filters and multi-field ordering.
func typeAnnotations(comment string, query ...string) []schema.Annotation {
	return []schema.Annotation{
		schema.Comment(comment),
		entgql.QueryField(query...),
		entgql.RelayConnection(),
		entgql.MultiOrder(),
	}
}
