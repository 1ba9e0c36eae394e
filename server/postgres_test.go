package server_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/karta/karta/server"
	"github.com/karta/karta/server/storagetest"
)

// TestPostgresParametersInOneRoundTrip: the pool OpenPostgres opens sends
// parameters in lib/pq's one-round-trip mode, and the values that mode
// would send in binary (JSON as json.RawMessage, []byte, a nil []byte) still
// arrive as before: JSON into jsonb, bytes into text, nil as NULL; times and
// strings with non-ASCII text round-trip unchanged.
func TestPostgresParametersInOneRoundTrip(t *testing.T) {
	if storagetest.Dialect() != dialect.Postgres {
		t.Skip("PostgreSQL only")
	}
	db := storagetest.OpenRaw(t)
	ctx := context.Background()
	var (
		js       []byte
		text     string
		isNull   bool
		interval string
	)
	raw := json.RawMessage(`[{"k":"Қазақ \"тілі\""}]`)
	err := db.SQL.QueryRowContext(ctx,
		"SELECT $1::jsonb -> 0 ->> 'k', $2::text, $3::text IS NULL, ($4::timestamptz - $5::timestamptz)::text",
		raw, []byte("ӘБВ\\x00"), []byte(nil), "2026-01-02T03:04:05Z", "2026-01-01T00:00:00Z").Scan(&js, &text, &isNull, &interval)
	if err != nil {
		t.Fatal(err)
	}
	if string(js) != `Қазақ "тілі"` || text != `ӘБВ\x00` || !isNull || interval != "1 day 03:04:05" {
		t.Errorf("got %q %q %v %q", js, text, isNull, interval)
	}
}

