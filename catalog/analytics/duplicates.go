package analytics

import (
	"context"
	"sort"

	"github.com/karta/karta/catalog/page"
	"github.com/karta/karta/catalog/ref"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/entity"
	"github.com/karta/karta/ent/informationsystem"
	"github.com/karta/karta/ent/integration"
	"github.com/karta/karta/ent/processgroup"
	"github.com/karta/karta/ent/sphere"
)

// Holding is one place where a body keeps some data: an entity of its map,
// or data it provides in the integration plan.
type Holding struct {
	// Kind is ENTITY or INTEGRATION_DATA.
	Kind string
	Name string
	// EntityID and SphereName are set for an entity, IntegrationID for
	// integration data.
	EntityID      int
	SphereName    string
	IntegrationID int
	// Ministry is the (top) body that holds the data: the map's ministry for
	// an entity, the provider for integration data.
	Ministry ref.Ref
	// SystemIDs are the systems holding it: those automating the entity's
	// process groups, or the provider system.
	SystemIDs []int
}

// Candidate is data that looks alike (shared name stems) in the holdings
// of two or more bodies, with no planned integration between those bodies
// moving it: the same data may be collected twice.
type Candidate struct {
	// Key is the name of the first holding, as a label.
	Key        string
	Holdings   []Holding
	Ministries []ref.Ref
	Systems    []ref.Ref
}

// alike reports whether two stem sets name the same data: at least two
// shared stems covering most of the shorter name, or the same single word.
func alike(a, b map[string]bool) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	common := 0
	for s := range a {
		if b[s] {
			common++
		}
	}
	short := min(len(a), len(b))
	if short == 1 {
		return common == 1 && len(a) == len(b)
	}
	return common >= 2 && float64(common) >= 0.6*float64(short)
}

