package importtest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/karta/karta/seeds/identity"
	"github.com/karta/karta/seeds/importtest"
	"github.com/karta/karta/seeds/load"
)

// TestDumpSeesChanges imports a seed (map 003, which has every kind of table), then changes the catalog behind the
// importer's back with plain SQL — a value, a link of a join table, a
// foreign key, a row — and checks that Diff names each change, and that the
// dump holds every table the import writes.
func TestDumpSeesChanges(t *testing.T) {
	ctx := context.Background()
	reg, err := identity.Default()
	if err != nil {
		t.Fatal(err)
	}
	docs, err := load.SeedDocuments()
	if err != nil {
		t.Fatal(err)
	}
	pool := newCatalogs(t, 1)
	want := pool.importGraph(t, reg, docs[1])
	for _, table := range []string{"ministries", "transformation_maps", "spheres", "entities", "attributes",
		"process_groups", "information_systems", "process_group_information_systems", "kpis", "integrations"} {
		if len(want[table]) == 0 {
			t.Errorf("the dump has no %s", table)
		}
	}
	for _, table := range []string{"catalog_states", "import_runs", "removals"} {
		if _, ok := want[table]; ok {
			t.Errorf("the dump compares %s, which Ignored lists", table)
		}
	}
	cat := <-pool
	defer func() { pool <- cat }()
	if _, err := load.Import(ctx, cat.c, reg, docs[1:2], load.Options{}); err != nil {
		t.Fatal(err)
	}
	db := cat.db.SQL
	for _, stmt := range []string{
		// a value
		`UPDATE attributes SET name = 'изменено' WHERE id = (SELECT MIN(id) FROM attributes)`,
		// a link of a join table
		`DELETE FROM process_group_information_systems WHERE process_group_id = (SELECT MIN(process_group_id) FROM process_group_information_systems)`,
		// a foreign key: the first entity moves to the last sphere
		`UPDATE entities SET sphere_entities = (SELECT MAX(id) FROM spheres) WHERE id = (SELECT MIN(id) FROM entities)`,
		// a row
		`DELETE FROM kpi_targets WHERE id = (SELECT MIN(id) FROM kpi_targets)`,
		// what a variant may change
		`UPDATE entities SET source_line = source_line + 7, digest = 'x'`,
	} {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	got, err := importtest.Dump(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	diff := strings.Join(importtest.Diff(want, got), "\n")
	for _, w := range []string{"attributes ", "name: want", `"изменено"`, "process_group_information_systems ", "missing",
		"sphere_entities: want \"", "kpi_targets "} {
		if !strings.Contains(diff, w) {
			t.Errorf("the diff does not say %q:\n%s", w, diff)
		}
	}
	for _, w := range []string{"source_line", "digest"} {
		if strings.Contains(diff, w) {
			t.Errorf("the diff names %s, which Ignored lists:\n%s", w, diff)
		}
	}
}
