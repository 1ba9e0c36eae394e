package search

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/attribute"
	"github.com/karta/karta/ent/entity"
	"github.com/karta/karta/ent/experience"
	"github.com/karta/karta/ent/icebreaker"
	"github.com/karta/karta/ent/informationsystem"
	"github.com/karta/karta/ent/integration"
	"github.com/karta/karta/ent/kpi"
	"github.com/karta/karta/ent/ministry"
	"github.com/karta/karta/ent/need"
	"github.com/karta/karta/ent/process"
	"github.com/karta/karta/ent/processgroup"
	"github.com/karta/karta/ent/roadmapitem"
	"github.com/karta/karta/ent/service"
	"github.com/karta/karta/ent/serviceplan"
	"github.com/karta/karta/ent/sourcefragment"
	"github.com/karta/karta/ent/sphere"
	"github.com/karta/karta/ent/sphereschedule"
	"github.com/karta/karta/ent/statefunction"
	"github.com/karta/karta/ent/structuralunit"
	"github.com/karta/karta/ent/transformationmap"
)

// Service holds the current Index of one server replica and keeps it fresh.
// Searches use whatever index is current; a rebuild happens beside it and
// is swapped in atomically, so searches during a rebuild use the old index.
type Service struct {
	client *ent.Client
	// Logger receives refresh failures in Run; slog.Default() when nil.
	Logger *slog.Logger

	cur atomic.Pointer[Index]
	mu  sync.Mutex // serializes refreshes
}

// NewService returns a Service with no index yet: the first Search or
// Refresh builds it.
func NewService(client *ent.Client) *Service { return &Service{client: client} }

// Index returns the current index, nil before the first build.
func (s *Service) Index() *Index { return s.cur.Load() }

// Search searches the current index, building it first if there is none.
func (s *Service) Search(ctx context.Context, q Query) (*Result, error) {
	for {
		ix := s.cur.Load()
		if ix == nil {
			if _, err := s.Refresh(ctx); err != nil {
				return nil, err
			}
			continue
		}
		res, err := ix.Search(ctx, q)
		if errors.Is(err, ErrClosed) && s.cur.Load() != ix {
			continue // swapped and closed under us: use the new one
		}
		return res, err
	}
}

// Refresh rebuilds the index when the catalog version differs from the
// current index's (or there is no index) and reports whether it did. The
// version is read before the catalog, so a change made during a rebuild is
// picked up by the next Refresh.
func (s *Service) Refresh(ctx context.Context) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, err := Version(ctx, s.client)
	if err != nil {
		return false, err
	}
	if old := s.cur.Load(); old != nil && old.version == v {
		return false, nil
	}
	return true, s.rebuild(ctx, v)
}

// Rebuild rebuilds the index whatever the catalog version.
func (s *Service) Rebuild(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, err := Version(ctx, s.client)
	if err != nil {
		return err
	}
	return s.rebuild(ctx, v)
}

func (s *Service) rebuild(ctx context.Context, version string) error {
	ix, err := Build(ctx, s.client)
	if err != nil {
		return err
	}
	ix.version = version
	if old := s.cur.Swap(ix); old != nil {
		// Close waits for the searches still running on the old index.
		go old.Close()
	}
	return nil
}

// Run refreshes now and then every interval until ctx is done, logging
// failures (the current index stays in use). It returns ctx.Err().
func (s *Service) Run(ctx context.Context, every time.Duration) error {
	log := s.Logger
	if log == nil {
		log = slog.Default()
	}
	refresh := func() {
		start := time.Now()
		rebuilt, err := s.Refresh(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Warn("search: refresh failed; keeping the current index", "err", err)
		case rebuilt:
			log.Info("search: index rebuilt", "nodes", s.Index().Len(), "took", time.Since(start))
		}
	}
	refresh()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			refresh()
		}
	}
}

// Close closes the current index; the Service must not be used after.
func (s *Service) Close() error {
	if ix := s.cur.Swap(nil); ix != nil {
		return ix.Close()
	}
	return nil
}

