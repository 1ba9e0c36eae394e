package integrations

import (
	"context"
	"fmt"
	"github.com/karta/karta/catalog/ref"
	"sort"
	"time"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/integration"
)

// NodeKind tells a body from an information system.
type NodeKind string

// The kinds of nodes.
const (
	KindBody   NodeKind = "BODY"
	KindSystem NodeKind = "SYSTEM"
)

// Node is a body or an information system of an integration graph. An
// integration attaches to the system of its side when the map names one,
// else to the body; so body nodes are the sides with no known system (and
// the start of a traversal from a body).
type Node struct {
	ID   int
	Kind NodeKind
	Key  string
	Name string
	// Short is a body's short name.
	Short string
	// Parent is the body a body belongs to (a committee's ministry).
	Parent *ref.Ref
	// Owner is the body owning a system, when known.
	Owner *ref.Ref
	// Hop is the distance from the start of a traversal; 0 in Graph.
	Hop int
	// In and Out count the result's edges entering and leaving the node.
	In, Out int
	// HasMore is set by Traverse on nodes with integrations in the
	// traversal's direction left out by a limit.
	HasMore bool
}

// Edge is an integration drawn from its provider's node to its consumer's.
type Edge struct {
	Integration
	// From is the provider's node, To the consumer's.
	From, To int
	// Hop is the larger hop of the two nodes (0 in Graph).
	Hop int
}

// Counts sums up a graph.
type Counts struct {
	Nodes, Bodies, Systems, Edges int
	// Unresolved counts the integrations left out because one side names
	// neither a known body nor a known system.
	Unresolved int
}

// Network is the graph of integrations: Graph's answer.
type Network struct {
	// Nodes are ordered bodies first, then by name.
	Nodes []Node
	// Edges are ordered by integration ID.
	Edges  []Edge
	Counts Counts
}

// Filter narrows Graph's integrations; zero fields do not filter.
type Filter struct {
	// Ministry is a body's ent ID, key, short name or name: integrations
	// whose consumer or provider body is it or one of the bodies under it
	// (its committees).
	Ministry string
	// Domain is a data domain, compared case-insensitively («спорт и туризм»).
	Domain string
	// System is a system's ent ID, key or name: integrations it consumes
	// or provides.
	System string
	// DeadlineFrom and DeadlineTo bound the deadline, inclusive; with
	// either, integrations without a deadline are left out.
	DeadlineFrom, DeadlineTo time.Time
}

// Graph returns the integrations matching the filter as a graph of bodies
// and systems, in at most five queries: bodies, the filter's system,
// integrations, then the systems' names and the maps' titles.
func Graph(ctx context.Context, c *ent.Client, f Filter) (*Network, error) {
	return graphOf(ctx, dbSource{c}, f)
}

func graphOf(ctx context.Context, src source, f Filter) (*Network, error) {
	b, err := src.bodies(ctx)
	if err != nil {
		return nil, err
	}
	var filter intFilter
	if f.Ministry != "" {
		m := b.resolve(f.Ministry)
		if m == nil {
			return nil, fmt.Errorf("%w: body %q", ErrNotFound, f.Ministry)
		}
		ids := b.descendants(m.ID)
		filter.all = append(filter.all, []sideIn{
			{integration.ConsumerBodyColumn, ids}, {integration.ProviderBodyColumn, ids}})
	}
	if f.System != "" {
		s, err := src.system(ctx, f.System)
		if err != nil {
			return nil, err
		}
		ids := []int{s.ID}
		filter.all = append(filter.all, []sideIn{
			{integration.ConsumerSystemColumn, ids}, {integration.ProviderSystemColumn, ids}})
	}
	filter.deadlineFrom, filter.deadlineTo = f.DeadlineFrom, f.DeadlineTo
	rows, err := src.integrations(ctx, filter)
	if err != nil {
		return nil, err
	}
	if f.Domain != "" {
		// A new slice: rows may be the memo's, shared by every request.
		d, kept := fold(f.Domain), make([]intRow, 0, len(rows))
		for _, r := range rows {
			if fold(r.Domain) == d {
				kept = append(kept, r)
			}
		}
		rows = kept
	}
	var g graphBuilder
	g.init(b)
	for i := range rows {
		r := &rows[i]
		from, to := r.providerNode(), r.consumerNode()
		if from == 0 || to == 0 {
			g.unresolved++
			continue
		}
		g.addNode(from, r.ProviderBody, r.ProviderSystem, 0)
		g.addNode(to, r.ConsumerBody, r.ConsumerSystem, 0)
		g.edges = append(g.edges, edgeRow{row: r, from: from, to: to})
	}
	nodes, edges, counts, err := g.finish(ctx, src)
	if err != nil {
		return nil, err
	}
	return &Network{Nodes: nodes, Edges: edges, Counts: counts}, nil
}

