package analytics

import (
	"context"
	"github.com/karta/karta/catalog/ref"
	"sort"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/ministry"
)

// Cell is the integrations from one provider body to one consumer body.
type Cell struct {
	Provider, Consumer ref.Ref
	// IntegrationIDs are the integrations of the cell, in ID order.
	IntegrationIDs []int
	Count          int
}

// Matrix is the ministry × ministry matrix of integrations: who provides
// data to whom. Only non-empty cells are listed.
type Matrix struct {
	// Bodies are the rows and columns: every body in a cell, by name.
	Bodies []ref.Ref
	Cells  []Cell
	// Unattributed counts integrations whose provider or consumer body is
	// unknown.
	Unattributed int
}

// top walks up to the topmost body (a committee's ministry).
func top(m *ent.Ministry) *ent.Ministry {
	for i := 0; i < 4 && m.Edges.Parent != nil; i++ {
		m = m.Edges.Parent
	}
	return m
}

// withParentNames loads a body's name columns and its parents' (up to
// four levels), for top.
func withParentNames(q *ent.MinistryQuery) {
	names := func(q *ent.MinistryQuery) *ent.MinistryQuery {
		q.Select(ministry.FieldName, ministry.FieldShortName)
		return q
	}
	names(q).WithParent(func(q *ent.MinistryQuery) {
		names(q).WithParent(func(q *ent.MinistryQuery) { names(q).WithParent(func(q *ent.MinistryQuery) { names(q) }) })
	})
}

func withParents(q *ent.MinistryQuery) {
	q.WithParent(func(q *ent.MinistryQuery) {
		q.WithParent(func(q *ent.MinistryQuery) { q.WithParent() })
	})
}

// IntegrationMatrix counts integrations per provider and consumer body. With
// rollup, committees count for their ministry.
func IntegrationMatrix(ctx context.Context, c *ent.Client, rollup bool) (*Matrix, error) {
	its, err := c.Integration.Query().
		WithProviderBody(withParents).
		WithConsumerBody(withParents).
		All(ctx)
	if err != nil {
		return nil, err
	}
	type pair struct{ p, c int }
	cells := map[pair]*Cell{}
	bodies := map[int]ref.Ref{}
	m := &Matrix{}
	for _, it := range its {
		p, cons := it.Edges.ProviderBody, it.Edges.ConsumerBody
		if p == nil || cons == nil {
			m.Unattributed++
			continue
		}
		if rollup {
			p, cons = top(p), top(cons)
		}
		pb, cb := ref.Ref{ID: p.ID, Name: p.Name, Short: p.ShortName}, ref.Ref{ID: cons.ID, Name: cons.Name, Short: cons.ShortName}
		bodies[p.ID], bodies[cons.ID] = pb, cb
		k := pair{p.ID, cons.ID}
		if cells[k] == nil {
			cells[k] = &Cell{Provider: pb, Consumer: cb}
		}
		cells[k].IntegrationIDs = append(cells[k].IntegrationIDs, it.ID)
		cells[k].Count++
	}
	for _, b := range bodies {
		m.Bodies = append(m.Bodies, b)
	}
	sort.Slice(m.Bodies, func(i, j int) bool { return m.Bodies[i].Name < m.Bodies[j].Name })
	for _, cell := range cells {
		sort.Ints(cell.IntegrationIDs)
		m.Cells = append(m.Cells, *cell)
	}
	sort.Slice(m.Cells, func(i, j int) bool {
		a, b := m.Cells[i], m.Cells[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if a.Provider.Name != b.Provider.Name {
			return a.Provider.Name < b.Provider.Name
		}
		return a.Consumer.Name < b.Consumer.Name
	})
	return m, nil
}
