package load_test

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/attribute"
	"github.com/karta/karta/ent/entity"
	"github.com/karta/karta/ent/sphere"
	"github.com/karta/karta/ent/structuralunit"
	"github.com/karta/karta/seeds/identity"
	"github.com/karta/karta/seeds/kct"
	"github.com/karta/karta/seeds/load"
	"github.com/karta/karta/server/storagetest"
)

var (
	seedOnce sync.Once
	seedDocs []*kct.Document
	seedErr  error
)

// docs parses the seed maps once; tests get fresh copies to edit.
func docs(t *testing.T) []*kct.Document {
	t.Helper()
	seedOnce.Do(func() { seedDocs, seedErr = load.SeedDocuments() })
	if seedErr != nil {
		t.Fatal(seedErr)
	}
	out, err := load.SeedDocuments()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func registry(t *testing.T) *identity.Registry {
	t.Helper()
	reg, err := identity.Default()
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

func importDocs(t *testing.T, c *ent.Client, ds []*kct.Document, opts load.Options) *load.Report {
	t.Helper()
	rep, err := load.Import(context.Background(), c, registry(t), ds, opts)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return rep
}

// snapshot is every node's key and digest, by type: equal snapshots mean
// nothing changed.
func snapshot(t *testing.T, c *ent.Client) map[string]int {
	t.Helper()
	ctx := context.Background()
	counts := map[string]int{
		"Ministry":          c.Ministry.Query().CountX(ctx),
		"TransformationMap": c.TransformationMap.Query().CountX(ctx),
		"Sphere":            c.Sphere.Query().CountX(ctx),
		"Entity":            c.Entity.Query().CountX(ctx),
		"Attribute":         c.Attribute.Query().CountX(ctx),
		"ProcessGroup":      c.ProcessGroup.Query().CountX(ctx),
		"Process":           c.Process.Query().CountX(ctx),
		"InformationSystem": c.InformationSystem.Query().CountX(ctx),
		"Service":           c.Service.Query().CountX(ctx),
		"KPI":               c.KPI.Query().CountX(ctx),
		"KPITarget":         c.KPITarget.Query().CountX(ctx),
		"RoadmapItem":       c.RoadmapItem.Query().CountX(ctx),
		"RoadmapStep":       c.RoadmapStep.Query().CountX(ctx),
		"Integration":       c.Integration.Query().CountX(ctx),
		"Need":              c.Need.Query().CountX(ctx),
		"Icebreaker":        c.Icebreaker.Query().CountX(ctx),
	}
	return counts
}

func TestSeedImportCountsMatchTheDocuments(t *testing.T) {
	c, _ := storagetest.Open(t)
	ds := docs(t)
	rep := importDocs(t, c, ds, load.Options{})
	want := map[string]int{}
	for _, d := range ds {
		want["TransformationMap"]++
		want["Sphere"] += len(d.Spheres)
		want["KPI"] += len(d.KPIs)
		want["Integration"] += len(d.Integrations)
		want["Need"] += len(d.Needs)
		want["Icebreaker"] += len(d.Icebreakers)
		for _, s := range d.Spheres {
			want["Entity"] += len(s.Entities)
			want["ProcessGroup"] += len(s.ProcessGroups)
			want["RoadmapItem"] += len(s.Roadmap)
			for _, e := range s.Entities {
				want["Attribute"] += len(e.Attributes)
			}
			for _, g := range s.ProcessGroups {
				want["Process"] += len(g.Processes)
			}
		}
	}
	got := snapshot(t, c)
	for typ, n := range want {
		if got[typ] != n {
			t.Errorf("%s: %d in the database, %d in the documents", typ, got[typ], n)
		}
		if rep.Counts[typ].Created != n {
			t.Errorf("%s: report says %d created, want %d", typ, rep.Counts[typ].Created, n)
		}
	}
	if len(rep.Docs) != len(ds) {
		t.Fatalf("report has %d documents", len(rep.Docs))
	}
	t.Log("\n" + load.FormatReport(rep, false))
}

func TestReimportChangesNothing(t *testing.T) {
	c, _ := storagetest.Open(t)
	importDocs(t, c, docs(t), load.Options{})
	before := snapshot(t, c)
	rep := importDocs(t, c, docs(t), load.Options{})
	if rep.Changed() {
		t.Fatalf("second import changed %d nodes, e.g. %v", len(rep.Changes), rep.Changes[:min(5, len(rep.Changes))])
	}
	if after := snapshot(t, c); !equal(before, after) {
		t.Fatalf("counts changed: %v → %v", before, after)
	}
	// One document alone, after all three: still nothing to change.
	rep = importDocs(t, c, docs(t)[1:2], load.Options{})
	if rep.Changed() {
		t.Fatalf("re-importing one document changed %v", rep.Changes[:min(5, len(rep.Changes))])
	}
}

func TestEditedDocumentUpdatesInPlace(t *testing.T) {
	c, _ := storagetest.Open(t)
	ctx := context.Background()
	ds := docs(t)
	importDocs(t, c, ds, load.Options{})
	before := snapshot(t, c)

	// Edit the first entity of the first sphere of a map: new count, one
	// attribute fewer, one attribute renamed.
	d := ds[1]
	e := &d.Spheres[0].Entities[0]
	old := c.Entity.Query().Where(entity.Name(e.Name)).FirstX(ctx)
	if len(e.Attributes) < 3 {
		t.Fatalf("%s has %d attributes; the test needs 3", e.Name, len(e.Attributes))
	}
	e.Count = kct.Value{Text: "более 20 тыс."}
	removed := e.Attributes[len(e.Attributes)-1]
	e.Attributes = e.Attributes[:len(e.Attributes)-1]
	e.Attributes[0] = "Новый атрибут"
	rep := importDocs(t, c, ds, load.Options{})

	now := c.Entity.GetX(ctx, old.ID)
	if now.CountText != "более 20 тыс." || now.Count != nil {
		t.Fatalf("entity not updated in place: %+v", now)
	}
	if n := old.QueryAttributes().Where(attribute.Name(removed)).CountX(ctx); n != 0 {
		t.Fatalf("removed attribute %q still there", removed)
	}
	if n := old.QueryAttributes().Where(attribute.Name("Новый атрибут")).CountX(ctx); n != 1 {
		t.Fatalf("new attribute: %d", n)
	}
	after := snapshot(t, c)
	if after["Entity"] != before["Entity"] || after["Attribute"] != before["Attribute"]-1 {
		t.Fatalf("expected same entities and one attribute fewer: %v → %v", before, after)
	}
	var ops []string
	for _, ch := range rep.Changes {
		ops = append(ops, ch.String())
	}
	joined := strings.Join(ops, "\n")
	if rep.Counts["Entity"].Updated != 1 || rep.Counts["Attribute"].Removed != 2 || rep.Counts["Attribute"].Created != 1 {
		t.Fatalf("unexpected changes:\n%s", joined)
	}
}

func TestFailedImportChangesNothing(t *testing.T) {
	c, _ := storagetest.Open(t)
	importDocs(t, c, docs(t)[:1], load.Options{})
	before := snapshot(t, c)
	ds := docs(t)
	// The third document carries a roadmap cell no map can have.
	bad := ds[2]
	line := 0
	for i := range bad.Spheres {
		if len(bad.Spheres[i].Roadmap) > 0 {
			bad.Spheres[i].Roadmap[0].Quarters = append(bad.Spheres[i].Roadmap[0].Quarters,
				kct.Quarter{Year: 2026, Quarter: 2, Codes: []string{"X"}, Text: "X"})
			line = bad.Spheres[i].Roadmap[0].Line
			break
		}
	}
	_, err := load.Import(context.Background(), c, registry(t), ds, load.Options{})
	where := bad.File + ":" + strconv.Itoa(line) + ": roadmap quarter"
	if err == nil || !strings.Contains(err.Error(), where) || !strings.Contains(err.Error(), "expected codes R, F or D") {
		t.Fatalf("expected an error naming the file and what was expected, got %v", err)
	}
	if after := snapshot(t, c); !equal(before, after) {
		t.Fatalf("a failed import changed the database: %v → %v", before, after)
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	c, _ := storagetest.Open(t)
	rep := importDocs(t, c, docs(t), load.Options{DryRun: true})
	if !rep.Changed() || rep.Counts["Sphere"].Created == 0 {
		t.Fatal("a dry run must report what it would create")
	}
	if got := snapshot(t, c); got["Ministry"] != 0 || got["Sphere"] != 0 {
		t.Fatalf("dry run wrote: %v", got)
	}
	out := load.FormatReport(rep, false)
	if !strings.Contains(out, "dry run, nothing written") || !strings.Contains(out, "+ Sphere ") {
		t.Fatalf("dry-run report:\n%s", out)
	}
}

func equal(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// The summary roadmap names the units responsible for each sphere
// (003: «Сфера индустрии туризма	ДЦТРУ КИТ»); a re-import keeps them.
func TestSphereResponsibleUnits(t *testing.T) {
	c, _ := storagetest.Open(t)
	ctx := context.Background()
	importDocs(t, c, docs(t), load.Options{})
	codes := func() []string {
		us := c.Sphere.Query().Where(sphere.Name("Туризм")).QueryResponsibleUnits().Order(structuralunit.ByCode()).AllX(ctx)
		var out []string
		for _, u := range us {
			out = append(out, u.Code)
		}
		return out
	}
	if got := strings.Join(codes(), " "); got != "ДЦТРУ КИТ" {
		t.Fatalf("units of Туризм: %q", got)
	}
	if rep := importDocs(t, c, docs(t), load.Options{}); rep.Changed() {
		t.Fatalf("re-import changed %v", rep.Changes)
	}
	if got := strings.Join(codes(), " "); got != "ДЦТРУ КИТ" {
		t.Fatalf("after re-import: %q", got)
	}
}

// A system no map mentions any more after an edit is removed, not left
// behind as an orphan; systems other maps still use stay.
func TestEditRemovesOrphanedSystem(t *testing.T) {
	c, _ := storagetest.Open(t)
	ctx := context.Background()
	ds := docs(t)
	importDocs(t, c, ds, load.Options{})
	before := c.InformationSystem.Query().CountX(ctx)
	found := false
	for si := range ds[0].Spheres {
		for gi := range ds[0].Spheres[si].ProcessGroups {
			g := &ds[0].Spheres[si].ProcessGroups[gi]
			if len(g.Systems) == 1 && strings.Contains(g.Systems[0], "Е-АБИС") {
				g.Systems, found = nil, true
			}
		}
	}
	if !found {
		t.Fatal("000 has no process group automated by Е-АБИС alone")
	}
	rep := importDocs(t, c, ds, load.Options{})
	if got := c.InformationSystem.Query().CountX(ctx); got != before-1 {
		t.Fatalf("%d systems after the edit, want %d", got, before-1)
	}
	removed := ""
	for _, ch := range rep.Changes {
		if ch.Op == "remove" && ch.Type == "InformationSystem" {
			removed += ch.Key
		}
	}
	if !strings.Contains(removed, "абис") {
		t.Fatalf("removed systems: %q", removed)
	}
}
