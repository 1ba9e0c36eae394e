// Package storagetest opens throwaway databases for tests: an in-memory
// SQLite database by default, or a fresh PostgreSQL database when
// KARTA_TEST_DB=postgres. Each call gets its own database, dropped at the
// end of the test, so parallel runs never see each other's data.
//
// KARTA_TEST_POSTGRES_URL points at the server (default
// postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable). When it
// cannot be reached the test is skipped with a loud message — except in CI
// (CI=true), where it fails.
package storagetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	_ "github.com/lib/pq"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/server"
	"github.com/karta/karta/server/snapshot"
)

// DefaultPostgresURL is the server tests use unless KARTA_TEST_POSTGRES_URL says otherwise.
const DefaultPostgresURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// Dialect is the database the tests run on: dialect.SQLite or dialect.Postgres.
func Dialect() string {
	if strings.EqualFold(os.Getenv("KARTA_TEST_DB"), "postgres") {
		return dialect.Postgres
	}
	return dialect.SQLite
}

// DB is an open throwaway database.
type DB struct {
	Dialect string
	// SQL is the raw connection pool.
	SQL *sql.DB
	// Counter counts the statements sent through the driver.
	Counter *Counter
	// URL is the PostgreSQL URL of the database ("" on SQLite).
	URL string
}

// Open opens a migrated throwaway database and returns an ent client on a
// counting driver.
func Open(t testing.TB) (*ent.Client, *DB) {
	t.Helper()
	db := OpenRaw(t)
	drv := &Counter{Driver: snapshot.NewDriver(entsql.OpenDB(db.Dialect, db.SQL))}
	db.Counter = drv
	client := ent.NewClient(ent.Driver(drv))
	t.Cleanup(func() { client.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := server.Migrate(ctx, client, db.Dialect); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return client, db
}

// OpenRaw opens an empty throwaway database without migrating it.
func OpenRaw(t testing.TB) *DB {
	t.Helper()
	if Dialect() == dialect.Postgres {
		return openPostgres(t)
	}
	name := randomName(t)
	db := server.OpenSQLite("file:" + name + "?mode=memory&cache=shared&_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)")
	// A shared in-memory database lives as long as one connection does.
	db.SetMaxIdleConns(4)
	db.SetConnMaxLifetime(0)
	t.Cleanup(func() { db.Close() })
	return &DB{Dialect: dialect.SQLite, SQL: db}
}

func openPostgres(t testing.TB) *DB {
	t.Helper()
	base := os.Getenv("KARTA_TEST_POSTGRES_URL")
	if base == "" {
		base = DefaultPostgresURL
	}
	admin, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := admin.PingContext(ctx); err != nil {
		admin.Close()
		msg := fmt.Sprintf("PostgreSQL at %s is not reachable: %v", redact(base), err)
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s (CI never skips PostgreSQL tests)", msg)
		}
		fmt.Fprintf(os.Stderr, "\n!!!!!!!! SKIPPING POSTGRESQL TEST %s: %s !!!!!!!!\n\n", t.Name(), msg)
		t.Skipf("SKIPPED: %s", msg)
	}
	name := "karta_test_" + randomName(t)
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		t.Fatalf("create database %s: %v", name, err)
	}
	u, _ := url.Parse(base)
	u.Path = "/" + name
	db, err := server.OpenPostgres(u.String(), server.DefaultPool.PGStatements)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Logf("drop database %s: %v", name, err)
		}
		admin.Close()
	})
	return &DB{Dialect: dialect.Postgres, SQL: db, URL: u.String()}
}

func randomName(t testing.TB) string {
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparseable url)"
	}
	return u.Redacted()
}

// Counter is a dialect.Driver that counts the queries and statements sent
// through it, to pin the number of SQL queries a request makes.
type Counter struct {
	dialect.Driver
	// Only, when set, limits the count to the queries whose context it
	// accepts (e.g. those of HTTP requests, not of background work).
	Only func(context.Context) bool

	queries atomic.Int64
	execs   atomic.Int64

	mu  sync.Mutex
	log []string // the queries since Reset, when Record is on
	rec bool
}

// Query implements dialect.Driver.
func (c *Counter) Query(ctx context.Context, query string, args, v any) error {
	if c.Only != nil && !c.Only(ctx) {
		return c.Driver.Query(ctx, query, args, v)
	}
	c.queries.Add(1)
	c.mu.Lock()
	if c.rec {
		c.log = append(c.log, query)
	}
	c.mu.Unlock()
	return c.Driver.Query(ctx, query, args, v)
}

// Record switches the log of query texts (Log) on or off.
func (c *Counter) Record(on bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.rec = on
}

// Log returns the text of each query sent since Reset while Record was on,
// in the order sent: to see which statements an operation issues.
func (c *Counter) Log() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.log...)
}

// Exec implements dialect.Driver.
func (c *Counter) Exec(ctx context.Context, query string, args, v any) error {
	if c.Only == nil || c.Only(ctx) {
		c.execs.Add(1)
	}
	return c.Driver.Exec(ctx, query, args, v)
}

// Queries is the number of queries sent so far.
func (c *Counter) Queries() int64 { return c.queries.Load() }

// Reset sets the counts to zero.
func (c *Counter) Reset() {
	c.queries.Store(0)
	c.execs.Store(0)
	c.mu.Lock()
	c.log = nil
	c.mu.Unlock()
}
