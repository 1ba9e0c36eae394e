package versioned

import (
	"context"
	"fmt"
	"sync"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/catalogstate"
)

// Keep is how many versions a Memo keeps: the newest, and the one before
// for requests whose snapshot began before the last import committed.
const Keep = 2

// Memo holds values computed from the newest catalog versions, by key.
// The zero value is ready to use.
type Memo struct {
	mu   sync.Mutex
	gens []*generation // at most Keep, newest first
}

type generation struct {
	version int64
	calls   map[string]*call
}

// call is one computation of a value; done is closed when it ends.
type call struct {
	done chan struct{}
	val  any
	err  error
}

// Version reads the catalog version in c's snapshot of ctx: one indexed
// read of the one-row version table (0 before the first import).
func Version(ctx context.Context, c *ent.Client) (int64, error) {
	var vs []struct {
		Version int64 `json:"version"`
	}
	err := c.CatalogState.Query().
		Order(catalogstate.ByID()).Limit(1).
		Select(catalogstate.FieldVersion).Scan(ctx, &vs)
	if err != nil {
		return 0, fmt.Errorf("versioned: catalog version: %w", err)
	}
	if len(vs) == 0 {
		return 0, nil
	}
	return vs[0].Version, nil
}

// Get returns the value of key at version, computing it with compute (in
// the caller's context, so in its snapshot) when no request has. compute
// must read the catalog only through ctx's snapshot of that version, and
// the value it returns must not be changed afterwards: it is shared.
func Get[T any](ctx context.Context, m *Memo, version int64, key string, compute func(context.Context) (T, error)) (T, error) {
	for {
		c, leader, kept := m.call(version, key)
		if !kept {
			return compute(ctx)
		}
		if leader {
			return lead(ctx, m, version, key, c, compute)
		}
		select {
		case <-c.done:
		case <-ctx.Done():
			var zero T
			return zero, ctx.Err()
		}
		if c.err == nil {
			return c.val.(T), nil
		}
		// The computing request failed (its deadline, most often): compute
		// it in this one, unless this one is done too.
		if err := ctx.Err(); err != nil {
			var zero T
			return zero, err
		}
	}
}

// lead runs the computation c of key at version and publishes its result;
// a failure (a panic too) is forgotten, for the next request to retry.
func lead[T any](ctx context.Context, m *Memo, version int64, key string, c *call, compute func(context.Context) (T, error)) (v T, err error) {
	finished := false
	defer func() {
		if !finished {
			c.err = fmt.Errorf("versioned: computing %s panicked", key)
		}
		if c.err != nil {
			m.forget(version, key, c)
		}
		close(c.done)
	}()
	v, err = compute(ctx)
	c.val, c.err = v, err
	finished = true
	return v, err
}

// Load reads the catalog version in ctx's snapshot and returns the value of
// key at that version (see Get). With a nil Memo it computes every time.
func Load[T any](ctx context.Context, m *Memo, c *ent.Client, key string, compute func(context.Context) (T, error)) (T, error) {
	if m == nil {
		return compute(ctx)
	}
	version, err := Version(ctx, c)
	if err != nil {
		var zero T
		return zero, err
	}
	return Get(ctx, m, version, key, compute)
}

// call returns the computation of key at version: leader when the caller
// is to run it, kept false when version is older than the versions kept.
func (m *Memo) call(version int64, key string) (c *call, leader, kept bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var g *generation
	for _, x := range m.gens {
		if x.version == version {
			g = x
			break
		}
	}
	if g == nil {
		if len(m.gens) == Keep && version < m.gens[len(m.gens)-1].version {
			return nil, false, false
		}
		g = &generation{version: version, calls: map[string]*call{}}
		m.gens = append(m.gens, g)
		// Newest first; drop the oldest beyond Keep.
		for i := len(m.gens) - 1; i > 0 && m.gens[i].version > m.gens[i-1].version; i-- {
			m.gens[i], m.gens[i-1] = m.gens[i-1], m.gens[i]
		}
		if len(m.gens) > Keep {
			m.gens = m.gens[:Keep]
		}
	}
	if c := g.calls[key]; c != nil {
		return c, false, true
	}
	c = &call{done: make(chan struct{})}
	g.calls[key] = c
	return c, true, true
}

// forget drops a failed computation so that the next request retries it.
func (m *Memo) forget(version int64, key string, c *call) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, g := range m.gens {
		if g.version == version && g.calls[key] == c {
			delete(g.calls, key)
		}
	}
}

// Versions lists the versions kept, newest first.
func (m *Memo) Versions() []int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]int64, len(m.gens))
	for i, g := range m.gens {
		out[i] = g.version
	}
	return out
}
