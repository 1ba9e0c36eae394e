package load_test

import (
	"context"
	"io/fs"
	"strings"
	"testing"

	"github.com/karta/karta/seeds"
	"github.com/karta/karta/seeds/kct"
	"github.com/karta/karta/seeds/load"
	"github.com/karta/karta/server/storagetest"
)

// FuzzImport feeds mutated maps through the parser and the importer on top
// of a catalog holding a real map: an import either fails and leaves the
// database exactly as it was, or succeeds and a second import of the same
// documents changes nothing.
func FuzzImport(f *testing.F) {
	names, _ := fs.Glob(seeds.Maps, "maps/*.txt")
	for _, n := range names {
		b, err := seeds.Maps.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		s := string(b)
		f.Add(s)
		f.Add(s[:len(s)/2])
		f.Add(strings.Replace(s, "\tR\t", "\tQ\t", 1))
		f.Add(strings.Replace(s, "Паспорт", "Пасп", 1))
	}
	f.Fuzz(func(t *testing.T, text string) {
		d, err := kct.Parse("fuzz.txt", strings.NewReader(text))
		if err != nil {
			return // the parser refused it: nothing reaches the database
		}
		c, _ := storagetest.Open(t)
		base := docs(t)[1]
		importDocs(t, c, []*kct.Document{base}, load.Options{})
		before := snapshot(t, c)
		ctx := context.Background()
		if _, err := load.Import(ctx, c, registry(t), []*kct.Document{base, d}, load.Options{}); err != nil {
			if after := snapshot(t, c); !equal(before, after) {
				t.Fatalf("failed import (%v) changed the database: %v → %v", err, before, after)
			}
			return
		}
		rep, err := load.Import(ctx, c, registry(t), []*kct.Document{base, d}, load.Options{})
		if err != nil {
			t.Fatalf("second import failed: %v", err)
		}
		if rep.Changed() {
			t.Fatalf("second import changed %v", rep.Changes[:min(5, len(rep.Changes))])
		}
	})
}
