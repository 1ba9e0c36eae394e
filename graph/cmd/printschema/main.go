// Command printschema writes the served GraphQL schema to stdout; `make
// generate` stores it in frontend-schema/schema.graphql.
package main

import (
	"bufio"
	"log"
	"os"

	"github.com/karta/karta/graph"
)

func main() {
	w := bufio.NewWriter(os.Stdout)
	if err := graph.PrintSchema(w); err != nil {
		log.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
}
