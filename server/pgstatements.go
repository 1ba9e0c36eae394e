package server

import (
	"container/list"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"

	"github.com/lib/pq"
)

// statementCache is one PostgreSQL connection's named prepared statements,
// by statement text, least recently used first out.
//
// Without it PostgreSQL parses and plans every statement ent sends (lib/pq
// sends each one unnamed); with it a statement is parsed once per
// connection and its plan is kept by PostgreSQL, which after five runs
// may switch it to a generic plan. A text is prepared the second time it
// is seen on the connection, not the first: a statement run once (an
// import's batch INSERT of an arity not seen again) then costs no extra
// round trip to prepare and none to deallocate. The cache lives and dies
// with its connection; closing the connection frees its statements on the
// server.
type statementCache struct {
	max  int
	lru  *list.List               // of *cached, most recently used first
	byQ  map[string]*list.Element // the prepared ones
	seen map[string]struct{}      // texts run once, not prepared; emptied when full
}

type cached struct {
	query string
	stmt  driver.Stmt
}

func newStatementCache(max int) *statementCache {
	return &statementCache{max: max, lru: list.New(), byQ: map[string]*list.Element{}, seen: map[string]struct{}{}}
}

// get returns the statement prepared for query, or nil.
func (c *statementCache) get(query string) driver.Stmt {
	e, ok := c.byQ[query]
	if !ok {
		return nil
	}
	c.lru.MoveToFront(e)
	return e.Value.(*cached).stmt
}

// seenBefore reports whether query ran on the connection before, and notes
// that it has now.
func (c *statementCache) seenBefore(query string) bool {
	if _, ok := c.seen[query]; ok {
		delete(c.seen, query)
		return true
	}
	if len(c.seen) >= c.max {
		clear(c.seen)
	}
	c.seen[query] = struct{}{}
	return false
}

// put adds stmt for query and returns the statement it evicted, if any.
func (c *statementCache) put(query string, stmt driver.Stmt) driver.Stmt {
	c.byQ[query] = c.lru.PushFront(&cached{query: query, stmt: stmt})
	if c.lru.Len() <= c.max {
		return nil
	}
	old := c.lru.Remove(c.lru.Back()).(*cached)
	delete(c.byQ, old.query)
	return old.stmt
}

// errBusy is lib/pq's error for a statement sent while the connection's
// rows are open: lib/pq checks that itself only for unnamed statements, and
// a prepared one would interleave with the rows on the wire.
var errBusy = errors.New("pq: there is already a query being processed on this connection")

// stale reports the errors of a prepared statement that no longer fits the
// database: a migration changed the result type of its query (0A000,
// "cached plan must not change result type"), or the statement is gone
// from the session (26000, e.g. after DISCARD ALL). The statement did not
// run; prepared again, it may.
func stale(err error) bool {
	var pe *pq.Error
	if !errors.As(err, &pe) {
		return false
	}
	return pe.Code == "26000" || (pe.Code == "0A000" && pe.Message == "cached plan must not change result type")
}

// prepared returns the cached statement to run query with n arguments on,
// preparing it on its second use; nil to run it unnamed (statements
// without arguments go through lib/pq's simple query protocol, already one
// round trip with nothing to plan twice).
func (c *textConn) prepared(ctx context.Context, query string, n int) (driver.Stmt, error) {
	if c.busy {
		return nil, errBusy
	}
	if c.stmts == nil || n == 0 {
		return nil, nil
	}
	if g := c.stale.Load(); g != c.gen {
		c.gen = g
		c.clear()
	}
	if st := c.stmts.get(query); st != nil {
		return st, nil
	}
	if !c.stmts.seenBefore(query) {
		return nil, nil
	}
	st, err := c.pqConn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if old := c.stmts.put(query, st); old != nil {
		// DEALLOCATE; an error here is the connection's (lib/pq marks it
		// bad) and shows on its next statement.
		_ = old.Close()
	}
	return st, nil
}

// forget drops every statement of the connection after a stale error on
// one of them, and tells the pool's other connections to do the same
// before their next statement: a migration that changed one statement's
// result type has likely changed others, and the server's reads run in
// transactions (server/snapshot), where a stale statement fails its
// request — once per pool after a migration, not once per statement and
// connection. It reports whether the statement may be run again unnamed:
// only outside a transaction, since inside one the error aborted it.
func (c *textConn) forget() bool {
	c.gen = c.stale.Add(1)
	c.clear()
	return !c.inTx
}

// clear closes (DEALLOCATE) and forgets every statement of the
// connection; their texts count as seen, so that the next run of each
// prepares it again.
func (c *textConn) clear() {
	for e := c.stmts.lru.Front(); e != nil; e = e.Next() {
		old := e.Value.(*cached)
		_ = old.stmt.Close()
		c.stmts.seen[old.query] = struct{}{}
	}
	c.stmts.lru.Init()
	clear(c.stmts.byQ)
}

// QueryContext runs query on its prepared statement when the cache has
// (or now makes) one.
func (c *textConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	query, err := c.sendBegin(ctx, query, len(args))
	if err != nil {
		return nil, err
	}
	if c.stmts == nil {
		return c.pqConn.QueryContext(ctx, query, args)
	}
	st, err := c.prepared(ctx, query, len(args))
	if err != nil {
		return nil, err
	}
	var rows driver.Rows
	if st != nil {
		rows, err = st.(driver.StmtQueryContext).QueryContext(ctx, args)
		if err != nil && stale(err) && c.forget() {
			rows, err = c.pqConn.QueryContext(ctx, query, args)
		}
	} else {
		rows, err = c.pqConn.QueryContext(ctx, query, args)
	}
	if err != nil {
		return nil, err
	}
	pr, ok := rows.(pqRows)
	if !ok {
		return rows, nil
	}
	c.busy = true
	return &openRows{pqRows: pr, c: c}, nil
}

