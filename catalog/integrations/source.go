package integrations

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/attribute"
	"github.com/karta/karta/ent/entity"
	"github.com/karta/karta/ent/informationsystem"
	"github.com/karta/karta/ent/integration"
	"github.com/karta/karta/ent/predicate"
	"github.com/karta/karta/ent/processgroup"
	"github.com/karta/karta/ent/sphere"
)

// source is where the questions read the catalog: the database, in a
// bounded number of narrow queries per question (dbSource), or the tables
// of one catalog version read whole once and kept (Tables). Both answer
// alike: rows in ID order, names of whatever IDs are asked for.
type source interface {
	bodies(ctx context.Context) (*bodies, error)
	// system resolves a system by ent ID, key or any spelling.
	system(ctx context.Context, s string) (*systemRow, error)
	integrations(ctx context.Context, f intFilter) ([]intRow, error)
	// systems, maps and spheres name at least the IDs given (spheres: all
	// of them for nil).
	systems(ctx context.Context, ids []int) (map[int]*systemRow, error)
	maps(ctx context.Context, ids []int) (map[int]*mapRow, error)
	spheres(ctx context.Context, ids []int) (map[int]*sphereRow, error)
	entities(ctx context.Context) ([]entRow, error)
	attributes(ctx context.Context) ([]attrRow, error)
	// groupsManaging: the process groups managing any of the entities
	// (sorted IDs), with their sphere, those of the entities they manage
	// (by ID) and their systems.
	groupsManaging(ctx context.Context, entityIDs []int) ([]*ent.ProcessGroup, error)
	// groupsAutomatedBy: the process groups a system automates, with
	// their sphere.
	groupsAutomatedBy(ctx context.Context, systemID int) ([]*ent.ProcessGroup, error)
	// groupsWithSystems: the process groups automated by any system, with
	// their sphere and systems.
	groupsWithSystems(ctx context.Context) ([]*ent.ProcessGroup, error)
	// index indexes the words of entities, attributes and integrations
	// (in the order entities, attributes and integrations without a filter
	// return them); nil: none, every row is scored.
	index() *sourceIndex
}

// intFilter selects integrations: every group of sides must match (one of
// its sides), and the deadline lie in the range.
type intFilter struct {
	all                      [][]sideIn
	deadlineFrom, deadlineTo time.Time
	// withSystem keeps integrations naming a consumer or provider system.
	withSystem bool
}

// sideIn is a foreign-key column of an integration and the IDs it may hold.
type sideIn struct {
	col string
	ids []int
}

func (f intFilter) predicates() []predicate.Integration {
	var ps []predicate.Integration
	for _, group := range f.all {
		var or []predicate.Integration
		for _, s := range group {
			or = append(or, intIn(s.col, s.ids))
		}
		ps = append(ps, integration.Or(or...))
	}
	if !f.deadlineFrom.IsZero() {
		ps = append(ps, integration.DeadlineGTE(f.deadlineFrom.UTC()))
	}
	if !f.deadlineTo.IsZero() {
		ps = append(ps, integration.DeadlineLTE(f.deadlineTo.UTC()))
	}
	if f.withSystem {
		ps = append(ps, integration.Or(integration.HasConsumerSystem(), integration.HasProviderSystem()))
	}
	return ps
}

// everything reports whether the filter keeps every integration.
func (f intFilter) everything() bool {
	return len(f.all) == 0 && f.deadlineFrom.IsZero() && f.deadlineTo.IsZero() && !f.withSystem
}

// match is predicates on a loaded row.
func (f intFilter) match(r *intRow) bool {
	for _, group := range f.all {
		if !slices.ContainsFunc(group, func(s sideIn) bool {
			v := r.column(s.col)
			return v != nil && slices.Contains(s.ids, *v)
		}) {
			return false
		}
	}
	if !f.deadlineFrom.IsZero() && (r.Deadline == nil || r.Deadline.Before(f.deadlineFrom)) {
		return false
	}
	if !f.deadlineTo.IsZero() && (r.Deadline == nil || r.Deadline.After(f.deadlineTo)) {
		return false
	}
	if f.withSystem && r.ConsumerSystem == nil && r.ProviderSystem == nil {
		return false
	}
	return true
}

func (r *intRow) column(col string) *int {
	switch col {
	case integration.ConsumerBodyColumn:
		return r.ConsumerBody
	case integration.ConsumerSystemColumn:
		return r.ConsumerSystem
	case integration.ProviderBodyColumn:
		return r.ProviderBody
	case integration.ProviderSystemColumn:
		return r.ProviderSystem
	}
	panic("integrations: no column " + col)
}

