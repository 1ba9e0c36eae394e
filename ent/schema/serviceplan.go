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

// ServicePlan is a row of «Планируемые для оцифровки услуги»: a body's public
// services and how many are to be digitized, automated per year, digital and
// proactive.
type ServicePlan struct {
	ent.Schema
}

// Mixin of the ServicePlan.
func (ServicePlan) Mixin() []ent.Mixin {
	return []ent.Mixin{SourceMixin{}}
}

// Fields of the ServicePlan.
func (ServicePlan) Fields() []ent.Field {
	return []ent.Field{
		field.String("body_text").
			Comment("The body column as written («МТС»)."),
		field.String("total_text").Optional().Comment("«Всего услуг» as written."),
		field.Float("total").Optional().Nillable().Comment("«Всего услуг» as a number."),
		field.String("potential_text").Optional().Comment("«Кол-во услуг с потенциалом дальнейшей цифровизации» as written."),
		field.Float("potential").Optional().Nillable().Comment("Services with potential for further digitization, as a number."),
		field.JSON("automation", []YearFigure{}).
			Optional().
			Comment("«Автоматизация за N год (в процентах)» per year, as written and as a number.").
			Annotations(entgql.Type("[YearFigure!]")),
		field.String("digital_text").Optional().Comment("«Цифровые» as written."),
		field.Float("digital").Optional().Nillable().Comment("Digital services, as a number."),
		field.String("proactive_text").Optional().Comment("«Проактивные услуги» as written."),
		field.Float("proactive").Optional().Nillable().Comment("Proactive services, as a number."),
		field.JSON("extra", []PassportField{}).
			Optional().
			Comment("Cells under columns of the source table the importer did not understand, as written (column header as label, value, line): kept, never dropped.").
			Annotations(entgql.Type("[PassportField!]")),
	}
}

// YearFigure is a per-year figure as written and as a number.
type YearFigure struct {
	Year  int      `json:"year"`
	Text  string   `json:"text"`
	Value *float64 `json:"value,omitempty"`
}

// Edges of the ServicePlan.
func (ServicePlan) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("map", TransformationMap.Type).
			Ref("service_plans").
			Unique().
			Required().
			Comment("The map of the row."),
		edge.To("body", Ministry.Type).
			Unique().
			Comment("The body the row is about."),
	}
}

// Indexes of the ServicePlan: every foreign key (lookups from the parent side and
// eager loading read by it) and the columns filters and orders use.
func (ServicePlan) Indexes() []ent.Index {
	return []ent.Index{
		index.Edges("map"),
		index.Edges("body"),
	}
}

// Annotations of the ServicePlan.
func (ServicePlan) Annotations() []schema.Annotation {
	return append(typeAnnotations("Public services of a body planned for digitization: totals, yearly automation, digital and proactive services."),
		nodetype.Node{
			Parents: []string{"map"},
			Crumb:   nodetype.Format{Fields: []string{"body_text"}},
			Search: &nodetype.Search{
				Rank: 18,
				Name: []string{"body_text"},
			},
			Scoped:      true,
			RemoveOrder: 130,
		})
}
