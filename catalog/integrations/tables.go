package integrations

import (
	"context"
	"fmt"
	"slices"

	"github.com/karta/karta/catalog/page"
	"github.com/karta/karta/catalog/versioned"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/entity"
	"github.com/karta/karta/ent/informationsystem"
	"github.com/karta/karta/ent/processgroup"
	"github.com/karta/karta/ent/sphere"
	"github.com/karta/karta/ent/transformationmap"
)

// tables are the rows every question reads, of one catalog version, read
// whole in nine queries and kept in a memo: bodies, systems, maps, spheres,
// integrations, entities, attributes and process groups with the entities
// they manage and the systems automating them, names split into words and
// indexed by word (sourceIndex).
// Never changed once built: requests share them.
type tables struct {
	b        *bodies
	sys      map[int]*systemRow
	mapsByID map[int]*mapRow
	sph      map[int]*sphereRow
	rows     []intRow // by ID, data names parsed and split
	ents     []entRow // by ID, names split
	attrs    []attrRow
	groups   []*ent.ProcessGroup // by ID; entity edges by ID
	index    *sourceIndex        // the words of ents, attrs and rows
}

func loadTables(ctx context.Context, c *ent.Client) (*tables, error) {
	t := &tables{}
	var err error
	if t.b, err = loadBodies(ctx, c); err != nil {
		return nil, err
	}
	var sys []systemRow
	if err := c.InformationSystem.Query().Order(ent.Asc(informationsystem.FieldID)).
		Select(systemColumns...).Scan(ctx, &sys); err != nil {
		return nil, fmt.Errorf("integrations: load systems: %w", err)
	}
	t.sys = make(map[int]*systemRow, len(sys))
	for i := range sys {
		t.sys[sys[i].ID] = &sys[i]
	}
	var maps []mapRow
	if err := c.TransformationMap.Query().
		Select(transformationmap.FieldID, transformationmap.FieldTitle, transformationmap.MinistryColumn).
		Scan(ctx, &maps); err != nil {
		return nil, fmt.Errorf("integrations: load maps: %w", err)
	}
	t.mapsByID = make(map[int]*mapRow, len(maps))
	for i := range maps {
		t.mapsByID[maps[i].ID] = &maps[i]
	}
	if t.sph, err = loadSpheres(ctx, c, nil); err != nil {
		return nil, err
	}
	if t.rows, err = loadIntegrations(ctx, c); err != nil {
		return nil, err
	}
	for i := range t.rows {
		r := &t.rows[i]
		r.names = r.dataNames()
		r.nameWords = make([][]word, len(r.names))
		for j, n := range r.names {
			r.nameWords[j] = splitWords(n)
		}
		r.parsed = true
	}
	for i := range t.rows {
		r := &t.rows[i]
		it := r.export(t.b, t.sys, t.mapsByID)
		r.exported = &it
	}
	db := dbSource{c}
	if t.ents, err = db.entities(ctx); err != nil {
		return nil, err
	}
	for i := range t.ents {
		t.ents[i].words = splitWords(t.ents[i].Name)
	}
	if t.attrs, err = db.attributes(ctx); err != nil {
		return nil, err
	}
	for i := range t.attrs {
		t.attrs[i].words = splitWords(t.attrs[i].Name)
	}
	t.groups, err = c.ProcessGroup.Query().
		Order(ent.Asc(processgroup.FieldID)).
		Select(processgroup.FieldID, processgroup.FieldCode, processgroup.FieldName).
		WithSphere(func(q *ent.SphereQuery) { q.Select(sphere.FieldID) }).
		WithEntities(func(q *ent.EntityQuery) { q.Select(entity.FieldID) }).
		WithInformationSystems(func(q *ent.InformationSystemQuery) { q.Select(informationsystem.FieldID) }).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("integrations: load process groups: %w", err)
	}
	sortEntities(t.groups)
	t.index = newSourceIndex(t.ents, t.attrs, t.rows)
	return t, nil
}

// tableSource answers from tables; systems are still resolved by name in
// the database (one query), where the spelling rules live.
type tableSource struct {
	t *tables
	c *ent.Client
}

func (s tableSource) bodies(context.Context) (*bodies, error) { return s.t.b, nil }

func (s tableSource) system(ctx context.Context, name string) (*systemRow, error) {
	return resolveSystem(ctx, s.c, name)
}

func (s tableSource) integrations(_ context.Context, f intFilter) ([]intRow, error) {
	if f.everything() {
		return s.t.rows, nil // shared: the questions only read the rows
	}
	var out []intRow
	for i := range s.t.rows {
		if f.match(&s.t.rows[i]) {
			out = append(out, s.t.rows[i])
		}
	}
	return out, nil
}

func (s tableSource) systems(context.Context, []int) (map[int]*systemRow, error) {
	return s.t.sys, nil
}

func (s tableSource) maps(context.Context, []int) (map[int]*mapRow, error) {
	return s.t.mapsByID, nil
}

func (s tableSource) spheres(context.Context, []int) (map[int]*sphereRow, error) {
	return s.t.sph, nil
}

func (s tableSource) entities(context.Context) ([]entRow, error) { return s.t.ents, nil }

func (s tableSource) attributes(context.Context) ([]attrRow, error) { return s.t.attrs, nil }

func (s tableSource) groupsManaging(_ context.Context, ids []int) ([]*ent.ProcessGroup, error) {
	var out []*ent.ProcessGroup
	for _, pg := range s.t.groups {
		var managed []*ent.Entity
		for _, e := range pg.Edges.Entities {
			if _, ok := slices.BinarySearch(ids, e.ID); ok {
				managed = append(managed, e)
			}
		}
		if len(managed) > 0 {
			cp := *pg
			cp.Edges.Entities = managed
			out = append(out, &cp)
		}
	}
	return out, nil
}

