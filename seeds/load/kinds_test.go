package load

import (
	"sort"
	"testing"

	"github.com/karta/karta/ent/migrate"
)

// Every table of ent/schema with a natural key and a digest (SourceMixin)
// is a node type the loader lists, and nothing else is: the kinds come from
// the registry generated from the schema's nodetype annotations, so a type
// added to the schema without one fails here (and `make generate` refuses
// it). Search and breadcrumbs take their types from the same registry.
func TestKindsCoverTheSchema(t *testing.T) {
	var want, got []string
	for _, tb := range migrate.Tables {
		var key, dg bool
		for _, c := range tb.Columns {
			key = key || c.Name == "key"
			dg = dg || c.Name == "digest"
		}
		if key && dg {
			want = append(want, tb.Name)
		}
	}
	for _, k := range kinds {
		got = append(got, k.table)
	}
	sort.Strings(want)
	sort.Strings(got)
	if len(want) == 0 || len(want) != len(got) {
		t.Fatalf("node tables in ent/schema:\n  %v\nkinds of the loader:\n  %v", want, got)
	}
	for i := range want {
		if want[i] != got[i] {
			t.Fatalf("node tables in ent/schema:\n  %v\nkinds of the loader:\n  %v", want, got)
		}
	}
}
