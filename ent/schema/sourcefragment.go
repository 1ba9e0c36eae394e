package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/karta/karta/ent/nodetype"
)

// SourceFragment is text of a source document that the importer could not
// attach to any node, kept so that nothing of a map is lost silently.
type SourceFragment struct {
	ent.Schema
}

// Mixin of the SourceFragment.
func (SourceFragment) Mixin() []ent.Mixin {
	return []ent.Mixin{SourceMixin{}}
}

// Fields of the SourceFragment.
func (SourceFragment) Fields() []ent.Field {
	return []ent.Field{
		field.Text("text").
			Comment("The text as written."),
		field.String("reason").
			Optional().
			Comment("Why the text could not be attached.").
			Annotations(entgql.OrderField("REASON")),
	}
}

// Edges of the SourceFragment.
func (SourceFragment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("map", TransformationMap.Type).
			Ref("fragments").
			Unique().
			Required().
			Comment("The map the text comes from."),
	}
}

// Indexes of the SourceFragment: every foreign key (lookups from the parent side and
// eager loading read by it) and the columns filters and orders use.
func (SourceFragment) Indexes() []ent.Index {
	return []ent.Index{
		index.Edges("map"),
	}
}

// Annotations of the SourceFragment.
func (SourceFragment) Annotations() []schema.Annotation {
	return append(typeAnnotations("Text of a source document not attached to any node, with its line and the reason."),
		nodetype.Node{
			Parents: []string{"map"},
			Crumb:   nodetype.Format{Format: "line %d", Fields: []string{"source_line"}},
			Search: &nodetype.Search{
				Rank: 19,
				Name: []string{"text"},
			},
			Scoped:      true,
			RemoveOrder: 160,
		})
}