type entRow struct {
	ID     int    `sql:"id"`
	Name   string `sql:"name"`
	Sphere *int   `sql:"sphere_entities"`
	words  []word
}

type attrRow struct {
	ID     int    `sql:"id"`
	Name   string `sql:"name"`
	Entity *int   `sql:"entity_attributes"`
	words  []word
}

// textWords is splitWords(text), or words when already split.
func textWords(words []word, text string) []word {
	if words != nil {
		return words
	}
	return splitWords(text)
}

// sortEntities orders the entity edges of process groups by ID (the order
// of an eager load is the database's).
func sortEntities(pgs []*ent.ProcessGroup) {
	for _, pg := range pgs {
		sort.Slice(pg.Edges.Entities, func(i, j int) bool { return pg.Edges.Entities[i].ID < pg.Edges.Entities[j].ID })
	}
}

// ---- the database -----------------------------------------------------------

// dbSource reads each question's rows from the database.
type dbSource struct{ c *ent.Client }

func (d dbSource) bodies(ctx context.Context) (*bodies, error) { return loadBodies(ctx, d.c) }

func (d dbSource) system(ctx context.Context, s string) (*systemRow, error) {
	return resolveSystem(ctx, d.c, s)
}

func (d dbSource) integrations(ctx context.Context, f intFilter) ([]intRow, error) {
	return loadIntegrations(ctx, d.c, f.predicates()...)
}

func (d dbSource) systems(ctx context.Context, ids []int) (map[int]*systemRow, error) {
	return loadSystems(ctx, d.c, ids)
}

func (d dbSource) maps(ctx context.Context, ids []int) (map[int]*mapRow, error) {
	return loadMaps(ctx, d.c, ids)
}

func (d dbSource) spheres(ctx context.Context, ids []int) (map[int]*sphereRow, error) {
	return loadSpheres(ctx, d.c, ids)
}

func (d dbSource) entities(ctx context.Context) ([]entRow, error) {
	var rows []entRow
	if err := d.c.Entity.Query().Order(ent.Asc(entity.FieldID)).
		Select(entity.FieldID, entity.FieldName, entity.SphereColumn).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("integrations: load entities: %w", err)
	}
	return rows, nil
}

func (d dbSource) attributes(ctx context.Context) ([]attrRow, error) {
	var rows []attrRow
	if err := d.c.Attribute.Query().Order(ent.Asc(attribute.FieldID)).
		Select(attribute.FieldID, attribute.FieldName, attribute.EntityColumn).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("integrations: load attributes: %w", err)
	}
	return rows, nil
}

func (dbSource) index() *sourceIndex { return nil }

func (d dbSource) groupsManaging(ctx context.Context, ids []int) ([]*ent.ProcessGroup, error) {
	pgs, err := d.c.ProcessGroup.Query().
		Where(processgroup.HasEntitiesWith(entity.IDIn(ids...))).
		Order(ent.Asc(processgroup.FieldID)).
		Select(processgroup.FieldID, processgroup.FieldCode, processgroup.FieldName).
		WithSphere(func(q *ent.SphereQuery) { q.Select(sphere.FieldID) }).
		WithEntities(func(q *ent.EntityQuery) { q.Where(entity.IDIn(ids...)).Select(entity.FieldID) }).
		WithInformationSystems(func(q *ent.InformationSystemQuery) { q.Select(informationsystem.FieldID) }).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("integrations: load process groups: %w", err)
	}
	sortEntities(pgs)
	return pgs, nil
}

func (d dbSource) groupsAutomatedBy(ctx context.Context, id int) ([]*ent.ProcessGroup, error) {
	pgs, err := d.c.ProcessGroup.Query().
		Where(processgroup.HasInformationSystemsWith(informationsystem.ID(id))).
		Order(ent.Asc(processgroup.FieldID)).
		Select(processgroup.FieldID, processgroup.FieldCode, processgroup.FieldName).
		WithSphere(func(q *ent.SphereQuery) { q.Select(sphere.FieldID) }).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("integrations: load process groups: %w", err)
	}
	return pgs, nil
}

func (d dbSource) groupsWithSystems(ctx context.Context) ([]*ent.ProcessGroup, error) {
	pgs, err := d.c.ProcessGroup.Query().
		Where(processgroup.HasInformationSystems()).
		Order(ent.Asc(processgroup.FieldID)).
		Select(processgroup.FieldID).
		WithSphere(func(q *ent.SphereQuery) { q.Select(sphere.FieldID) }).
		WithInformationSystems(func(q *ent.InformationSystemQuery) { q.Select(informationsystem.FieldID) }).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("integrations: load process groups: %w", err)
	}
	return pgs, nil
}
