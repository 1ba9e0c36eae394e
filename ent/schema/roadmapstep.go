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

// RoadmapStep is one code (R, F or D) scheduled in one quarter of a roadmap row.
type RoadmapStep struct {
	ent.Schema
}

// Mixin of the RoadmapStep.
func (RoadmapStep) Mixin() []ent.Mixin {
	return []ent.Mixin{SourceMixin{}}
}

// Fields of the RoadmapStep.
func (RoadmapStep) Fields() []ent.Field {
	return []ent.Field{
		field.Int("year").
			Comment("Year of the quarter.").
			Annotations(entgql.OrderField("YEAR")),
		field.Int("quarter").
			Range(1, 4).
			Comment("Quarter of the year, 1 to 4.").
			Annotations(entgql.OrderField("QUARTER")),
		field.Int("period").
			Comment("year*10+quarter (e.g. 20262), for range filters across years.").
			Annotations(entgql.OrderField("PERIOD")),
		field.Enum("code").
			Values("R", "F", "D").
			Comment("R reengineering, F target process, D optimal process.").
			Annotations(entgql.OrderField("CODE")),
		field.Bool("budget_dependent").
			Default(false).
			Comment("The «*» mark: done only if the budget allows."),
		field.String("text").
			Optional().
			Comment("The quarter's cell as written (e.g. «F*»)."),
	}
}

// Edges of the RoadmapStep.
func (RoadmapStep) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("item", RoadmapItem.Type).
			Ref("steps").
			Unique().
			Required().
			Comment("The roadmap row of the step."),
	}
}

// Indexes of the RoadmapStep: the period filtered on, and the foreign key
// of its roadmap row.
func (RoadmapStep) Indexes() []ent.Index {
	return []ent.Index{index.Fields("period"), index.Edges("item")}
}

// Annotations of the RoadmapStep.
func (RoadmapStep) Annotations() []schema.Annotation {
	return append(typeAnnotations("One R/F/D step scheduled in one quarter of a roadmap row."),
		nodetype.Node{
			Parents:     []string{"item"},
			Crumb:       nodetype.Format{Format: "%s %d Q%d", Fields: []string{"code", "year", "quarter"}},
			Scoped:      true,
			RemoveOrder: 10,
		})
}
