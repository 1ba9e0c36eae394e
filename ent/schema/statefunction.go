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

// StateFunction is a function of a central state body («Связанные функции
// ЦГО»), shared by the process groups that name it.
type StateFunction struct {
	ent.Schema
}

// Mixin of the StateFunction.
func (StateFunction) Mixin() []ent.Mixin {
	return []ent.Mixin{SourceMixin{}}
}

// Fields of the StateFunction.
func (StateFunction) Fields() []ent.Field {
	return []ent.Field{
		field.Text("text").
			NotEmpty().
			Comment("The function as written, e.g. «Ведет реестр физкультурно-оздоровительных и спортивных сооружений».").
			Annotations(entgql.OrderField("TEXT")),
	}
}

// Edges of the StateFunction.
func (StateFunction) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("ministry", Ministry.Type).
			Ref("functions").
			Unique().
			Required().
			Comment("The body that carries out the function."),
		edge.From("process_groups", ProcessGroup.Type).
			Ref("functions").
			Comment("Process groups related to the function.").
			Annotations(entgql.RelayConnection()),
	}
}

// Indexes of the StateFunction: every foreign key (lookups from the parent side and
// eager loading read by it) and the columns filters and orders use.
func (StateFunction) Indexes() []ent.Index {
	return []ent.Index{
		index.Edges("ministry"),
	}
}

// Annotations of the StateFunction.
func (StateFunction) Annotations() []schema.Annotation {
	return append(typeAnnotations("A function of a central state body related to process groups."),
		nodetype.Node{
			Parents: []string{"ministry"},
			Crumb:   nodetype.Format{Fields: []string{"text"}},
			Search: &nodetype.Search{
				Rank: 13,
				Name: []string{"text"},
			},
			RemoveOrder: 180,
		})
}
