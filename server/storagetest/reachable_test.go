package storagetest_test

import (
	"testing"

	"github.com/karta/karta/server/storagetest"
)

// TestPostgresReachable opens one throwaway database: `make test-postgres`
// runs it first and says loudly when it was skipped (PostgreSQL unreachable).
func TestPostgresReachable(t *testing.T) {
	db := storagetest.OpenRaw(t)
	if err := db.SQL.Ping(); err != nil {
		t.Fatal(err)
	}
}
