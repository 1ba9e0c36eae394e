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

// InformationSystem is a state information system, one node per real system
// whatever the spelling («E-License», «e-license», «ИС «Е-лицензирование»»).
type InformationSystem struct {
	ent.Schema
}

// Mixin of the InformationSystem.
func (InformationSystem) Mixin() []ent.Mixin {
	return []ent.Mixin{SourceMixin{}}
}

// Fields of the InformationSystem.
func (InformationSystem) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").
			NotEmpty().
			Comment("Canonical name, e.g. «ГБД «Е-лицензирование»».").
			Annotations(entgql.OrderField("NAME")),
		field.Strings("aliases").
			Optional().
			Comment("Every other spelling met in the maps or the alias table."),
		field.Text("all_names").
			Optional().
			Comment("The name, short name and aliases joined by « | », to filter by any spelling: allNamesContainsFold: \"e-license\"."),
	}
}

// Edges of the InformationSystem.
func (InformationSystem) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("owner", Ministry.Type).
			Ref("systems").
			Unique().
			Comment("The body that owns the system, when known."),
		edge.From("process_groups", ProcessGroup.Type).
			Ref("information_systems").
			Comment("Process groups the system automates, in every map.").
			Annotations(entgql.RelayConnection()),
		edge.To("consumed_integrations", Integration.Type).
			Comment("Integrations in which this system consumes data.").
			Annotations(entgql.RelayConnection()),
		edge.To("provided_integrations", Integration.Type).
			Comment("Integrations in which this system provides data.").
			Annotations(entgql.RelayConnection()),
		edge.From("needs", Need.Type).
			Ref("systems").
			Comment("Industry needs that name this system.").
			Annotations(entgql.RelayConnection()),
		edge.From("icebreakers", Icebreaker.Type).
			Ref("systems").
			Comment("Icebreaker projects that name this system.").
			Annotations(entgql.RelayConnection()),
		edge.From("mentioned_in_spheres", Sphere.Type).
			Ref("mentioned_systems").
			Comment("Spheres whose text (overview, problems) names this system.").
			Annotations(entgql.RelayConnection()),
		edge.From("mentioned_in_maps", TransformationMap.Type).
			Ref("mentioned_systems").
			Comment("Maps whose own text (introduction, icebreaker descriptions) names this system.").
			Annotations(entgql.RelayConnection()),
		edge.To("mentions", SystemMention.Type).
			Comment("Every place a map's running text names this system (map, sphere, line)."),
	}
}

// Indexes of the InformationSystem: every foreign key (lookups from the parent side and
// eager loading read by it) and the columns filters and orders use.
func (InformationSystem) Indexes() []ent.Index {
	return []ent.Index{
		index.Edges("owner"),
		index.Fields("name"),
	}
}

// Annotations of the InformationSystem.
func (InformationSystem) Annotations() []schema.Annotation {
	return append(typeAnnotations("A state information system: one node per real system across all maps."),
		nodetype.Node{
			Parents: []string{"owner"},
			Crumb:   nodetype.Format{Fields: []string{"name"}},
			Search: &nodetype.Search{
				Rank: 8,
				Name: []string{"name"},
				Alt:  []string{"aliases"},
			},
			RemoveOrder: 210,
		})
}