func (s tableSource) index() *sourceIndex { return s.t.index }

func (s tableSource) groupsAutomatedBy(_ context.Context, id int) ([]*ent.ProcessGroup, error) {
	var out []*ent.ProcessGroup
	for _, pg := range s.t.groups {
		if slices.ContainsFunc(pg.Edges.InformationSystems, func(is *ent.InformationSystem) bool { return is.ID == id }) {
			out = append(out, pg)
		}
	}
	return out, nil
}

func (s tableSource) groupsWithSystems(context.Context) ([]*ent.ProcessGroup, error) {
	var out []*ent.ProcessGroup
	for _, pg := range s.t.groups {
		if len(pg.Edges.InformationSystems) > 0 {
			out = append(out, pg)
		}
	}
	return out, nil
}

// Memoized answers the questions of this package from the catalog's rows
// read once per catalog version (see catalog/versioned) and filtered in Go
// by each request's arguments; the systems used by several ministries are
// kept whole. Its answers are the package functions' answers for the
// version of the request's snapshot. A nil memo reads the database each
// time.
type Memoized struct {
	Memo *versioned.Memo
}

const (
	keyTables = "integrations.tables"
	keyShared = "integrations.shared"
)

func (m Memoized) source(ctx context.Context, c *ent.Client) (source, error) {
	if m.Memo == nil {
		return dbSource{c}, nil
	}
	t, err := versioned.Load(ctx, m.Memo, c, keyTables, computeTables(c))
	if err != nil {
		return nil, err
	}
	return tableSource{t: t, c: c}, nil
}

// The computations of the values kept, one per key: the same for a request
// and for Warm.

func computeTables(c *ent.Client) func(context.Context) (*tables, error) {
	return func(ctx context.Context) (*tables, error) { return loadTables(ctx, c) }
}

func (m Memoized) computeShared(c *ent.Client) func(context.Context) ([]SharedSystem, error) {
	return func(ctx context.Context) ([]SharedSystem, error) {
		src, err := m.source(ctx, c)
		if err != nil {
			return nil, err
		}
		return sharedSystems(ctx, src, 2)
	}
}

// Warm computes every value Memoized keeps for a version (see
// versioned.Warm): the tables, then the shared systems from them. The first
// request of the version then finds them computed, or waits for the
// warm-up's computation. A nil memo keeps nothing and warms nothing.
func (m Memoized) Warm(c *ent.Client) versioned.Warm {
	if m.Memo == nil {
		return versioned.All()
	}
	return versioned.All(
		versioned.Compute(m.Memo, keyTables, computeTables(c)),
		versioned.Compute(m.Memo, keyShared, m.computeShared(c)),
	)
}

// Graph is Graph over the memo's tables.
func (m Memoized) Graph(ctx context.Context, c *ent.Client, f Filter) (*Network, error) {
	src, err := m.source(ctx, c)
	if err != nil {
		return nil, err
	}
	return graphOf(ctx, src, f)
}

// Traverse is Traverse over the memo's tables.
func (m Memoized) Traverse(ctx context.Context, c *ent.Client, o TraverseOptions) (*Traversal, error) {
	if err := o.normalize(); err != nil {
		return nil, err
	}
	src, err := m.source(ctx, c)
	if err != nil {
		return nil, err
	}
	return traverse(ctx, src, o)
}

// DataSources is DataSources over the memo's tables.
func (m Memoized) DataSources(ctx context.Context, c *ent.Client, need string) ([]SourceGroup, error) {
	if len(needTerms(need)) == 0 {
		return nil, nil
	}
	src, err := m.source(ctx, c)
	if err != nil {
		return nil, err
	}
	return dataSources(ctx, src, need)
}

// DataSourcePage is a page of DataSources over the memo's tables (first
// nil: to the end). The whole answer is matched; only the page's bodies
// are returned.
func (m Memoized) DataSourcePage(ctx context.Context, c *ent.Client, need string, first *int, after *page.Cursor) (*SourcePage, error) {
	all, err := m.DataSources(ctx, c, need)
	if err != nil {
		return nil, err
	}
	groups, info, err := page.Of(all, first, after)
	if err != nil {
		return nil, err
	}
	p := &SourcePage{TotalCount: len(all), PageInfo: info, Nodes: make([]*SourceGroup, len(groups))}
	for i := range groups {
		p.Nodes[i] = &groups[i]
	}
	return p, nil
}

// System is System over the memo's tables.
func (m Memoized) System(ctx context.Context, c *ent.Client, system string) (*SystemUsage, error) {
	src, err := m.source(ctx, c)
	if err != nil {
		return nil, err
	}
	return systemOf(ctx, src, system)
}

// SharedSystems is SharedSystems: the systems used by two ministries or
// more once per version, those used by minMinistries picked from them.
func (m Memoized) SharedSystems(ctx context.Context, c *ent.Client, minMinistries int) ([]SharedSystem, error) {
	if m.Memo == nil {
		return SharedSystems(ctx, c, minMinistries)
	}
	all, err := versioned.Load(ctx, m.Memo, c, keyShared, m.computeShared(c))
	if err != nil {
		return nil, err
	}
	// Ordered by the number of ministries, most first.
	n := 0
	for n < len(all) && len(all[n].Ministries) >= max(minMinistries, 2) {
		n++
	}
	return all[:n:n], nil
}
