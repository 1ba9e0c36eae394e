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

// RoadmapItem is a row of a sphere's roadmap («План график»): a process group,
// the responsible units and the steps scheduled per quarter.
type RoadmapItem struct {
	ent.Schema
}

// Mixin of the RoadmapItem.
func (RoadmapItem) Mixin() []ent.Mixin {
	return []ent.Mixin{SourceMixin{}, PositionMixin{}}
}

// Fields of the RoadmapItem.
func (RoadmapItem) Fields() []ent.Field {
	return []ent.Field{
		field.Text("process_group_name").
			Comment("The group as the row names it («Группа бизнес-процессов: …»).").
			Annotations(entgql.OrderField("PROCESS_GROUP_NAME")),
		field.Text("technologies").
			Optional().
			Comment("The row's «Перспективные технологии» text."),
		field.Bool("fragmentary").
			Default(false).
			Comment("True for an orphan tail: the row's start was lost in an «[illegible]» block of the source, so its group name is missing and its text starts with the marker."),
		field.Strings("units_text").
			Optional().
			Comment("Responsible units as written."),
		field.JSON("extra", []PassportField{}).
			Optional().
			Comment("Cells under columns of the source table the importer did not understand, as written (column header as label, value, line): kept, never dropped.").
			Annotations(entgql.Type("[PassportField!]")),
	}
}

// Edges of the RoadmapItem.
func (RoadmapItem) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("sphere", Sphere.Type).
			Ref("roadmap_items").
			Unique().
			Required().
			Comment("The sphere of the roadmap."),
		edge.To("process_group", ProcessGroup.Type).
			Unique().
			Comment("The process group the row schedules, when it could be resolved."),
		edge.To("units", StructuralUnit.Type).
			Comment("Responsible structural units.").
			Annotations(entgql.RelayConnection()),
		edge.To("steps", RoadmapStep.Type).
			Comment("Steps scheduled per quarter.").
			Annotations(entgql.RelayConnection()),
	}
}

// Indexes of the RoadmapItem: every foreign key (lookups from the parent side and
// eager loading read by it) and the columns filters and orders use.
func (RoadmapItem) Indexes() []ent.Index {
	return []ent.Index{
		index.Edges("sphere"),
		index.Edges("process_group"),
	}
}

// Annotations of the RoadmapItem.
func (RoadmapItem) Annotations() []schema.Annotation {
	return append(typeAnnotations("A row of a sphere's roadmap: a process group and its steps per quarter of 2025–2027."),
		nodetype.Node{
			Parents: []string{"sphere"},
			Crumb:   nodetype.Format{Fields: []string{"process_group_name"}},
			Search: &nodetype.Search{
				Rank: 16,
				Name: []string{"process_group_name", "technologies"},
				Alt:  []string{"units_text"},
				Text: []string{"technologies"},
			},
			Scoped:      true,
			RemoveOrder: 20,
		})
}