// Version returns the catalog version: a hash of the (type, ID, digest)
// of every indexed node, read in one query per type (ID and digest columns
// only). The importer sets a new digest whenever a node's content changes,
// and creating or deleting a node changes the set of IDs, so the version
// changes with every import that changes the catalog, including shared
// nodes (bodies, systems, units, services) whose map's imported_at does not
// move. Changes that keep every digest (a hand edit through the ent client)
// are not seen: call Rebuild.
func Version(ctx context.Context, c *ent.Client) (string, error) {
	type row struct {
		id     int
		digest string
	}
	var sum, count uint64
	add := func(typ string, rows []row) {
		for _, r := range rows {
			h := fnv.New64a()
			h.Write([]byte(typ))
			h.Write([]byte{0})
			h.Write([]byte(strconv.Itoa(r.id)))
			h.Write([]byte{0})
			h.Write([]byte(r.digest))
			// Summing makes the version independent of row order.
			sum += h.Sum64()
			count++
		}
	}
	collect := func(typ string, f func() ([]row, error)) error {
		rows, err := f()
		if err != nil {
			return fmt.Errorf("search: catalog version (%s): %w", typ, err)
		}
		add(typ, rows)
		return nil
	}
	rowsOf := func(n int, at func(int) (int, string)) []row {
		out := make([]row, n)
		for i := range out {
			out[i].id, out[i].digest = at(i)
		}
		return out
	}
	steps := []struct {
		typ string
		f   func() ([]row, error)
	}{
		{"Ministry", func() ([]row, error) {
			ns, err := c.Ministry.Query().Select(ministry.FieldDigest).All(ctx)
			return rowsOf(len(ns), func(i int) (int, string) { return ns[i].ID, ns[i].Digest }), err
		}},
		{"TransformationMap", func() ([]row, error) {
			ns, err := c.TransformationMap.Query().Select(transformationmap.FieldDigest).All(ctx)
			return rowsOf(len(ns), func(i int) (int, string) { return ns[i].ID, ns[i].Digest }), err
		}},
		{"Sphere", func() ([]row, error) {
			ns, err := c.Sphere.Query().Select(sphere.FieldDigest).All(ctx)
			return rowsOf(len(ns), func(i int) (int, string) { return ns[i].ID, ns[i].Digest }), err
		}},
		{"Entity", func() ([]row, error) {
			ns, err := c.Entity.Query().Select(entity.FieldDigest).All(ctx)
			return rowsOf(len(ns), func(i int) (int, string) { return ns[i].ID, ns[i].Digest }), err
		}},
		{"Attribute", func() ([]row, error) {
			ns, err := c.Attribute.Query().Select(attribute.FieldDigest).All(ctx)
			return rowsOf(len(ns), func(i int) (int, string) { return ns[i].ID, ns[i].Digest }), err
		}},
		{"ProcessGroup", func() ([]row, error) {
			ns, err := c.ProcessGroup.Query().Select(processgroup.FieldDigest).All(ctx)
			return rowsOf(len(ns), func(i int) (int, string) { return ns[i].ID, ns[i].Digest }), err
		}},
		{"Process", func() ([]row, error) {
			ns, err := c.Process.Query().Select(process.FieldDigest).All(ctx)
			return rowsOf(len(ns), func(i int) (int, string) { return ns[i].ID, ns[i].Digest }), err
		}},
		{"Service", func() ([]row, error) {
			ns, err := c.Service.Query().Select(service.FieldDigest).All(ctx)
			return rowsOf(len(ns), func(i int) (int, string) { return ns[i].ID, ns[i].Digest }), err
		}},
		{"InformationSystem", func() ([]row, error) {
			ns, err := c.InformationSystem.Query().Select(informationsystem.FieldDigest).All(ctx)
			return rowsOf(len(ns), func(i int) (int, string) { return ns[i].ID, ns[i].Digest }), err
		}},
		{"KPI", func() ([]row, error) {
			ns, err := c.KPI.Query().Select(kpi.FieldDigest).All(ctx)
			return rowsOf(len(ns), func(i int) (int, string) { return ns[i].ID, ns[i].Digest }), err
		}},
		{"Integration", func() ([]row, error) {
			ns, err := c.Integration.Query().Select(integration.FieldDigest).All(ctx)
			return rowsOf(len(ns), func(i int) (int, string) { return ns[i].ID, ns[i].Digest }), err
		}},
		{"Need", func() ([]row, error) {
			ns, err := c.Need.Query().Select(need.FieldDigest).All(ctx)
			return rowsOf(len(ns), func(i int) (int, string) { return ns[i].ID, ns[i].Digest }), err
		}},
		{"Icebreaker", func() ([]row, error) {
			ns, err := c.Icebreaker.Query().Select(icebreaker.FieldDigest).All(ctx)
			return rowsOf(len(ns), func(i int) (int, string) { return ns[i].ID, ns[i].Digest }), err
		}},
		{"StateFunction", func() ([]row, error) {
			ns, err := c.StateFunction.Query().Select(statefunction.FieldDigest).All(ctx)
			return rowsOf(len(ns), func(i int) (int, string) { return ns[i].ID, ns[i].Digest }), err
		}},
		{"StructuralUnit", func() ([]row, error) {
			ns, err := c.StructuralUnit.Query().Select(structuralunit.FieldDigest).All(ctx)
			return rowsOf(len(ns), func(i int) (int, string) { return ns[i].ID, ns[i].Digest }), err
		}},
		{"Experience", func() ([]row, error) {
			ns, err := c.Experience.Query().Select(experience.FieldDigest).All(ctx)
			return rowsOf(len(ns), func(i int) (int, string) { return ns[i].ID, ns[i].Digest }), err
		}},
		{"RoadmapItem", func() ([]row, error) {
			ns, err := c.RoadmapItem.Query().Select(roadmapitem.FieldDigest).All(ctx)
			return rowsOf(len(ns), func(i int) (int, string) { return ns[i].ID, ns[i].Digest }), err
		}},
		{"SphereSchedule", func() ([]row, error) {
			ns, err := c.SphereSchedule.Query().Select(sphereschedule.FieldDigest).All(ctx)
			return rowsOf(len(ns), func(i int) (int, string) { return ns[i].ID, ns[i].Digest }), err
		}},
		{"ServicePlan", func() ([]row, error) {
			ns, err := c.ServicePlan.Query().Select(serviceplan.FieldDigest).All(ctx)
			return rowsOf(len(ns), func(i int) (int, string) { return ns[i].ID, ns[i].Digest }), err
		}},
		{"SourceFragment", func() ([]row, error) {
			ns, err := c.SourceFragment.Query().Select(sourcefragment.FieldDigest).All(ctx)
			return rowsOf(len(ns), func(i int) (int, string) { return ns[i].ID, ns[i].Digest }), err
		}},
	}
	for _, st := range steps {
		if err := collect(st.typ, st.f); err != nil {
			return "", err
		}
	}
	return fmt.Sprintf("%d-%016x", count, sum), nil
}
