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

// ProcessGroup is a group of business processes of a sphere («Детализация
// группы процессов»): its processes, AI plans, responsible units, functions,
// public services, automation and reengineering status.
type ProcessGroup struct {
	ent.Schema
}

// Mixin of the ProcessGroup.
func (ProcessGroup) Mixin() []ent.Mixin {
	return []ent.Mixin{SourceMixin{}, PositionMixin{}}
}

// Fields of the ProcessGroup.
func (ProcessGroup) Fields() []ent.Field {
	return []ent.Field{
		field.String("code").
			NotEmpty().
			Comment("Code as written («4.1», «1»); unique within the sphere only.").
			Annotations(entgql.OrderField("CODE")),
		field.String("name").
			NotEmpty().
			Comment("Title of the group, e.g. «Лицензирование деятельности операторов связи».").
			Annotations(entgql.OrderField("NAME")),
		field.Text("technologies_text").
			Optional().
			Comment("«Перспективные технологии, в т.ч. использование ИИ» as written."),
		field.Strings("technologies").
			Optional().
			Comment("The perspective technologies / AI uses, one per item."),
		field.Bool("has_ai").
			Optional().
			Nillable().
			Comment("Whether AI or other perspective technologies are planned; null when the map does not say.").
			Annotations(entgql.OrderField("HAS_AI")),
		field.Text("services_text").
			Optional().
			Comment("«Связанные государственные услуги» as written."),
		field.Enum("automation").
			Values("AUTOMATED", "PARTIAL", "NONE", "UNKNOWN").
			Default("UNKNOWN").
			Comment("Automation status, normalized.").
			Annotations(entgql.OrderField("AUTOMATION")),
		field.Text("automation_text").
			Optional().
			Comment("«Статус автоматизации» as written."),
		field.String("subject_object_text").
			Optional().
			Comment("«Субъект / объект» as written."),
		field.Enum("reengineering").
			Values("IN_PROGRESS", "PLANNED", "DONE", "NOT_PLANNED", "UNKNOWN").
			Default("UNKNOWN").
			Comment("Reengineering status, normalized.").
			Annotations(entgql.OrderField("REENGINEERING")),
		field.String("reengineering_text").
			Optional().
			Comment("«Статус реинжиниринга» as written."),
		field.JSON("fields", []PassportField{}).
			Optional().
			Comment("Every row of the group's table as written (label, value, line).").
			Annotations(entgql.Type("[PassportField!]")),
	}
}

// Edges of the ProcessGroup.
func (ProcessGroup) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("sphere", Sphere.Type).
			Ref("process_groups").
			Unique().
			Required().
			Comment("The sphere this group belongs to."),
		edge.To("processes", Process.Type).
			Comment("Processes of the group, in order (order by POSITION).").
			Annotations(entgql.RelayConnection()),
		edge.To("units", StructuralUnit.Type).
			Comment("Responsible structural units.").
			Annotations(entgql.RelayConnection()),
		edge.To("functions", StateFunction.Type).
			Comment("Related functions of the central state body.").
			Annotations(entgql.RelayConnection()),
		edge.To("services", Service.Type).
			Comment("Related public services.").
			Annotations(entgql.RelayConnection()),
		edge.To("information_systems", InformationSystem.Type).
			Comment("Information systems that automate the group.").
			Annotations(entgql.RelayConnection()),
		edge.To("entities", Entity.Type).
			Comment("Subjects and objects the group manages (possibly of another sphere).").
			Annotations(entgql.RelayConnection()),
		edge.From("roadmap_items", RoadmapItem.Type).
			Ref("process_group").
			Comment("Roadmap rows scheduling this group.").
			Annotations(entgql.RelayConnection()),
		edge.From("needs", Need.Type).
			Ref("process_group").
			Comment("Industry needs raised for this group.").
			Annotations(entgql.RelayConnection()),
	}
}

// Indexes of the ProcessGroup: the code unique within its sphere, the
// sphere's foreign key on its own (the unique index leads with the code, so
// it cannot serve lookups by sphere) and the name filters and orders use.
func (ProcessGroup) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("code").Edges("sphere").Unique(),
		index.Edges("sphere"),
		index.Fields("name"),
	}
}

// Annotations of the ProcessGroup.
func (ProcessGroup) Annotations() []schema.Annotation {
	return append(typeAnnotations("A group of business processes of a sphere, with its processes, AI plans, units, functions, services, automating systems and reengineering status."),
		nodetype.Node{
			Parents: []string{"sphere"},
			Crumb:   nodetype.Format{Format: "%s %s", Fields: []string{"code", "name"}},
			Search: &nodetype.Search{
				Rank: 5,
				Name: []string{"name"},
				Alt:  []string{"code"},
				Text: []string{"technologies_text", "services_text", "automation_text"},
			},
			Scoped:      true,
			RemoveOrder: 80,
		})
}
