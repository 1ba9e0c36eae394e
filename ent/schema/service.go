package schema

import (
	"regexp"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"

	"github.com/karta/karta/ent/nodetype"
)

// Service is a public service (госуслуга) related to process groups.
type Service struct {
	ent.Schema
}

// Mixin of the Service.
func (Service) Mixin() []ent.Mixin {
	return []ent.Mixin{SourceMixin{}}
}

// Fields of the Service.
func (Service) Fields() []ent.Field {
	return []ent.Field{
		field.Text("name").
			NotEmpty().
			Comment("Name of the service as written.").
			Annotations(entgql.OrderField("NAME")),
		field.String("code").
			Optional().
			Nillable().
			Match(regexp.MustCompile(`^[0-9]{8}$`)).
			Comment("The 8-digit code of the public services registry, when known.").
			Annotations(entgql.OrderField("CODE")),
	}
}

// Edges of the Service.
func (Service) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("process_groups", ProcessGroup.Type).
			Ref("services").
			Comment("Process groups the service is related to.").
			Annotations(entgql.RelayConnection()),
	}
}

// Annotations of the Service.
func (Service) Annotations() []schema.Annotation {
	return append(typeAnnotations("A public service (госуслуга) related to process groups."),
		nodetype.Node{
			Bodies: "process_groups",
			Crumb:  nodetype.Format{Fields: []string{"name"}},
			Search: &nodetype.Search{
				Rank: 7,
				Name: []string{"name"},
				Alt:  []string{"code"},
			},
			RemoveOrder: 200,
		})
}
