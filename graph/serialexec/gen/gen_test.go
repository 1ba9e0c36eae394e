package gen_test

import (
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"

	"github.com/karta/karta/ent/registry"
	"github.com/karta/karta/graph/serialexec/gen"
)

// The fields marked as blocking are exactly the search hit's two resolvers
// and the breadcrumb of every node type (the methods calling the breadcrumb
// loader): no entgql edge (a context method the generator must recognise as
// eager-loaded) and nothing else. A new resolver or context method lands
// here first, to be looked at: does it wait on a loader?
func TestBlockingFields(t *testing.T) {
	if err := os.Chdir("../../.."); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.LoadConfig("gqlgen.yml")
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.LoadSchema(); err != nil {
		t.Fatal(err)
	}
	if err := cfg.Init(); err != nil {
		t.Fatal(err)
	}
	data, err := codegen.BuildData(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for typ, fields := range gen.Blocking(data) {
		for f := range fields {
			got = append(got, typ+"."+f)
		}
	}
	want := []string{"SearchHit.node", "SearchHit.breadcrumb"}
	for _, typ := range registry.Types() {
		want = append(want, typ.Name+".breadcrumb")
	}
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("blocking fields:\n got %v\nwant %v", got, want)
	}
	edges := 0
	for _, o := range data.Objects {
		for _, f := range o.Fields {
			if f.MethodHasContext && !f.IsResolver && f.Name != "breadcrumb" {
				edges++
			}
		}
	}
	t.Logf("%d blocking fields; %d context-method fields recognised as entgql edges", len(got), edges)
	if edges < 50 {
		t.Fatalf("only %d entgql edges among the context methods: the schema changed or the test reads the wrong data", edges)
	}
}
