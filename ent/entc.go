//go:build ignore

// entc.go generates the ent client, the GraphQL schema (graph/ent.graphqls),
// the node-type registry (ent/registry, from the nodetype annotations) and
// the breadcrumbs of every node type (ent/breadcrumb.go and
// graph/breadcrumb.graphqls) from ent/schema. Run through `make generate`,
// never by hand.
package main

import (
	"log"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"

	nodetypegen "github.com/karta/karta/ent/nodetype/gen"
	"github.com/karta/karta/ent/schema/describe"
)

// karta parses one of Karta's copies of an entgql template.
func karta(path string) *gen.Template {
	return gen.MustParse(gen.NewTemplate(path).Funcs(entgql.TemplateFuncs).ParseFiles(path))
}

func main() {
	ex, err := entgql.NewExtension(
		// entgql's templates, with Karta's copies of the pagination and
		// collection templates (template/): a page read without cursors
		// counts its rows in its own statement; the pagination and edge
		// templates build a connection's edges without cursors when its
		// selection shows none. Before
		// WithWhereInputs, which adds its template to these.
		entgql.WithTemplates(
			karta("template/collection.tmpl"),
			entgql.EnumTemplate,
			entgql.NodeTemplate,
			karta("template/pagination.tmpl"),
			entgql.TransactionTemplate,
			karta("template/edge.tmpl"),
			entgql.MutationInputTemplate,
		),
		entgql.WithConfigPath("../gqlgen.yml"),
		entgql.WithSchemaGenerator(),
		entgql.WithSchemaPath("../graph/ent.graphqls"),
		entgql.WithWhereInputs(true),
		entgql.WithRelaySpec(true),
		entgql.WithSchemaHook(describe.Hook),
	)
	if err != nil {
		log.Fatalf("creating entgql extension: %v", err)
	}
	err = entc.Generate("./schema", &gen.Config{
		Features: []gen.Feature{
			gen.FeatureUpsert,
			gen.FeatureGlobalID,
			gen.FeatureExecQuery,
		},
	},
		entc.Extensions(ex, nodetypegen.Extension{BreadcrumbSDL: "../graph/breadcrumb.graphqls"}),
		// The operation's memo of nodes and the batch of a query tree's
		// one-to-one edges (template/memo.tmpl, used by collection.tmpl).
		// Row scanning with one allocation per row and typed page totals
		// (template/decode.tmpl, replacing ent's dialect/sql/decode/one).
		entc.TemplateFiles("template/memo.tmpl", "template/decode.tmpl"),
	)
	if err != nil {
		log.Fatalf("running ent codegen: %v", err)
	}
}
