package snapshot

import (
	"context"
	stdsql "database/sql"
	"fmt"
	"sync"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
)

// Driver is an ent driver that reads through the snapshot of a context
// marked with Begin.
type Driver struct {
	*entsql.Driver
}

// NewDriver wraps d.
func NewDriver(d *entsql.Driver) *Driver { return &Driver{Driver: d} }

type key struct{}

// reader is the snapshot of one marked context.
type reader struct {
	ctx context.Context // the context the transaction lives in
	mu  sync.Mutex      // held by one statement, from its start until its rows close
	tx  dialect.Tx
}

// Begin marks ctx so that statements sent through a Driver with it read one
// snapshot; the transaction begins with the first statement. end finishes
// it (a rollback: a snapshot writes nothing) and must be called, after the
// last statement's rows are closed. After end, the next statement begins a
// new snapshot. Begin on a context already marked returns it unchanged and
// an end that does nothing: the outer unit of work owns the snapshot.
func Begin(ctx context.Context) (_ context.Context, end func()) {
	if _, ok := ctx.Value(key{}).(*reader); ok {
		return ctx, func() {}
	}
	r := &reader{ctx: ctx}
	return context.WithValue(ctx, key{}, r), r.end
}

// Active reports whether ctx is marked with Begin.
func Active(ctx context.Context) bool {
	_, ok := ctx.Value(key{}).(*reader)
	return ok
}

func (r *reader) end() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.tx != nil {
		_ = r.tx.Rollback()
		r.tx = nil
	}
}

// txOptions are the options of a snapshot transaction on dialect d.
func txOptions(d string) *stdsql.TxOptions {
	if d == dialect.Postgres {
		return &stdsql.TxOptions{Isolation: stdsql.LevelRepeatableRead, ReadOnly: true}
	}
	// SQLite: a deferred transaction (modernc ignores _txlock=immediate for
	// read-only ones); isolation is always serializable.
	return &stdsql.TxOptions{ReadOnly: true}
}

// acquire locks r and returns its transaction, beginning it if needed.
func (r *reader) acquire(d *Driver) (dialect.Tx, error) {
	r.mu.Lock()
	if r.tx == nil {
		tx, err := d.Driver.BeginTx(r.ctx, txOptions(d.Dialect()))
		if err != nil {
			r.mu.Unlock()
			return nil, fmt.Errorf("begin read snapshot: %w", err)
		}
		r.tx = tx
	}
	return r.tx, nil
}

// Query implements dialect.Driver.
func (d *Driver) Query(ctx context.Context, query string, args, v any) error {
	r, ok := ctx.Value(key{}).(*reader)
	if !ok {
		return d.Driver.Query(ctx, query, args, v)
	}
	tx, err := r.acquire(d)
	if err != nil {
		return err
	}
	if err := tx.Query(ctx, query, args, v); err != nil {
		r.mu.Unlock()
		return err
	}
	rows, ok := v.(*entsql.Rows)
	if !ok || rows.ColumnScanner == nil {
		r.mu.Unlock()
		return nil
	}
	rows.ColumnScanner = &heldRows{ColumnScanner: rows.ColumnScanner, release: r.mu.Unlock}
	return nil
}

// Exec implements dialect.Driver. A snapshot is read-only: on PostgreSQL a
// write through it fails.
func (d *Driver) Exec(ctx context.Context, query string, args, v any) error {
	r, ok := ctx.Value(key{}).(*reader)
	if !ok {
		return d.Driver.Exec(ctx, query, args, v)
	}
	tx, err := r.acquire(d)
	if err != nil {
		return err
	}
	defer r.mu.Unlock()
	return tx.Exec(ctx, query, args, v)
}

// heldRows releases the snapshot when closed, and reads the column types of
// its result set once.
type heldRows struct {
	entsql.ColumnScanner
	once    sync.Once
	release func()
	types   []*stdsql.ColumnType
}

// ColumnTypes returns the column types of the current result set, asked of
// the driver once: ent's sqlgraph asks for them on every row that has a
// column its generated code does not name (entgql's "__total" of a
// connection's count), and database/sql builds them anew on each call, a
// slice and a struct per column — a tenth of the allocations of a nested
// connection page.
func (h *heldRows) ColumnTypes() ([]*stdsql.ColumnType, error) {
	if h.types == nil {
		t, err := h.ColumnScanner.ColumnTypes()
		if err != nil {
			return nil, err
		}
		h.types = t
	}
	return h.types, nil
}

// NextResultSet moves to the next result set, whose columns are its own.
func (h *heldRows) NextResultSet() bool {
	h.types = nil
	return h.ColumnScanner.NextResultSet()
}

func (h *heldRows) Close() error {
	err := h.ColumnScanner.Close()
	h.once.Do(h.release)
	return err
}
