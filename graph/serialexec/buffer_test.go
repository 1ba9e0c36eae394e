package serialexec_test

import (
	"io"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"

	"github.com/karta/karta/graph/serialexec"
)

func text(s string) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) { _, _ = io.WriteString(w, s) })
}

// Marshal returns what the marshaler writes, in a slice of its own: the
// pooled buffer it wrote into, reused by the next response, does not
// change an answer already returned.
func TestMarshalOwnsItsAnswer(t *testing.T) {
	long := strings.Repeat("я", 5000)
	first := serialexec.Marshal(text(long))
	if string(first) != long {
		t.Fatalf("got %d bytes, want %d", len(first), len(long))
	}
	for _, s := range []string{"{}", strings.Repeat("z", 20000), `{"a":1}`} {
		if got := serialexec.Marshal(text(s)); string(got) != s {
			t.Fatalf("got %q…, want %q…", got[:min(len(got), 10)], s[:min(len(s), 10)])
		}
	}
	if string(first) != long {
		t.Fatal("an earlier answer changed when the buffer was reused")
	}
}
