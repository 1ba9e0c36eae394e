package server_test

import (
	"context"
	"encoding/json"
	"net/url"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/karta/karta/server"
	"github.com/karta/karta/server/storagetest"
)

// TestPostgresParametersInOneRoundTrip: the pool OpenPostgres opens sends
// parameters in lib/pq's one-round-trip mode, and the values that mode
// would send in binary (JSON as json.RawMessage, []byte, a nil []byte) still
// arrive as before: JSON into jsonb, bytes into text, nil as NULL; times and
// strings with non-ASCII text round-trip unchanged.
func TestPostgresParametersInOneRoundTrip(t *testing.T) {
	if storagetest.Dialect() != dialect.Postgres {
		t.Skip("PostgreSQL only")
	}
	db := storagetest.OpenRaw(t)
	ctx := context.Background()
	var (
		js       []byte
		text     string
		isNull   bool
		interval string
	)
	raw := json.RawMessage(`[{"k":"Қазақ \"тілі\""}]`)
	err := db.SQL.QueryRowContext(ctx,
		"SELECT $1::jsonb -> 0 ->> 'k', $2::text, $3::text IS NULL, ($4::timestamptz - $5::timestamptz)::text",
		raw, []byte("ӘБВ\\x00"), []byte(nil), "2026-01-02T03:04:05Z", "2026-01-01T00:00:00Z").Scan(&js, &text, &isNull, &interval)
	if err != nil {
		t.Fatal(err)
	}
	if string(js) != `Қазақ "тілі"` || text != `ӘБВ\x00` || !isNull || interval != "1 day 03:04:05" {
		t.Errorf("got %q %q %v %q", js, text, isNull, interval)
	}
}

// BenchmarkPostgresParameterisedSelect: one parameterised statement, lib/pq's
// two-round-trip mode against the one OpenPostgres uses, in one run.
func BenchmarkPostgresParameterisedSelect(b *testing.B) {
	if storagetest.Dialect() != dialect.Postgres {
		b.Skip("PostgreSQL only")
	}
	u, err := url.Parse(storagetest.OpenRaw(b).URL)
	if err != nil {
		b.Fatal(err)
	}
	for _, mode := range []string{"no", "yes"} {
		b.Run("binary_parameters="+mode, func(b *testing.B) {
			q := u.Query()
			q.Set("binary_parameters", mode)
			u.RawQuery = q.Encode()
			db, err := server.OpenPostgres(u.String())
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			db.SetMaxIdleConns(1)
			ctx := context.Background()
			var n int64
			for b.Loop() {
				if err := db.QueryRowContext(ctx, "SELECT $1::bigint + 1", int64(41)).Scan(&n); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
