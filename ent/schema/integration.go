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

// Integration is a planned data exchange between two information systems
// (a row of «План интеграции информационных систем»): which data, from which
// body's system to which, by when.
type Integration struct {
	ent.Schema
}

// Mixin of the Integration.
func (Integration) Mixin() []ent.Mixin {
	return []ent.Mixin{SourceMixin{}, PositionMixin{}}
}

// Fields of the Integration.
func (Integration) Fields() []ent.Field {
	return []ent.Field{
		field.String("number").
			Optional().
			Comment("Row number as written."),
		field.String("domain").
			Optional().
			Comment("Data domain («Транспорт», «Спорт и туризм»).").
			Annotations(entgql.OrderField("DOMAIN")),
		field.Strings("data_names").
			Optional().
			Comment("Names of the data (entities) exchanged."),
		field.Text("data_text").
			Optional().
			Comment("The data names joined in one text, for filtering with dataTextContainsFold."),
		field.String("consumer_body_text").Optional().Comment("Consumer body as written."),
		field.String("consumer_system_text").Optional().Comment("Consumer system as written."),
		field.String("provider_body_text").Optional().Comment("Provider (source) body as written."),
		field.String("provider_system_text").Optional().Comment("Provider (source) system as written."),
		field.String("deadline_text").
			Optional().
			Comment("Deadline as written («Ноябрь 2025 г.»)."),
		field.Time("deadline").
			Optional().
			Nillable().
			Comment("Deadline as a date: the last day of the month written.").
			Annotations(entgql.OrderField("DEADLINE")),
		field.Enum("status").
			Values("PLANNED", "IN_PROGRESS", "DONE", "UNKNOWN").
			Default("PLANNED").
			Comment("Status of the integration; the maps list planned integrations.").
			Annotations(entgql.OrderField("STATUS")),
		field.String("status_text").
			Optional().
			Comment("Status or confirmation as written, when the map gives one."),
		field.JSON("extra", []PassportField{}).
			Optional().
			Comment("Cells under columns of the source table the importer did not understand, as written (column header as label, value, line): kept, never dropped.").
			Annotations(entgql.Type("[PassportField!]")),
	}
}

// Edges of the Integration.
func (Integration) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("map", TransformationMap.Type).
			Ref("integrations").
			Unique().
			Required().
			Comment("The map that plans the integration."),
		edge.From("consumer_body", Ministry.Type).
			Ref("consumed_integrations").
			Unique().
			Comment("The body that consumes the data."),
		edge.From("consumer_system", InformationSystem.Type).
			Ref("consumed_integrations").
			Unique().
			Comment("The system that consumes the data."),
		edge.From("provider_body", Ministry.Type).
			Ref("provided_integrations").
			Unique().
			Comment("The body that provides the data."),
		edge.From("provider_system", InformationSystem.Type).
			Ref("provided_integrations").
			Unique().
			Comment("The system that provides the data."),
	}
}

// Indexes of the Integration: every foreign key (lookups from the parent side and
// eager loading read by it) and the columns filters and orders use.
func (Integration) Indexes() []ent.Index {
	return []ent.Index{
		index.Edges("map"),
		index.Edges("consumer_body"),
		index.Edges("consumer_system"),
		index.Edges("provider_body"),
		index.Edges("provider_system"),
	}
}

// Annotations of the Integration.
func (Integration) Annotations() []schema.Annotation {
	return append(typeAnnotations("A planned data exchange between two bodies' information systems."),
		nodetype.Node{
			Parents: []string{"map"},
			Crumb:   nodetype.Format{Format: "%s → %s", Fields: []string{"provider_system_text", "consumer_system_text"}},
			Search: &nodetype.Search{
				Rank: 10,
				Name: []string{"data_text", "data_names", "domain"},
				Text: []string{"domain", "provider_system_text", "consumer_system_text", "provider_body_text", "consumer_body_text"},
			},
			Scoped:      true,
			RemoveOrder: 140,
		})
}
