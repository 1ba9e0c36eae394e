package snapshot

import (
	stdsql "database/sql"
	"testing"

	entsql "entgo.io/ent/dialect/sql"
)

// countingScanner counts the driver's ColumnTypes calls.
type countingScanner struct {
	entsql.ColumnScanner
	calls int
	sets  int
}

func (c *countingScanner) ColumnTypes() ([]*stdsql.ColumnType, error) {
	c.calls++
	return make([]*stdsql.ColumnType, 2+c.sets), nil
}

func (c *countingScanner) NextResultSet() bool { c.sets++; return true }

// A result set's column types are asked of the driver once, however many
// rows ask for them; the next result set asks again for its own.
func TestHeldRowsReadColumnTypesOncePerResultSet(t *testing.T) {
	c := &countingScanner{}
	h := &heldRows{ColumnScanner: c, release: func() {}}
	for range 3 {
		ts, err := h.ColumnTypes()
		if err != nil || len(ts) != 2 {
			t.Fatalf("%d types, %v", len(ts), err)
		}
	}
	if c.calls != 1 {
		t.Fatalf("%d driver calls for one result set, want 1", c.calls)
	}
	if !h.NextResultSet() {
		t.Fatal("no next result set")
	}
	if ts, _ := h.ColumnTypes(); len(ts) != 3 || c.calls != 2 {
		t.Fatalf("next result set: %d types, %d driver calls; want 3 and 2", len(ts), c.calls)
	}
}
