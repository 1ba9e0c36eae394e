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

// Sphere is a sphere of regulation of a map («Сфера «Туризм»»): its overview,
// problems, international experience, entities, process groups and roadmap.
type Sphere struct {
	ent.Schema
}

// Mixin of the Sphere.
func (Sphere) Mixin() []ent.Mixin {
	return []ent.Mixin{SourceMixin{}}
}

// Fields of the Sphere.
func (Sphere) Fields() []ent.Field {
	return []ent.Field{
		field.Int("number").
			NonNegative().
			Comment("The sphere's number in its map (1-based).").
			Annotations(entgql.OrderField("NUMBER")),
		field.String("name").
			NotEmpty().
			Comment("Name of the sphere as the map titles it, e.g. «Физическая культура и спорт».").
			Annotations(entgql.OrderField("NAME")),
		field.String("heading").
			Optional().
			Comment("The sphere's heading as written, without its number (e.g. «Сфера информации»)."),
		field.Strings("overview").
			Optional().
			Comment("Descriptive paragraphs of the sphere, in order."),
		field.Strings("problems").
			Optional().
			Comment("Key problems identified in the sphere, in order."),
		field.Strings("entity_notes").
			Optional().
			Comment("Footnotes under the sphere's entity table."),
		field.Strings("roadmap_kpis").
			Optional().
			Comment("KPIs quoted in the header of the sphere's roadmap."),
		field.Strings("roadmap_notes").
			Optional().
			Comment("Legend lines under the sphere's roadmap (e.g. «*При наличии бюджета»)."),
		field.Strings("illegible").
			Optional().
			Comment("The «[illegible]» blocks met in the sphere's text, with their lines: text the source lost."),
	}
}

// Edges of the Sphere.
func (Sphere) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("map", TransformationMap.Type).
			Ref("spheres").
			Unique().
			Required().
			Comment("The map this sphere belongs to."),
		edge.From("ministry", Ministry.Type).
			Ref("spheres").
			Unique().
			Required().
			Comment("The body whose map this sphere belongs to."),
		edge.To("experiences", Experience.Type).
			Comment("International experience studied for the sphere.").
			Annotations(entgql.RelayConnection()),
		edge.To("entities", Entity.Type).
			Comment("Subjects and objects of regulation («Сведения по сущностям сферы»).").
			Annotations(entgql.RelayConnection()),
		edge.To("process_groups", ProcessGroup.Type).
			Comment("Process groups managing the sphere («Детализация группы процессов»).").
			Annotations(entgql.RelayConnection()),
		edge.To("roadmap_items", RoadmapItem.Type).
			Comment("Rows of the sphere's roadmap («План график»).").
			Annotations(entgql.RelayConnection()),
		edge.To("schedules", SphereSchedule.Type).
			Comment("The sphere's rows of the summary roadmap, one per year.").
			Annotations(entgql.RelayConnection()),
		edge.To("kpis", KPI.Type).
			Comment("KPIs grouped under this sphere.").
			Annotations(entgql.RelayConnection()),
		edge.To("responsible_units", StructuralUnit.Type).
			Comment("Structural units responsible for the sphere in the summary roadmap.").
			Annotations(entgql.RelayConnection()),
		edge.To("mentioned_systems", InformationSystem.Type).
			Comment("Information systems the sphere's text (overview, problems) names; a system named only in prose is catalogued this way.").
			Annotations(entgql.RelayConnection()),
		edge.To("system_mentions", SystemMention.Type).
			Comment("Every place the sphere's text names an information system."),
	}
}

// Indexes of the Sphere: every foreign key (lookups from the parent side and
// eager loading read by it) and the columns filters and orders use.
func (Sphere) Indexes() []ent.Index {
	return []ent.Index{
		index.Edges("map"),
		index.Edges("ministry"),
		index.Fields("name"),
	}
}

// Annotations of the Sphere.
func (Sphere) Annotations() []schema.Annotation {
	return append(typeAnnotations("A sphere of regulation of a map, with its overview, problems, international experience, entities, process groups and roadmap."),
		nodetype.Node{
			Parents: []string{"map"},
			Crumb:   nodetype.Format{Fields: []string{"name"}},
			Search: &nodetype.Search{
				Rank: 2,
				Name: []string{"name", "heading"},
				Alt:  []string{"heading"},
				Text: []string{"overview", "problems", "entity_notes", "roadmap_kpis", "roadmap_notes"},
			},
			Scoped:      true,
			RemoveOrder: 120,
		})
}
