package serialexec

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// FieldCtx is a context carrying a field context, as
// graphql.WithFieldContext makes one, with the field context (and a list
// element's index) inside it: one allocation where gqlgen's way takes two
// or three (the field context, context.WithValue's node, the index), and
// for a list one allocation for all its elements (ElementContexts).
// graphql.GetFieldContext finds FC through Value with gqlgen's own key,
// which the package learns once from GetFieldContext itself (fieldKey).
type FieldCtx struct {
	context.Context
	FC    graphql.FieldContext
	index int
}

// Value implements context.Context: gqlgen's field context key gives FC.
func (c *FieldCtx) Value(key any) any {
	if key == fieldKey {
		return &c.FC
	}
	return c.Context.Value(key)
}

// keyProbe records the key graphql.GetFieldContext asks for.
type keyProbe struct {
	context.Context
	key any
}

func (p *keyProbe) Value(key any) any {
	p.key = key
	return nil
}

// fieldKey is gqlgen's field context key. The package panics at start if
// graphql.GetFieldContext would not find a FieldCtx's FC (a gqlgen that
// no longer looks the field context up by a key in the context).
var fieldKey = func() any {
	p := &keyProbe{Context: context.Background()}
	graphql.GetFieldContext(p)
	return p.key
}()

func init() {
	c := &FieldCtx{Context: context.Background()}
	if fieldKey == nil || graphql.GetFieldContext(c) != &c.FC {
		panic("serialexec: graphql.GetFieldContext does not find a FieldCtx's field context")
	}
}

// WithField returns a context like graphql.WithFieldContext(ctx, fc') for
// a copy fc' of *fc (its Parent set to ctx's field context), and fc'.
func WithField(ctx context.Context, fc *graphql.FieldContext) (context.Context, *graphql.FieldContext) {
	c := &FieldCtx{Context: ctx, FC: *fc}
	c.FC.Parent = graphql.GetFieldContext(ctx)
	return c, &c.FC
}

// ElementContexts returns the contexts of a list's n elements, each a
// child of ctx carrying a field context whose Index is the element's:
// what graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &i})
// makes for each element, in one allocation.
func ElementContexts(ctx context.Context, n int) []FieldCtx {
	cs := make([]FieldCtx, n)
	parent := graphql.GetFieldContext(ctx)
	for i := range cs {
		c := &cs[i]
		c.Context, c.index = ctx, i
		c.FC.Parent, c.FC.Index = parent, &c.index
	}
	return cs
}
