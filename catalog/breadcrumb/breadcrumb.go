package breadcrumb

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"github.com/vikstrous/dataloadgen"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/registry"
)

// Ref names a node by its GraphQL type and ID.
type Ref = registry.Ref

// Crumb is one step of a breadcrumb (generated in package ent with the
// Breadcrumb method of every node type).
type Crumb = ent.Crumb

// Types lists the node types the package knows (every type of the
// registry), sorted.
func Types() []string {
	var out []string
	for _, t := range registry.Types() {
		out = append(out, t.Name)
	}
	sort.Strings(out)
	return out
}

// maxDepth bounds the walk up (ministry › parent ministry › map › sphere ›
// entity › attribute is six levels); it also stops any cycle.
const maxDepth = 8

// Resolve returns the breadcrumb of each ref: the path from its top body
// down to the node itself (the last crumb). Unknown nodes get no crumbs.
func Resolve(ctx context.Context, c *ent.Client, refs []Ref) (map[Ref][]Crumb, error) {
	return resolve(ctx, c, refs, nil)
}

// resolve is Resolve reusing and extending known, the steps already read
// (nil for none).
func resolve(ctx context.Context, c *ent.Client, refs []Ref, known *stepCache) (map[Ref][]Crumb, error) {
	steps := known.copy()
	pending := map[string]map[int]bool{}
	// add queues the first node on r's path up whose step is not known
	// (r itself, or the parent of a step seeded or read before).
	add := func(r Ref) {
		for i := 0; ; i++ {
			s, done := steps[r]
			if !done {
				break
			}
			if s.Parent == nil || i == maxDepth {
				return
			}
			r = *s.Parent
		}
		if pending[r.Type] == nil {
			pending[r.Type] = map[int]bool{}
		}
		pending[r.Type][r.ID] = true
	}
	for _, r := range refs {
		add(r)
	}
	var read []registry.Step // the steps read at a level, whose parents come next
	for depth := 0; len(pending) > 0 && depth < maxDepth; depth++ {
		level := pending
		pending = map[string]map[int]bool{}
		types := make([]string, 0, len(level))
		for t := range level {
			types = append(types, t)
		}
		sort.Strings(types)
		for _, typ := range types {
			t := registry.Lookup(typ)
			if t == nil {
				return nil, fmt.Errorf("breadcrumb: unknown node type %q", typ)
			}
			ids := make([]int, 0, len(level[typ]))
			for id := range level[typ] {
				ids = append(ids, id)
			}
			sort.Ints(ids)
			got, err := t.Steps(ctx, c, ids)
			if err != nil {
				return nil, fmt.Errorf("breadcrumb %s: %w", typ, err)
			}
			for id, s := range got {
				steps[Ref{Type: typ, ID: id}] = s
				read = append(read, s)
			}
		}
		for _, s := range read {
			if s.Parent != nil {
				add(*s.Parent)
			}
		}
		read = read[:0]
	}
	known.store(steps)
	out := make(map[Ref][]Crumb, len(refs))
	for _, r := range refs {
		out[r] = Path(r, func(r Ref) (registry.Step, bool) {
			s, ok := steps[r]
			return s, ok
		})
	}
	return out, nil
}

// Path returns the breadcrumb of r, from its top body down to r itself,
// from what step says of each node (false for a node it does not know).
//
// The path is allocated once, at its length (search builds one per node of
// the catalog).
func Path(r Ref, step func(Ref) (registry.Step, bool)) []Crumb {
	var buf [maxDepth]Crumb
	n := 0
	for cur := &r; cur != nil && n < maxDepth; n++ {
		s, ok := step(*cur)
		if !ok {
			break
		}
		buf[n] = Crumb{ID: cur.ID, Type: cur.Type, Name: s.Name}
		cur = s.Parent
	}
	if n == 0 {
		return nil
	}
	path := make([]Crumb, n)
	for i := range path {
		path[i] = buf[n-1-i]
	}
	return path
}

