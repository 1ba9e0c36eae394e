package integrations

import (
	"context"
	"fmt"
	"github.com/karta/karta/catalog/ref"
	"strings"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/integration"
)

// Direction is which way a traversal follows integrations.
type Direction string

// The directions of a traversal.
const (
	// Upstream follows integrations into a node: who provides to it.
	Upstream Direction = "UPSTREAM"
	// Downstream follows integrations out of a node: who consumes from it.
	Downstream Direction = "DOWNSTREAM"
	// Both follows integrations either way.
	Both Direction = "BOTH"
)

// Limit names a limit that cut a traversal.
type Limit string

// The limits of a traversal, in the order Traversal.Limits lists them.
const (
	// LimitDepth: nodes of the last hop have integrations leading to
	// nodes not in the result.
	LimitDepth Limit = "DEPTH"
	// LimitPerNode: a node had more integrations in one hop than
	// TraverseOptions.PerNodeLimit.
	LimitPerNode Limit = "PER_NODE"
	// LimitNodes: the result reached TraverseOptions.MaxNodes.
	LimitNodes Limit = "NODES"
)

// Traversal bounds.
const (
	// DefaultDepth is the depth when none is given.
	DefaultDepth = 2
	// MaxDepth caps the depth.
	MaxDepth = 4
	// DefaultPerNodeLimit is the per-node limit when none is given.
	DefaultPerNodeLimit = 25
	// DefaultMaxNodes is the node cap when none is given.
	DefaultMaxNodes = 200
	// MaxNodesCap caps the node cap.
	MaxNodesCap = 2000
)

// TraverseOptions say where a traversal starts and how far it goes. Zero
// values take the defaults.
type TraverseOptions struct {
	// Start is a body or a system: ent ID, key, or name (a body's short
	// name too). From a body, integrations of the bodies under it (its
	// committees) count as its own.
	Start string
	// Direction defaults to Both.
	Direction Direction
	// Depth is the number of hops, DefaultDepth when 0, at most MaxDepth.
	Depth int
	// PerNodeLimit is how many integrations each node expands per hop
	// (in integration ID order), DefaultPerNodeLimit when 0.
	PerNodeLimit int
	// MaxNodes caps the nodes of the result, start included,
	// DefaultMaxNodes when 0, at most MaxNodesCap.
	MaxNodes int
}

// HopCount counts the nodes and edges at one hop.
type HopCount struct {
	Hop, Nodes, Edges int
}

// Traversal is the neighbourhood of a body or system: Traverse's answer.
// Edges between nodes of the result found on the way (cycles, cross
// links) are included.
type Traversal struct {
	// Start is the node the traversal started from (also in Nodes).
	Start     Node
	Direction Direction
	// Depth is the depth used, after defaults and the cap.
	Depth int
	// Nodes are ordered by hop, bodies first, then by name.
	Nodes []Node
	// Edges are ordered by hop, then integration ID.
	Edges []Edge
	// Hops counts nodes and edges per hop, from hop 0.
	Hops   []HopCount
	Counts Counts
	// IsPartial is true when a limit left out integrations (Limits says
	// which; Node.HasMore marks the nodes they start from).
	IsPartial bool
	Limits    []Limit
}

// Traverse walks integrations from a body or system, hop by hop, in one
// query per hop whatever the number of nodes: the integrations touching the
// whole frontier at once. One more query of the same kind after the last
// hop finds edges among the result's nodes and whether anything lies
// beyond; around them, at most four: bodies, the start system, then the
// systems' names and the maps' titles. So at most Depth+5 queries.
func Traverse(ctx context.Context, c *ent.Client, o TraverseOptions) (*Traversal, error) {
	if err := o.normalize(); err != nil {
		return nil, err
	}
	return traverse(ctx, dbSource{c}, o)
}

// traverse is Traverse with normalized options.
func traverse(ctx context.Context, src source, o TraverseOptions) (*Traversal, error) {
	b, err := src.bodies(ctx)
	if err != nil {
		return nil, err
	}
	var g graphBuilder
	g.init(b)
	if r := b.resolve(o.Start); r != nil {
		g.addNode(r.ID, &r.ID, nil, 0)
	} else {
		s, err := src.system(ctx, o.Start)
		if err != nil {
			return nil, fmt.Errorf("%w (neither a body nor a system)", err)
		}
		g.addNode(s.ID, nil, &s.ID, 0)
	}
	start := keys(g.nodes)[0]
	t := &traverser{g: &g, o: o, seen: map[int]bool{}, unresolved: map[int]bool{}, limits: map[Limit]bool{}}
	frontier := []int{start}
	for hop := 1; hop <= o.Depth+1 && len(frontier) > 0; hop++ {
		frontier, err = t.hop(ctx, src, frontier, hop)
		if err != nil {
			return nil, err
		}
	}
	g.unresolved = len(t.unresolved)
	nodes, edges, counts, err := g.finish(ctx, src)
	if err != nil {
		return nil, err
	}
	res := &Traversal{Direction: o.Direction, Depth: o.Depth, Nodes: nodes, Edges: edges, Counts: counts}
	for _, n := range nodes {
		if n.ID == start {
			res.Start = n
		}
		for len(res.Hops) <= n.Hop {
			res.Hops = append(res.Hops, HopCount{Hop: len(res.Hops)})
		}
		res.Hops[n.Hop].Nodes++
	}
	for _, e := range edges {
		res.Hops[e.Hop].Edges++
	}
	for _, l := range []Limit{LimitDepth, LimitPerNode, LimitNodes} {
		if t.limits[l] {
			res.Limits = append(res.Limits, l)
		}
	}
	res.IsPartial = len(res.Limits) > 0
	return res, nil
}

