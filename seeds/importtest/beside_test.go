package importtest_test

import (
	"context"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/karta/karta/seeds/identity"
	"github.com/karta/karta/seeds/importtest"
	"github.com/karta/karta/seeds/kct"
	"github.com/karta/karta/seeds/load"
	"github.com/karta/karta/seeds/variants"
	"github.com/karta/karta/server/storagetest"
)

// shared are the tables of nodes several maps may link: bodies, systems,
// units.
var shared = []string{"ministries", "information_systems", "structural_units"}

// linked returns, for each map (by key), the shared nodes ("table key")
// its rows point to: every row whose key is under the map's key, and every
// join-table row one of whose sides is.
func linked(g importtest.Graph) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for mapKey := range g["transformation_maps"] {
		out[mapKey] = map[string]bool{}
	}
	owner := func(s string) string {
		for m := range out {
			if s == m || strings.HasPrefix(s, m+"/") {
				return m
			}
		}
		return ""
	}
	isShared := func(ref string) bool {
		for _, t := range shared {
			if strings.HasPrefix(ref, "→ "+t+" ") {
				return true
			}
		}
		return false
	}
	for _, rows := range g {
		for id, row := range rows {
			m := owner(id)
			if m == "" { // a join-table row: owned through one of its sides
				for _, v := range row {
					for _, t := range []string{"transformation_maps", "spheres", "process_groups", "roadmap_items", "needs", "icebreakers", "sphere_schedules"} {
						if k, ok := strings.CutPrefix(v, "→ "+t+" "); ok && owner(k) != "" {
							m = owner(k)
						}
					}
				}
			}
			if m == "" {
				continue
			}
			for _, v := range row {
				if isShared(v) {
					out[m][strings.TrimPrefix(v, "→ ")] = true
				}
			}
		}
	}
	return out
}

// TestNewMinistriesBesideSeeds imports the seeds and the new-ministry
// variants (maps of ministries the alias table does not know, with their
// own committees, units and systems) into one catalog: a new ministry's
// map shares no body, unit or system with a seed's map unless the alias
// table defines it (a ministry both name, a national system), and links
// nodes of its own.
func TestNewMinistriesBesideSeeds(t *testing.T) {
	seeds, err := variants.LoadSeeds(os.DirFS("../maps"), "*.txt")
	if err != nil {
		t.Fatal(err)
	}
	vs, err := variants.Generate(seeds)
	if err != nil {
		t.Fatal(err)
	}
	var docs []*kct.Document
	news := map[string]bool{}
	for _, s := range seeds {
		docs = append(docs, parse(t, s.Name, s.Text))
	}
	for _, v := range vs {
		if v.Rewrite == "new-ministry" {
			docs = append(docs, parse(t, v.Name, v.Text))
			news[v.Name] = true
		}
	}
	if len(news) == 0 {
		t.Fatal("no new-ministry variant")
	}
	reg, err := identity.Default()
	if err != nil {
		t.Fatal(err)
	}
	c, db := storagetest.Open(t)
	ctx := context.Background()
	if _, err := load.Import(ctx, c, reg, docs, load.Options{}); err != nil {
		t.Fatal(err)
	}
	g, err := importtest.Dump(ctx, db.SQL)
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, b := range reg.Bodies() {
		known["ministries "+b.Key] = true
		known["structural_units unit/"+b.Key] = true
	}
	for _, u := range reg.Units() {
		known["structural_units unit/"+u.Key] = true
	}
	for _, s := range reg.Systems() {
		known["information_systems "+s.Key] = true
	}
	byFile := map[string]string{} // map key → file
	for key, row := range g["transformation_maps"] {
		byFile[key] = row["source_document"]
	}
	links := linked(g)
	for k, l := range links {
		if len(l) == 0 {
			t.Errorf("%s links no body, unit or system", byFile[k])
		}
		t.Logf("%s: %d bodies, units and systems", byFile[k], len(l))
	}
	for vk, vl := range links {
		if !news[byFile[vk]] {
			continue
		}
		own := 0
		for n := range vl {
			if !known[n] {
				own++
			}
		}
		if own == 0 {
			t.Errorf("%s links no node of its own", byFile[vk])
		}
		for sk, sl := range links {
			if news[byFile[sk]] {
				continue
			}
			var bad []string
			for n := range vl {
				if sl[n] && !known[n] {
					bad = append(bad, n)
				}
			}
			sort.Strings(bad)
			if len(bad) > 0 {
				t.Errorf("%s shares with %s nodes the alias table does not define:\n%s", byFile[vk], byFile[sk], strings.Join(bad, "\n"))
			}
		}
	}
}
