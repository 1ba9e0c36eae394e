package integrations

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/karta/karta/catalog/ref"
	"sort"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/informationsystem"
	"github.com/karta/karta/ent/integration"
	"github.com/karta/karta/ent/ministry"
	"github.com/karta/karta/ent/predicate"
	"github.com/karta/karta/ent/sphere"
	"github.com/karta/karta/ent/transformationmap"
)

// ErrNotFound is returned (wrapped) when a body or system named by ID, key
// or name is not in the catalog.
var ErrNotFound = ref.ErrNotFound

// Endpoint is one side of an integration: the body and the system, each
// nil when the map names none or it could not be resolved, and both as
// the map writes them.
type Endpoint struct {
	Body       *ref.Ref
	System     *ref.Ref
	BodyText   string
	SystemText string
}

// Integration is one row of a map's integration plan: which data the
// provider gives the consumer, by when.
type Integration struct {
	ID int
	// Map is the map whose plan lists the integration.
	Map       ref.Ref
	Domain    string
	DataNames []string
	Provider  Endpoint
	Consumer  Endpoint
	// Deadline is the last day of the month written, nil when none is.
	Deadline     *time.Time
	DeadlineText string
	Status       integration.Status
}

// ProcessGroupRef names a process group with where it sits: its sphere,
// its map and the body owning the map.
type ProcessGroupRef struct {
	ID       int
	Code     string
	Name     string
	Sphere   ref.Ref
	Map      ref.Ref
	Ministry ref.Ref
}

// ---- bodies -------------------------------------------------------------

type bodyRow struct {
	ID     int    `sql:"id"`
	Key    string `sql:"key"`
	Name   string `sql:"name"`
	Short  string `sql:"short_name"`
	Parent *int   `sql:"ministry_children"`

	// name and short folded, for resolve.
	foldName, foldShort string
}

// bodies is the whole table of bodies (hundreds of rows), loaded in one
// query: names, keys and the committee → ministry hierarchy.
type bodies struct {
	byID     map[int]*bodyRow
	children map[int][]int
	rows     []bodyRow // by ID
}

func loadBodies(ctx context.Context, c *ent.Client) (*bodies, error) {
	var rows []bodyRow
	if err := c.Ministry.Query().
		Order(ent.Asc(ministry.FieldID)).
		Select(ministry.FieldID, ministry.FieldKey, ministry.FieldName, ministry.FieldShortName, ministry.ParentColumn).
		Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("integrations: load bodies: %w", err)
	}
	b := &bodies{byID: make(map[int]*bodyRow, len(rows)), children: map[int][]int{}, rows: rows}
	for i := range rows {
		r := &rows[i]
		r.foldName = fold(r.Name)
		if r.Short != "" {
			r.foldShort = fold(r.Short)
		}
		b.byID[r.ID] = r
		if r.Parent != nil {
			b.children[*r.Parent] = append(b.children[*r.Parent], r.ID)
		}
	}
	return b, nil
}

func (b *bodies) ref(id int) ref.Ref {
	if r := b.byID[id]; r != nil {
		return ref.Ref{ID: r.ID, Name: r.Name, Short: r.Short}
	}
	return ref.Ref{ID: id}
}

func (b *bodies) refPtr(id *int) *ref.Ref {
	if id == nil {
		return nil
	}
	r := b.ref(*id)
	return &r
}

// parent is the body id belongs to, nil for a top-level body.
func (b *bodies) parent(id int) *ref.Ref {
	if r := b.byID[id]; r != nil {
		return b.refPtr(r.Parent)
	}
	return nil
}

// top walks up to the topmost body: a committee's ministry.
func (b *bodies) top(id int) int {
	for i := 0; i < 8; i++ {
		r := b.byID[id]
		if r == nil || r.Parent == nil {
			return id
		}
		id = *r.Parent
	}
	return id
}