func (o *TraverseOptions) normalize() error {
	o.Direction = Direction(strings.ToUpper(string(o.Direction)))
	switch o.Direction {
	case "":
		o.Direction = Both
	case Upstream, Downstream, Both:
	default:
		return fmt.Errorf("%w: unknown direction %q (UPSTREAM, DOWNSTREAM or BOTH)", ref.ErrInvalid, o.Direction)
	}
	if strings.TrimSpace(o.Start) == "" {
		return fmt.Errorf("%w: a traversal needs a start", ref.ErrInvalid)
	}
	if o.Depth < 0 || o.PerNodeLimit < 0 || o.MaxNodes < 0 {
		return fmt.Errorf("%w: negative depth or limit", ref.ErrInvalid)
	}
	if o.Depth == 0 {
		o.Depth = DefaultDepth
	}
	o.Depth = min(o.Depth, MaxDepth)
	if o.PerNodeLimit == 0 {
		o.PerNodeLimit = DefaultPerNodeLimit
	}
	if o.MaxNodes == 0 {
		o.MaxNodes = DefaultMaxNodes
	}
	o.MaxNodes = min(o.MaxNodes, MaxNodesCap)
	return nil
}

type traverser struct {
	g          *graphBuilder
	o          TraverseOptions
	seen       map[int]bool // integrations already drawn
	unresolved map[int]bool // integrations whose far side is unknown
	limits     map[Limit]bool
}

// candidate is an integration found from a frontier node.
type candidate struct {
	row       *intRow
	far       int
	farBody   *int
	farSystem *int
	upstream  bool // the near node is the consumer
}

// hop expands the frontier by one hop and returns the new frontier. The
// hop after the last (hop > Depth) adds no nodes: it draws edges among the
// nodes already there and marks the nodes with more beyond.
func (t *traverser) hop(ctx context.Context, src source, frontier []int, hop int) ([]int, error) {
	g := t.g
	probe := hop > t.o.Depth
	// The frontier's systems match exactly; its bodies match themselves
	// and the bodies under them.
	var systems []int
	isSystem := map[int]bool{}
	bodyNear := map[int]int{}
	for _, id := range frontier {
		if g.nodes[id].Kind == KindSystem {
			systems = append(systems, id)
			isSystem[id] = true
		}
	}
	for _, id := range frontier {
		if g.nodes[id].Kind == KindBody {
			bodyNear[id] = id
		}
	}
	for _, id := range frontier {
		if g.nodes[id].Kind != KindBody {
			continue
		}
		for _, d := range g.b.descendants(id)[1:] {
			if _, ok := bodyNear[d]; !ok {
				bodyNear[d] = id
			}
		}
	}
	bodyIDs := keys(bodyNear)
	side := func(sysCol, bodyCol string) []sideIn {
		var ps []sideIn
		if len(systems) > 0 {
			ps = append(ps, sideIn{sysCol, systems})
		}
		if len(bodyIDs) > 0 {
			ps = append(ps, sideIn{bodyCol, bodyIDs})
		}
		return ps
	}
	var preds []sideIn
	if t.o.Direction != Downstream {
		preds = append(preds, side(integration.ConsumerSystemColumn, integration.ConsumerBodyColumn)...)
	}
	if t.o.Direction != Upstream {
		preds = append(preds, side(integration.ProviderSystemColumn, integration.ProviderBodyColumn)...)
	}
	rows, err := src.integrations(ctx, intFilter{all: [][]sideIn{preds}})
	if err != nil {
		return nil, err
	}
	// near finds the frontier node a side of an integration belongs to.
	near := func(body, system *int) int {
		if system != nil && isSystem[*system] {
			return *system
		}
		if body != nil {
			if n, ok := bodyNear[*body]; ok {
				return n
			}
		}
		return 0
	}
	cands := map[int][]candidate{}
	for i := range rows {
		r := &rows[i]
		if t.seen[r.ID] {
			continue
		}
		if t.o.Direction != Downstream {
			if n := near(r.ConsumerBody, r.ConsumerSystem); n != 0 {
				cands[n] = append(cands[n], candidate{row: r, far: r.providerNode(), farBody: r.ProviderBody, farSystem: r.ProviderSystem, upstream: true})
				continue
			}
		}
		if t.o.Direction != Upstream {
			if n := near(r.ProviderBody, r.ProviderSystem); n != 0 {
				cands[n] = append(cands[n], candidate{row: r, far: r.consumerNode(), farBody: r.ConsumerBody, farSystem: r.ConsumerSystem})
			}
		}
	}
	var next []int
	for _, id := range frontier {
		n := g.nodes[id]
		taken := 0
		for _, cd := range cands[id] {
			if cd.far == 0 {
				t.unresolved[cd.row.ID] = true
				continue
			}
			if g.nodes[cd.far] == nil {
				switch {
				case probe:
					n.HasMore, t.limits[LimitDepth] = true, true
					continue
				case taken >= t.o.PerNodeLimit:
					n.HasMore, t.limits[LimitPerNode] = true, true
					continue
				case len(g.nodes) >= t.o.MaxNodes:
					n.HasMore, t.limits[LimitNodes] = true, true
					continue
				}
				g.addNode(cd.far, cd.farBody, cd.farSystem, hop)
				next = append(next, cd.far)
			} else if taken >= t.o.PerNodeLimit {
				n.HasMore, t.limits[LimitPerNode] = true, true
				continue
			}
			taken++
			t.seen[cd.row.ID] = true
			e := edgeRow{row: cd.row, from: id, to: cd.far}
			if cd.upstream {
				e.from, e.to = cd.far, id
			}
			g.edges = append(g.edges, e)
		}
	}
	return next, nil
}
