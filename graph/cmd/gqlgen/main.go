// Command gqlgen runs gqlgen's code generation with gqlgen.yml, then writes
// the executor (graph/generated) again with Karta's templates (package
// graph/serialexec/gen). `make generate` runs it after entc; never by hand.
package main

import (
	"log"

	"github.com/99designs/gqlgen/api"
	"github.com/99designs/gqlgen/codegen/config"

	"github.com/karta/karta/graph/serialexec/gen"
)

func main() {
	cfg, err := config.LoadConfigFromDefaultLocations()
	if err != nil {
		log.Fatalf("loading gqlgen config: %v", err)
	}
	p := &gen.Plugin{}
	if err := api.Generate(cfg, api.AddPlugin(p)); err != nil {
		log.Fatalf("gqlgen: %v", err)
	}
	if err := p.Render(); err != nil {
		log.Fatalf("gqlgen (Karta's executor templates): %v", err)
	}
}