// descendants is id and every body under it, id first.
func (b *bodies) descendants(id int) []int {
	out := []int{id}
	seen := map[int]bool{id: true}
	for i := 0; i < len(out); i++ {
		for _, ch := range b.children[out[i]] {
			if !seen[ch] {
				seen[ch] = true
				out = append(out, ch)
			}
		}
	}
	return out
}

// resolve finds a body by ent ID, key, short name or name (the last two
// case-insensitively).
func (b *bodies) resolve(s string) *bodyRow {
	s = strings.TrimSpace(s)
	if id, err := strconv.Atoi(s); err == nil {
		if r := b.byID[id]; r != nil {
			return r
		}
	}
	var short, name *bodyRow
	f := fold(s)
	for i := range b.rows {
		r := &b.rows[i]
		switch {
		case r.Key == s:
			return r
		case short == nil && r.Short != "" && r.foldShort == f:
			short = r
		case name == nil && r.foldName == f:
			name = r
		}
	}
	if short != nil {
		return short
	}
	return name
}

// ---- systems ------------------------------------------------------------

type systemRow struct {
	ID      int    `sql:"id"`
	Key     string `sql:"key"`
	Name    string `sql:"name"`
	Aliases string `sql:"aliases"`
	Owner   *int   `sql:"ministry_systems"`
}

var systemColumns = []string{
	informationsystem.FieldID, informationsystem.FieldKey, informationsystem.FieldName,
	informationsystem.FieldAliases, informationsystem.OwnerColumn,
}

// loadSystems loads the systems with the given IDs in one query (none when
// ids is empty).
func loadSystems(ctx context.Context, c *ent.Client, ids []int) (map[int]*systemRow, error) {
	out := map[int]*systemRow{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []systemRow
	if err := c.InformationSystem.Query().
		Where(informationsystem.IDIn(uniq(ids)...)).
		Select(systemColumns...).
		Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("integrations: load systems: %w", err)
	}
	for i := range rows {
		out[rows[i].ID] = &rows[i]
	}
	return out, nil
}

// resolveSystem finds a system by ent ID, key, exact name, or any of its
// spellings (case-insensitive: «ГБД ЕЛ», «eQonaq»), in one query.
func resolveSystem(ctx context.Context, c *ent.Client, s string) (*systemRow, error) {
	s = strings.TrimSpace(s)
	preds := []predicate.InformationSystem{informationsystem.Key(s), informationsystem.Name(s), informationsystem.AllNamesContainsFold(s)}
	id, err := strconv.Atoi(s)
	if err == nil {
		preds = append(preds, informationsystem.ID(id))
	}
	var rows []systemRow
	if err := c.InformationSystem.Query().
		Where(informationsystem.Or(preds...)).
		Order(ent.Asc(informationsystem.FieldID)).
		Select(systemColumns...).
		Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("integrations: find system %q: %w", s, err)
	}
	var best *systemRow
	rank := 4
	for i := range rows {
		r := &rows[i]
		k := 4
		switch {
		case err == nil && r.ID == id:
			k = 0
		case r.Key == s:
			k = 1
		case r.Name == s:
			k = 2
		case fold(r.Name) == fold(s):
			k = 3
		default:
			for _, a := range r.aliases() {
				if fold(a) == fold(s) {
					k = 3
				}
			}
		}
		if k < rank {
			best, rank = r, k
		}
	}
	if best == nil {
		return nil, fmt.Errorf("%w: information system %q", ErrNotFound, s)
	}
	return best, nil
}

func (r *systemRow) aliases() []string {
	var a []string
	if r.Aliases != "" {
		_ = json.Unmarshal([]byte(r.Aliases), &a)
	}
	return a
}

func systemRef(sys map[int]*systemRow, id *int) *ref.Ref {
	if id == nil {
		return nil
	}
	if r := sys[*id]; r != nil {
		return &ref.Ref{ID: r.ID, Name: r.Name}
	}
	return &ref.Ref{ID: *id}
}

// ---- integrations ---------------------------------------------------------

