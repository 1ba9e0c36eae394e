package load_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"testing"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/importrun"
	"github.com/karta/karta/ent/informationsystem"
	"github.com/karta/karta/ent/integration"
	"github.com/karta/karta/ent/kpi"
	"github.com/karta/karta/ent/schema"
	"github.com/karta/karta/ent/systemmention"
	"github.com/karta/karta/ent/transformationmap"
	"github.com/karta/karta/seeds/kct"
	"github.com/karta/karta/seeds/load"
	"github.com/karta/karta/seeds/resolve"
	"github.com/karta/karta/server/storagetest"
)

// What the parser keeps but the graph has no field for is stored as
// written: cells under columns not understood (Extra) on their row's node,
// the KPI heading and the title-page owner on the map, the recognitions on
// the import's record. Removing an extra column clears the cells.
func TestImportKeepsWhatTheParserKeeps(t *testing.T) {
	ctx := context.Background()
	c, _ := storagetest.Open(t)
	ds := docs(t)
	var d *kct.Document
	for _, x := range ds {
		if len(x.Integrations) > 0 && len(x.KPIs) > 0 && len(x.Spheres) > 0 && len(x.Spheres[0].Entities) > 0 {
			d = x
			break
		}
	}
	if d == nil {
		t.Fatal("no seed map has integrations, KPIs and entities")
	}
	cell := func(what string, line int) []kct.Field {
		return []kct.Field{{Line: line, Label: "Примечание", Value: "кроме " + what}}
	}
	d.Integrations[0].Extra = cell("интеграции", d.Integrations[0].Line)
	d.KPIs[0].Extra = cell("показателя", d.KPIs[0].Line)
	d.Spheres[0].Entities[0].Extra = cell("сущности", d.Spheres[0].Entities[0].Line)
	d.Recognitions = append(d.Recognitions, kct.Recognition{Line: 7, Kind: "column.integration", Wording: "Примечание", How: kct.HowUnknown})
	importDocs(t, c, ds, load.Options{})

	want := func(f []kct.Field) []schema.PassportField { return []schema.PassportField{schema.PassportField(f[0])} }
	m := c.TransformationMap.Query().Where(transformationmap.SourceDocument(d.File)).OnlyX(ctx)
	if m.KpiHeading == "" || m.KpiHeading != d.KPIHeading || m.TitleOwner != d.TitleOwner {
		t.Errorf("map: KPI heading %q, title owner %q; the document has %q, %q", m.KpiHeading, m.TitleOwner, d.KPIHeading, d.TitleOwner)
	}
	in := m.QueryIntegrations().Where(integration.Position(0)).OnlyX(ctx)
	if fmt.Sprint(in.Extra) != fmt.Sprint(want(d.Integrations[0].Extra)) {
		t.Errorf("integration extra: %v", in.Extra)
	}
	k := m.QueryKpis().Where(kpi.Position(0)).OnlyX(ctx)
	if fmt.Sprint(k.Extra) != fmt.Sprint(want(d.KPIs[0].Extra)) {
		t.Errorf("KPI extra: %v", k.Extra)
	}
	e := m.QuerySpheres().QueryEntities().AllX(ctx)
	found := false
	for _, x := range e {
		found = found || fmt.Sprint(x.Extra) == fmt.Sprint(want(d.Spheres[0].Entities[0].Extra))
	}
	if !found {
		t.Errorf("no entity kept the extra cell %v", d.Spheres[0].Entities[0].Extra)
	}
	run := c.ImportRun.Query().Order(ent.Desc(importrun.FieldVersion)).FirstX(ctx)
	var rec *schema.Recognition
	for i, r := range run.Recognitions {
		if r.File == d.File && r.Wording == "Примечание" && r.Line == 7 && r.How == kct.HowUnknown {
			rec = &run.Recognitions[i]
		}
	}
	if rec == nil {
		t.Errorf("the import's record lacks the recognition: %v", run.Recognitions)
	}

	// Without the column the cells go.
	ds = docs(t)
	importDocs(t, c, ds, load.Options{})
	if x := c.Integration.GetX(ctx, in.ID); len(x.Extra) != 0 {
		t.Errorf("the integration kept %v after the column went", x.Extra)
	}
}

