package analytics_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"testing"

	"github.com/karta/karta/catalog/analytics"
	"github.com/karta/karta/catalog/ref"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/entity"
	"github.com/karta/karta/ent/integration"
	"github.com/karta/karta/seeds/synth"
	"github.com/karta/karta/server/storagetest"
)

// The analytics answer the same on the 40-map synthetic catalog as the
// straightforward implementations they replaced (kept below).
func TestAnalyticsAgreeWithReferenceAt40Maps(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 40 maps")
	}
	ctx := context.Background()
	c, db := storagetest.Open(t)
	if err := synth.Load(ctx, c, 40); err != nil {
		t.Fatal(err)
	}
	got, err := analytics.DuplicateCandidates(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	want, err := duplicateCandidatesBefore(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 10 {
		t.Fatalf("only %d candidates at 40 maps: the comparison proves little", len(want))
	}
	if g, w := canonicalCandidates(t, got), canonicalCandidates(t, want); g != w {
		t.Fatalf("duplicate candidates differ from the reference (%d vs %d)", len(got), len(want))
	}
	// The answer does not depend on the order the database returns rows
	// in: rewriting rows moves them in PostgreSQL's heap (an UPDATE writes
	// a new tuple), which changes an unordered scan, and so the holding a
	// cluster's key is taken from.
	first := mustJSON(t, got)
	for _, q := range []string{
		"UPDATE entities SET name = name WHERE id IN (SELECT id FROM entities ORDER BY id LIMIT 200)",
		"UPDATE integrations SET data_names = data_names WHERE id IN (SELECT id FROM integrations ORDER BY id LIMIT 200)",
	} {
		if _, err := db.SQL.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	again, err := analytics.DuplicateCandidates(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if mustJSON(t, again) != first {
		t.Fatal("duplicate candidates changed with the order the rows are stored in")
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// canonicalCandidates prints candidates in an order that does not depend
// on map iteration (ties between equal keys, bodies of equal names).
func canonicalCandidates(t *testing.T, cs []*analytics.Candidate) string {
	var out []string
	for _, c := range cs {
		ms := append([]ref.Ref(nil), c.Ministries...)
		sort.Slice(ms, func(i, j int) bool { return ms[i].ID < ms[j].ID })
		ss := append([]ref.Ref(nil), c.Systems...)
		sort.Slice(ss, func(i, j int) bool { return ss[i].ID < ss[j].ID })
		b, err := json.Marshal([]any{c.Key, c.Holdings, ms, ss})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	sort.Strings(out)
	return fmt.Sprint(len(out), out)
}

// duplicateCandidatesBefore is DuplicateCandidates as it was before
// blocking and narrow reads (every pair compared, whole rows read): the
// reference the new one must agree with. It lists data held alike by two or more bodies with no
// integration between them. It reads rows in ID order, as DuplicateCandidates
// now does (a cluster's key is the name of its first holding).
func duplicateCandidatesBefore(ctx context.Context, c *ent.Client) ([]*analytics.Candidate, error) {
	ents, err := c.Entity.Query().Order(ent.Asc(entity.FieldID)).
		WithSphere(func(q *ent.SphereQuery) { q.WithMinistry(analytics.WithParents) }).
		WithProcessGroups(func(q *ent.ProcessGroupQuery) { q.WithInformationSystems() }).
		All(ctx)
	if err != nil {
		return nil, err
	}
	its, err := c.Integration.Query().Order(ent.Asc(integration.FieldID)).
		WithProviderBody(analytics.WithParents).WithConsumerBody(analytics.WithParents).WithProviderSystem().
		All(ctx)
	if err != nil {
		return nil, err
	}
	systemNames := map[int]string{}
	var hs []analytics.Holding
	for _, e := range ents {
		s := e.Edges.Sphere
		if s == nil || s.Edges.Ministry == nil {
			continue
		}
		m := analytics.Top(s.Edges.Ministry)
		h := analytics.Holding{Kind: "ENTITY", Name: e.Name, EntityID: e.ID, SphereName: s.Name, Ministry: ref.Ref{ID: m.ID, Name: m.Name, Short: m.ShortName}}
		seen := map[int]bool{}
		for _, g := range e.Edges.ProcessGroups {
			for _, is := range g.Edges.InformationSystems {
				systemNames[is.ID] = is.Name
				if !seen[is.ID] {
					seen[is.ID] = true
					h.SystemIDs = append(h.SystemIDs, is.ID)
				}
			}
		}
		sort.Ints(h.SystemIDs)
		hs = append(hs, h)
	}
	type pair struct{ a, b int }
	linked := map[pair][]int{} // body pair → integrations between them
	for _, it := range its {
		if it.Edges.ProviderBody == nil || it.Edges.ConsumerBody == nil {
			continue
		}
		p, q := analytics.Top(it.Edges.ProviderBody), analytics.Top(it.Edges.ConsumerBody)
		linked[pair{p.ID, q.ID}] = append(linked[pair{p.ID, q.ID}], it.ID)
		linked[pair{q.ID, p.ID}] = append(linked[pair{q.ID, p.ID}], it.ID)
		for _, d := range it.DataNames {
			h := analytics.Holding{Kind: "INTEGRATION_DATA", Name: d, IntegrationID: it.ID, Ministry: ref.Ref{ID: p.ID, Name: p.Name, Short: p.ShortName}}
			if s := it.Edges.ProviderSystem; s != nil {
				systemNames[s.ID] = s.Name
				h.SystemIDs = []int{s.ID}
			}
			hs = append(hs, h)
		}
	}
	stems := make([]map[string]bool, len(hs))
	for i, h := range hs {
		stems[i] = analytics.StemSet(h.Name)
	}
	// Union the holdings of different bodies that look alike.
	parent := make([]int, len(hs))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	var pairs [][2]int // alike holdings of two bodies with no integration between them
	for i := range hs {
		for j := i + 1; j < len(hs); j++ {
			if hs[i].Ministry.ID == hs[j].Ministry.ID || !analytics.Alike(stems[i], stems[j]) {
				continue
			}
			if len(linked[pair{hs[i].Ministry.ID, hs[j].Ministry.ID}]) > 0 {
				continue // the two bodies already exchange data
			}
			parent[find(i)] = find(j)
			pairs = append(pairs, [2]int{i, j})
		}
	}
	unlinked := map[int]bool{}
	for _, p := range pairs {
		unlinked[find(p[0])] = true
	}
	clusters := map[int][]int{}
	for i := range hs {
		r := find(i)
		if unlinked[r] {
			clusters[r] = append(clusters[r], i)
		}
	}
	var out []*analytics.Candidate
	for _, members := range clusters {
		cand := &analytics.Candidate{Key: hs[members[0]].Name}
		bodies := map[int]ref.Ref{}
		systems := map[int]bool{}
		for _, i := range members {
			cand.Holdings = append(cand.Holdings, hs[i])
			bodies[hs[i].Ministry.ID] = hs[i].Ministry
			for _, s := range hs[i].SystemIDs {
				systems[s] = true
			}
		}
		if len(bodies) < 2 {
			continue
		}
		for _, b := range bodies {
			cand.Ministries = append(cand.Ministries, b)
		}
		sort.Slice(cand.Ministries, func(i, j int) bool { return cand.Ministries[i].Name < cand.Ministries[j].Name })
		for id := range systems {
			cand.Systems = append(cand.Systems, ref.Ref{ID: id, Name: systemNames[id]})
		}
		sort.Slice(cand.Systems, func(i, j int) bool { return cand.Systems[i].Name < cand.Systems[j].Name })
		out = append(out, cand)
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i].Ministries) != len(out[j].Ministries) {
			return len(out[i].Ministries) > len(out[j].Ministries)
		}
		return out[i].Key < out[j].Key
	})
	return out, nil
}
