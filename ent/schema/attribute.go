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

// Attribute is one attribute of an entity, in the order the map lists them.
type Attribute struct {
	ent.Schema
}

// Mixin of the Attribute.
func (Attribute) Mixin() []ent.Mixin {
	return []ent.Mixin{SourceMixin{}, PositionMixin{}}
}

// Fields of the Attribute.
func (Attribute) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").
			NotEmpty().
			Comment("The attribute as written, e.g. «Спортивный разряд/звание».").
			Annotations(entgql.OrderField("NAME")),
	}
}

// Edges of the Attribute.
func (Attribute) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("entity", Entity.Type).
			Ref("attributes").
			Unique().
			Required().
			Comment("The entity this attribute describes."),
	}
}

// Indexes of the Attribute: every foreign key (lookups from the parent side and
// eager loading read by it) and the columns filters and orders use.
func (Attribute) Indexes() []ent.Index {
	return []ent.Index{
		index.Edges("entity"),
		index.Fields("name"),
	}
}

// Annotations of the Attribute.
func (Attribute) Annotations() []schema.Annotation {
	return append(typeAnnotations("An attribute of an entity (the data the state keeps on it)."),
		nodetype.Node{
			Parents: []string{"entity"},
			Crumb:   nodetype.Format{Fields: []string{"name"}},
			Search: &nodetype.Search{
				Rank: 4,
				Name: []string{"name"},
			},
			Scoped:      true,
			RemoveOrder: 50,
		})
}
