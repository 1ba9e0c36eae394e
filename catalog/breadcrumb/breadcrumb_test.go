package breadcrumb_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/karta/karta/catalog/breadcrumb"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/seeds/load"
	"github.com/karta/karta/server/storagetest"
)

// ids lists the IDs of every node of each type.
func ids(ctx context.Context, t *testing.T, c *ent.Client) map[string][]int {
	t.Helper()
	out := map[string][]int{}
	add := func(typ string) func([]int, error) {
		return func(ids []int, err error) {
			if err != nil {
				t.Fatal(err)
			}
			out[typ] = ids
		}
	}
	add("Ministry")(c.Ministry.Query().IDs(ctx))
	add("TransformationMap")(c.TransformationMap.Query().IDs(ctx))
	add("Sphere")(c.Sphere.Query().IDs(ctx))
	add("Experience")(c.Experience.Query().IDs(ctx))
	add("Entity")(c.Entity.Query().IDs(ctx))
	add("Attribute")(c.Attribute.Query().IDs(ctx))
	add("ProcessGroup")(c.ProcessGroup.Query().IDs(ctx))
	add("Process")(c.Process.Query().IDs(ctx))
	add("RoadmapItem")(c.RoadmapItem.Query().IDs(ctx))
	add("RoadmapStep")(c.RoadmapStep.Query().IDs(ctx))
	add("KPI")(c.KPI.Query().IDs(ctx))
	add("KPITarget")(c.KPITarget.Query().IDs(ctx))
	add("SphereSchedule")(c.SphereSchedule.Query().IDs(ctx))
	add("ServicePlan")(c.ServicePlan.Query().IDs(ctx))
	add("Integration")(c.Integration.Query().IDs(ctx))
	add("Icebreaker")(c.Icebreaker.Query().IDs(ctx))
	add("Need")(c.Need.Query().IDs(ctx))
	add("SourceFragment")(c.SourceFragment.Query().IDs(ctx))
	add("InformationSystem")(c.InformationSystem.Query().IDs(ctx))
	add("StateFunction")(c.StateFunction.Query().IDs(ctx))
	add("StructuralUnit")(c.StructuralUnit.Query().IDs(ctx))
	add("Service")(c.Service.Query().IDs(ctx))
	return out
}

// Every node of the seed maps has a path that ends with itself and starts
// at a state body (a public service belongs to no body: its path is itself),
// and the whole catalog's breadcrumbs cost no more queries than one node of
// each type (fewer, even: parents asked for up front share their level).
func TestEveryNodeHasAPathToItsBody(t *testing.T) {
	c, db := storagetest.Open(t)
	ctx := context.Background()
	if _, err := load.Seed(ctx, c, load.Options{}); err != nil {
		t.Fatal(err)
	}
	all := ids(ctx, t, c)
	if len(all) != len(breadcrumb.Types()) {
		t.Fatalf("the test covers %d types, the package %d", len(all), len(breadcrumb.Types()))
	}
	var refs, firsts []breadcrumb.Ref
	for typ, list := range all {
		if len(list) == 0 && typ != "SourceFragment" {
			t.Fatalf("no %s in the seeds", typ)
		}
		for i, id := range list {
			refs = append(refs, breadcrumb.Ref{Type: typ, ID: id})
			if i == 0 {
				firsts = append(firsts, breadcrumb.Ref{Type: typ, ID: id})
			}
		}
	}
	db.Counter.Reset()
	paths, err := breadcrumb.Resolve(ctx, c, refs)
	if err != nil {
		t.Fatal(err)
	}
	everything := db.Counter.Queries()
	for _, r := range refs {
		p := paths[r]
		if len(p) == 0 || p[len(p)-1].ID != r.ID || p[len(p)-1].Type != r.Type {
			t.Fatalf("%s %d: path %+v does not end with the node", r.Type, r.ID, p)
		}
		top := p[0].Type
		switch {
		case r.Type == "Service":
			if len(p) != 1 {
				t.Fatalf("service path %+v", p)
			}
		case r.Type == "InformationSystem" && len(p) == 1: // a system whose owner is unknown
		case top != "Ministry":
			t.Fatalf("%s %d: path starts at %s: %+v", r.Type, r.ID, top, p)
		}
	}
	db.Counter.Reset()
	if _, err := breadcrumb.Resolve(ctx, c, firsts); err != nil {
		t.Fatal(err)
	}
	one := db.Counter.Queries()
	t.Logf("breadcrumbs of %d nodes: %d queries; of one node per type: %d", len(refs), everything, one)
	if everything > one {
		t.Fatalf("query count grows with the nodes: %d for all, %d for one per type", everything, one)
	}
}

// A loader seeded with a node's own step (what a query that read the node
// with its breadcrumb columns hands over) reads only the ancestors, and the
// path is the one read from the database.
func TestSeededStepReadsOnlyAncestors(t *testing.T) {
	c, db := storagetest.Open(t)
	ctx := context.Background()
	if _, err := load.Seed(ctx, c, load.Options{}); err != nil {
		t.Fatal(err)
	}
	a := c.Attribute.Query().FirstX(ctx)
	ref := breadcrumb.Ref{Type: "Attribute", ID: a.ID}
	db.Counter.Reset()
	want, err := breadcrumb.Resolve(ctx, c, []breadcrumb.Ref{ref})
	if err != nil {
		t.Fatal(err)
	}
	unseeded := db.Counter.Queries()
	path := want[ref]
	if len(path) < 2 {
		t.Fatalf("attribute path %+v: want a parent", path)
	}
	parent := path[len(path)-2]
	l := breadcrumb.NewLoader(c)
	l.Seed([]ent.CrumbStep{{Type: "Attribute", ID: a.ID, Name: path[len(path)-1].Name, ParentType: parent.Type, ParentID: parent.ID, HasParent: true}})
	ctx = breadcrumb.With(ctx, l)
	db.Counter.Reset()
	if err := breadcrumb.Prime(ctx, c, []breadcrumb.Ref{ref}); err != nil {
		t.Fatal(err)
	}
	got, err := l.Load(ctx, "Attribute", a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if seeded := db.Counter.Queries(); seeded != unseeded-1 {
		t.Errorf("seeded: %d queries, unseeded %d: want one less", seeded, unseeded)
	}
	if fmt.Sprint(got) != fmt.Sprint(path) {
		t.Errorf("seeded path %+v, want %+v", got, path)
	}
}
