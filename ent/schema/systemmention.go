package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// SystemMention is one place a map's running text (a sphere's overview or
// problems, the introduction, an icebreaker's description) names an
// information system: the link from the prose to the system, with its line.
// The importer rewrites a map's mentions when the map's text changes.
type SystemMention struct {
	ent.Schema
}

// Mixin of the SystemMention.
func (SystemMention) Mixin() []ent.Mixin {
	return []ent.Mixin{PositionMixin{}}
}

// Fields of the SystemMention.
func (SystemMention) Fields() []ent.Field {
	return []ent.Field{
		field.Int("source_line").
			Comment("1-based line of the source document where the system is named."),
		field.String("text").
			Comment("The system's name as the text writes it."),
		field.String("field").
			Comment("The part of the text that names it: overview, problems, introduction, icebreaker, …"),
	}
}

// Edges of the SystemMention.
func (SystemMention) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("map", TransformationMap.Type).
			Ref("system_mentions").
			Unique().
			Required().
			Comment("The map whose text names the system."),
		edge.From("sphere", Sphere.Type).
			Ref("system_mentions").
			Unique().
			Comment("The sphere whose text names the system; none for the map's own text."),
		edge.From("system", InformationSystem.Type).
			Ref("mentions").
			Unique().
			Required().
			Comment("The system named."),
	}
}

// Indexes of the SystemMention: every foreign key.
func (SystemMention) Indexes() []ent.Index {
	return []ent.Index{
		index.Edges("map"),
		index.Edges("sphere"),
		index.Edges("system"),
	}
}

// Annotations of the SystemMention.
func (SystemMention) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A place a map's running text names an information system (map, sphere, line)."),
	}
}
