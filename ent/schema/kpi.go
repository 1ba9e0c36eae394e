package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/karta/karta/ent/nodetype"
)

// KPI is a key performance indicator of a map, with its yearly targets.
type KPI struct {
	ent.Schema
}

// Mixin of the KPI.
func (KPI) Mixin() []ent.Mixin {
	return []ent.Mixin{SourceMixin{}, PositionMixin{}}
}

// Fields of the KPI.
func (KPI) Fields() []ent.Field {
	return []ent.Field{
		field.String("group").
			Comment("The group column as written: a sphere name or a group such as «Показатели государственного сектора».").
			Annotations(entgql.OrderField("GROUP")),
		field.String("number").
			Optional().
			Comment("Row or group number when the table has one."),
		field.Text("name").
			NotEmpty().
			Comment("The indicator as written.").
			Annotations(entgql.OrderField("NAME")),
		field.String("unit").
			Optional().
			Comment("Unit of measure as written («%», «Ед.»)."),
		field.Bool("strategic").
			Default(false).
			Comment("True for a strategic target quoted in a group's header row (no unit, no yearly values)."),
		field.JSON("extra", []PassportField{}).
			Optional().
			Comment("Cells under columns of the source table the importer did not understand, as written (column header as label, value, line): kept, never dropped.").
			Annotations(entgql.Type("[PassportField!]")),
	}
}

// Edges of the KPI.
func (KPI) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("map", TransformationMap.Type).
			Ref("kpis").
			Unique().
			Required().
			Comment("The map of the KPI."),
		edge.From("sphere", Sphere.Type).
			Ref("kpis").
			Unique().
			Comment("The sphere the KPI's group names, when it names one."),
		edge.To("targets", KPITarget.Type).
			Comment("Yearly targets.").
			Annotations(entgql.RelayConnection()),
	}
}

// Indexes of the KPI: every foreign key (lookups from the parent side and
// eager loading read by it) and the columns filters and orders use.
func (KPI) Indexes() []ent.Index {
	return []ent.Index{
		index.Edges("map"),
		index.Edges("sphere"),
	}
}

// Annotations of the KPI.
func (KPI) Annotations() []schema.Annotation {
	return append(typeAnnotations("A key performance indicator of a map, with its yearly targets.", "kpis"),
		entsql.Annotation{Table: "kpis"},
		nodetype.Node{
			Parents: []string{"sphere", "map"},
			Crumb:   nodetype.Format{Fields: []string{"name"}},
			Search: &nodetype.Search{
				Rank: 9,
				Name: []string{"name"},
				Text: []string{"group"},
			},
			Scoped:      true,
			RemoveOrder: 40,
		})
}