// graphBuilder gathers nodes and edges by ID, then names them in two
// queries (systems, maps) whatever their number.
type graphBuilder struct {
	b          *bodies
	nodes      map[int]*Node
	edges      []edgeRow
	unresolved int
}

type edgeRow struct {
	row      *intRow
	from, to int
}

func (g *graphBuilder) init(b *bodies) {
	g.b, g.nodes = b, map[int]*Node{}
}

// addNode adds the node id of an integration side (system, else body) at
// the given hop, unless it is there already; it reports whether it was new.
func (g *graphBuilder) addNode(id int, body, system *int, hop int) bool {
	if g.nodes[id] != nil {
		return false
	}
	kind := KindBody
	if system != nil && *system == id {
		kind = KindSystem
	}
	g.nodes[id] = &Node{ID: id, Kind: kind, Hop: hop}
	return true
}

func (g *graphBuilder) finish(ctx context.Context, src source) ([]Node, []Edge, Counts, error) {
	var sysIDs, mIDs []int
	for id, n := range g.nodes {
		if n.Kind == KindSystem {
			sysIDs = append(sysIDs, id)
		}
	}
	for _, e := range g.edges {
		sysIDs = append(sysIDs, e.row.systemIDs()...)
		if e.row.Map != nil {
			mIDs = append(mIDs, *e.row.Map)
		}
	}
	sys, err := src.systems(ctx, sysIDs)
	if err != nil {
		return nil, nil, Counts{}, err
	}
	maps, err := src.maps(ctx, mIDs)
	if err != nil {
		return nil, nil, Counts{}, err
	}
	counts := Counts{Unresolved: g.unresolved}
	nodes := make([]Node, 0, len(g.nodes))
	for _, n := range g.nodes {
		if n.Kind == KindSystem {
			counts.Systems++
			if s := sys[n.ID]; s != nil {
				n.Key, n.Name, n.Owner = s.Key, s.Name, g.b.refPtr(s.Owner)
			}
		} else {
			counts.Bodies++
			if r := g.b.byID[n.ID]; r != nil {
				n.Key, n.Name, n.Short, n.Parent = r.Key, r.Name, r.Short, g.b.parent(r.ID)
			}
		}
	}
	edges := make([]Edge, 0, len(g.edges))
	for _, e := range g.edges {
		from, to := g.nodes[e.from], g.nodes[e.to]
		from.Out++
		to.In++
		edges = append(edges, Edge{Integration: e.row.export(g.b, sys, maps), From: e.from, To: e.to, Hop: max(from.Hop, to.Hop)})
	}
	for _, n := range g.nodes {
		nodes = append(nodes, *n)
	}
	sort.Slice(nodes, func(i, j int) bool {
		a, b := nodes[i], nodes[j]
		if a.Hop != b.Hop {
			return a.Hop < b.Hop
		}
		if a.Kind != b.Kind {
			return a.Kind == KindBody
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.ID < b.ID
	})
	sort.SliceStable(edges, func(i, j int) bool {
		if edges[i].Hop != edges[j].Hop {
			return edges[i].Hop < edges[j].Hop
		}
		return edges[i].ID < edges[j].ID
	})
	counts.Nodes, counts.Edges = len(nodes), len(edges)
	return nodes, edges, counts, nil
}
