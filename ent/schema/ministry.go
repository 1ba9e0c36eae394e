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

// Ministry is any state body named in a map: ministries, committees,
// agencies, state companies, courts. One node per real body, whatever the
// spelling; committees point to their ministry through parent.
type Ministry struct {
	ent.Schema
}

// Mixin of the Ministry.
func (Ministry) Mixin() []ent.Mixin {
	return []ent.Mixin{SourceMixin{}}
}

// Fields of the Ministry.
func (Ministry) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").
			NotEmpty().
			Comment("Canonical full name, e.g. «Министерство туризма и спорта Республики Казахстан».").
			Annotations(entgql.OrderField("NAME")),
		field.String("short_name").
			Optional().
			Comment("Short name as the maps use it: МКИ, МТС, МИИЦР, КГД МФ…").
			Annotations(entgql.OrderField("SHORT_NAME")),
		field.Enum("kind").
			Values("MINISTRY", "COMMITTEE", "AGENCY", "COMPANY", "COURT", "OTHER").
			Default("OTHER").
			Comment("What kind of body this is.").
			Annotations(entgql.OrderField("KIND")),
		field.Strings("aliases").
			Optional().
			Comment("Every other spelling of the body met in the maps or the alias table (abbreviations with and without «РК», former names)."),
		field.Text("all_names").
			Optional().
			Comment("The name, short name and aliases joined by « | », to filter by any spelling: allNamesContainsFold: \"e-license\"."),
	}
}

// Edges of the Ministry.
func (Ministry) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("children", Ministry.Type).
			Comment("Bodies that belong to this one (a ministry's committees).").
			Annotations(entgql.RelayConnection()),
		edge.From("parent", Ministry.Type).
			Ref("children").
			Unique().
			Comment("The body this one belongs to (a committee's ministry)."),
		edge.To("maps", TransformationMap.Type).
			Comment("The digital transformation maps this body owns.").
			Annotations(entgql.RelayConnection()),
		edge.To("spheres", Sphere.Type).
			Comment("Spheres of regulation of this body's maps.").
			Annotations(entgql.RelayConnection()),
		edge.To("units", StructuralUnit.Type).
			Comment("Structural units (departments, committees by code) of this body named in its maps.").
			Annotations(entgql.RelayConnection()),
		edge.To("functions", StateFunction.Type).
			Comment("Functions of this central state body named in its maps.").
			Annotations(entgql.RelayConnection()),
		edge.To("systems", InformationSystem.Type).
			Comment("Information systems this body owns.").
			Annotations(entgql.RelayConnection()),
		edge.To("consumed_integrations", Integration.Type).
			Comment("Integrations in which this body consumes data.").
			Annotations(entgql.RelayConnection()),
		edge.To("provided_integrations", Integration.Type).
			Comment("Integrations in which this body provides data.").
			Annotations(entgql.RelayConnection()),
		edge.From("developed_maps", TransformationMap.Type).
			Ref("development_bodies").
			Comment("Maps this body is responsible for developing.").
			Annotations(entgql.RelayConnection()),
		edge.From("implemented_maps", TransformationMap.Type).
			Ref("implementation_bodies").
			Comment("Maps this body is responsible for implementing.").
			Annotations(entgql.RelayConnection()),
		edge.From("needs", Need.Type).
			Ref("bodies").
			Comment("Industry needs that require something from this body.").
			Annotations(entgql.RelayConnection()),
		edge.From("service_plans", ServicePlan.Type).
			Ref("body").
			Comment("Figures of public services planned for digitization, per map.").
			Annotations(entgql.RelayConnection()),
		edge.From("icebreakers", Icebreaker.Type).
			Ref("bodies").
			Comment("Icebreaker projects of this body.").
			Annotations(entgql.RelayConnection()),
	}
}

// Indexes of the Ministry: every foreign key (lookups from the parent side and
// eager loading read by it) and the columns filters and orders use.
func (Ministry) Indexes() []ent.Index {
	return []ent.Index{
		index.Edges("parent"),
		index.Fields("name"),
	}
}

// Annotations of the Ministry.
func (Ministry) Annotations() []schema.Annotation {
	return append(typeAnnotations("A state body (ministry, committee, agency, state company, court) named in any map. "+
		"One node per real body across all maps."),
		nodetype.Node{
			Parents: []string{"parent"},
			Crumb:   nodetype.Format{Fields: []string{"name"}},
			Search: &nodetype.Search{
				Rank: 0,
				Name: []string{"name"},
				Alt:  []string{"short_name", "aliases"},
			},
			RemoveOrder: 220,
		})
}
