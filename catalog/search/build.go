package search

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/karta/karta/catalog/breadcrumb"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/entity"
	"github.com/karta/karta/ent/ministry"
	"github.com/karta/karta/ent/processgroup"
	"github.com/karta/karta/ent/sphere"
	"github.com/karta/karta/ent/transformationmap"
)

// nodeTypes lists the GraphQL node types the index covers, in the order
// facets list types with equal counts.
var nodeTypes = []string{
	"Ministry", "TransformationMap", "Sphere", "Entity", "Attribute",
	"ProcessGroup", "Process", "Service", "InformationSystem", "KPI",
	"Integration", "Need", "Icebreaker", "StateFunction", "StructuralUnit",
	"Experience", "RoadmapItem", "SphereSchedule", "ServicePlan", "SourceFragment",
}

// Types returns the GraphQL node types the index covers (the values of
// Query.Types and of the type facet).
func Types() []string { return append([]string(nil), nodeTypes...) }

var typeOrder = func() map[string]int {
	m := make(map[string]int, len(nodeTypes))
	for i, t := range nodeTypes {
		m[t] = i
	}
	return m
}()

// part is one text of a node and the GraphQL field it comes from.
type part struct{ field, value string }

// node is what the index keeps of one catalog node in Go memory: the texts
// (for snippets) and the facts a hit reports. Nothing is stored in bleve.
type node struct {
	typ       string
	id        int
	key       string
	name      string // display name
	nameField string // GraphQL field the name comes from
	alt       []part // short names, codes, aliases
	text      []part // every other text
	ministry  []int  // top bodies the node belongs to; the first is the hit's
	crumbs    []breadcrumb.Crumb
}

func (n *node) addAlt(field string, vals ...string) { n.alt = addParts(n.alt, field, vals) }

func (n *node) addText(field string, vals ...string) { n.text = addParts(n.text, field, vals) }

func addParts(ps []part, field string, vals []string) []part {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			ps = append(ps, part{field, v})
		}
	}
	return ps
}

// document is the bleve document of a node.
func (n *node) document(ix *Index) map[string]interface{} {
	alt := make([]string, len(n.alt))
	for i, p := range n.alt {
		alt[i] = p.value
	}
	text := make([]string, len(n.text))
	for i, p := range n.text {
		text[i] = p.value
	}
	ms := make([]string, 0, len(n.ministry))
	for _, id := range n.ministry {
		if m, ok := ix.ministryByID[id]; ok {
			ms = append(ms, m.key)
		}
	}
	return map[string]interface{}{
		fType: n.typ, fMinistry: ms, fName: n.name, fAlt: alt, fText: text,
	}
}

type ministryInfo struct {
	key, name, shortName string
}

// Index is an immutable in-memory full-text index of the catalog. It is
// safe for concurrent use; Close frees it once running searches are done.
type Index struct {
	bleve        bleve.Index
	nodes        map[string]*node
	ministryByID map[int]ministryInfo
	ministryKeys map[string]ministryInfo
	vocab        vocab
	version      string
	builtAt      time.Time

	mu     sync.RWMutex // held for reading by each search, for writing by Close
	closed bool
}

// Len is the number of nodes in the index.
func (ix *Index) Len() int { return len(ix.nodes) }

// Version is the catalog version the index was built from ("" when built
// by Build, which does not read it; see Service).
func (ix *Index) Version() string { return ix.version }

// BuiltAt is when the index was built.
func (ix *Index) BuiltAt() time.Time { return ix.builtAt }

// Close frees the index after the searches running on it finish; later
// searches return ErrClosed.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return nil
	}
	ix.closed = true
	return ix.bleve.Close()
}

// docID is the bleve document ID of a node: its ent ID, zero-padded so that
// sorting by document ID (the tie-break) sorts by ent ID.
func docID(id int) string { return fmt.Sprintf("%020d", id) }

