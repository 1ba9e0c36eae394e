package migrations_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"ariga.io/atlas/sql/migrate"
	entsql "entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/schema"

	"github.com/karta/karta/migrations"
	"github.com/karta/karta/server"
	"github.com/karta/karta/server/storagetest"
)

// The checked-in migrations, applied to an empty database, give exactly
// the schema ent/schema describes: a schema change without its migration
// (make migration NAME=…) fails here, as does a hand-edited file (atlas.sum).
func TestMigrationsMatchTheSchema(t *testing.T) {
	db := storagetest.OpenRaw(t)
	ctx := context.Background()
	client := server.NewClient(db.Dialect, db.SQL)
	if err := server.Migrate(ctx, client, db.Dialect); err != nil {
		t.Fatalf("apply the migrations: %v", err)
	}
	// Applying them again finds nothing to do.
	if err := server.Migrate(ctx, client, db.Dialect); err != nil {
		t.Fatalf("migrate twice: %v", err)
	}
	out := &migrate.MemDir{}
	m, err := schema.NewMigrate(entsql.OpenDB(db.Dialect, db.SQL),
		schema.WithDir(out),
		schema.WithMigrationMode(schema.ModeInspect),
		schema.WithDialect(db.Dialect),
		schema.WithFormatter(migrations.Formatter),
		schema.WithDropColumn(true),
		schema.WithDropIndex(true),
		schema.WithErrNoPlan(true),
	)
	if err != nil {
		t.Fatal(err)
	}
	err = m.NamedDiff(ctx, "missing", migrations.Tables()...)
	if errors.Is(err, migrate.ErrNoPlan) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	files, _ := out.Files()
	var b strings.Builder
	for _, f := range files {
		b.Write(f.Bytes())
	}
	t.Fatalf("ent/schema differs from the checked-in migrations: run make migration NAME=… and commit. Missing:\n%s", b.String())
}

// A database created before versioned migrations (by ent's automatic
// migration) is adopted: brought up to date and every migration recorded.
func TestMigrateAdoptsAnOlderDatabase(t *testing.T) {
	db := storagetest.OpenRaw(t)
	ctx := context.Background()
	client := server.NewClient(db.Dialect, db.SQL)
	if err := client.Schema.Create(ctx); err != nil {
		t.Fatal(err)
	}
	if err := server.Migrate(ctx, client, db.Dialect); err != nil {
		t.Fatalf("adopt: %v", err)
	}
	dir, err := migrations.Dir(db.Dialect)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := dir.Files()
	var n int
	if err := db.SQL.QueryRowContext(ctx, "SELECT count(*) FROM karta_schema_revisions").Scan(&n); err != nil || n != len(files) {
		t.Fatalf("%d revisions recorded (%v), want %d", n, err, len(files))
	}
	if v := client.CatalogState.Query().OnlyX(ctx).Version; v != 0 {
		t.Fatalf("version row: %d", v)
	}
}
