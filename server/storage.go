package server

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	_ "github.com/lib/pq" // PostgreSQL driver
	"modernc.org/sqlite"  // SQLite driver (pure Go)

	"github.com/karta/karta/ent"
	"github.com/karta/karta/server/snapshot"
)

// sqliteDriver is Karta's own SQLite driver: modernc's, registered under no
// name, with Unicode-aware lower() and upper(). SQLite's built-in ones fold
// ASCII only, so ent's case-insensitive predicates (nameContainsFold,
// nameEqualFold) would miss «ТРЕНЕР» for «Тренер»; with these SQLite answers
// like PostgreSQL's ILIKE. A private driver keeps the replacement off every
// other SQLite connection of the process.
var sqliteDriver = sync.OnceValue(func() *sqlite.Driver {
	d := &sqlite.Driver{}
	fold := func(f func(string) string) func(*sqlite.FunctionContext, []driver.Value) (driver.Value, error) {
		return func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			switch v := args[0].(type) {
			case string:
				return f(v), nil
			case []byte:
				return f(string(v)), nil
			default:
				return v, nil
			}
		}
	}
	d.MustRegisterDeterministicScalarFunction("lower", 1, fold(strings.ToLower))
	d.MustRegisterDeterministicScalarFunction("upper", 1, fold(strings.ToUpper))
	return d
})

type sqliteConnector struct{ dsn string }

func (c sqliteConnector) Connect(context.Context) (driver.Conn, error) {
	return sqliteDriver().Open(c.dsn)
}

func (c sqliteConnector) Driver() driver.Driver { return sqliteDriver() }

// OpenSQLite opens a SQLite pool on dsn with Karta's driver (Unicode lower()
// and upper()).
func OpenSQLite(dsn string) *sql.DB { return sql.OpenDB(sqliteConnector{dsn}) }

// SQLiteDSN is the modernc.org/sqlite DSN for a file: foreign keys on, WAL
// for concurrent readers, and write transactions that begin IMMEDIATE, so
// that a second writer waits (up to the busy timeout) for the first to
// finish instead of failing at once with "database is locked" when it tries
// to upgrade a deferred transaction. Read-only transactions (the snapshots
// of GraphQL requests) still begin deferred and never wait for a writer.
// A name that already is a "file:" DSN is used as is.
func SQLiteDSN(path string) string {
	if strings.HasPrefix(path, "file:") {
		return path
	}
	return "file:" + path + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_txlock=immediate"
}

// withCacheSize adds the page cache size of every connection (KiB) to a
// SQLite DSN, unless kib is 0 or the DSN sets cache_size itself.
func withCacheSize(dsn string, kib int) string {
	if kib <= 0 || strings.Contains(dsn, "cache_size") {
		return dsn
	}
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return fmt.Sprintf("%s%s_pragma=cache_size(-%d)", dsn, sep, kib)
}

// NewClient returns an ent client on db whose reads follow the snapshot of
// a context marked with snapshot.Begin.
func NewClient(dialectName string, db *sql.DB) *ent.Client {
	return ent.NewClient(ent.Driver(snapshot.NewDriver(entsql.OpenDB(dialectName, db))))
}

// DialectOf is the dialect OpenDB(databaseURL, …) opens.
func DialectOf(databaseURL string) string {
	if databaseURL != "" {
		return dialect.Postgres
	}
	return dialect.SQLite
}

// Pool sizes the database connection pool. Idle connections are kept up to
// MaxOpen: a pool that closes them after each burst makes the next requests
// open new PostgreSQL connections (a fork and an authentication each). The
// pool is bounded on both databases: every SQLite connection is a file
// descriptor (and a GraphQL request's read snapshot holds one), so an
// unbounded pool runs out of descriptors under load.
type Pool struct {
	// MaxOpen is the most connections open at once (KARTA_DB_MAX_OPEN).
	MaxOpen int
	// ConnMaxLifetime closes a connection after this long (KARTA_DB_CONN_LIFETIME;
	// 0: never), so a replica rebalances after a database failover.
	ConnMaxLifetime time.Duration
	// SQLiteCacheKiB is the page cache of each SQLite connection in KiB
	// (KARTA_SQLITE_CACHE_KIB; PRAGMA cache_size; 0: SQLite's default,
	// 2000 KiB). The cache lives outside the Go heap, once per pooled
	// connection; a read re-reads a page the cache dropped from the
	// operating system's file cache. 256 KiB: RSS after 20 s of 8 clients
	// on 40 maps 166 → 141–144 MB, req/s within noise (BENCHMARKS.md).
	SQLiteCacheKiB int
	// PGStatements is how many named prepared statements each PostgreSQL
	// connection keeps (KARTA_PG_STATEMENT_CACHE; 0: none, every statement
	// is parsed and planned on each run). See OpenPostgres.
	PGStatements int
}

// DefaultPool is the pool of a server started without pool settings.
var DefaultPool = Pool{MaxOpen: 16, ConnMaxLifetime: 30 * time.Minute, SQLiteCacheKiB: 256, PGStatements: 256}

// orDefault is p, or DefaultPool when p sets no pool size (the zero Pool).
func (p Pool) orDefault() Pool {
	if p.MaxOpen <= 0 {
		return DefaultPool
	}
	return p
}

func (p Pool) apply(db *sql.DB) {
	p = p.orDefault()
	db.SetMaxOpenConns(p.MaxOpen)
	db.SetMaxIdleConns(p.MaxOpen)
	db.SetConnMaxLifetime(p.ConnMaxLifetime)
}

// OpenSQL opens the connection pool cfg selects — PostgreSQL when
// databaseURL is set, otherwise the SQLite file sqlitePath — and returns it
// with its ent dialect.
func OpenSQL(databaseURL, sqlitePath string, pool Pool) (*sql.DB, string, error) {
	if databaseURL != "" {
		u, err := url.Parse(databaseURL)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			return nil, "", fmt.Errorf("DATABASE_URL: expected postgres://user@host:port/db, got %q", redact(databaseURL))
		}
		db, err := OpenPostgres(databaseURL, pool.orDefault().PGStatements)
		if err != nil {
			return nil, "", fmt.Errorf("open postgres: %w", err)
		}
		pool.apply(db)
		return db, dialect.Postgres, nil
	}
	db := OpenSQLite(withCacheSize(SQLiteDSN(sqlitePath), pool.SQLiteCacheKiB))
	pool.apply(db)
	return db, dialect.SQLite, nil
}

// OpenDB opens the database cfg selects (see OpenSQL) as an ent client whose
// reads follow the request's snapshot (NewClient).
func OpenDB(databaseURL, sqlitePath string, pool Pool) (*ent.Client, error) {
	db, dia, err := OpenSQL(databaseURL, sqlitePath, pool)
	if err != nil {
		return nil, err
	}
	return NewClient(dia, db), nil
}

func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparseable)"
	}
	return u.Redacted()
}
