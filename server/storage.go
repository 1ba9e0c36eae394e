package server

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	_ "github.com/lib/pq" // PostgreSQL driver
	"modernc.org/sqlite"  // SQLite driver (pure Go)

	"github.com/karta/karta/ent"
	"github.com/karta/karta/server/snapshot"
)

// SQLiteMaxOpenConns bounds the SQLite pool: every connection is a file
// descriptor (and a read snapshot of a GraphQL request holds one), so an
// unbounded pool runs out of descriptors under load.
const SQLiteMaxOpenConns = 16

// PostgresMaxOpenConns bounds the PostgreSQL pool of one process.
const PostgresMaxOpenConns = 10

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

// OpenDB opens the database cfg selects: PostgreSQL when DatabaseURL is set,
// otherwise the SQLite file SQLitePath. Both pools are bounded.
func OpenDB(databaseURL, sqlitePath string) (*ent.Client, error) {
	if databaseURL != "" {
		u, err := url.Parse(databaseURL)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			return nil, fmt.Errorf("DATABASE_URL: expected postgres://user@host:port/db, got %q", redact(databaseURL))
		}
		db, err := sql.Open("postgres", databaseURL)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		db.SetMaxOpenConns(PostgresMaxOpenConns)
		return NewClient(dialect.Postgres, db), nil
	}
	db := OpenSQLite(SQLiteDSN(sqlitePath))
	db.SetMaxOpenConns(SQLiteMaxOpenConns)
	db.SetMaxIdleConns(SQLiteMaxOpenConns)
	return NewClient(dialect.SQLite, db), nil
}

func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparseable)"
	}
	return u.Redacted()
}
