package breadcrumb_test

import (
	"slices"
	"testing"

	"github.com/karta/karta/catalog/breadcrumb"
	"github.com/karta/karta/seeds/load"
)

// Every node type of the catalog (load.NodeTypes, checked against
// ent/schema) has a breadcrumb: a type added to the schema fails here.
func TestTypesCoverTheCatalog(t *testing.T) {
	types := breadcrumb.Types()
	for _, typ := range load.NodeTypes() {
		if !slices.Contains(types, typ) {
			t.Errorf("node type %s has no breadcrumb", typ)
		}
	}
	if len(types) != len(load.NodeTypes()) {
		t.Errorf("breadcrumbs know %v, the catalog has %v", types, load.NodeTypes())
	}
}
