package search_test

import (
	"slices"
	"testing"

	"github.com/karta/karta/catalog/search"
	"github.com/karta/karta/seeds/load"
)

// The index covers every node type of the catalog (load.NodeTypes, checked
// against ent/schema) but the rows it indexes with their parents; a type
// added to the schema fails here until it is indexed or listed below.
func TestTypesCoverTheCatalog(t *testing.T) {
	withParent := map[string]string{"KPITarget": "KPI", "RoadmapStep": "RoadmapItem"}
	types := search.Types()
	for _, typ := range load.NodeTypes() {
		if parent, ok := withParent[typ]; ok {
			if !slices.Contains(types, parent) {
				t.Errorf("%s is indexed with its %s, which the index does not cover", typ, parent)
			}
			continue
		}
		if !slices.Contains(types, typ) {
			t.Errorf("node type %s is not indexed", typ)
		}
	}
	if len(types) != len(load.NodeTypes())-len(withParent) {
		t.Errorf("the index covers %v, the catalog has %v", types, load.NodeTypes())
	}
}