// ExecContext runs query on its prepared statement when the cache has (or
// now makes) one.
func (c *textConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	query, err := c.sendBegin(ctx, query, len(args))
	if err != nil {
		return nil, err
	}
	st, err := c.prepared(ctx, query, len(args))
	if err != nil {
		return nil, err
	}
	if st == nil {
		return c.pqConn.ExecContext(ctx, query, args)
	}
	res, err := st.(driver.StmtExecContext).ExecContext(ctx, args)
	if err != nil && stale(err) && c.forget() {
		return c.pqConn.ExecContext(ctx, query, args)
	}
	return res, err
}

// BeginTx notes that the connection is in a transaction until it ends. A
// read-only transaction (a read snapshot, server/snapshot) is begun with its
// first statement: BEGIN is not sent on its own but goes in front of the
// statement (see sendBegin), and a transaction that ran no statement sends
// nothing, not even its ROLLBACK.
func (c *textConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if begin, ok := beginStatement(opts); ok && opts.ReadOnly {
		c.begin, c.inTx = begin, true
		return &lazyTx{c: c}, nil
	}
	tx, err := c.pqConn.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	c.inTx = true
	return &connTx{Tx: tx, c: c}, nil
}

// beginStatement is the BEGIN of a transaction with opts, as lib/pq writes
// it; false for an isolation level lib/pq does not support.
func beginStatement(opts driver.TxOptions) (string, bool) {
	begin := "BEGIN"
	switch sql.IsolationLevel(opts.Isolation) {
	case sql.LevelDefault:
	case sql.LevelReadUncommitted:
		begin += " ISOLATION LEVEL READ UNCOMMITTED"
	case sql.LevelReadCommitted:
		begin += " ISOLATION LEVEL READ COMMITTED"
	case sql.LevelRepeatableRead:
		begin += " ISOLATION LEVEL REPEATABLE READ"
	case sql.LevelSerializable:
		begin += " ISOLATION LEVEL SERIALIZABLE"
	default:
		return "", false
	}
	if opts.ReadOnly {
		return begin + " READ ONLY", true
	}
	return begin + " READ WRITE", true
}

// sendBegin begins the transaction BeginTx deferred, if any, before query
// (with n arguments) runs. A statement without arguments goes through
// lib/pq's simple query protocol, which takes several statements in one
// message: BEGIN is put in front of it and costs no round trip of its own
// (PostgreSQL runs BEGIN, then the statement inside the transaction it
// began; the snapshot of a REPEATABLE READ transaction is taken by its
// first statement either way). A statement with arguments (the extended
// protocol: one statement per message) runs after a BEGIN of its own.
func (c *textConn) sendBegin(ctx context.Context, query string, n int) (string, error) {
	if c.begin == "" {
		return query, nil
	}
	begin := c.begin
	c.begin = ""
	if c.busy {
		return "", errBusy
	}
	if n == 0 {
		return begin + "; " + query, nil
	}
	if _, err := c.pqConn.ExecContext(ctx, begin, nil); err != nil {
		return "", err
	}
	return query, nil
}

type connTx struct {
	driver.Tx
	c *textConn
}

func (t *connTx) Commit() error   { t.c.inTx = false; return t.Tx.Commit() }
func (t *connTx) Rollback() error { t.c.inTx = false; return t.Tx.Rollback() }

// lazyTx is a read-only transaction begun with its first statement
// (BeginTx, sendBegin). It ends with a COMMIT or ROLLBACK of its own, not
// lib/pq's Commit and Rollback: those end a transaction lib/pq began, by
// calling the cancellation watcher's finish function of its BeginTx, which
// lib/pq keeps after the transaction — run again for a transaction it did
// not begin, it panics ("attempt to set nil err") or closes the connection.
type lazyTx struct{ c *textConn }

func (t *lazyTx) Commit() error {
	ended, err := t.end("COMMIT")
	if err != nil || ended == "COMMIT" {
		return err
	}
	// PostgreSQL answers COMMIT in a failed transaction with ROLLBACK.
	return pq.ErrInFailedTransaction
}

func (t *lazyTx) Rollback() error {
	_, err := t.end("ROLLBACK")
	return err
}

// end sends stmt (COMMIT or ROLLBACK) when the transaction has begun and
// returns PostgreSQL's command tag; stmt itself when it never began.
func (t *lazyTx) end(stmt string) (string, error) {
	c := t.c
	c.inTx = false
	if c.begin != "" { // never begun: nothing was sent
		c.begin = ""
		return stmt, nil
	}
	// Its own context: the request's may be done by now (database/sql
	// ends a transaction whose context is cancelled), and the end must
	// still reach PostgreSQL for the connection to be reused.
	rows, err := c.pqConn.QueryContext(context.Background(), stmt, nil)
	if err != nil {
		return "", err
	}
	tag := stmt
	if r, ok := rows.(interface{ Tag() string }); ok {
		tag = r.Tag()
	}
	return tag, rows.Close()
}

// pqRows is what lib/pq's rows implement.
type pqRows interface {
	driver.Rows
	driver.RowsNextResultSet
	driver.RowsColumnTypeScanType
	driver.RowsColumnTypeDatabaseTypeName
	driver.RowsColumnTypeLength
	driver.RowsColumnTypePrecisionScale
}

// openRows marks its connection busy until closed (errBusy).
type openRows struct {
	pqRows
	c *textConn
}

func (r *openRows) Close() error {
	r.c.busy = false
	return r.pqRows.Close()
}
