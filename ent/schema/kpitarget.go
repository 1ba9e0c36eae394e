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

// KPITarget is a KPI's target for one year, as written and as a number.
type KPITarget struct {
	ent.Schema
}

// Mixin of the KPITarget.
func (KPITarget) Mixin() []ent.Mixin {
	return []ent.Mixin{SourceMixin{}}
}

// Fields of the KPITarget.
func (KPITarget) Fields() []ent.Field {
	return []ent.Field{
		field.Int("year").
			Comment("The year of the target.").
			Annotations(entgql.OrderField("YEAR")),
		field.String("text").
			Comment("The target as written («35%», «Не менее 2 тыс. человек», «-»)."),
		field.Float("value").
			Optional().
			Nillable().
			Comment("The target as a number, when the text gives one.").
			Annotations(entgql.OrderField("VALUE")),
	}
}

// Edges of the KPITarget.
func (KPITarget) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("kpi", KPI.Type).
			Ref("targets").
			Unique().
			Required().
			Comment("The KPI of the target."),
	}
}

// Indexes of the KPITarget: every foreign key (lookups from the parent side and
// eager loading read by it) and the columns filters and orders use.
func (KPITarget) Indexes() []ent.Index {
	return []ent.Index{
		index.Edges("kpi"),
	}
}

// Annotations of the KPITarget.
func (KPITarget) Annotations() []schema.Annotation {
	return append(typeAnnotations("A KPI's target for one year.", "kpiTargets"),
		nodetype.Node{
			Parents:     []string{"kpi"},
			Crumb:       nodetype.Format{Format: "%d: %s", Fields: []string{"year", "text"}},
			Scoped:      true,
			RemoveOrder: 30,
		})
}
