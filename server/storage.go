package server

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net/url"
	"strings"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
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

// OpenDB opens the database cfg selects: PostgreSQL when DatabaseURL is set,
// otherwise the SQLite file SQLitePath.
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
		db.SetMaxOpenConns(10)
		return ent.NewClient(ent.Driver(entsql.OpenDB(dialect.Postgres, db))), nil
	}
	db, err := sql.Open("sqlite", SQLiteDSN(sqlitePath))
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", sqlitePath, err)
	}
	return ent.NewClient(ent.Driver(entsql.OpenDB(dialect.SQLite, db))), nil
}

// Migrate creates or updates the schema.
func Migrate(ctx context.Context, client *ent.Client) error {
	if err := client.Schema.Create(ctx); err != nil {
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
