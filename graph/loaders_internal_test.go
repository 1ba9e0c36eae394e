package graph

import (
	"reflect"
	"testing"

	"github.com/karta/karta/catalog/search"
)

// Every type the search index holds has a stub of its own Go type, so a
// hit's node { __typename } answers the right type without a query.
func TestEverySearchTypeHasAStub(t *testing.T) {
	for _, typ := range search.Types() {
		stub, ok := searchHitStubs[typ]
		if !ok {
			t.Errorf("%s: no stub in searchHitStubs", typ)
			continue
		}
		n := stub(7)
		if got := reflect.TypeOf(n).Elem().Name(); got != typ {
			t.Errorf("%s: stub is a %s", typ, got)
		}
	}
	if len(searchHitStubs) != len(search.Types()) {
		t.Errorf("%d stubs for %d indexed types", len(searchHitStubs), len(search.Types()))
	}
}
