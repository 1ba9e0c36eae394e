// Package ref holds the reference type the catalog's query packages share:
// a node named by its ent ID (usable with GraphQL's node(id:)).
package ref

import "errors"

// Ref names a node of the catalog: a body, a system, a map (Name is its
// title), a sphere or an entity.
type Ref struct {
	ID   int
	Name string
	// Short is a body's short name (МТС, КДСФК); "" for other nodes.
	Short string
}

// Errors the query packages return for what a caller asked wrongly; the
// GraphQL layer reports them as NOT_FOUND and BAD_USER_INPUT with their
// message.
var (
	ErrNotFound = errors.New("not found")
	ErrInvalid  = errors.New("invalid input")
)
