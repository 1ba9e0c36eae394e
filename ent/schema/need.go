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

// Need is an industry need («Потребности отрасли»): what a process group
// requires from another body, often data from its systems.
type Need struct {
	ent.Schema
}

// Mixin of the Need.
func (Need) Mixin() []ent.Mixin {
	return []ent.Mixin{SourceMixin{}, PositionMixin{}}
}

// Fields of the Need.
func (Need) Fields() []ent.Field {
	return []ent.Field{
		field.String("number").
			Optional().
			Comment("Row number as written."),
		field.Text("process_group_name").
			Optional().
			Comment("The process group as the row names it.").
			Annotations(entgql.OrderField("PROCESS_GROUP_NAME")),
		field.Text("body_text").
			Optional().
			Comment("«ЦГО, от которого требуется реализация потребности» as written."),
		field.Text("text").
			NotEmpty().
			Comment("The need as written.").
			Annotations(entgql.OrderField("TEXT")),
		field.JSON("extra", []PassportField{}).
			Optional().
			Comment("Cells under columns of the source table the importer did not understand, as written (column header as label, value, line): kept, never dropped.").
			Annotations(entgql.Type("[PassportField!]")),
	}
}

// Edges of the Need.
func (Need) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("map", TransformationMap.Type).
			Ref("needs").
			Unique().
			Required().
			Comment("The map raising the need."),
		edge.To("process_group", ProcessGroup.Type).
			Unique().
			Comment("The process group the need is raised for, when it could be resolved."),
		edge.To("bodies", Ministry.Type).
			Comment("Bodies the need requires something from.").
			Annotations(entgql.RelayConnection()),
		edge.To("systems", InformationSystem.Type).
			Comment("Information systems the need names.").
			Annotations(entgql.RelayConnection()),
	}
}

// Indexes of the Need: every foreign key (lookups from the parent side and
// eager loading read by it) and the columns filters and orders use.
func (Need) Indexes() []ent.Index {
	return []ent.Index{
		index.Edges("map"),
		index.Edges("process_group"),
	}
}

// Annotations of the Need.
func (Need) Annotations() []schema.Annotation {
	return append(typeAnnotations("An industry need: what a process group requires from another body."),
		nodetype.Node{
			Parents: []string{"map"},
			Crumb:   nodetype.Format{Fields: []string{"text"}},
			Search: &nodetype.Search{
				Rank: 11,
				Name: []string{"text"},
				Text: []string{"process_group_name", "body_text"},
			},
			Scoped:      true,
			RemoveOrder: 70,
		})
}
