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

// StructuralUnit is a structural unit of a body (department or committee)
// named as responsible in a map: «КИ», «ДЦТРУ», «Комитет информации».
type StructuralUnit struct {
	ent.Schema
}

// Mixin of the StructuralUnit.
func (StructuralUnit) Mixin() []ent.Mixin {
	return []ent.Mixin{SourceMixin{}}
}

// Fields of the StructuralUnit.
func (StructuralUnit) Fields() []ent.Field {
	return []ent.Field{
		field.String("code").
			NotEmpty().
			Comment("Code or short name as the map writes it (КДСФК, ДЦТРУ); the name when the map gives no code.").
			Annotations(entgql.OrderField("CODE")),
		field.String("name").
			Optional().
			Comment("Full name when known (e.g. «Комитет по делам спорта и физической культуры»).").
			Annotations(entgql.OrderField("NAME")),
		field.Strings("aliases").
			Optional().
			Comment("Other spellings met in the maps."),
	}
}

// Edges of the StructuralUnit.
func (StructuralUnit) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("ministry", Ministry.Type).
			Ref("units").
			Unique().
			Required().
			Comment("The body the unit belongs to."),
		edge.From("process_groups", ProcessGroup.Type).
			Ref("units").
			Comment("Process groups the unit is responsible for.").
			Annotations(entgql.RelayConnection()),
		edge.From("roadmap_items", RoadmapItem.Type).
			Ref("units").
			Comment("Roadmap rows the unit is responsible for.").
			Annotations(entgql.RelayConnection()),
		edge.From("spheres", Sphere.Type).
			Ref("responsible_units").
			Comment("Spheres the unit is responsible for in the summary roadmap.").
			Annotations(entgql.RelayConnection()),
		edge.From("schedules", SphereSchedule.Type).
			Ref("units").
			Comment("Summary-roadmap rows of the unit.").
			Annotations(entgql.RelayConnection()),
	}
}

// Indexes of the StructuralUnit: every foreign key (lookups from the parent side and
// eager loading read by it) and the columns filters and orders use.
func (StructuralUnit) Indexes() []ent.Index {
	return []ent.Index{
		index.Edges("ministry"),
		index.Fields("name"),
	}
}

// Annotations of the StructuralUnit.
func (StructuralUnit) Annotations() []schema.Annotation {
	return append(typeAnnotations("A structural unit (department, committee) of a body, responsible for process groups and roadmap steps."),
		nodetype.Node{
			Parents: []string{"ministry"},
			Crumb:   nodetype.Format{Fields: []string{"code"}},
			Search: &nodetype.Search{
				Rank: 14,
				Name: []string{"name", "code"},
				Alt:  []string{"code", "aliases"},
			},
			RemoveOrder: 190,
		})
}
