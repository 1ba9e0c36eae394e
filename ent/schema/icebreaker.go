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

// Icebreaker is a potential flagship («ледокол») project of a map.
type Icebreaker struct {
	ent.Schema
}

// Mixin of the Icebreaker.
func (Icebreaker) Mixin() []ent.Mixin {
	return []ent.Mixin{SourceMixin{}, PositionMixin{}}
}

// Fields of the Icebreaker.
func (Icebreaker) Fields() []ent.Field {
	return []ent.Field{
		field.Text("name").
			NotEmpty().
			Comment("Name of the project, e.g. «Платформа ИИ «OlympIQ»».").
			Annotations(entgql.OrderField("NAME")),
		field.String("body_text").
			Optional().
			Comment("The body named for the project, as written."),
		field.Strings("description").
			Optional().
			Comment("Paragraphs describing the project."),
		field.Strings("goals").
			Optional().
			Comment("Goals of the project, in order."),
		field.Strings("tasks").
			Optional().
			Comment("Tasks of the project, in order."),
		field.JSON("extra", []PassportField{}).
			Optional().
			Comment("Cells under columns of the source table the importer did not understand, as written (column header as label, value, line): kept, never dropped.").
			Annotations(entgql.Type("[PassportField!]")),
	}
}

// Edges of the Icebreaker.
func (Icebreaker) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("map", TransformationMap.Type).
			Ref("icebreakers").
			Unique().
			Required().
			Comment("The map proposing the project."),
		edge.To("bodies", Ministry.Type).
			Comment("Bodies named for the project.").
			Annotations(entgql.RelayConnection()),
		edge.To("systems", InformationSystem.Type).
			Comment("Information systems the project names.").
			Annotations(entgql.RelayConnection()),
	}
}

// Indexes of the Icebreaker: every foreign key (lookups from the parent side and
// eager loading read by it) and the columns filters and orders use.
func (Icebreaker) Indexes() []ent.Index {
	return []ent.Index{
		index.Edges("map"),
	}
}

// Annotations of the Icebreaker.
func (Icebreaker) Annotations() []schema.Annotation {
	return append(typeAnnotations("A potential flagship («ледокол») project of a map."),
		nodetype.Node{
			Parents: []string{"map"},
			Crumb:   nodetype.Format{Fields: []string{"name"}},
			Search: &nodetype.Search{
				Rank: 12,
				Name: []string{"name"},
				Text: []string{"description", "goals", "tasks", "body_text"},
			},
			Scoped:      true,
			RemoveOrder: 150,
		})
}
