package server

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"net/url"
	"reflect"
	"sync/atomic"

	"github.com/lib/pq"
)

// OpenPostgres opens a PostgreSQL pool on databaseURL with lib/pq in one
// round trip per statement.
//
// lib/pq sends a statement with parameters in two round trips (parse and
// describe, then bind and execute) unless binary_parameters=yes is set; with
// it, in one (parse, bind, describe, execute, sync). That mode sends []byte
// parameters in PostgreSQL's binary format, which jsonb rejects («unsupported
// jsonb version number»): ent passes JSON fields as json.RawMessage. The connections
// here therefore hand lib/pq every []byte as a string, so every parameter
// travels in text format exactly as before, with its type inferred by the
// server from the statement as before. Karta has no bytea column; one would
// need its values passed as something other than []byte.
//
// Each connection keeps up to statements named prepared statements
// (statementCache; 0: none), so that PostgreSQL parses and plans a
// statement once per connection instead of on every run.
//
// A read-only transaction (the read snapshot of server/snapshot) sends its
// BEGIN with its first statement, in the same message when that statement
// has no parameters (textConn.BeginTx).
func OpenPostgres(databaseURL string, statements int) (*sql.DB, error) {
	c, err := pq.NewConnector(postgresDSN(databaseURL))
	if err != nil {
		return nil, err
	}
	return sql.OpenDB(textParams{c: c, statements: statements, stale: new(atomic.Int64)}), nil
}

// postgresDSN is databaseURL with binary_parameters=yes unless it says
// otherwise.
func postgresDSN(databaseURL string) string {
	u, err := url.Parse(databaseURL)
	if err != nil {
		return databaseURL
	}
	q := u.Query()
	if q.Has("binary_parameters") {
		return databaseURL
	}
	q.Set("binary_parameters", "yes")
	u.RawQuery = q.Encode()
	return u.String()
}

type textParams struct {
	c          *pq.Connector
	statements int
	stale      *atomic.Int64 // bumped when a connection finds its statements stale
}

func (t textParams) Driver() driver.Driver { return t.c.Driver() }

func (t textParams) Connect(ctx context.Context) (driver.Conn, error) {
	c, err := t.c.Connect(ctx)
	if err != nil {
		return nil, err
	}
	tc := &textConn{pqConn: c.(pqConn), stale: t.stale, gen: t.stale.Load()}
	if t.statements > 0 {
		tc.stmts = newStatementCache(t.statements)
	}
	return tc, nil
}

// pqConn is what lib/pq's connection implements and database/sql uses.
type pqConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.QueryerContext
	driver.ExecerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
	driver.NamedValueChecker
}

// textConn is a lib/pq connection whose []byte parameters are strings,
// with its cache of prepared statements. database/sql uses a connection
// from one goroutine at a time, so its fields need no lock.
type textConn struct {
	pqConn
	stmts *statementCache // nil: statements run unnamed
	stale *atomic.Int64   // the pool's generation of statements (forget)
	gen   int64           // the generation stmts belong to
	inTx  bool            // between BeginTx and the end of its transaction
	begin string          // the BEGIN of a read-only transaction, sent with its first statement
	busy  bool            // rows of a statement are open
}

// CheckNamedValue passes []byte and the types defined on it
// (json.RawMessage: ent's JSON fields) as strings; a nil one stays NULL.
func (c *textConn) CheckNamedValue(nv *driver.NamedValue) error {
	if v := reflect.ValueOf(nv.Value); v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
		if _, ok := nv.Value.(driver.Valuer); !ok {
			if v.IsNil() {
				nv.Value = nil
			} else {
				nv.Value = string(v.Bytes())
			}
			return nil
		}
	}
	return c.pqConn.CheckNamedValue(nv)
}
