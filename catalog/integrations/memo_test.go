package integrations_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/karta/karta/catalog/analytics"
	"github.com/karta/karta/catalog/integrations"
	"github.com/karta/karta/catalog/versioned"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/ministry"
	"github.com/karta/karta/ent/roadmapstep"
	"github.com/karta/karta/ent/sphere"
	"github.com/karta/karta/ent/structuralunit"
	"github.com/karta/karta/seeds/synth"
	"github.com/karta/karta/server/storagetest"
)

// The memoized answers (tables read once per version, filtered in Go) are
// the database answers (filters in SQL), on the 40-map catalog, for the
// analytics and the integration questions with a spread of arguments.
func TestMemoAgreesWithDatabaseAt40Maps(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 40 maps")
	}
	ctx := context.Background()
	c, _ := storagetest.Open(t)
	if err := synth.Load(ctx, c, 40); err != nil {
		t.Fatal(err)
	}
	memo := &versioned.Memo{}
	in, an := integrations.Memoized{Memo: memo}, analytics.Memoized{Memo: memo}
	same := func(what string, got, want any, gotErr, wantErr error) {
		t.Helper()
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Fatalf("%s: error %v, database %v", what, gotErr, wantErr)
		}
		g, err := json.Marshal(got)
		if err != nil {
			t.Fatal(err)
		}
		w, err := json.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		if string(g) != string(w) {
			i := 0
			for i < len(g) && i < len(w) && g[i] == w[i] {
				i++
			}
			from := max(0, i-200)
			t.Errorf("%s: memo answer differs from the database's at byte %d:\n got …%.400s\nwant …%.400s", what, i, g[from:], w[from:])
		}
	}
	owners, err := c.Ministry.Query().Where(ministry.HasMaps()).Order(ministry.ByID()).All(ctx)
	if err != nil || len(owners) < 10 {
		t.Fatalf("%d owners, %v", len(owners), err)
	}
	spheres, err := c.Sphere.Query().Order(sphere.ByID()).Limit(200).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	units, err := c.StructuralUnit.Query().Order(structuralunit.ByID()).Limit(100).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	systems, err := c.InformationSystem.Query().Limit(400).All(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// Analytics.
	{
		g, ge := an.DuplicateCandidates(ctx, c)
		w, we := analytics.DuplicateCandidates(ctx, c)
		if len(w) < 10 {
			t.Fatalf("%d candidates", len(w))
		}
		// Clusters of equal keys and bodies of equal names come in map order.
		if canon(g) != canon(w) || fmt.Sprint(ge) != fmt.Sprint(we) {
			t.Error("duplicate candidates differ")
		}
	}
	for _, rollup := range []bool{true, false} {
		g, ge := an.IntegrationMatrix(ctx, c, rollup)
		w, we := analytics.IntegrationMatrix(ctx, c, rollup)
		same(fmt.Sprint("matrix rollup=", rollup), g, w, ge, we)
	}
	for _, id := range append([]int{0, 1}, ids(owners)...) {
		g, ge := an.Ministries(ctx, c, id)
		w, we := analytics.Ministries(ctx, c, id)
		same(fmt.Sprint("ministry summaries ", id), g, w, ge, we)
		g, ge = an.Spheres(ctx, c, id)
		w, we = analytics.Spheres(ctx, c, id)
		same(fmt.Sprint("sphere summaries ", id), g, w, ge, we)
	}
	yes, no := true, false
	filters := []analytics.RoadmapFilter{{}, {From: 20251, To: 20274}, {From: 20262, To: 20263},
		{Codes: []roadmapstep.Code{"R"}}, {Codes: []roadmapstep.Code{"F", "D"}, BudgetDependent: &yes}, {BudgetDependent: &no}}
	for i, o := range owners {
		if i%4 == 0 {
			filters = append(filters, analytics.RoadmapFilter{MinistryID: o.ID}, analytics.RoadmapFilter{MinistryID: o.ID, From: 20261, To: 20264})
		}
	}
	for i, s := range spheres {
		if i%10 == 0 {
			filters = append(filters, analytics.RoadmapFilter{SphereID: s.ID})
		}
	}
	for i, u := range units {
		if i%5 == 0 {
			filters = append(filters, analytics.RoadmapFilter{UnitID: u.ID}, analytics.RoadmapFilter{UnitID: u.ID, Codes: []roadmapstep.Code{"R"}})
		}
	}
	for _, f := range filters {
		g, ge := an.RoadmapAcross(ctx, c, f)
		w, we := analytics.RoadmapAcross(ctx, c, f)
		same(fmt.Sprintf("roadmap %+v", f), g, w, ge, we)
	}

	// Integrations.
	for _, n := range []int{0, 2, 3, 4, 10} {
		g, ge := in.SharedSystems(ctx, c, n)
		w, we := integrations.SharedSystems(ctx, c, n)
		same(fmt.Sprint("shared systems ", n), g, w, ge, we)
	}
	for _, need := range []string{"медицинские данные о спортсменах", "сведения о лицензиях", "туристы", "ИИН",
		"данные", "периодические печатные издания", "земельный участок кадастр", "xyz"} {
		g, ge := in.DataSources(ctx, c, need)
		w, we := integrations.DataSources(ctx, c, need)
		same("data sources "+need, g, w, ge, we)
	}
	names := []string{"eQonaq", "ГБД ЕЛ", "E-License", "nothing such"}
	for i, s := range systems {
		if i%20 == 0 {
			names = append(names, s.Name, fmt.Sprint(s.ID), s.Key)
		}
	}
	for _, s := range names {
		g, ge := in.System(ctx, c, s)
		w, we := integrations.System(ctx, c, s)
		same("system "+s, g, w, ge, we)
	}
	oct, dec := time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
	gfs := []integrations.Filter{{}, {Ministry: "МИИЦР"}, {Ministry: "МИИЦР", DeadlineFrom: oct, DeadlineTo: dec},
		{DeadlineFrom: oct}, {DeadlineTo: dec}, {Domain: "спорт и туризм"}, {System: "ГБД ЕЛ"}, {System: "eQonaq", Ministry: "МТС"},
		{Ministry: "nothing such"}}
	for i, o := range owners {
		if i%5 == 0 {
			gfs = append(gfs, integrations.Filter{Ministry: fmt.Sprint(o.ID)}, integrations.Filter{Ministry: o.ShortName, DeadlineTo: dec})
		}
	}
	for _, f := range gfs {
		g, ge := in.Graph(ctx, c, f)
		w, we := integrations.Graph(ctx, c, f)
		same(fmt.Sprintf("graph %+v", f), g, w, ge, we)
	}
	var tos []integrations.TraverseOptions
	for _, start := range []string{"ГБД ЕЛ", "eQonaq", "МИИЦР", "МТС", "E-License"} {
		for _, d := range []integrations.Direction{integrations.Upstream, integrations.Downstream, integrations.Both} {
			tos = append(tos, integrations.TraverseOptions{Start: start, Direction: d, Depth: 3},
				integrations.TraverseOptions{Start: start, Direction: d, Depth: 4, PerNodeLimit: 3, MaxNodes: 20})
		}
	}
	for i, o := range owners {
		if i%7 == 0 {
			tos = append(tos, integrations.TraverseOptions{Start: o.Name, Depth: 2})
		}
	}
	for _, o := range tos {
		g, ge := in.Traverse(ctx, c, o)
		w, we := integrations.Traverse(ctx, c, o)
		same(fmt.Sprintf("traverse %+v", o), g, w, ge, we)
	}
}

func ids(ms []*ent.Ministry) []int {
	out := make([]int, len(ms))
	for i, m := range ms {
		out[i] = m.ID
	}
	return out
}

// canon prints candidates in an order independent of map iteration.
func canon(cs []*analytics.Candidate) string {
	out := map[string]bool{}
	for _, c := range cs {
		b, _ := json.Marshal(c)
		out[string(b)] = true
	}
	return fmt.Sprint(len(cs), out)
}