type intRow struct {
	ID             int        `sql:"id"`
	Map            *int       `sql:"transformation_map_integrations"`
	Domain         string     `sql:"domain"`
	DataNames      string     `sql:"data_names"`
	DataText       string     `sql:"data_text"`
	ConsumerBodyT  string     `sql:"consumer_body_text"`
	ConsumerSysT   string     `sql:"consumer_system_text"`
	ProviderBodyT  string     `sql:"provider_body_text"`
	ProviderSysT   string     `sql:"provider_system_text"`
	DeadlineText   string     `sql:"deadline_text"`
	Deadline       *time.Time `sql:"deadline"`
	Status         string     `sql:"status"`
	ConsumerBody   *int       `sql:"ministry_consumed_integrations"`
	ConsumerSystem *int       `sql:"information_system_consumed_integrations"`
	ProviderBody   *int       `sql:"ministry_provided_integrations"`
	ProviderSystem *int       `sql:"information_system_provided_integrations"`

	// Set in tables: the data names parsed and split into words once, and
	// the row exported with every body, system and map of the version.
	parsed    bool
	names     []string
	nameWords [][]word
	exported  *Integration
}

var integrationColumns = []string{
	integration.FieldID, integration.MapColumn, integration.FieldDomain, integration.FieldDataNames,
	integration.FieldDataText, integration.FieldConsumerBodyText, integration.FieldConsumerSystemText,
	integration.FieldProviderBodyText, integration.FieldProviderSystemText, integration.FieldDeadlineText,
	integration.FieldDeadline, integration.FieldStatus, integration.ConsumerBodyColumn,
	integration.ConsumerSystemColumn, integration.ProviderBodyColumn, integration.ProviderSystemColumn,
}

// loadIntegrations loads the integrations matching preds, in ID order, with
// the IDs of their bodies, systems and map, in one query.
func loadIntegrations(ctx context.Context, c *ent.Client, preds ...predicate.Integration) ([]intRow, error) {
	var rows []intRow
	if err := c.Integration.Query().
		Where(preds...).
		Order(ent.Asc(integration.FieldID)).
		Select(integrationColumns...).
		Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("integrations: load integrations: %w", err)
	}
	return rows, nil
}

// words is the j-th data name, name, split into words.
func (r *intRow) words(j int, name string) []word {
	if r.parsed {
		return r.nameWords[j]
	}
	return splitWords(name)
}

// intIn is the predicate col IN (ids) on an integration's foreign-key column.
func intIn(col string, ids []int) predicate.Integration {
	return func(s *sql.Selector) { s.Where(sql.InInts(s.C(col), ids...)) }
}

