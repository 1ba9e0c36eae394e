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

// Experience is one country's international experience studied for a sphere.
type Experience struct {
	ent.Schema
}

// Mixin of the Experience.
func (Experience) Mixin() []ent.Mixin {
	return []ent.Mixin{SourceMixin{}, PositionMixin{}}
}

// Fields of the Experience.
func (Experience) Fields() []ent.Field {
	return []ent.Field{
		field.String("country").
			Comment("The country, as written (e.g. «Эстония»).").
			Annotations(entgql.OrderField("COUNTRY")),
		field.Text("text").
			Comment("What the country did and with what results."),
		field.Strings("links").
			Optional().
			Comment("Links given as sources."),
	}
}

// Edges of the Experience.
func (Experience) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("sphere", Sphere.Type).
			Ref("experiences").
			Unique().
			Required().
			Comment("The sphere the experience was studied for."),
	}
}

// Indexes of the Experience: every foreign key (lookups from the parent side and
// eager loading read by it) and the columns filters and orders use.
func (Experience) Indexes() []ent.Index {
	return []ent.Index{
		index.Edges("sphere"),
	}
}

// Annotations of the Experience.
func (Experience) Annotations() []schema.Annotation {
	return append(typeAnnotations("International experience of one country studied for a sphere."),
		nodetype.Node{
			Parents: []string{"sphere"},
			Crumb:   nodetype.Format{Fields: []string{"country"}},
			Search: &nodetype.Search{
				Rank: 15,
				Name: []string{"country", "text"},
				Text: []string{"text"},
			},
			Scoped:      true,
			RemoveOrder: 100,
		})
}