// Build reads the whole catalog and indexes it in memory. It sends a fixed
// number of SQL queries (two per node type: the nodes, then one eager load
// of the edge to their parent), whatever the catalog's size.
func Build(ctx context.Context, client *ent.Client) (*Index, error) {
	l := &loader{ctx: ctx, c: client}
	if err := l.load(); err != nil {
		return nil, fmt.Errorf("search: read catalog: %w", err)
	}
	if err := l.breadcrumbs(); err != nil {
		return nil, fmt.Errorf("search: breadcrumbs: %w", err)
	}
	m, err := newMapping()
	if err != nil {
		return nil, fmt.Errorf("search: mapping: %w", err)
	}
	// scorch with no path keeps its segments in memory only. (NewMemOnly
	// would use the legacy upsidedown engine on a gtreap store, an order of
	// magnitude slower to search.)
	bi, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("search: new index: %w", err)
	}
	ix := &Index{
		bleve:        bi,
		nodes:        make(map[string]*node, len(l.nodes)),
		ministryByID: make(map[int]ministryInfo, len(l.ministries)),
		ministryKeys: make(map[string]ministryInfo, len(l.ministries)),
	}
	for _, m := range l.ministries {
		info := ministryInfo{key: m.Key, name: m.Name, shortName: m.ShortName}
		ix.ministryByID[m.ID] = info
		ix.ministryKeys[m.Key] = info
	}
	batch := bi.NewBatch()
	for _, n := range l.nodes {
		if err := ctx.Err(); err != nil {
			bi.Close()
			return nil, err
		}
		id := docID(n.id)
		if _, dup := ix.nodes[id]; dup {
			bi.Close()
			return nil, fmt.Errorf("search: node ID %d is not unique across types (%s)", n.id, n.typ)
		}
		ix.nodes[id] = n
		if err := batch.Index(id, n.document(ix)); err != nil {
			bi.Close()
			return nil, fmt.Errorf("search: index %s %d: %w", n.typ, n.id, err)
		}
	}
	// One batch makes one segment: searches then read one term dictionary
	// per field.
	if err := bi.Batch(batch); err != nil {
		bi.Close()
		return nil, fmt.Errorf("search: index batch: %w", err)
	}
	adv, err := bi.Advanced()
	if err == nil {
		var r index.IndexReader
		if r, err = adv.Reader(); err == nil {
			ix.vocab, err = readVocab(r)
			r.Close()
		}
	}
	if err != nil {
		bi.Close()
		return nil, fmt.Errorf("search: read vocabulary: %w", err)
	}
	ix.builtAt = time.Now()
	return ix, nil
}

// crumbChunk bounds the IDs of one breadcrumb query (SQLite allows 32766
// parameters, PostgreSQL 65535).
const crumbChunk = 8000

// breadcrumbs resolves the breadcrumb of every node once per build, level
// by level and type by type (package breadcrumb), so that a search answers
// its hits' breadcrumbs without a query.
func (l *loader) breadcrumbs() error {
	for start := 0; start < len(l.nodes); start += crumbChunk {
		nodes := l.nodes[start:min(start+crumbChunk, len(l.nodes))]
		refs := make([]breadcrumb.Ref, len(nodes))
		for i, n := range nodes {
			refs[i] = breadcrumb.Ref{Type: n.typ, ID: n.id}
		}
		crumbs, err := breadcrumb.Resolve(l.ctx, l.c, refs)
		if err != nil {
			return err
		}
		for i, n := range nodes {
			n.crumbs = crumbs[refs[i]]
		}
	}
	return nil
}

// loader reads the catalog type by type and resolves each node's top body
// in Go from the parent IDs it eager-loads.
type loader struct {
	ctx   context.Context
	c     *ent.Client
	nodes []*node

	ministries   []*ent.Ministry
	root         map[int]int // ministry → its top body
	mapMinistry  map[int]int // map → top body
	sphereMin    map[int]int // sphere → top body
	entitySphere map[int]int
	pgSphere     map[int]int
}

func (l *loader) add(n *node) { l.nodes = append(l.nodes, n) }

