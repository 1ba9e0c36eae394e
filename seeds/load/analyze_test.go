package load_test

import (
	"context"
	"slices"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/karta/karta/seeds/kct"
	"github.com/karta/karta/seeds/load"
	"github.com/karta/karta/server/storagetest"
)

// TestImportAnalyzesWhatItChanged: on PostgreSQL an import that fills the
// catalog analyzes the tables it filled, those with fewer rows than
// autovacuum's threshold too, since they were never analyzed (their
// pg_class.reltuples, -1 before any ANALYZE, then counts their rows);
// re-importing the same maps changes nothing and analyzes nothing; an edit
// of one entity is under the threshold and analyzes nothing either.
func TestImportAnalyzesWhatItChanged(t *testing.T) {
	if storagetest.Dialect() != dialect.Postgres {
		t.Skip("PostgreSQL only: SQLite has no autovacuum to wait for")
	}
	c, db := storagetest.Open(t)
	ctx := context.Background()
	reltuples := func(table string) float64 {
		t.Helper()
		var n float64
		if err := db.SQL.QueryRowContext(ctx, "SELECT reltuples FROM pg_class WHERE oid = $1::regclass", table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := reltuples("entities"); n != -1 {
		t.Fatalf("entities analyzed before the import: reltuples %v", n)
	}
	ds := docs(t)
	rep := importDocs(t, c, ds, load.Options{})
	for _, table := range []string{"public.entities", "public.attributes", "public.spheres"} {
		if !slices.Contains(rep.Analyzed, table) {
			t.Errorf("%s not analyzed after the first import; analyzed %q", table, rep.Analyzed)
		}
	}
	entities := float64(c.Entity.Query().CountX(ctx))
	if n := reltuples("entities"); n != entities {
		t.Errorf("entities: reltuples %v after the import, want its %v rows", n, entities)
	}

	if rep := importDocs(t, c, docs(t), load.Options{}); rep.Changed() || len(rep.Analyzed) != 0 {
		t.Errorf("a no-op import changed %d nodes and analyzed %q", len(rep.Changes), rep.Analyzed)
	}

	ds[1].Spheres[0].Entities[0].Count = kct.Value{Text: "более 20 тыс."}
	if rep := importDocs(t, c, ds, load.Options{}); !rep.Changed() || len(rep.Analyzed) != 0 {
		t.Errorf("an edit of one entity: changed %v, analyzed %q (want none: under the threshold)", rep.Changed(), rep.Analyzed)
	}
}
