package synth_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/informationsystem"
	"github.com/karta/karta/ent/ministry"
	"github.com/karta/karta/seeds/synth"
	"github.com/karta/karta/server/storagetest"
)

// Six maps (the seeds and one copy of each) give twice the seeds'
// ministries owning maps, spheres and process groups: the copies do not
// merge into the originals, and each keeps the seed's shape. Systems the
// alias table knows as another body's (or nobody's) stay shared between a
// seed and its copy; the ministry's own systems are the copy's own.
func TestCopiesKeepTheirOwnIdentities(t *testing.T) {
	ctx := context.Background()
	load := func(n int) *ent.Client {
		c, _ := storagetest.Open(t)
		if err := synth.Load(ctx, c, n); err != nil {
			t.Fatal(err)
		}
		if owners := c.TransformationMap.Query().QueryMinistry().CountX(ctx); owners != n {
			t.Fatalf("%d maps have %d distinct owning ministries", n, owners)
		}
		return c
	}
	c3, c6 := load(3), load(6)
	for _, q := range []struct {
		what   string
		n3, n6 int
	}{
		{"maps", c3.TransformationMap.Query().CountX(ctx), c6.TransformationMap.Query().CountX(ctx)},
		{"spheres", c3.Sphere.Query().CountX(ctx), c6.Sphere.Query().CountX(ctx)},
		{"process groups", c3.ProcessGroup.Query().CountX(ctx), c6.ProcessGroup.Query().CountX(ctx)},
	} {
		if q.n6 != 2*q.n3 {
			t.Errorf("%s: %d at 3 maps, %d at 6", q.what, q.n3, q.n6)
		}
	}
	linked := func(c *ent.Client) int {
		return c.InformationSystem.Query().Where(informationsystem.HasProcessGroups()).CountX(ctx)
	}
	l3, l6 := linked(c3), linked(c6)
	if l6 <= l3 || l6 >= 2*l3 {
		t.Errorf("systems linked to process groups: %d at 3 maps, %d at 6: want more (the copies' own) but fewer than twice (the shared)", l3, l6)
	}
	// A shared system: linked by process groups of maps of two ministries.
	shared := 0
	for _, s := range c6.InformationSystem.Query().Where(informationsystem.HasProcessGroups()).AllX(ctx) {
		if s.QueryProcessGroups().QuerySphere().QueryMap().CountX(ctx) > 1 {
			shared++
		}
	}
	if shared == 0 {
		t.Error("no system is shared by the process groups of two maps")
	}
	// Bodies the table knows outside the copied ministry stay one node:
	// no copy of them exists.
	if n := c6.Ministry.Query().Where(ministry.NameHasSuffix("-01")).CountX(ctx); n == 0 {
		t.Error("the copies' ministries are not renamed")
	}
	if n3, n6 := c3.Ministry.Query().CountX(ctx), c6.Ministry.Query().CountX(ctx); n6 >= 2*n3 {
		t.Errorf("bodies: %d at 3 maps, %d at 6: every body was copied, none shared", n3, n6)
	}
}

// The 40 maps are written every way of synth.Ways, and Documents gives the
// same documents every time (the benchmarks' catalog is fixed).
func TestFortyMapsDrawOnEveryWayAndAreDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("parses 40 maps twice")
	}
	a, _, err := synth.Documents(40)
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := synth.Documents(40)
	if err != nil {
		t.Fatal(err)
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Error("two calls of Documents(40) differ")
	}
	files := map[string]bool{}
	for _, d := range a {
		if files[d.File] {
			t.Errorf("two maps named %s", d.File)
		}
		files[d.File] = true
	}
	for _, w := range synth.Ways() {
		used := false
		for f := range files {
			used = used || strings.Contains(f, "~"+w.Name+".")
		}
		if !used {
			t.Errorf("no map is written the way %s", w.Name)
		}
	}
}
