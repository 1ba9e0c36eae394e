package graph_test

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/ministry"
	"github.com/karta/karta/graph"
	"github.com/karta/karta/seeds/synth"
	"github.com/karta/karta/server/storagetest"
)

// unboundedOps are the operations answered from testdata/unbounded: their
// form before the frontend asked for pages.
var unboundedOps = map[string]bool{"duplicate-candidates": true, "data-sources": true}

var updateAnswers = flag.Bool("update-answers", false, "rewrite graph/testdata/analytics-answers.*.txt")

// TestAnalyticsAnswersAt40Maps holds the answers of the analytics operations
// (frontend-schema/operations, answered from the memo) over a spread of
// arguments on the 40-map catalog to the hashes in
// testdata/analytics-answers.<database>.txt (IDs differ between the
// databases), so that a change meant to make them faster cannot change
// them. When an answer is meant to change (the catalog generator, the
// importer or the question changed), rerun with -update-answers and say why
// in the commit. Duplicate candidates are compared as a set (clusters of
// equal keys come in map order).
//
// The operations that now ask for a page (duplicate-candidates,
// data-sources) are run as they were before bounds existed
// (testdata/unbounded): without bounds the answers are the same.
func TestAnalyticsAnswersAt40Maps(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 40 maps")
	}
	ctx := context.Background()
	ec, _ := storagetest.Open(t)
	if err := synth.Load(ctx, ec, 40); err != nil {
		t.Fatal(err)
	}
	c := client.New(graph.NewHandler(ec, graph.Options{MaxPageSize: 100, ComplexityLimit: 5000000}))
	owners, err := ec.Ministry.Query().Where(ministry.HasMaps()).Order(ministry.ByID()).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	spheres := ec.Sphere.Query().Order(ent.Asc("id")).Limit(300).IDsX(ctx)
	units := ec.StructuralUnit.Query().Order(ent.Asc("id")).Limit(100).IDsX(ctx)
	systems := ec.InformationSystem.Query().Order(ent.Asc("id")).AllX(ctx)
	type call struct {
		op   string
		vars map[string]any
	}
	var calls []call
	calls = append(calls, call{"duplicate-candidates", nil}, call{"integration-matrix", map[string]any{"rollup": true}}, call{"integration-matrix", map[string]any{"rollup": false}})
	calls = append(calls, call{"summaries", map[string]any{"ministry": nil}})
	for _, o := range owners {
		calls = append(calls, call{"summaries", map[string]any{"ministry": fmt.Sprint(o.ID)}})
	}
	rf := []map[string]any{{}, {"from": 20251, "to": 20274}, {"from": 20262, "to": 20263}, {"codes": []string{"R"}},
		{"codes": []string{"F", "D"}, "budgetDependent": true}, {"budgetDependent": false}, {"from": 20251, "to": 20274, "codes": []string{"R", "F", "D"}}}
	for i, o := range owners {
		if i%3 == 0 {
			rf = append(rf, map[string]any{"ministry": fmt.Sprint(o.ID)}, map[string]any{"ministry": fmt.Sprint(o.ID), "from": 20251, "to": 20274, "codes": []string{"R", "F", "D"}})
		}
	}
	for i, s := range spheres {
		if i%15 == 0 {
			rf = append(rf, map[string]any{"sphere": fmt.Sprint(s)})
		}
	}
	for i, u := range units {
		if i%7 == 0 {
			rf = append(rf, map[string]any{"unit": fmt.Sprint(u)})
		}
	}
	for _, v := range rf {
		calls = append(calls, call{"roadmap", v})
	}
	for _, need := range []string{"медицинские данные о спортсменах", "сведения о лицензиях", "туристы", "ИИН", "данные",
		"периодические печатные издания", "земельный участок кадастр", "xyz", "транспортные средства", "образование школы учащиеся"} {
		calls = append(calls, call{"data-sources", map[string]any{"need": need}})
	}
	for _, n := range []int{2, 3, 5} {
		calls = append(calls, call{"shared-systems", map[string]any{"minMinistries": n}})
	}
	names := []string{"eQonaq", "ГБД ЕЛ", "E-License"}
	for i, s := range systems {
		if i%15 == 0 {
			names = append(names, s.Name, fmt.Sprint(s.ID))
		}
	}
	for _, n := range names {
		calls = append(calls, call{"system-usage", map[string]any{"system": n, "minMinistries": 2}})
	}
	gf := []map[string]any{{}, {"ministry": "МИИЦР"}, {"ministry": "МИИЦР", "deadlineFrom": "2025-10-01T00:00:00Z", "deadlineTo": "2025-12-31T00:00:00Z"},
		{"deadlineFrom": "2025-10-01T00:00:00Z"}, {"domain": "спорт и туризм"}, {"domain": "Транспорт"}, {"system": "ГБД ЕЛ"}, {"system": "eQonaq", "ministry": "МТС"}}
	for i, o := range owners {
		if i%5 == 0 {
			gf = append(gf, map[string]any{"ministry": fmt.Sprint(o.ID)}, map[string]any{"ministry": o.ShortName, "deadlineTo": "2025-12-31T00:00:00Z"})
		}
	}
	for _, v := range gf {
		calls = append(calls, call{"integration-graph", v})
	}
	for _, start := range []string{"ГБД ЕЛ", "eQonaq", "МИИЦР", "МТС"} {
		for _, d := range []string{"UPSTREAM", "DOWNSTREAM", "BOTH"} {
			calls = append(calls, call{"integration-traversal", map[string]any{"start": start, "direction": d, "depth": 3}},
				call{"integration-traversal", map[string]any{"start": start, "direction": d, "depth": 4, "perNodeLimit": 3, "maxNodes": 20}})
		}
	}
	var got strings.Builder
	for _, cl := range calls {
		file := "../frontend-schema/operations/" + cl.op + ".graphql"
		if unboundedOps[cl.op] {
			file = "testdata/unbounded/" + cl.op + ".graphql"
		}
		q, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var opts []client.Option
		for k, v := range cl.vars {
			opts = append(opts, client.Var(k, v))
		}
		resp, err := c.RawPost(string(q), opts...)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := json.Marshal(resp.Data)
		if cl.op == "duplicate-candidates" {
			var d struct{ DuplicateCandidates []json.RawMessage }
			if err := json.Unmarshal(data, &d); err != nil || len(d.DuplicateCandidates) == 0 {
				t.Fatalf("duplicate candidates: %v %.200s", err, data)
			}
			ss := make([]string, len(d.DuplicateCandidates))
			for i, x := range d.DuplicateCandidates {
				ss[i] = string(x)
			}
			sort.Strings(ss)
			data, _ = json.Marshal(ss)
		}
		vb, _ := json.Marshal(cl.vars)
		fmt.Fprintf(&got, "%s %s errors=%s bytes=%d sha256=%x\n", cl.op, vb, resp.Errors, len(data), sha256.Sum256(data))
	}
	golden := "testdata/analytics-answers." + storagetest.Dialect() + ".txt"
	if *updateAnswers {
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update-answers to write it)", err)
	}
	gl, wl := strings.Split(got.String(), "\n"), strings.Split(string(want), "\n")
	if len(gl) != len(wl) {
		t.Fatalf("%d answers, %s has %d", len(gl)-1, golden, len(wl)-1)
	}
	for i := range gl {
		if gl[i] != wl[i] {
			t.Errorf("answer changed:\n got %s\nwant %s", gl[i], wl[i])
		}
	}
}
