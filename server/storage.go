package server

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net/url"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/schema"
	_ "github.com/lib/pq" // PostgreSQL driver
	"modernc.org/sqlite"  // SQLite driver (pure Go)

	"github.com/karta/karta/ent"
)

// SQLite's built-in lower() and upper() fold ASCII only, so ent's
// case-insensitive predicates (nameContainsFold, nameEqualFold) would miss
// «ТРЕНЕР» for «Тренер». Replacing them with Unicode-aware versions makes
// SQLite answer like PostgreSQL's ILIKE.
func init() {
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
	sqlite.MustRegisterDeterministicScalarFunction("lower", 1, fold(strings.ToLower))
	sqlite.MustRegisterDeterministicScalarFunction("upper", 1, fold(strings.ToUpper))
}

// SQLiteDSN is the modernc.org/sqlite DSN for a file (or ":memory:"-style
// name): foreign keys on, a busy timeout, and WAL for concurrent readers.
func SQLiteDSN(path string) string {
	if strings.HasPrefix(path, "file:") {
		return path
	}
	return "file:" + path + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)"
}

// Pool sizes the database connection pool. Idle connections are kept up to
// MaxOpen: a pool that closes them after each burst makes the next requests
// open new PostgreSQL connections (a fork and an authentication each).
type Pool struct {
	// MaxOpen is the most connections open at once (KARTA_DB_MAX_OPEN).
	MaxOpen int
	// ConnMaxLifetime closes a connection after this long (KARTA_DB_CONN_LIFETIME;
	// 0: never), so a replica rebalances after a database failover.
	ConnMaxLifetime time.Duration
}

// DefaultPool is the pool of a server started without pool settings.
var DefaultPool = Pool{MaxOpen: 16, ConnMaxLifetime: 30 * time.Minute}

func (p Pool) apply(db *sql.DB) {
	if p.MaxOpen <= 0 {
		p = DefaultPool
	}
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
		db, err := sql.Open("postgres", databaseURL)
		if err != nil {
			return nil, "", fmt.Errorf("open postgres: %w", err)
		}
		pool.apply(db)
		return db, dialect.Postgres, nil
	}
	db, err := sql.Open("sqlite", SQLiteDSN(sqlitePath))
	if err != nil {
		return nil, "", fmt.Errorf("open sqlite %s: %w", sqlitePath, err)
	}
	pool.apply(db)
	return db, dialect.SQLite, nil
}

// OpenDB opens the database cfg selects (see OpenSQL) as an ent client.
func OpenDB(databaseURL, sqlitePath string, pool Pool) (*ent.Client, error) {
	db, dia, err := OpenSQL(databaseURL, sqlitePath, pool)
	if err != nil {
		return nil, err
	}
	return ent.NewClient(ent.Driver(entsql.OpenDB(dia, db))), nil
}

// Migrate creates or updates the schema.
func Migrate(ctx context.Context, client *ent.Client) error {
	if err := client.Schema.Create(ctx, schema.WithHooks(indexJoinTables)); err != nil {
		return fmt.Errorf("migrate schema: %w", err)
	}
	return nil
}

func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparseable)"
	}
	return u.Redacted()
}
