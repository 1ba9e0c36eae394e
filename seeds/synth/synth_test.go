package synth_test

import (
	"context"
	"testing"

	"github.com/karta/karta/ent/informationsystem"
	"github.com/karta/karta/seeds/synth"
	"github.com/karta/karta/server/storagetest"
)

// Six maps (the seeds and one copy of each) give twice the seeds' ministries
// owning maps, spheres, process groups and systems: the copies do not merge
// into the originals, and each copy keeps the seed's shape.
func TestCopiesKeepTheirOwnIdentities(t *testing.T) {
	ctx := context.Background()
	count := func(n int) (maps, spheres, groups, systems, linkedSystems int) {
		c, _ := storagetest.Open(t)
		if err := synth.Load(ctx, c, n); err != nil {
			t.Fatal(err)
		}
		owners := c.TransformationMap.Query().QueryMinistry().CountX(ctx)
		if owners != n {
			t.Fatalf("%d maps have %d distinct owning ministries", n, owners)
		}
		return c.TransformationMap.Query().CountX(ctx), c.Sphere.Query().CountX(ctx), c.ProcessGroup.Query().CountX(ctx),
			c.InformationSystem.Query().CountX(ctx), c.InformationSystem.Query().Where(informationsystem.HasProcessGroups()).CountX(ctx)
	}
	m3, s3, g3, _, l3 := count(3)
	m6, s6, g6, _, l6 := count(6)
	if m6 != 2*m3 || s6 != 2*s3 || g6 != 2*g3 {
		t.Fatalf("3 maps: %d maps %d spheres %d groups; 6 maps: %d %d %d", m3, s3, g3, m6, s6, g6)
	}
	// A system a copy names is the copy's own: systems linked to process
	// groups double too (within a copy, spellings still merge, so not more).
	if l6 != 2*l3 {
		t.Fatalf("systems linked to process groups: %d at 3 maps, %d at 6", l3, l6)
	}
}