// stepCache holds the steps read by the batches of one operation, so a
// later batch does not read a parent again.
type stepCache struct {
	mu    sync.Mutex
	steps map[Ref]registry.Step
}

// copy returns the steps known so far (an empty map for a nil cache).
func (k *stepCache) copy() map[Ref]registry.Step {
	if k == nil {
		return map[Ref]registry.Step{}
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	out := make(map[Ref]registry.Step, len(k.steps))
	for r, s := range k.steps {
		out[r] = s
	}
	return out
}

// store adds steps to the cache.
func (k *stepCache) store(steps map[Ref]registry.Step) {
	if k == nil {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	for r, s := range steps {
		k.steps[r] = s
	}
}

// Loader batches the breadcrumb requests of one operation.
type Loader struct {
	l       *dataloadgen.Loader[Ref, []Crumb]
	known   *stepCache
	priming sync.Mutex
}

// NewLoader returns a loader for one request; opts tune its batching.
func NewLoader(c *ent.Client, opts ...dataloadgen.Option) *Loader {
	known := &stepCache{steps: map[Ref]registry.Step{}}
	return &Loader{known: known, l: dataloadgen.NewMappedLoader(func(ctx context.Context, refs []Ref) (map[Ref][]Crumb, error) {
		return resolve(ctx, c, refs, known)
	}, opts...)}
}

// Seed records the steps of nodes a query has read with their breadcrumb
// columns (ent's CrumbStepsFunc): a later breadcrumb reads only what is
// above them.
func (l *Loader) Seed(steps []ent.CrumbStep) {
	m := make(map[Ref]registry.Step, len(steps))
	for _, s := range steps {
		st := registry.Step{Name: s.Name}
		if s.HasParent {
			st.Parent = &Ref{Type: s.ParentType, ID: s.ParentID}
		}
		m[Ref{Type: s.Type, ID: s.ID}] = st
	}
	l.known.store(m)
}

// Seed records steps in the loader of ctx (see Loader.Seed); nothing when
// ctx carries none.
func Seed(ctx context.Context, steps []ent.CrumbStep) {
	if l, ok := ctx.Value(ctxKey{}).(*Loader); ok {
		l.Seed(steps)
	}
}

// Load returns the breadcrumb of one node.
func (l *Loader) Load(ctx context.Context, typ string, id int) ([]Crumb, error) {
	return l.l.Load(ctx, Ref{Type: typ, ID: id})
}

type ctxKey struct{}

// With returns ctx carrying loader.
func With(ctx context.Context, loader *Loader) context.Context {
	return context.WithValue(ctx, ctxKey{}, loader)
}

// For returns the breadcrumb of a node through the request's loader (or
// directly, when ctx carries none).
func For(ctx context.Context, c *ent.Client, typ string, id int) ([]Crumb, error) {
	if l, ok := ctx.Value(ctxKey{}).(*Loader); ok {
		return l.Load(ctx, typ, id)
	}
	m, err := Resolve(ctx, c, []Ref{{Type: typ, ID: id}})
	if err != nil {
		return nil, err
	}
	return m[Ref{Type: typ, ID: id}], nil
}

// Prime resolves the breadcrumbs of refs in one batch and stores them in
// the loader of ctx, so the breadcrumb fields of a page of nodes cost the
// same queries whenever their resolvers run (the loader alone batches by a
// time window). It does nothing when ctx carries no loader or refs is
// empty.
func Prime(ctx context.Context, c *ent.Client, refs []Ref) error {
	l, ok := ctx.Value(ctxKey{}).(*Loader)
	if !ok || len(refs) == 0 {
		return nil
	}
	// One prime at a time, so a page whose parents an earlier page read
	// does not read them again.
	l.priming.Lock()
	defer l.priming.Unlock()
	paths, err := resolve(ctx, c, refs, l.known)
	if err != nil {
		return err
	}
	for r, p := range paths {
		l.l.Prime(r, p)
	}
	return nil
}
