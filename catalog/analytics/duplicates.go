package analytics

import (
	"context"
	"sort"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/entity"
	"github.com/karta/karta/ent/informationsystem"
	"github.com/karta/karta/ent/processgroup"
	"github.com/karta/karta/ent/sphere"
)

// EntityRef is an entity with where it lives.
type EntityRef struct {
	ID         int
	Name       string
	SphereID   int
	SphereName string
	Ministry   Ref
	// SystemIDs are the systems automating the process groups that manage
	// the entity.
	SystemIDs []int
}

// Candidate is a group of entities that look alike (same name stems) in
// the maps of two or more bodies, with no planned integration between those
// bodies that moves data of that name: the same data may be collected twice.
type Candidate struct {
	// Key is the folded name the entities share.
	Key        string
	Entities   []EntityRef
	Ministries []Ref
	// Systems are the information systems that automate the entities'
	// process groups, across the bodies.
	Systems []Ref
}

// DuplicateCandidates lists entities that look alike across bodies' maps
// with no integration between the bodies whose data names match them.
func DuplicateCandidates(ctx context.Context, c *ent.Client) ([]*Candidate, error) {
	ents, err := c.Entity.Query().
		Select(entity.FieldID, entity.FieldName).
		WithSphere(func(q *ent.SphereQuery) {
			q.Select(sphere.FieldID, sphere.FieldName).WithMinistry(withParents)
		}).
		WithProcessGroups(func(q *ent.ProcessGroupQuery) {
			q.Select(processgroup.FieldID).WithInformationSystems(func(q *ent.InformationSystemQuery) {
				q.Select(informationsystem.FieldID, informationsystem.FieldName)
			})
		}).
		Order(entity.ByID()).All(ctx)
	if err != nil {
		return nil, err
	}
	its, err := c.Integration.Query().WithProviderBody(withParents).WithConsumerBody(withParents).All(ctx)
	if err != nil {
		return nil, err
	}
	// Pairs of top bodies that already exchange data of a given stem.
	type pair struct{ a, b int }
	linked := map[string]map[pair]bool{}
	for _, it := range its {
		if it.Edges.ProviderBody == nil || it.Edges.ConsumerBody == nil {
			continue
		}
		p, q := top(it.Edges.ProviderBody).ID, top(it.Edges.ConsumerBody).ID
		for _, d := range it.DataNames {
			k := stemKey(d)
			if linked[k] == nil {
				linked[k] = map[pair]bool{}
			}
			linked[k][pair{p, q}], linked[k][pair{q, p}] = true, true
		}
	}
	groups := map[string][]EntityRef{}
	systems := map[string]map[int]Ref{}
	for _, e := range ents {
		s := e.Edges.Sphere
		if s == nil || s.Edges.Ministry == nil {
			continue
		}
		m := top(s.Edges.Ministry)
		ref := EntityRef{ID: e.ID, Name: e.Name, SphereID: s.ID, SphereName: s.Name, Ministry: Ref{m.ID, m.Name, m.ShortName}}
		k := stemKey(e.Name)
		if k == "" {
			continue
		}
		if systems[k] == nil {
			systems[k] = map[int]Ref{}
		}
		for _, g := range e.Edges.ProcessGroups {
			for _, is := range g.Edges.InformationSystems {
				ref.SystemIDs = append(ref.SystemIDs, is.ID)
				systems[k][is.ID] = Ref{ID: is.ID, Name: is.Name}
			}
		}
		groups[k] = append(groups[k], ref)
	}
	var out []*Candidate
	for k, refs := range groups {
		bodies := map[int]Ref{}
		for _, r := range refs {
			bodies[r.Ministry.ID] = r.Ministry
		}
		if len(bodies) < 2 {
			continue
		}
		ids := make([]int, 0, len(bodies))
		for id := range bodies {
			ids = append(ids, id)
		}
		sort.Ints(ids)
		connected := false
		for i := range ids {
			for j := i + 1; j < len(ids); j++ {
				if linked[k][pair{ids[i], ids[j]}] {
					connected = true
				}
			}
		}
		if connected {
			continue
		}
		cand := &Candidate{Key: k, Entities: refs}
		for _, id := range ids {
			cand.Ministries = append(cand.Ministries, bodies[id])
		}
		sort.Slice(cand.Ministries, func(i, j int) bool { return cand.Ministries[i].Name < cand.Ministries[j].Name })
		for _, b := range systems[k] {
			cand.Systems = append(cand.Systems, b)
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
