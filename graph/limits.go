package graph

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Error codes returned in errors[].extensions.code.
const (
	CodePageSize = "PAGE_SIZE_EXCEEDED"
	CodeNotFound = "NOT_FOUND"
	CodeInvalid  = "BAD_USER_INPUT"
	CodeInternal = "INTERNAL_SERVER_ERROR"
	CodeTimeout  = "TIMEOUT"
)

// PageSize caps the page size of every Relay connection field (any field
// with first/last arguments). A request over the cap is refused with
// CodePageSize; a connection requested without first or last gets the cap
// as its page size, so no query reads a whole table by accident.
func PageSize(max int) graphql.FieldMiddleware {
	return func(ctx context.Context, next graphql.Resolver) (any, error) {
		fc := graphql.GetFieldContext(ctx)
		if fc == nil || fc.Args == nil {
			return next(ctx)
		}
		first, hasFirst := fc.Args["first"]
		last, hasLast := fc.Args["last"]
		if !hasFirst && !hasLast {
			return next(ctx)
		}
		f, l := intArg(first), intArg(last)
		for name, v := range map[string]*int{"first": f, "last": l} {
			if v != nil && (*v < 0 || *v > max) {
				return nil, &gqlerror.Error{
					Message:    fmt.Sprintf("%s.%s: %s must be between 0 and %d, got %d", fc.Object, fc.Field.Name, name, max, *v),
					Path:       fc.Path(),
					Extensions: map[string]any{"code": CodePageSize, "maxPageSize": max},
				}
			}
		}
		if f == nil && l == nil {
			n := max
			fc.Args["first"] = &n
		}
		return next(ctx)
	}
}

// intArg reads an Int argument: typed (*int) in field arguments, raw
// (int64, json.Number…) in the complexity walker's argument map.
func intArg(v any) *int {
	var i int
	switch n := v.(type) {
	case *int:
		return n
	case int:
		i = n
	case int32:
		i = int(n)
	case int64:
		i = int(n)
	case float64:
		i = int(n)
	case json.Number:
		x, err := n.Int64()
		if err != nil {
			return nil
		}
		i = int(x)
	default:
		return nil
	}
	return &i
}

// connectionComplexity makes a connection cost its page size times the cost
// of what is selected in it, so nested connections multiply as the rows they
// may return do. Other fields keep gqlgen's default cost.
type connectionComplexity struct {
	graphql.ExecutableSchema
	defaultPage int
}

// WithConnectionComplexity wraps es so that the complexity limit accounts for
// page sizes; defaultPage is the size assumed when a connection gives none.
func WithConnectionComplexity(es graphql.ExecutableSchema, defaultPage int) graphql.ExecutableSchema {
	return connectionComplexity{ExecutableSchema: es, defaultPage: defaultPage}
}

// Complexity implements graphql.ExecutableSchema.
func (c connectionComplexity) Complexity(ctx context.Context, typeName, field string, childComplexity int, args map[string]any) (int, bool) {
	_, hasFirst := args["first"]
	_, hasLast := args["last"]
	if !hasFirst && !hasLast {
		return c.ExecutableSchema.Complexity(ctx, typeName, field, childComplexity, args)
	}
	n := c.defaultPage
	if f := intArg(args["first"]); f != nil {
		n = *f
	} else if l := intArg(args["last"]); l != nil {
		n = *l
	}
	if n < 1 {
		n = 1
	}
	return 1 + n*childComplexity, true
}
