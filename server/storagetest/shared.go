package storagetest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/server"
)

// Shared creates a throwaway database that several clients (several
// "processes") can open at once, as the binary opens it: a SQLite file in
// WAL mode in t.TempDir(), or a fresh PostgreSQL database. It returns the
// database; Open opens a new client on it (closed at the end of the test),
// the first one migrating the database.
//
// Unlike Open's in-memory SQLite, a shared file database has WAL readers
// beside one writer and IMMEDIATE write transactions, which is what
// concurrency tests need to exercise.
func Shared(t testing.TB) *SharedDB {
	t.Helper()
	var url, path string
	d := Dialect()
	if d == dialect.Postgres {
		url = OpenRaw(t).URL
	} else {
		path = filepath.Join(t.TempDir(), "karta.db")
	}
	migrated := false
	return &SharedDB{Dialect: d, URL: url, Path: path, Open: func(tb testing.TB) *ent.Client {
		tb.Helper()
		c, err := server.OpenDB(url, path, server.DefaultPool)
		if err != nil {
			tb.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		if !migrated {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			if err := server.Migrate(ctx, c, d); err != nil {
				tb.Fatalf("migrate: %v", err)
			}
			migrated = true
		}
		return c
	}}
}

// SharedDB is a database several clients open.
type SharedDB struct {
	Dialect string
	URL     string // the PostgreSQL URL ("" on SQLite)
	Path    string // the SQLite file ("" on PostgreSQL)
	Open    func(testing.TB) *ent.Client
}

// Env is the environment a karta process needs to open the database.
func (s *SharedDB) Env() []string {
	if s.URL != "" {
		return []string{"DATABASE_URL=" + s.URL}
	}
	return []string{"DATABASE_URL=", "KARTA_SQLITE=" + s.Path}
}
