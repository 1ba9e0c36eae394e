package serialexec

import (
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// Fields remembers, for one operation, the fields gqlgen's CollectFields
// collects for a selection set and a type's implementors. gqlgen keeps
// such a cache itself, but its key hashes the implementors' names on
// every call (three allocations per object marshaled, an eighth of the
// allocations of a deep page); Fields keys by the addresses of the
// selection set and of the implementors list (a package variable of the
// executor per type), which need no hashing. The zero value is ready to
// use; it is safe for the concurrent resolvers of one operation.
type Fields struct {
	mu sync.Mutex
	m  map[fieldsKey][]graphql.CollectedField
}

type fieldsKey struct {
	sel       *ast.Selection
	n         int
	satisfies *string
	m         int
}

// Collect returns graphql.CollectFields(oc, sel, satisfies), collecting it
// once per selection set and implementors list of the operation.
func (c *Fields) Collect(oc *graphql.OperationContext, sel ast.SelectionSet, satisfies []string) []graphql.CollectedField {
	var key fieldsKey
	if len(sel) > 0 {
		key.sel, key.n = &sel[0], len(sel)
	}
	if len(satisfies) > 0 {
		key.satisfies, key.m = &satisfies[0], len(satisfies)
	}
	c.mu.Lock()
	fields, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return fields
	}
	fields = graphql.CollectFields(oc, sel, satisfies)
	c.mu.Lock()
	if c.m == nil {
		c.m = map[fieldsKey][]graphql.CollectedField{}
	}
	c.m[key] = fields
	c.mu.Unlock()
	return fields
}

// Args keeps an operation's field arguments, computed once per field of
// the query: the same AST field under the same variables has the same
// arguments, so a connection nested in a list (an entity's attributes on
// each entity of a page) does not map and unmarshal its arguments again
// for every parent element. Only arguments computed without an error are
// kept: a field whose arguments fail reports the error at each of its
// paths, as before. The arguments are shared by every element's field
// context: resolvers must not change them (none of Karta's do; entgql's
// take them as values and pointers they only read).
type Args struct {
	mu sync.Mutex
	m  map[*ast.Field]map[string]any
}

// Get returns the arguments kept for field, if any.
func (a *Args) Get(field *ast.Field) (map[string]any, bool) {
	if field == nil {
		return nil, false
	}
	a.mu.Lock()
	args, ok := a.m[field]
	a.mu.Unlock()
	return args, ok
}

// Put keeps args for field.
func (a *Args) Put(field *ast.Field, args map[string]any) {
	if field == nil {
		return
	}
	a.mu.Lock()
	if a.m == nil {
		a.m = map[*ast.Field]map[string]any{}
	}
	a.m[field] = args
	a.mu.Unlock()
}