// DuplicateCandidates lists data held alike by two or more bodies with no
// integration between them.
func DuplicateCandidates(ctx context.Context, c *ent.Client) ([]*Candidate, error) {
	// Only the columns used: whole rows carry JSON the comparison never reads.
	// Ordered by ID: the holdings' order decides each candidate's key and
	// the order of its holdings, so the answer is the same on every run and
	// every replica.
	ents, err := c.Entity.Query().Select(entity.FieldName).Order(ent.Asc(entity.FieldID)).
		WithSphere(func(q *ent.SphereQuery) { q.Select(sphere.FieldName).WithMinistry(withParentNames) }).
		WithProcessGroups(func(q *ent.ProcessGroupQuery) {
			q.Select(processgroup.FieldID).WithInformationSystems(func(q *ent.InformationSystemQuery) { q.Select(informationsystem.FieldName) })
		}).
		All(ctx)
	if err != nil {
		return nil, err
	}
	its, err := c.Integration.Query().Select(integration.FieldDataNames).Order(ent.Asc(integration.FieldID)).
		WithProviderBody(withParentNames).WithConsumerBody(withParentNames).
		WithProviderSystem(func(q *ent.InformationSystemQuery) { q.Select(informationsystem.FieldName) }).
		All(ctx)
	if err != nil {
		return nil, err
	}
	systemNames := map[int]string{}
	var hs []Holding
	for _, e := range ents {
		s := e.Edges.Sphere
		if s == nil || s.Edges.Ministry == nil {
			continue
		}
		m := top(s.Edges.Ministry)
		h := Holding{Kind: "ENTITY", Name: e.Name, EntityID: e.ID, SphereName: s.Name, Ministry: ref.Ref{ID: m.ID, Name: m.Name, Short: m.ShortName}}
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
		p, q := top(it.Edges.ProviderBody), top(it.Edges.ConsumerBody)
		linked[pair{p.ID, q.ID}] = append(linked[pair{p.ID, q.ID}], it.ID)
		linked[pair{q.ID, p.ID}] = append(linked[pair{q.ID, p.ID}], it.ID)
		for _, d := range it.DataNames {
			h := Holding{Kind: "INTEGRATION_DATA", Name: d, IntegrationID: it.ID, Ministry: ref.Ref{ID: p.ID, Name: p.Name, Short: p.ShortName}}
			if s := it.Edges.ProviderSystem; s != nil {
				systemNames[s.ID] = s.Name
				h.SystemIDs = []int{s.ID}
			}
			hs = append(hs, h)
		}
	}
	stems := make([]map[string]bool, len(hs))
	for i, h := range hs {
		stems[i] = stemSet(h.Name)
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
	// Alike names share a stem: compare only holdings that share one
	// (blocking), not every pair of the catalog.
	byStem := map[string][]int{}
	for i, st := range stems {
		for s := range st {
			byStem[s] = append(byStem[s], i)
		}
	}
	var pairs [][2]int           // alike holdings of two bodies with no integration between them
	seen := make([]int, len(hs)) // seen[j] == i+1: j already compared with i
	for i := range hs {
		for s := range stems[i] {
			for _, j := range byStem[s] {
				if j <= i || seen[j] == i+1 {
					continue
				}
				seen[j] = i + 1
				if hs[i].Ministry.ID == hs[j].Ministry.ID || !alike(stems[i], stems[j]) {
					continue
				}
				if len(linked[pair{hs[i].Ministry.ID, hs[j].Ministry.ID}]) > 0 {
					continue // the two bodies already exchange data
				}
				parent[find(i)] = find(j)
				pairs = append(pairs, [2]int{i, j})
			}
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
	var out []*Candidate
	for _, members := range clusters {
		cand := &Candidate{Key: hs[members[0]].Name}
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
		sort.Slice(cand.Ministries, func(i, j int) bool { return refLess(cand.Ministries[i], cand.Ministries[j]) })
		for id := range systems {
			cand.Systems = append(cand.Systems, ref.Ref{ID: id, Name: systemNames[id]})
		}
		sort.Slice(cand.Systems, func(i, j int) bool { return refLess(cand.Systems[i], cand.Systems[j]) })
		out = append(out, cand)
	}
	// Clusters come out of a map: every tie is broken, down to the first
	// holding, which no two candidates share.
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if len(a.Ministries) != len(b.Ministries) {
			return len(a.Ministries) > len(b.Ministries)
		}
		if a.Key != b.Key {
			return a.Key < b.Key
		}
		return holdingLess(a.Holdings[0], b.Holdings[0])
	})
	return out, nil
}

// refLess orders references by name, then ID.
func refLess(a, b ref.Ref) bool {
	if a.Name != b.Name {
		return a.Name < b.Name
	}
	return a.ID < b.ID
}

// holdingLess orders holdings by kind, then the entity's or integration's
// ID, then name (an integration holds several data names).
func holdingLess(a, b Holding) bool {
	if a.Kind != b.Kind {
		return a.Kind < b.Kind
	}
	if a.EntityID != b.EntityID {
		return a.EntityID < b.EntityID
	}
	if a.IntegrationID != b.IntegrationID {
		return a.IntegrationID < b.IntegrationID
	}
	return a.Name < b.Name
}

// HoldingCount is the number of the candidate's holdings.
func (c *Candidate) HoldingCount() int { return len(c.Holdings) }

// HoldingsHead returns the candidate's first holdings (all when first is
// nil; page.ErrBadBound when negative).
func (c *Candidate) HoldingsHead(first *int) ([]Holding, error) { return page.Head(c.Holdings, first) }

// CandidatePage is one page of the duplicate candidates.
type CandidatePage struct {
	// TotalCount is the number of candidates in the whole answer.
	TotalCount int
	PageInfo   page.Info
	// Nodes are the page's candidates, in the whole answer's order.
	Nodes []*Candidate
}

// candidatePage cuts the page of first candidates after the cursor out of
// all of them.
func candidatePage(all []*Candidate, first *int, after *page.Cursor) (*CandidatePage, error) {
	nodes, info, err := page.Of(all, first, after)
	if err != nil {
		return nil, err
	}
	return &CandidatePage{TotalCount: len(all), PageInfo: info, Nodes: nodes}, nil
}
