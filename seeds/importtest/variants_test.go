package importtest_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/seeds/identity"
	"github.com/karta/karta/seeds/importtest"
	"github.com/karta/karta/seeds/kct"
	"github.com/karta/karta/seeds/load"
	"github.com/karta/karta/seeds/variants"
	"github.com/karta/karta/server/storagetest"
)

// catalog is a migrated database that takes one import at a time.
type catalog struct {
	c  *ent.Client
	db *storagetest.DB
}

// catalogs is a pool of databases: migrating a PostgreSQL database takes
// seconds, emptying one milliseconds.
type catalogs chan catalog

func newCatalogs(t *testing.T, n int) catalogs {
	p := make(catalogs, n)
	for i := 0; i < n; i++ {
		c, db := storagetest.Open(t)
		p <- catalog{c, db}
	}
	return p
}

// importGraph imports docs into an empty catalog of the pool and dumps it.
func (p catalogs) importGraph(t *testing.T, reg *identity.Registry, docs ...*kct.Document) importtest.Graph {
	t.Helper()
	return p.importGraphWith(t, reg, importtest.Options{}, docs...)
}

func (p catalogs) importGraphWith(t *testing.T, reg *identity.Registry, opts importtest.Options, docs ...*kct.Document) importtest.Graph {
	t.Helper()
	cat := <-p
	defer func() { p <- cat }()
	ctx := context.Background()
	if err := importtest.Empty(ctx, cat.db.SQL); err != nil {
		t.Fatal(err)
	}
	if _, err := load.Import(ctx, cat.c, reg, docs, load.Options{}); err != nil {
		t.Fatalf("import: %v", err)
	}
	g, err := importtest.DumpWith(ctx, cat.db.SQL, opts)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func parse(t *testing.T, file string, text []byte) *kct.Document {
	t.Helper()
	d, err := kct.Parse(file, bytes.NewReader(text))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return d
}

// reference is the document a variant must import like, named as its seed
// (the variant's file name is renamed back): the seed's parse; the parse
// of the text the rewrite says it kept (Windows-1251 has no Kazakh
// letters); for a map assembled from two seeds, the first seed's document
// with the spheres of both, in order.
func reference(t *testing.T, v variants.Variant, bySeed map[string]variants.Seed) *kct.Document {
	t.Helper()
	switch {
	case len(v.Parts) > 0:
		d := parse(t, v.Seed, bySeed[v.Parts[0]].Text)
		d.Spheres = nil
		for _, part := range v.Parts {
			d.Spheres = append(d.Spheres, parse(t, part, bySeed[part].Text).Spheres...)
		}
		for i := range d.Spheres {
			d.Spheres[i].Order = i + 1
		}
		return d
	case v.Expect != nil:
		return parse(t, v.Seed, v.Expect)
	}
	return parse(t, v.Seed, bySeed[v.Seed].Text)
}

// graphs imports each reference once, whichever subtest asks first.
type graphs struct {
	mu   sync.Mutex
	done map[string]*graphOnce
}

type graphOnce struct {
	once sync.Once
	g    importtest.Graph
	ok   bool
}

func (gs *graphs) get(t *testing.T, name string, build func() importtest.Graph) importtest.Graph {
	t.Helper()
	gs.mu.Lock()
	o := gs.done[name]
	if o == nil {
		o = &graphOnce{}
		gs.done[name] = o
	}
	gs.mu.Unlock()
	o.once.Do(func() { o.g = build(); o.ok = true })
	if !o.ok {
		t.Fatalf("the reference import of %s failed", name)
	}
	return o.g
}

// TestVariantGraphs imports every map of the variant corpus into a fresh
// catalog and compares the catalog with the import of its seed (its file
// renamed back): the same nodes, the same values, the same links, up to
// the differences importtest.Ignored lists. It is the issue's "every
// variant imports with the same graph as its seed".
func TestVariantGraphs(t *testing.T) {
	seeds, err := variants.LoadSeeds(os.DirFS("../maps"), "*.txt")
	if err != nil {
		t.Fatal(err)
	}
	bySeed := map[string]variants.Seed{}
	for _, s := range seeds {
		bySeed[s.Name] = s
	}
	vs, err := variants.Generate(seeds)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) < len(seeds)*len(variants.Rewrites) {
		t.Fatalf("only %d variants generated", len(vs))
	}
	reg, err := identity.Default()
	if err != nil {
		t.Fatal(err)
	}
	refs := &graphs{done: map[string]*graphOnce{}}
	pool := newCatalogs(t, 3)
	for _, v := range vs {
		t.Run(v.Name, func(t *testing.T) {
			t.Parallel()
			refName := v.Seed
			if len(v.Parts) > 0 || v.Aliases != nil {
				refName = v.Name
			} else if v.Expect != nil {
				refName = v.Seed + "~" + v.Rewrite
			}
			refReg, wantOpts, gotOpts := reg, importtest.Options{}, importtest.Options{}
			if v.Aliases != nil {
				// A new ministry's map: its seed, imported with a table
				// that does not know the seed's ministry either, must give
				// the variant's graph with the names renamed back.
				if refReg, err = identity.Load(bytes.NewReader(v.Aliases), v.Name+" aliases"); err != nil {
					t.Fatal(err)
				}
				wantOpts.Rename = func(s string) string { return s }
				gotOpts.Rename = v.RenameBack
			}
			want := refs.get(t, refName, func() importtest.Graph {
				return pool.importGraphWith(t, refReg, wantOpts, reference(t, v, bySeed))
			})
			doc := parse(t, v.Name, v.Text)
			doc.File = v.Seed
			got := pool.importGraphWith(t, reg, gotOpts, doc)
			if d := importtest.Diff(want, got); len(d) > 0 {
				if len(d) > 40 {
					d = append(d[:40], "…")
				}
				t.Errorf("the import differs from its seed's (%d differences):\n%s", len(d), strings.Join(d, "\n"))
			}
		})
	}
}
