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

// Entity is a subject or object of regulation of a sphere (a row of
// «Сведения по сущностям сферы»): its count, attributes and digitization.
type Entity struct {
	ent.Schema
}

// Mixin of the Entity.
func (Entity) Mixin() []ent.Mixin {
	return []ent.Mixin{SourceMixin{}, PositionMixin{}}
}

// Fields of the Entity.
func (Entity) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").
			Values("SUBJECT", "OBJECT").
			Optional().
			Nillable().
			Comment("Subject or object of regulation; null when the map does not say.").
			Annotations(entgql.OrderField("KIND")),
		field.String("kind_text").
			Optional().
			Comment("The kind as written («Субъект», «Объект»)."),
		field.String("name").
			NotEmpty().
			Comment("Name of the entity, e.g. «Спортсмен».").
			Annotations(entgql.OrderField("NAME")),
		field.String("count_text").
			Optional().
			Comment("Count exactly as written («17 688», «более 62 тыс.», «учет не ведется», «~400»)."),
		field.Float("count").
			Optional().
			Nillable().
			Comment("The count as a number, when the text gives one.").
			Annotations(entgql.OrderField("COUNT")),
		field.Enum("digitization").
			Values("FULL", "PARTIAL", "NONE", "UNKNOWN").
			Default("UNKNOWN").
			Comment("Digitization status, normalized.").
			Annotations(entgql.OrderField("DIGITIZATION")),
		field.String("digitization_text").
			Optional().
			Comment("Digitization status as written («Частично», «Отсутствует»)."),
		field.Strings("process_group_refs").
			Optional().
			Comment("The process groups the entity row names, as written."),
		field.JSON("extra", []PassportField{}).
			Optional().
			Comment("Cells under columns of the source table the importer did not understand, as written (column header as label, value, line): kept, never dropped.").
			Annotations(entgql.Type("[PassportField!]")),
	}
}

// Edges of the Entity.
func (Entity) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("sphere", Sphere.Type).
			Ref("entities").
			Unique().
			Required().
			Comment("The sphere of the entity."),
		edge.To("attributes", Attribute.Type).
			Comment("Attributes of the entity, in order (order by POSITION).").
			Annotations(entgql.RelayConnection()),
		edge.From("process_groups", ProcessGroup.Type).
			Ref("entities").
			Comment("Process groups that manage this entity (named in its row or naming it as subject/object).").
			Annotations(entgql.RelayConnection()),
	}
}

// Indexes of the Entity: every foreign key (lookups from the parent side and
// eager loading read by it) and the columns filters and orders use.
func (Entity) Indexes() []ent.Index {
	return []ent.Index{
		index.Edges("sphere"),
		index.Fields("name"),
	}
}

// Annotations of the Entity.
func (Entity) Annotations() []schema.Annotation {
	return append(typeAnnotations("A subject or object of regulation of a sphere, with its count, attributes and digitization status."),
		nodetype.Node{
			Parents: []string{"sphere"},
			Crumb:   nodetype.Format{Fields: []string{"name"}},
			Search: &nodetype.Search{
				Rank: 3,
				Name: []string{"name"},
			},
			Scoped:      true,
			RemoveOrder: 90,
		})
}
