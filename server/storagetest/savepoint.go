package storagetest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/migrate"
)

// Scratch begins a transaction on db and returns an ent client whose own
// transactions are savepoints inside it, and the function that rolls it
// back. Code that begins, commits and rolls back transactions of its own
// (an import) runs unchanged on the client, sees its own commits, and
// leaves db exactly as it was once rollback is called: a fuzz target can
// run one import after another on one catalog without restoring it.
//
// A savepoint commits with RELEASE and rolls back with ROLLBACK TO, so a
// failed transaction leaves the outer one usable, as a rolled-back
// transaction leaves the database (on PostgreSQL too, whose failed
// statements abort a transaction until it rolls back to a savepoint).
func Scratch(ctx context.Context, db *DB) (*ent.Client, func() error, error) {
	tx, err := db.SQL.BeginTx(ctx, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("begin scratch transaction: %w", err)
	}
	drv := &savepoints{Conn: entsql.Conn{ExecQuerier: tx}, dialect: db.Dialect}
	return ent.NewClient(ent.Driver(drv)), tx.Rollback, nil
}

// savepoints is an ent driver on one transaction whose transactions are
// savepoints.
type savepoints struct {
	entsql.Conn // Exec, Query, ExecContext and QueryContext on the transaction
	dialect     string
	n           int
}

func (d *savepoints) Dialect() string { return d.dialect }

// Close leaves the transaction to the rollback Scratch returned.
func (d *savepoints) Close() error { return nil }

// Tx opens a savepoint.
func (d *savepoints) Tx(ctx context.Context) (dialect.Tx, error) {
	d.n++
	name := fmt.Sprintf("scratch_%d", d.n)
	if err := d.Exec(ctx, "SAVEPOINT "+name, []any{}, nil); err != nil {
		return nil, err
	}
	return &savepoint{savepoints: d, name: name, ctx: ctx}, nil
}

// savepoint is one transaction of a savepoints driver.
type savepoint struct {
	*savepoints
	name string
	ctx  context.Context
	done bool
}

func (s *savepoint) Commit() error {
	if s.done {
		return sql.ErrTxDone
	}
	s.done = true
	return s.Exec(context.WithoutCancel(s.ctx), "RELEASE SAVEPOINT "+s.name, []any{}, nil)
}

func (s *savepoint) Rollback() error {
	if s.done {
		return sql.ErrTxDone
	}
	s.done = true
	ctx := context.WithoutCancel(s.ctx)
	if err := s.Exec(ctx, "ROLLBACK TO SAVEPOINT "+s.name, []any{}, nil); err != nil {
		return err
	}
	return s.Exec(ctx, "RELEASE SAVEPOINT "+s.name, []any{}, nil)
}

// Querier runs a query: a *sql.DB, a *sql.Tx, or a Scratch client's
// transaction (see Fingerprint).
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Fingerprint is a digest of every row of every table of the schema
// (migrate.Tables: the catalog version row, import runs and removals
// included), all columns, ids too: equal fingerprints mean equal
// databases, row for row. Rows are compared as a set per table (sorted),
// so the order a database returns them in does not matter.
func Fingerprint(ctx context.Context, q Querier) (string, error) {
	h := sha256.New()
	for _, t := range migrate.Tables {
		cols := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			cols[i] = `"` + c.Name + `"`
		}
		rows, err := q.QueryContext(ctx, "SELECT "+strings.Join(cols, ", ")+` FROM "`+t.Name+`"`)
		if err != nil {
			return "", fmt.Errorf("fingerprint %s: %w", t.Name, err)
		}
		var lines []string
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		var b strings.Builder
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return "", fmt.Errorf("fingerprint %s: %w", t.Name, err)
			}
			b.Reset()
			for _, v := range vals {
				b.WriteString(cell(v))
				b.WriteByte(0x1f)
			}
			lines = append(lines, b.String())
		}
		if err := rows.Close(); err != nil {
			return "", err
		}
		if err := rows.Err(); err != nil {
			return "", fmt.Errorf("fingerprint %s: %w", t.Name, err)
		}
		slices.Sort(lines)
		fmt.Fprintf(h, "%s\x1e%d\x1e", t.Name, len(lines))
		for _, l := range lines {
			h.Write([]byte(l))
			h.Write([]byte{0x1e})
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// cell is a column value as text, NULL distinct from every string.
func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return "\x00NULL"
	case []byte:
		return "b:" + string(x)
	case time.Time:
		return "t:" + x.UTC().Format(time.RFC3339Nano)
	default:
		return fmt.Sprintf("%T:%v", v, v)
	}
}