// BenchmarkPostgresParameterisedSelect: one parameterised statement, lib/pq's
// two-round-trip mode against the one OpenPostgres uses, without and with
// the statement cache, in one run. The statement joins two catalog tables,
// so that planning costs what it costs a real statement.
func BenchmarkPostgresParameterisedSelect(b *testing.B) {
	if storagetest.Dialect() != dialect.Postgres {
		b.Skip("PostgreSQL only")
	}
	_, raw := storagetest.Open(b)
	u, err := url.Parse(raw.URL)
	if err != nil {
		b.Fatal(err)
	}
	const query = `SELECT count(*) FROM entities e JOIN attributes a ON a.entity_attributes = e.id
WHERE e.id = $1 AND a.name <> $2`
	for _, c := range []struct {
		mode       string
		statements int
	}{{"no", 0}, {"yes", 0}, {"yes", 256}} {
		b.Run(fmt.Sprintf("binary_parameters=%s/statements=%d", c.mode, c.statements), func(b *testing.B) {
			q := u.Query()
			q.Set("binary_parameters", c.mode)
			u.RawQuery = q.Encode()
			db, err := server.OpenPostgres(u.String(), c.statements)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			db.SetMaxIdleConns(1)
			ctx := context.Background()
			var n int64
			for b.Loop() {
				if err := db.QueryRowContext(ctx, query, int64(41), "x").Scan(&n); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// openStatements opens a one-connection pool on a throwaway PostgreSQL
// database whose connection keeps up to n prepared statements.
func openStatements(t *testing.T, n int) *sql.DB {
	t.Helper()
	if storagetest.Dialect() != dialect.Postgres {
		t.Skip("PostgreSQL only")
	}
	db, err := server.OpenPostgres(storagetest.OpenRaw(t).URL, n)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1)
	return db
}

// preparedTexts lists the statements prepared on db's one connection.
func preparedTexts(t *testing.T, db *sql.DB) []string {
	t.Helper()
	rows, err := db.Query("SELECT statement FROM pg_prepared_statements ORDER BY statement")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func scanInt(t *testing.T, db interface {
	QueryRow(string, ...any) *sql.Row
}, query string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// TestPostgresStatementCache: a statement with parameters is prepared on
// its second run and reused after (one prepared statement, however often
// it runs); the least recently used one is deallocated when the cache is
// full; statements without parameters and a pool without the cache prepare
// nothing.
func TestPostgresStatementCache(t *testing.T) {
	db := openStatements(t, 2)
	const a, b, c = "SELECT $1::bigint + 1", "SELECT $1::bigint + 2", "SELECT $1::bigint + 3"
	if n := scanInt(t, db, a, 40); n != 41 {
		t.Fatalf("got %d", n)
	}
	if got := preparedTexts(t, db); len(got) != 0 {
		t.Fatalf("prepared after one run: %q", got)
	}
	for i := range 5 {
		if n := scanInt(t, db, a, i); n != int64(i)+1 {
			t.Fatalf("got %d", n)
		}
	}
	if got := preparedTexts(t, db); !slices.Equal(got, []string{a}) {
		t.Fatalf("prepared after six runs: %q, want only %q", got, a)
	}
	for _, q := range []string{b, c, b, c} {
		scanInt(t, db, q, 1)
	}
	if got := preparedTexts(t, db); !slices.Equal(got, []string{b, c}) {
		t.Fatalf("prepared with room for two: %q, want %q (the oldest deallocated)", got, []string{b, c})
	}
	scanInt(t, db, "SELECT 7")
	scanInt(t, db, "SELECT 7")
	if got := preparedTexts(t, db); len(got) != 2 {
		t.Fatalf("a statement without parameters was prepared: %q", got)
	}

	off := openStatements(t, 0)
	for range 3 {
		scanInt(t, off, a, 1)
	}
	if got := preparedTexts(t, off); len(got) != 0 {
		t.Fatalf("prepared with the cache off: %q", got)
	}
}

// TestPostgresStatementCacheParameters: the values lib/pq's one-round-trip
// mode would send in binary (JSON as json.RawMessage into jsonb, []byte,
// a nil []byte) arrive as text on a prepared statement too, in a query and
// in an insert.
func TestPostgresStatementCacheParameters(t *testing.T) {
	db := openStatements(t, 8)
	if _, err := db.Exec("CREATE TABLE doc (id bigint PRIMARY KEY, body jsonb, note text)"); err != nil {
		t.Fatal(err)
	}
	raw := json.RawMessage(`[{"k":"Қазақ \"тілі\""}]`)
	for i := range 4 {
		if _, err := db.Exec("INSERT INTO doc (id, body, note) VALUES ($1, $2, $3)", i, raw, []byte(nil)); err != nil {
			t.Fatalf("insert %d: %v", i, err)
		}
		var k, text string
		var isNull bool
		err := db.QueryRow("SELECT $1::jsonb -> 0 ->> 'k', $2::text, $3::text IS NULL", raw, []byte("ӘБВ\\x00"), []byte(nil)).Scan(&k, &text, &isNull)
		if err != nil {
			t.Fatalf("run %d: %v", i, err)
		}
		if k != `Қазақ "тілі"` || text != `ӘБВ\x00` || !isNull {
			t.Fatalf("run %d: got %q %q %v", i, k, text, isNull)
		}
	}
	if n := scanInt(t, db, "SELECT count(*) FROM doc WHERE body -> 0 ->> 'k' = $1 AND note IS NULL", `Қазақ "тілі"`); n != 4 {
		t.Fatalf("rows with the JSON: %d", n)
	}
	if got := preparedTexts(t, db); len(got) != 2 {
		t.Fatalf("prepared: %q, want the insert and the select", got)
	}
}

// TestPostgresStatementCacheSchemaChange: a migration (here on the same
// connection; on another replica it is the same) changes the result type
// of a cached statement. Outside a transaction the next run prepares it
// again and answers; inside one the run fails (the transaction is aborted
// either way) and the run after it, outside, answers.
func TestPostgresStatementCacheSchemaChange(t *testing.T) {
	db := openStatements(t, 8)
	for _, q := range []string{"CREATE TABLE item (id bigint PRIMARY KEY, v integer)", "INSERT INTO item VALUES (1, 10)"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	const q = "SELECT * FROM item WHERE id = $1"
	read := func(db interface {
		QueryRow(string, ...any) *sql.Row
	}) (string, error) {
		var id int64
		var v string
		err := db.QueryRow(q, 1).Scan(&id, &v)
		return v, err
	}
	for range 3 {
		if v, err := read(db); err != nil || v != "10" {
			t.Fatalf("before: %q %v", v, err)
		}
	}
	alter := func(to string) {
		t.Helper()
		if _, err := db.Exec("ALTER TABLE item ALTER COLUMN v TYPE " + to + " USING v::" + to); err != nil {
			t.Fatal(err)
		}
	}
	alter("text")
	if v, err := read(db); err != nil || v != "10" {
		t.Fatalf("after ALTER, outside a transaction: %q %v", v, err)
	}
	read(db) // prepared again
	if got := preparedTexts(t, db); !slices.Equal(got, []string{q}) {
		t.Fatalf("prepared: %q", got)
	}

	alter("integer")
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := read(tx); err == nil {
		t.Error("after ALTER, inside a transaction: no error")
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if v, err := read(db); err != nil || v != "10" {
		t.Fatalf("after the failed transaction: %q %v", v, err)
	}
}

// TestPostgresStatementCacheOpenRows: while a transaction's rows are open,
// a second statement on its connection fails as lib/pq fails it without
// the cache, even when that statement is prepared, and the connection
// stays usable.
func TestPostgresStatementCacheOpenRows(t *testing.T) {
	db := openStatements(t, 8)
	const q = "SELECT g FROM generate_series(1, $1::int) g"
	for range 2 {
		scanInt(t, db, q, 1)
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	rows, err := tx.Query(q, 3)
	if err != nil {
		t.Fatal(err)
	}
	if !rows.Next() {
		t.Fatal("no row")
	}
	var n int64
	if err := tx.QueryRow(q, 2).Scan(&n); err == nil || !strings.Contains(err.Error(), "already a query") {
		t.Errorf("a second statement while rows are open: %v, want lib/pq's «already a query being processed»", err)
	}
	var sum int64
	for ok := true; ok; ok = rows.Next() {
		var g int64
		if err := rows.Scan(&g); err != nil {
			t.Fatal(err)
		}
		sum += g
	}
	if err := rows.Close(); err != nil || sum != 6 {
		t.Fatalf("rows: sum %d, %v", sum, err)
	}
	if n := scanInt(t, tx, "SELECT $1::bigint * 2", 21); n != 42 {
		t.Fatalf("after the rows closed: %d", n)
	}
}

// TestPostgresStatementCacheSchemaChangeOtherConnections: after one
// connection's statement turned stale in a transaction (its request
// fails), the pool's other connections prepare their statements again
// before their next run: a migration fails one request, not one per
// connection.
func TestPostgresStatementCacheSchemaChangeOtherConnections(t *testing.T) {
	db := openStatements(t, 8)
	db.SetMaxOpenConns(2)
	ctx := context.Background()
	if _, err := db.Exec("CREATE TABLE item (id bigint PRIMARY KEY, v integer); INSERT INTO item VALUES (1, 10)"); err != nil {
		t.Fatal(err)
	}
	const q = "SELECT * FROM item WHERE id = $1"
	conns := make([]*sql.Conn, 2)
	for i := range conns {
		c, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns[i] = c
		for range 2 {
			var id, v int64
			if err := c.QueryRowContext(ctx, q, 1).Scan(&id, &v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := conns[0].ExecContext(ctx, "ALTER TABLE item ALTER COLUMN v TYPE text"); err != nil {
		t.Fatal(err)
	}
	readInTx := func(c *sql.Conn) error {
		tx, err := c.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		var id int64
		var v string
		return tx.QueryRowContext(ctx, q, 1).Scan(&id, &v)
	}
	if err := readInTx(conns[0]); err == nil {
		t.Fatal("the first connection's stale statement did not fail in its transaction")
	}
	if err := readInTx(conns[1]); err != nil {
		t.Errorf("the second connection, after the first found its statements stale: %v", err)
	}
}

// TestPostgresStatementCacheFromPool: OpenSQL gives the pool's
// PGStatements to the connections: 0 prepares nothing.
func TestPostgresStatementCacheFromPool(t *testing.T) {
	if storagetest.Dialect() != dialect.Postgres {
		t.Skip("PostgreSQL only")
	}
	url := storagetest.OpenRaw(t).URL
	for _, n := range []int{0, 4} {
		db, _, err := server.OpenSQL(url, "", server.Pool{MaxOpen: 1, PGStatements: n})
		if err != nil {
			t.Fatal(err)
		}
		for range 3 {
			scanInt(t, db, "SELECT $1::bigint", 1)
		}
		if got := len(preparedTexts(t, db)); (got > 0) != (n > 0) {
			t.Errorf("PGStatements %d: %d statements prepared", n, got)
		}
		db.Close()
	}
}

// TestPostgresReadTransactionBegunWithFirstStatement: a read-only
// transaction of the pool OpenPostgres opens begins with its first
// statement, with or without parameters (BEGIN sent in front of it or on
// its own), and is what was asked: REPEATABLE READ, read-only, one snapshot
// from its first statement on, however other connections commit meanwhile.
// A transaction that ran nothing, or whose first statement failed, ends
// cleanly and leaves its connection outside any transaction.
func TestPostgresReadTransactionBegunWithFirstStatement(t *testing.T) {
	if storagetest.Dialect() != dialect.Postgres {
		t.Skip("PostgreSQL only")
	}
	raw := storagetest.OpenRaw(t)
	ctx := context.Background()
	if _, err := raw.SQL.ExecContext(ctx, "CREATE TABLE snap (x int)"); err != nil {
		t.Fatal(err)
	}
	db, err := server.OpenPostgres(raw.URL, 4)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1) // every transaction on the same connection
	read := &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	outside := func(when string) {
		t.Helper()
		var ro string
		if err := db.QueryRowContext(ctx, "SELECT current_setting('transaction_read_only')").Scan(&ro); err != nil || ro != "off" {
			t.Fatalf("%s: the connection is still in a read-only transaction (%q, %v)", when, ro, err)
		}
	}
	for _, first := range []struct {
		name, query string
		args        []any
	}{
		{"without parameters", "SELECT count(*) FROM snap", nil},
		{"with parameters", "SELECT count(*) FROM snap WHERE $1::int = 1", []any{1}},
	} {
		t.Run(first.name, func(t *testing.T) {
			tx, err := db.BeginTx(ctx, read)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback() // on a failure: frees the pool's one connection
			before := scanInt(t, tx, first.query, first.args...)
			if _, err := raw.SQL.ExecContext(ctx, "INSERT INTO snap VALUES (1)"); err != nil {
				t.Fatal(err)
			}
			if n := scanInt(t, tx, "SELECT count(*) FROM snap"); n != before {
				t.Fatalf("the transaction saw a commit made after its first statement: %d rows, then %d", before, n)
			}
			var mode string
			if err := tx.QueryRowContext(ctx, "SELECT current_setting('transaction_isolation') || ' ' || current_setting('transaction_read_only')").Scan(&mode); err != nil || mode != "repeatable read on" {
				t.Fatalf("transaction mode %q, %v", mode, err)
			}
			if _, err := tx.ExecContext(ctx, "INSERT INTO snap VALUES (2)"); err == nil {
				t.Fatal("a write in a read-only transaction succeeded")
			}
			if err := tx.Rollback(); err != nil {
				t.Fatal(err)
			}
			outside("after the rollback")
			if n := scanInt(t, db, "SELECT count(*) FROM snap"); n != before+1 {
				t.Fatalf("after the transaction: %d rows, want %d", n, before+1)
			}
		})
	}

	tx, err := db.BeginTx(ctx, read)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatalf("rollback of a transaction that ran nothing: %v", err)
	}
	outside("after an empty transaction")

	tx, err = db.BeginTx(ctx, read)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.QueryContext(ctx, "SELECT nope FROM snap"); err == nil {
		t.Fatal("no error for a bad first statement")
	}
	if err := tx.Rollback(); err != nil {
		t.Fatalf("rollback after a failed first statement: %v", err)
	}
	outside("after a failed first statement")
}

// TestPostgresReadTransactionsAfterAWriteTransaction: read-only
// transactions begun with their first statement, on a connection whose
// previous transaction lib/pq began itself (a write, an import), end
// cleanly, committed or rolled back, again and again — lib/pq keeps the
// cancellation watcher of its own BeginTx after the transaction, and ending
// a transaction it did not begin through its Commit or Rollback ran that
// watcher again: the third time it panicked ("attempt to set nil err"). A
// COMMIT of a read-only transaction whose statement failed says so.
func TestPostgresReadTransactionsAfterAWriteTransaction(t *testing.T) {
	if storagetest.Dialect() != dialect.Postgres {
		t.Skip("PostgreSQL only")
	}
	raw := storagetest.OpenRaw(t)
	for _, cancelled := range []bool{false, true} {
		t.Run(fmt.Sprintf("write context cancelled %v", cancelled), func(t *testing.T) {
			readsAfterWrite(t, raw.URL, cancelled)
		})
	}
}

func readsAfterWrite(t *testing.T, url string, cancelled bool) {
	db, err := server.OpenPostgres(url, 4)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1) // every transaction on the same connection
	wctx, cancel := context.WithCancel(context.Background())
	w, err := db.BeginTx(wctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.ExecContext(wctx, "CREATE TABLE IF NOT EXISTS snap2 (x int)"); err != nil {
		t.Fatal(err)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	if cancelled {
		cancel() // as a request's is, after its response
	} else {
		t.Cleanup(cancel) // a context that outlives its transaction (an import's, a server's)
	}
	ctx := context.Background()
	pid := scanInt(t, db, "SELECT pg_backend_pid()")
	read := &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	for i := range 6 {
		tx, err := db.BeginTx(ctx, read)
		if err != nil {
			t.Fatalf("transaction %d: %v", i, err)
		}
		if n := scanInt(t, tx, "SELECT count(*) FROM snap2"); n != 0 {
			t.Fatalf("transaction %d: %d rows", i, n)
		}
		if p := scanInt(t, tx, "SELECT pg_backend_pid()"); p != pid {
			t.Fatalf("transaction %d runs on a new connection (backend %d, was %d): the last one was closed", i, p, pid)
		}
		end := tx.Rollback
		if i%2 == 1 {
			end = tx.Commit
		}
		if err := end(); err != nil {
			t.Fatalf("transaction %d: end: %v", i, err)
		}
	}
	tx, err := db.BeginTx(ctx, read)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, "SELECT nope FROM snap2"); err == nil {
		t.Fatal("no error for a bad statement")
	}
	if err := tx.Commit(); err == nil {
		t.Fatal("the commit of a failed transaction reported no error")
	}
	if n := scanInt(t, db, "SELECT count(*) FROM snap2"); n != 0 {
		t.Fatalf("after the failed transaction: %d rows (the connection unusable?)", n)
	}
}
