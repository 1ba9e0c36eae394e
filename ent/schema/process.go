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

// Process is one business process of a process group («Состоит из процессов»).
type Process struct {
	ent.Schema
}

// Mixin of the Process.
func (Process) Mixin() []ent.Mixin {
	return []ent.Mixin{SourceMixin{}, PositionMixin{}}
}

// Fields of the Process.
func (Process) Fields() []ent.Field {
	return []ent.Field{
		field.Text("name").
			NotEmpty().
			Comment("The process as written, e.g. «Получение ваучера для занятия спортом».").
			Annotations(entgql.OrderField("NAME")),
	}
}

// Edges of the Process.
func (Process) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("process_group", ProcessGroup.Type).
			Ref("processes").
			Unique().
			Required().
			Comment("The group this process belongs to."),
	}
}

// Indexes of the Process: every foreign key (lookups from the parent side and
// eager loading read by it) and the columns filters and orders use.
func (Process) Indexes() []ent.Index {
	return []ent.Index{
		index.Edges("process_group"),
	}
}

// Annotations of the Process.
func (Process) Annotations() []schema.Annotation {
	return append(typeAnnotations("A business process of a process group.", "processes"),
		nodetype.Node{
			Parents: []string{"process_group"},
			Crumb:   nodetype.Format{Fields: []string{"name"}},
			Search: &nodetype.Search{
				Rank: 6,
				Name: []string{"name"},
			},
			Scoped:      true,
			RemoveOrder: 60,
		})
}
