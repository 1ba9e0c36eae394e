package frontendschema_test

import (
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/karta/karta/graph"
	"github.com/karta/karta/server/storagetest"
)

func TestZZDebug(t *testing.T) {
	ec, _ := storagetest.Open(t)
	c := client.New(graph.NewHandler(ec, graph.Options{MaxPageSize: 100, ComplexityLimit: 5000}))
	for _, q := range []string{
		`{ spheres(first: 2) { edges { node { entities(first: 2) { totalCount } } } } }`,
		`{ spheres(first: 2) { edges { node { entities(first: 2) { edges { node { id } } } } } } }`,
	} {
		resp, err := c.RawPost(q)
		t.Logf("%v %s %v", err, resp.Errors, q)
	}
}
