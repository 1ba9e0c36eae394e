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
// dialect and a function opening a new client on it (closed at the end of
// the test); the first client migrates the database.
//
// Unlike Open's in-memory SQLite, a shared file database has WAL readers
// beside one writer and IMMEDIATE write transactions, which is what
// concurrency tests need to exercise.
func Shared(t testing.TB) (string, func(testing.TB) *ent.Client) {
	t.Helper()
	var url, path string
	d := Dialect()
	if d == dialect.Postgres {
		url = OpenRaw(t).URL
	} else {
		path = filepath.Join(t.TempDir(), "karta.db")
	}
	migrated := false
	return d, func(tb testing.TB) *ent.Client {
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
	}
}