// Every system the running text names is a SystemMention linked to its
// map, its sphere (none for the map's own text) and its line; an unchanged
// re-import leaves them, a changed map rewrites them.
func TestSystemMentionsKeepTheLine(t *testing.T) {
	ctx := context.Background()
	c, _ := storagetest.Open(t)
	reg := registry(t)
	ds := docs(t)
	importDocs(t, c, ds, load.Options{})
	total := 0
	for _, d := range ds {
		res, err := resolve.Resolve(reg, d)
		if err != nil {
			t.Fatal(err)
		}
		m := c.TransformationMap.Query().Where(transformationmap.SourceDocument(d.File)).OnlyX(ctx)
		got := map[string]bool{}
		for _, x := range m.QuerySystemMentions().WithSystem().WithSphere().AllX(ctx) {
			sphere := -1
			if x.Edges.Sphere != nil {
				sphere = x.Edges.Sphere.Number
			}
			got[fmt.Sprint(x.Edges.System.Key, x.SourceLine, sphere, x.Field)] = true
		}
		for _, mn := range res.Mentions {
			if mn.System.Key == "" {
				continue
			}
			sphere := -1
			if mn.Sphere >= 0 {
				sphere = d.Spheres[mn.Sphere].Order
			}
			if !got[fmt.Sprint(mn.System.Key, mn.Line, sphere, mn.Field)] {
				t.Errorf("%s:%d: the mention of %s (%s) is not stored", d.File, mn.Line, mn.System.Key, mn.Field)
			}
			total++
		}
	}
	if total == 0 || c.SystemMention.Query().CountX(ctx) != total {
		t.Fatalf("%d mentions in the documents, %d stored", total, c.SystemMention.Query().CountX(ctx))
	}
	key := reg.System("e-Otinish").Key
	lines := c.SystemMention.Query().Where(systemmention.HasSystemWith(informationsystem.Key(key))).AllX(ctx)
	if len(lines) == 0 || lines[0].SourceLine == 0 {
		t.Errorf("«e-Otinish» mentions: %v", lines)
	}
	ids := c.SystemMention.Query().IDsX(ctx)
	if rep := importDocs(t, c, docs(t), load.Options{}); rep.Changed() {
		t.Errorf("a second import changed %v", rep.Changes)
	}
	if again := c.SystemMention.Query().IDsX(ctx); fmt.Sprint(again) != fmt.Sprint(ids) {
		t.Error("an unchanged import rewrote the mentions")
	}
	// A map whose text changes gets its mentions rewritten, as many as before.
	ds = docs(t)
	ds[0].Introduction = append(ds[0].Introduction, "Дополнительный абзац.")
	importDocs(t, c, ds, load.Options{})
	if n := c.SystemMention.Query().CountX(ctx); n != total {
		t.Errorf("after an edit %d mentions, want %d", n, total)
	}
}

// An error raised while writing names the file and the line of the
// document element that caused it.
func TestWriteErrorsNameFileAndLine(t *testing.T) {
	c, _ := storagetest.Open(t)
	ds := docs(t)
	e := &ds[1].Spheres[0].Entities[0]
	e.Name = "" // the schema refuses an entity without a name
	_, err := load.Import(context.Background(), c, registry(t), ds, load.Options{})
	if err == nil {
		t.Fatal("an entity without a name was written")
	}
	want := regexp.MustCompile(fmt.Sprintf(`^%s:%d: create Entity \S+: `, regexp.QuoteMeta(ds[1].File), e.Line))
	if !want.MatchString(err.Error()) {
		t.Fatalf("error %q does not start with %s:%d", err, ds[1].File, e.Line)
	}
	var v *ent.ValidationError
	if !errors.As(err, &v) {
		t.Errorf("the cause is lost: %v", err)
	}
}

// A node written in bulk with others of its kind (an attribute) that the
// schema refuses is named with its own line, not the line of the first
// node of the statement.
func TestBulkWriteErrorsNameTheFailingLine(t *testing.T) {
	c, _ := storagetest.Open(t)
	ds := docs(t)
	var e *kct.Entity
	firstLine := 0
	for si := range ds[1].Spheres {
		for ei := range ds[1].Spheres[si].Entities {
			x := &ds[1].Spheres[si].Entities[ei]
			if len(x.Attributes) == 0 {
				continue
			}
			if firstLine == 0 {
				firstLine = x.Line
			} else if x.Line != firstLine {
				e = x
			}
		}
	}
	if e == nil {
		t.Fatal("map 1 has no two entities with attributes on different lines")
	}
	e.Attributes[len(e.Attributes)-1] = "" // the schema refuses an attribute without a name
	_, err := load.Import(context.Background(), c, registry(t), ds, load.Options{})
	if err == nil {
		t.Fatal("an attribute without a name was written")
	}
	want := regexp.MustCompile(fmt.Sprintf(`^%s:%d: create Attribute \S+: `, regexp.QuoteMeta(ds[1].File), e.Line))
	if !want.MatchString(err.Error()) {
		t.Fatalf("error %q does not start with %s:%d", err, ds[1].File, e.Line)
	}
	var v *ent.ValidationError
	if !errors.As(err, &v) {
		t.Errorf("the cause is lost: %v", err)
	}
}
