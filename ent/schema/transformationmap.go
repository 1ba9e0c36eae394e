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

// TransformationMap is one digital transformation map (КЦТ) of a body and
// its passport: title, goal, strategic documents, principles, responsible
// bodies, basis, period and the source document it was imported from.
type TransformationMap struct {
	ent.Schema
}

// Mixin of the TransformationMap.
func (TransformationMap) Mixin() []ent.Mixin {
	return []ent.Mixin{SourceMixin{}}
}

// Fields of the TransformationMap.
func (TransformationMap) Fields() []ent.Field {
	return []ent.Field{
		field.String("title").
			NotEmpty().
			Comment("Title of the map («Карта цифровой трансформации государственного управления отрасли …»).").
			Annotations(entgql.OrderField("TITLE")),
		field.Text("passport_title").
			Optional().
			Comment("Passport: «Наименование карты цифровой трансформации», which may differ from the title page."),
		field.String("source_document").
			NotEmpty().
			Comment("File name of the source document the map was imported from.").
			Annotations(entgql.OrderField("SOURCE_DOCUMENT")),
		field.Text("goal").
			Optional().
			Comment("Passport: «Цель»."),
		field.Strings("strategic_documents").
			Optional().
			Comment("Passport: «Документ СГП», the strategic planning documents."),
		field.Strings("covered_spheres").
			Optional().
			Comment("Passport: the spheres covered by the map, as listed."),
		field.Strings("principles").
			Optional().
			Comment("Passport: «Принципы», in order."),
		field.Strings("development_bodies_text").
			Optional().
			Comment("Passport: bodies responsible for developing the map, as written."),
		field.Strings("implementation_bodies_text").
			Optional().
			Comment("Passport: bodies and organizations responsible for implementing the map, as written."),
		field.Strings("basis").
			Optional().
			Comment("Passport: «Основание для разработки», one item per basis."),
		field.String("period").
			Optional().
			Comment("Passport: «Сроки реализации» as written, e.g. «2025-2027 годы»."),
		field.Int("period_start").
			Optional().
			Comment("First year of the period."),
		field.Int("period_end").
			Optional().
			Comment("Last year of the period."),
		field.JSON("passport_fields", []PassportField{}).
			Optional().
			Comment("Every row of the passport table as written, including labels not modelled above.").
			Annotations(entgql.Type("[PassportField!]")),
		field.Strings("introduction").
			Optional().
			Comment("Paragraphs of the introduction, in order."),
		field.Strings("target_figures").
			Optional().
			Comment("Target figures listed in the introduction, in order."),
		field.String("approval").
			Optional().
			Comment("The approval stamp of the title page as written («УТВЕРЖДЕН» приказом …), when there is one."),
		field.Strings("title_page").
			Optional().
			Comment("Other lines of the title page (place, year)."),
		field.Strings("summary_roadmap_notes").
			Optional().
			Comment("Legend lines under the summary roadmap."),
		field.Bool("truncated").
			Default(false).
			Comment("True when the source document ends mid-sentence: its last element keeps the text as far as it goes."),
		field.Time("imported_at").
			Optional().
			Comment("When the map's content last changed through an import.").
			Annotations(entgql.OrderField("IMPORTED_AT")),
		field.Text("source_text").
			Optional().
			Comment("The imported map text as read (byte order mark dropped), so every sourceLine can be shown in its context; served read-only at /maps/{id}/source, not through GraphQL.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.String("kpi_heading").
			Optional().
			Comment("The title of the KPI section as written («Ключевые показатели эффективности реализации карты …»)."),
		field.String("title_owner").
			Optional().
			Comment("The body named on the title page after the map's title, as written."),
	}
}

// PassportField is one row of a map's passport table, as written.
type PassportField struct {
	Line  int    `json:"line"`
	Label string `json:"label"`
	Value string `json:"value"`
}

// Edges of the TransformationMap.
func (TransformationMap) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("ministry", Ministry.Type).
			Ref("maps").
			Unique().
			Required().
			Comment("The body whose map this is."),
		edge.To("development_bodies", Ministry.Type).
			Comment("Bodies responsible for developing the map.").
			Annotations(entgql.RelayConnection()),
		edge.To("implementation_bodies", Ministry.Type).
			Comment("Bodies responsible for implementing the map.").
			Annotations(entgql.RelayConnection()),
		edge.To("spheres", Sphere.Type).
			Comment("Spheres of regulation of the map.").
			Annotations(entgql.RelayConnection()),
		edge.To("kpis", KPI.Type).
			Comment("Key performance indicators of the map.").
			Annotations(entgql.RelayConnection()),
		edge.To("schedules", SphereSchedule.Type).
			Comment("The summary roadmap («Сводный график трансформации сфер»).").
			Annotations(entgql.RelayConnection()),
		edge.To("service_plans", ServicePlan.Type).
			Comment("«Планируемые для оцифровки услуги».").
			Annotations(entgql.RelayConnection()),
		edge.To("integrations", Integration.Type).
			Comment("The plan of integrations between information systems.").
			Annotations(entgql.RelayConnection()),
		edge.To("icebreakers", Icebreaker.Type).
			Comment("Potential icebreaker («ледокол») projects.").
			Annotations(entgql.RelayConnection()),
		edge.To("needs", Need.Type).
			Comment("Industry needs («Потребности отрасли»).").
			Annotations(entgql.RelayConnection()),
		edge.To("fragments", SourceFragment.Type).
			Comment("Text of the source document the importer could not attach to any node.").
			Annotations(entgql.RelayConnection()),
		edge.To("mentioned_systems", InformationSystem.Type).
			Comment("Information systems the map's own text (introduction, icebreaker descriptions) names; a system named only in prose is catalogued this way.").
			Annotations(entgql.RelayConnection()),
		edge.To("system_mentions", SystemMention.Type).
			Comment("Every place the map's text names an information system (line, sphere, part of the text)."),
	}
}

// Indexes of the TransformationMap: every foreign key (lookups from the parent side and
// eager loading read by it) and the columns filters and orders use.
func (TransformationMap) Indexes() []ent.Index {
	return []ent.Index{
		index.Edges("ministry"),
	}
}

// Annotations of the TransformationMap.
func (TransformationMap) Annotations() []schema.Annotation {
	return append(typeAnnotations("A digital transformation map (КЦТ) of a state body for 2025–2027 and its passport.", "maps"),
		nodetype.Node{
			Parents: []string{"ministry"},
			Crumb:   nodetype.Format{Fields: []string{"title"}},
			Search: &nodetype.Search{
				Rank: 1,
				Name: []string{"title"},
				Alt:  []string{"passport_title"},
				Text: []string{"goal", "strategic_documents", "covered_spheres", "principles", "development_bodies_text", "implementation_bodies_text", "basis", "introduction", "target_figures"},
			},
			RemoveOrder:  170,
			NeverRemoved: true,
		})
}
