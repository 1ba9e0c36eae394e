package analytics_test

import (
	"context"
	"testing"

	"github.com/karta/karta/catalog/analytics"
	"github.com/karta/karta/ent/roadmapstep"
	"github.com/karta/karta/seeds/fixture"
	"github.com/karta/karta/server/storagetest"
)

func TestSummariesCountByStatus(t *testing.T) {
	c, db := storagetest.Open(t)
	ctx := context.Background()
	if err := fixture.Load(ctx, c, 3); err != nil {
		t.Fatal(err)
	}
	db.Counter.Reset()
	ms, err := analytics.Ministries(ctx, c, 0)
	if err != nil {
		t.Fatal(err)
	}
	queries := db.Counter.Queries()
	if len(ms) != 3 {
		t.Fatalf("%d ministry summaries", len(ms))
	}
	m := ms[0]
	if m.Spheres != 1 || m.Entities != 3 || m.ProcessGroups != 2 || m.Systems != 3 || m.GroupsWithAI != 0 {
		t.Fatalf("summary: %+v", m)
	}
	want := map[string]int{"FULL": 0, "PARTIAL": 3, "NONE": 0, "UNKNOWN": 0}
	for _, c := range m.EntitiesByDigitization {
		if want[c.Status] != c.Count {
			t.Errorf("digitization %s: %d", c.Status, c.Count)
		}
	}
	if m.GroupsByAutomation[1].Status != "PARTIAL" || m.GroupsByAutomation[1].Count != 2 {
		t.Errorf("automation: %+v", m.GroupsByAutomation)
	}
	if m.GroupsByReengineering[0].Status != "IN_PROGRESS" || m.GroupsByReengineering[0].Count != 2 {
		t.Errorf("reengineering: %+v", m.GroupsByReengineering)
	}
	// The same number of queries for one ministry as for all of them.
	db.Counter.Reset()
	if _, err := analytics.Ministries(ctx, c, m.ID); err != nil {
		t.Fatal(err)
	}
	if q := db.Counter.Queries(); q != queries {
		t.Errorf("one ministry: %d queries, all: %d", q, queries)
	}
	ss, err := analytics.Spheres(ctx, c, m.ID)
	if err != nil || len(ss) != 1 || ss[0].Name != "Физическая культура и спорт" || ss[0].Entities != 3 {
		t.Fatalf("spheres of one ministry: %+v %v", ss, err)
	}
}

func TestRoadmapFilterValidation(t *testing.T) {
	for _, f := range []analytics.RoadmapFilter{
		{From: 20255},
		{From: 20262, To: 20251},
		{Codes: []roadmapstep.Code{"X"}},
	} {
		if err := f.Validate(); err == nil {
			t.Errorf("%+v: expected an error", f)
		}
	}
	if err := (analytics.RoadmapFilter{From: 20251, To: 20274, Codes: []roadmapstep.Code{"R", "F"}}).Validate(); err != nil {
		t.Error(err)
	}
}