func (r *intRow) dataNames() []string {
	if r.parsed {
		return r.names
	}
	var names []string
	if r.DataNames != "" {
		if err := json.Unmarshal([]byte(r.DataNames), &names); err == nil {
			return names
		}
	}
	for _, n := range strings.Split(r.DataText, ";") {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	return names
}

// providerNode and consumerNode are the graph nodes of the two sides: the
// system when known, else the body; 0 when the side names neither.
func (r *intRow) providerNode() int { return endpointNode(r.ProviderBody, r.ProviderSystem) }
func (r *intRow) consumerNode() int { return endpointNode(r.ConsumerBody, r.ConsumerSystem) }

func endpointNode(body, system *int) int {
	switch {
	case system != nil:
		return *system
	case body != nil:
		return *body
	}
	return 0
}

func (r *intRow) systemIDs() []int {
	var ids []int
	for _, p := range []*int{r.ConsumerSystem, r.ProviderSystem} {
		if p != nil {
			ids = append(ids, *p)
		}
	}
	return ids
}

// export turns a row into an Integration, naming its nodes. A row of the
// tables was exported once with the whole tables, which name every node:
// its answer is that Integration (its pointers shared, never changed).
func (r *intRow) export(b *bodies, sys map[int]*systemRow, maps map[int]*mapRow) Integration {
	if r.exported != nil {
		return *r.exported
	}
	it := Integration{
		ID:        r.ID,
		Domain:    r.Domain,
		DataNames: r.dataNames(),
		Provider: Endpoint{Body: b.refPtr(r.ProviderBody), System: systemRef(sys, r.ProviderSystem),
			BodyText: r.ProviderBodyT, SystemText: r.ProviderSysT},
		Consumer: Endpoint{Body: b.refPtr(r.ConsumerBody), System: systemRef(sys, r.ConsumerSystem),
			BodyText: r.ConsumerBodyT, SystemText: r.ConsumerSysT},
		DeadlineText: r.DeadlineText,
		Status:       integration.Status(r.Status),
	}
	if r.Deadline != nil {
		d := r.Deadline.UTC()
		it.Deadline = &d
	}
	if r.Map != nil {
		it.Map = ref.Ref{ID: *r.Map}
		if m := maps[*r.Map]; m != nil {
			it.Map.Name = m.Title
		}
	}
	return it
}

// ---- maps and spheres -------------------------------------------------------

type mapRow struct {
	ID       int    `sql:"id"`
	Title    string `sql:"title"`
	Ministry *int   `sql:"ministry_maps"`
}

// loadMaps loads the maps with the given IDs in one query (none when ids
// is empty).
func loadMaps(ctx context.Context, c *ent.Client, ids []int) (map[int]*mapRow, error) {
	out := map[int]*mapRow{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []mapRow
	if err := c.TransformationMap.Query().
		Where(transformationmap.IDIn(uniq(ids)...)).
		Select(transformationmap.FieldID, transformationmap.FieldTitle, transformationmap.MinistryColumn).
		Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("integrations: load maps: %w", err)
	}
	for i := range rows {
		out[rows[i].ID] = &rows[i]
	}
	return out, nil
}

func mapIDs(rows []intRow) []int {
	var ids []int
	for _, r := range rows {
		if r.Map != nil {
			ids = append(ids, *r.Map)
		}
	}
	return ids
}

type sphereRow struct {
	ID       int    `sql:"id"`
	Name     string `sql:"name"`
	Map      *int   `sql:"transformation_map_spheres"`
	Ministry *int   `sql:"ministry_spheres"`
}

// loadSpheres loads spheres in one query: all of them when ids is nil.
func loadSpheres(ctx context.Context, c *ent.Client, ids []int) (map[int]*sphereRow, error) {
	out := map[int]*sphereRow{}
	q := c.Sphere.Query()
	if ids != nil {
		if len(ids) == 0 {
			return out, nil
		}
		q = q.Where(sphere.IDIn(uniq(ids)...))
	}
	var rows []sphereRow
	if err := q.Select(sphere.FieldID, sphere.FieldName, sphere.MapColumn, sphere.MinistryColumn).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("integrations: load spheres: %w", err)
	}
	for i := range rows {
		out[rows[i].ID] = &rows[i]
	}
	return out, nil
}

// groupRef names a process group with its sphere, map and map's body.
func groupRef(pg *ent.ProcessGroup, b *bodies, spheres map[int]*sphereRow, maps map[int]*mapRow) ProcessGroupRef {
	g := ProcessGroupRef{ID: pg.ID, Code: pg.Code, Name: pg.Name}
	if pg.Edges.Sphere == nil {
		return g
	}
	s := spheres[pg.Edges.Sphere.ID]
	if s == nil {
		g.Sphere = ref.Ref{ID: pg.Edges.Sphere.ID}
		return g
	}
	g.Sphere = ref.Ref{ID: s.ID, Name: s.Name}
	owner := s.Ministry
	if s.Map != nil {
		g.Map = ref.Ref{ID: *s.Map}
		if m := maps[*s.Map]; m != nil {
			g.Map.Name = m.Title
			if m.Ministry != nil {
				owner = m.Ministry
			}
		}
	}
	if owner != nil {
		g.Ministry = b.ref(*owner)
	}
	return g
}

// ---- small helpers ----------------------------------------------------------

func uniq(ids []int) []int {
	seen := make(map[int]bool, len(ids))
	out := make([]int, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	sort.Ints(out)
	return out
}

func keys[V any](m map[int]V) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}