// top returns the top body of a ministry ID as a one-element slice, nil
// when unknown.
func (l *loader) top(ministryID int) []int {
	if r, ok := l.root[ministryID]; ok {
		return []int{r}
	}
	return nil
}

func ofMap(l *loader, m *ent.TransformationMap) []int {
	if m == nil {
		return nil
	}
	if r, ok := l.mapMinistry[m.ID]; ok {
		return []int{r}
	}
	return nil
}

func ofSphere(l *loader, sphereID int) []int {
	if r, ok := l.sphereMin[sphereID]; ok {
		return []int{r}
	}
	return nil
}

func ofMinistry(l *loader, m *ent.Ministry) []int {
	if m == nil {
		return nil
	}
	return l.top(m.ID)
}

// maxDepth bounds the walk up the ministry parents (and stops a cycle).
const maxDepth = 8

func (l *loader) load() error {
	ctx, c := l.ctx, l.c
	for _, step := range []func() error{
		// Ministries, and each one's top body.
		func() error {
			ms, err := c.Ministry.Query().WithParent(func(q *ent.MinistryQuery) { q.Select(ministry.FieldID) }).All(ctx)
			if err != nil {
				return fmt.Errorf("ministries: %w", err)
			}
			l.ministries = ms
			parent := make(map[int]int, len(ms))
			for _, m := range ms {
				if m.Edges.Parent != nil {
					parent[m.ID] = m.Edges.Parent.ID
				}
			}
			l.root = make(map[int]int, len(ms))
			for _, m := range ms {
				r := m.ID
				for i := 0; i < maxDepth; i++ {
					p, ok := parent[r]
					if !ok {
						break
					}
					r = p
				}
				l.root[m.ID] = r
			}
			for _, m := range ms {
				n := &node{typ: "Ministry", id: m.ID, key: m.Key, name: m.Name, nameField: "name", ministry: l.top(m.ID)}
				n.addAlt("shortName", m.ShortName)
				n.addAlt("aliases", m.Aliases...)
				l.add(n)
			}
			return nil
		},
		func() error {
			ms, err := c.TransformationMap.Query().WithMinistry(func(q *ent.MinistryQuery) { q.Select(ministry.FieldID) }).All(ctx)
			if err != nil {
				return fmt.Errorf("maps: %w", err)
			}
			l.mapMinistry = make(map[int]int, len(ms))
			for _, m := range ms {
				n := &node{typ: "TransformationMap", id: m.ID, key: m.Key, name: m.Title, nameField: "title", ministry: ofMinistry(l, m.Edges.Ministry)}
				if len(n.ministry) > 0 {
					l.mapMinistry[m.ID] = n.ministry[0]
				}
				n.addAlt("passportTitle", m.PassportTitle)
				n.addText("goal", m.Goal)
				n.addText("strategicDocuments", m.StrategicDocuments...)
				n.addText("coveredSpheres", m.CoveredSpheres...)
				n.addText("principles", m.Principles...)
				n.addText("developmentBodiesText", m.DevelopmentBodiesText...)
				n.addText("implementationBodiesText", m.ImplementationBodiesText...)
				n.addText("basis", m.Basis...)
				n.addText("introduction", m.Introduction...)
				n.addText("targetFigures", m.TargetFigures...)
				l.add(n)
			}
			return nil
		},
		func() error {
			ss, err := c.Sphere.Query().WithMinistry(func(q *ent.MinistryQuery) { q.Select(ministry.FieldID) }).All(ctx)
			if err != nil {
				return fmt.Errorf("spheres: %w", err)
			}
			l.sphereMin = make(map[int]int, len(ss))
			for _, s := range ss {
				n := &node{typ: "Sphere", id: s.ID, key: s.Key, name: s.Name, nameField: "name", ministry: ofMinistry(l, s.Edges.Ministry)}
				if len(n.ministry) > 0 {
					l.sphereMin[s.ID] = n.ministry[0]
				}
				if s.Heading != s.Name {
					n.addAlt("heading", s.Heading)
				}
				n.addText("overview", s.Overview...)
				n.addText("problems", s.Problems...)
				n.addText("entityNotes", s.EntityNotes...)
				n.addText("roadmapKpis", s.RoadmapKpis...)
				n.addText("roadmapNotes", s.RoadmapNotes...)
				l.add(n)
			}
			return nil
		},
		func() error {
			es, err := c.Entity.Query().WithSphere(func(q *ent.SphereQuery) { q.Select(sphere.FieldID) }).All(ctx)
			if err != nil {
				return fmt.Errorf("entities: %w", err)
			}
			l.entitySphere = make(map[int]int, len(es))
			for _, e := range es {
				n := &node{typ: "Entity", id: e.ID, key: e.Key, name: e.Name, nameField: "name"}
				if e.Edges.Sphere != nil {
					l.entitySphere[e.ID] = e.Edges.Sphere.ID
					n.ministry = ofSphere(l, e.Edges.Sphere.ID)
				}
				l.add(n)
			}
			return nil
		},
		func() error {
			as, err := c.Attribute.Query().WithEntity(func(q *ent.EntityQuery) { q.Select(entity.FieldID) }).All(ctx)
			if err != nil {
				return fmt.Errorf("attributes: %w", err)
			}
			for _, a := range as {
				n := &node{typ: "Attribute", id: a.ID, key: a.Key, name: a.Name, nameField: "name"}
				if a.Edges.Entity != nil {
					n.ministry = ofSphere(l, l.entitySphere[a.Edges.Entity.ID])
				}
				l.add(n)
			}
			return nil
		},
		func() error {
			gs, err := c.ProcessGroup.Query().WithSphere(func(q *ent.SphereQuery) { q.Select(sphere.FieldID) }).All(ctx)
			if err != nil {
				return fmt.Errorf("process groups: %w", err)
			}
			l.pgSphere = make(map[int]int, len(gs))
			for _, g := range gs {
				n := &node{typ: "ProcessGroup", id: g.ID, key: g.Key, name: g.Name, nameField: "name"}
				if g.Edges.Sphere != nil {
					l.pgSphere[g.ID] = g.Edges.Sphere.ID
					n.ministry = ofSphere(l, g.Edges.Sphere.ID)
				}
				n.addAlt("code", g.Code)
				n.addText("technologiesText", g.TechnologiesText)
				n.addText("servicesText", g.ServicesText)
				n.addText("automationText", g.AutomationText)
				l.add(n)
			}
			return nil
		},
		func() error {
			ps, err := c.Process.Query().WithProcessGroup(func(q *ent.ProcessGroupQuery) { q.Select(processgroup.FieldID) }).All(ctx)
			if err != nil {
				return fmt.Errorf("processes: %w", err)
			}
			for _, p := range ps {
				n := &node{typ: "Process", id: p.ID, key: p.Key, name: p.Name, nameField: "name"}
				if p.Edges.ProcessGroup != nil {
					n.ministry = ofSphere(l, l.pgSphere[p.Edges.ProcessGroup.ID])
				}
				l.add(n)
			}
			return nil
		},
		func() error {
			ss, err := c.Service.Query().WithProcessGroups(func(q *ent.ProcessGroupQuery) { q.Select(processgroup.FieldID) }).All(ctx)
			if err != nil {
				return fmt.Errorf("services: %w", err)
			}
			for _, s := range ss {
				n := &node{typ: "Service", id: s.ID, key: s.Key, name: s.Name, nameField: "name"}
				if s.Code != nil {
					n.addAlt("code", *s.Code)
				}
				// A service may serve the groups of several bodies: it is
				// counted and filtered under each, reported under the body
				// of its first group (lowest ID).
				gs := s.Edges.ProcessGroups
				sort.Slice(gs, func(i, j int) bool { return gs[i].ID < gs[j].ID })
				seen := map[int]bool{}
				for _, g := range gs {
					for _, m := range ofSphere(l, l.pgSphere[g.ID]) {
						if !seen[m] {
							seen[m] = true
							n.ministry = append(n.ministry, m)
						}
					}
				}
				l.add(n)
			}
			return nil
		},
		func() error {
			ss, err := c.InformationSystem.Query().WithOwner(func(q *ent.MinistryQuery) { q.Select(ministry.FieldID) }).All(ctx)
			if err != nil {
				return fmt.Errorf("information systems: %w", err)
			}
			for _, s := range ss {
				n := &node{typ: "InformationSystem", id: s.ID, key: s.Key, name: s.Name, nameField: "name", ministry: ofMinistry(l, s.Edges.Owner)}
				n.addAlt("aliases", s.Aliases...)
				l.add(n)
			}
			return nil
		},
		func() error {
			ks, err := c.KPI.Query().WithMap(func(q *ent.TransformationMapQuery) { q.Select(transformationmap.FieldID) }).All(ctx)
			if err != nil {
				return fmt.Errorf("kpis: %w", err)
			}
			for _, k := range ks {
				n := &node{typ: "KPI", id: k.ID, key: k.Key, name: k.Name, nameField: "name", ministry: ofMap(l, k.Edges.Map)}
				n.addText("group", k.Group)
				l.add(n)
			}
			return nil
		},
		func() error {
			is, err := c.Integration.Query().WithMap(func(q *ent.TransformationMapQuery) { q.Select(transformationmap.FieldID) }).All(ctx)
			if err != nil {
				return fmt.Errorf("integrations: %w", err)
			}
			for _, i := range is {
				n := &node{typ: "Integration", id: i.ID, key: i.Key, ministry: ofMap(l, i.Edges.Map)}
				switch {
				case i.DataText != "":
					n.name, n.nameField = i.DataText, "dataText"
				case len(i.DataNames) > 0:
					n.name, n.nameField = strings.Join(i.DataNames, "; "), "dataNames"
				default:
					n.name, n.nameField = i.Domain, "domain"
				}
				if n.nameField != "domain" {
					n.addText("domain", i.Domain)
				}
				n.addText("providerSystemText", i.ProviderSystemText)
				n.addText("consumerSystemText", i.ConsumerSystemText)
				n.addText("providerBodyText", i.ProviderBodyText)
				n.addText("consumerBodyText", i.ConsumerBodyText)
				l.add(n)
			}
			return nil
		},
		func() error {
			ns, err := c.Need.Query().WithMap(func(q *ent.TransformationMapQuery) { q.Select(transformationmap.FieldID) }).All(ctx)
			if err != nil {
				return fmt.Errorf("needs: %w", err)
			}
			for _, x := range ns {
				n := &node{typ: "Need", id: x.ID, key: x.Key, name: x.Text, nameField: "text", ministry: ofMap(l, x.Edges.Map)}
				n.addText("processGroupName", x.ProcessGroupName)
				n.addText("bodyText", x.BodyText)
				l.add(n)
			}
			return nil
		},
		func() error {
			is, err := c.Icebreaker.Query().WithMap(func(q *ent.TransformationMapQuery) { q.Select(transformationmap.FieldID) }).All(ctx)
			if err != nil {
				return fmt.Errorf("icebreakers: %w", err)
			}
			for _, i := range is {
				n := &node{typ: "Icebreaker", id: i.ID, key: i.Key, name: i.Name, nameField: "name", ministry: ofMap(l, i.Edges.Map)}
				n.addText("description", i.Description...)
				n.addText("goals", i.Goals...)
				n.addText("tasks", i.Tasks...)
				n.addText("bodyText", i.BodyText)
				l.add(n)
			}
			return nil
		},
		func() error {
			fs, err := c.StateFunction.Query().WithMinistry(func(q *ent.MinistryQuery) { q.Select(ministry.FieldID) }).All(ctx)
			if err != nil {
				return fmt.Errorf("state functions: %w", err)
			}
			for _, f := range fs {
				l.add(&node{typ: "StateFunction", id: f.ID, key: f.Key, name: f.Text, nameField: "text", ministry: ofMinistry(l, f.Edges.Ministry)})
			}
			return nil
		},
		func() error {
			us, err := c.StructuralUnit.Query().WithMinistry(func(q *ent.MinistryQuery) { q.Select(ministry.FieldID) }).All(ctx)
			if err != nil {
				return fmt.Errorf("structural units: %w", err)
			}
			for _, u := range us {
				n := &node{typ: "StructuralUnit", id: u.ID, key: u.Key, name: u.Name, nameField: "name", ministry: ofMinistry(l, u.Edges.Ministry)}
				if n.name == "" {
					n.name, n.nameField = u.Code, "code"
				} else if u.Code != u.Name {
					n.addAlt("code", u.Code)
				}
				n.addAlt("aliases", u.Aliases...)
				l.add(n)
			}
			return nil
		},
		func() error {
			rs, err := c.RoadmapItem.Query().WithSphere(func(q *ent.SphereQuery) { q.Select(sphere.FieldID) }).All(ctx)
			if err != nil {
				return fmt.Errorf("roadmap items: %w", err)
			}
			for _, r := range rs {
				n := &node{typ: "RoadmapItem", id: r.ID, key: r.Key, name: r.ProcessGroupName, nameField: "processGroupName"}
				if n.name == "" {
					n.name, n.nameField = r.Technologies, "technologies"
				} else {
					n.addText("technologies", r.Technologies)
				}
				n.addAlt("unitsText", r.UnitsText...)
				if r.Edges.Sphere != nil {
					n.ministry = ofSphere(l, r.Edges.Sphere.ID)
				}
				l.add(n)
			}
			return nil
		},
		func() error {
			ss, err := c.SphereSchedule.Query().WithMap(func(q *ent.TransformationMapQuery) { q.Select(transformationmap.FieldID) }).All(ctx)
			if err != nil {
				return fmt.Errorf("sphere schedules: %w", err)
			}
			for _, x := range ss {
				n := &node{typ: "SphereSchedule", id: x.ID, key: x.Key, name: x.SphereText, nameField: "sphereText", ministry: ofMap(l, x.Edges.Map)}
				n.addAlt("unitsText", x.UnitsText...)
				l.add(n)
			}
			return nil
		},
		func() error {
			ps, err := c.ServicePlan.Query().WithMap(func(q *ent.TransformationMapQuery) { q.Select(transformationmap.FieldID) }).All(ctx)
			if err != nil {
				return fmt.Errorf("service plans: %w", err)
			}
			for _, x := range ps {
				l.add(&node{typ: "ServicePlan", id: x.ID, key: x.Key, name: x.BodyText, nameField: "bodyText", ministry: ofMap(l, x.Edges.Map)})
			}
			return nil
		},
		func() error {
			fs, err := c.SourceFragment.Query().WithMap(func(q *ent.TransformationMapQuery) { q.Select(transformationmap.FieldID) }).All(ctx)
			if err != nil {
				return fmt.Errorf("source fragments: %w", err)
			}
			for _, x := range fs {
				l.add(&node{typ: "SourceFragment", id: x.ID, key: x.Key, name: x.Text, nameField: "text", ministry: ofMap(l, x.Edges.Map)})
			}
			return nil
		},
		func() error {
			xs, err := c.Experience.Query().WithSphere(func(q *ent.SphereQuery) { q.Select(sphere.FieldID) }).All(ctx)
			if err != nil {
				return fmt.Errorf("experiences: %w", err)
			}
			for _, x := range xs {
				n := &node{typ: "Experience", id: x.ID, key: x.Key, name: x.Country, nameField: "country"}
				if x.Edges.Sphere != nil {
					n.ministry = ofSphere(l, x.Edges.Sphere.ID)
				}
				if n.name == "" {
					n.name, n.nameField = x.Text, "text"
				} else {
					n.addText("text", x.Text)
				}
				l.add(n)
			}
			return nil
		},
	} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}
