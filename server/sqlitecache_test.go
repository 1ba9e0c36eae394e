package server_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/karta/karta/server"
)

// Every pooled SQLite connection gets the page cache of the pool's
// SQLiteCacheKiB (PRAGMA cache_size, negative: KiB); 0 leaves SQLite's
// default, and a DSN that sets cache_size itself keeps it.
func TestSQLiteConnectionsGetThePoolsCacheSize(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, c := range []struct {
		name string
		path string
		kib  int
		want int
	}{
		{"default pool", filepath.Join(dir, "a.db"), server.DefaultPool.SQLiteCacheKiB, -server.DefaultPool.SQLiteCacheKiB},
		{"zero: SQLite's default", filepath.Join(dir, "b.db"), 0, -2000},
		{"the DSN's own", "file:" + filepath.Join(dir, "c.db") + "?_pragma=cache_size(-64)", 256, -64},
	} {
		pool := server.DefaultPool
		pool.SQLiteCacheKiB = c.kib
		db, _, err := server.OpenSQL("", c.path, pool)
		if err != nil {
			t.Fatal(err)
		}
		// Two connections held at once: each opened with the pragma.
		c1, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		c2, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got1, got2 int
		if err := c1.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&got1); err != nil {
			t.Fatal(err)
		}
		if err := c2.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&got2); err != nil {
			t.Fatal(err)
		}
		_ = c1.Close()
		_ = c2.Close()
		db.Close()
		if c.want == 0 {
			t.Fatal("DefaultPool.SQLiteCacheKiB is 0")
		}
		if got1 != c.want || got2 != c.want {
			t.Errorf("%s: cache_size %d and %d, want %d", c.name, got1, got2, c.want)
		}
	}
}
