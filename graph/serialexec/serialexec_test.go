package serialexec_test

import (
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/karta/karta/graph/serialexec"
)

const schema = `
type Query { things: [Thing!]! node: Node }
interface Node { id: ID! }
type Thing implements Node { id: ID! name: String! crumb: String! parts: [Part!]! }
type Part implements Node { id: ID! name: String! crumb: String! }
`

// crumb of Thing and Part blocks (a loader); everything else answers at once.
func blocks(object, field string) bool {
	return field == "crumb" && (object == "Thing" || object == "Part")
}

func TestMayBlock(t *testing.T) {
	s := gqlparser.MustLoadSchema(&ast.Source{Input: schema})
	for _, c := range []struct {
		query string
		want  bool
	}{
		{`{ things { id name } }`, false},
		{`{ things { id parts { name } } }`, false},
		{`{ things { crumb } }`, true},
		{`{ things { parts { crumb } } }`, true},
		{`{ things { ... on Thing { parts { ... on Part { crumb } } } } }`, true},
		{`{ things { ...F } } fragment F on Thing { parts { crumb } }`, true},
		{`{ things { ...F } } fragment F on Thing { parts { name } }`, false},
		{`{ node { ... on Part { crumb } } }`, true},
		{`{ node { ... on Part { name } id } }`, false},
	} {
		doc, err := gqlparser.LoadQueryWithRules(s, c.query, nil)
		if err != nil {
			t.Fatalf("%s: %v", c.query, err)
		}
		sel := doc.Operations[0].SelectionSet
		if got := serialexec.MayBlock(sel, blocks); got != c.want {
			t.Errorf("%s: MayBlock = %v, want %v", c.query, got, c.want)
		}
	}
}
