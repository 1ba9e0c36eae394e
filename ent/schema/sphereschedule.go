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

// SphereSchedule is one year of a sphere in the summary roadmap («Сводный
// график трансформации сфер»); a cell may hold several codes («R и F»).
type SphereSchedule struct {
	ent.Schema
}

// Mixin of the SphereSchedule.
func (SphereSchedule) Mixin() []ent.Mixin {
	return []ent.Mixin{SourceMixin{}, PositionMixin{}}
}

// Fields of the SphereSchedule.
func (SphereSchedule) Fields() []ent.Field {
	return []ent.Field{
		field.String("sphere_text").
			Comment("The sphere as the summary roadmap names it.").
			Annotations(entgql.OrderField("SPHERE_TEXT")),
		field.Strings("units_text").
			Optional().
			Comment("Responsible units as written."),
		field.Int("year").
			Comment("The year.").
			Annotations(entgql.OrderField("YEAR")),
		field.String("text").
			Optional().
			Comment("The year's cell as written («R и F»)."),
		field.Strings("codes").
			Optional().
			Comment("The codes in the cell: R, F, D."),
		field.JSON("extra", []PassportField{}).
			Optional().
			Comment("Cells under columns of the source table the importer did not understand, as written (column header as label, value, line): kept, never dropped.").
			Annotations(entgql.Type("[PassportField!]")),
	}
}

// Edges of the SphereSchedule.
func (SphereSchedule) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("map", TransformationMap.Type).
			Ref("schedules").
			Unique().
			Required().
			Comment("The map of the summary roadmap."),
		edge.From("sphere", Sphere.Type).
			Ref("schedules").
			Unique().
			Comment("The sphere, when the row could be resolved to one."),
		edge.To("units", StructuralUnit.Type).
			Comment("Responsible structural units.").
			Annotations(entgql.RelayConnection()),
	}
}

// Indexes of the SphereSchedule: every foreign key (lookups from the parent side and
// eager loading read by it) and the columns filters and orders use.
func (SphereSchedule) Indexes() []ent.Index {
	return []ent.Index{
		index.Edges("map"),
		index.Edges("sphere"),
	}
}

// Annotations of the SphereSchedule.
func (SphereSchedule) Annotations() []schema.Annotation {
	return append(typeAnnotations("One year of a sphere in a map's summary roadmap."),
		nodetype.Node{
			Parents: []string{"sphere", "map"},
			Crumb:   nodetype.Format{Format: "%d: %s", Fields: []string{"year", "text"}},
			Search: &nodetype.Search{
				Rank: 17,
				Name: []string{"sphere_text"},
				Alt:  []string{"units_text"},
			},
			Scoped:      true,
			RemoveOrder: 110,
		})
}
