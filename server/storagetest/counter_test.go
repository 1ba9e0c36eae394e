package storagetest

import (
	"context"
	"testing"

	"entgo.io/ent/dialect"
)

// nopDriver answers every statement with nothing.
type nopDriver struct{}

func (nopDriver) Exec(context.Context, string, any, any) error  { return nil }
func (nopDriver) Query(context.Context, string, any, any) error { return nil }
func (nopDriver) Tx(context.Context) (dialect.Tx, error)        { return nil, nil }
func (nopDriver) Close() error                                  { return nil }
func (nopDriver) Dialect() string                               { return dialect.Postgres }

func TestCounterOnlyCountsTheContextsItAccepts(t *testing.T) {
	type mark struct{}
	c := &Counter{Driver: nopDriver{}, Only: func(ctx context.Context) bool { return ctx.Value(mark{}) != nil }}
	marked := context.WithValue(context.Background(), mark{}, true)
	for _, ctx := range []context.Context{marked, context.Background(), marked} {
		if err := c.Query(ctx, "SELECT 1", nil, nil); err != nil {
			t.Fatal(err)
		}
		if err := c.Exec(ctx, "UPDATE t SET x = 1", nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	if got := c.Queries(); got != 2 {
		t.Errorf("queries counted = %d, want 2 (the background one left out)", got)
	}
	if got := c.execs.Load(); got != 2 {
		t.Errorf("statements counted = %d, want 2", got)
	}
	all := &Counter{Driver: nopDriver{}}
	_ = all.Query(context.Background(), "SELECT 1", nil, nil)
	if all.Queries() != 1 {
		t.Errorf("without Only every query counts; got %d", all.Queries())
	}
}
