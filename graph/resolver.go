// Package graph holds the GraphQL resolvers. They stay thin: one call into
// ent or into a domain package.
package graph

import (
	"github.com/99designs/gqlgen/graphql"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/graph/generated"
)

// Resolver is the root resolver; its fields are the dependencies resolvers use.
type Resolver struct {
	Client *ent.Client
}

// NewSchema returns the executable schema for client.
func NewSchema(client *ent.Client) graphql.ExecutableSchema {
	return generated.NewExecutableSchema(generated.Config{
		Resolvers: &Resolver{Client: client},
	})
}
