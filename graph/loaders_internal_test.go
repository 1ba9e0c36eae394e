package graph

import (
	"reflect"
	"testing"

	"github.com/karta/karta/catalog/search"
	"github.com/karta/karta/ent/registry"
)

// Every type the search index holds has a stub of its own Go type (the
// registry generates one per node type from ent/schema), so a hit's
// node { __typename id } answers the right type without a query.
func TestEverySearchTypeHasAStub(t *testing.T) {
	for _, typ := range search.Types() {
		rt := registry.Lookup(typ)
		if rt == nil || rt.Stub == nil {
			t.Errorf("%s: indexed, but no registry type with a stub", typ)
			continue
		}
		n := rt.Stub(7)
		if got := reflect.TypeOf(n).Elem().Name(); got != typ {
			t.Errorf("%s: stub is a %s", typ, got)
		}
		if id := reflect.ValueOf(n).Elem().FieldByName("ID").Int(); id != 7 {
			t.Errorf("%s: stub has ID %d", typ, id)
		}
	}
}
