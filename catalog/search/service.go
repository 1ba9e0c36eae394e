package search

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/karta/karta/catalog/versioned"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/catalogstate"
	"github.com/karta/karta/server/snapshot"
)

// Service holds the current Index of one server replica and keeps it fresh.
// Searches use whatever index is current; a rebuild happens beside it and
// is swapped in atomically, so searches during a rebuild use the old index.
type Service struct {
	client *ent.Client
	// Logger receives refresh failures in Run; slog.Default() when nil.
	Logger *slog.Logger

	cur        atomic.Pointer[Index]
	mu         sync.Mutex // serializes refreshes
	refreshing atomic.Bool
	closed     atomic.Bool
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
		if err != nil {
			return nil, err
		}
		return s.dropVanished(ctx, ix, res)
	}
}

// dropVanished removes from res the hits whose nodes an import removed
// after ix was built, so that a search between an import and the next
// refresh never points at a node that cannot be resolved; it also starts
// that refresh. While ix is current (the usual case) it costs one read of
// the version row.
func (s *Service) dropVanished(ctx context.Context, ix *Index, res *Result) (*Result, error) {
	if len(res.Hits) == 0 {
		return res, nil
	}
	v, err := Version(ctx, s.client)
	if err != nil {
		return nil, err
	}
	if v == ix.version {
		return res, nil
	}
	go s.refreshStale()
	kept := res.Hits[:0:0]
	for _, h := range res.Hits {
		_, err := s.client.Noder(ctx, h.ID)
		switch {
		case ent.IsNotFound(err):
			res.Total--
		case err != nil:
			return nil, err
		default:
			kept = append(kept, h)
		}
	}
	res.Hits = kept
	return res, nil
}

// refreshStale refreshes the index after a search found it stale, unless a
// refresh is already running (which will pick the new version up).
func (s *Service) refreshStale() {
	if !s.refreshing.CompareAndSwap(false, true) {
		return
	}
	defer s.refreshing.Store(false)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if _, err := s.Refresh(ctx); err != nil {
		s.logger().Warn("search: refresh after an import failed; keeping the current index", "err", err)
	}
}

func (s *Service) logger() *slog.Logger {
	if s.Logger != nil {
		return s.Logger
	}
	return slog.Default()
}

// Refresh rebuilds the index when the catalog version differs from the
// current index's (or there is no index) and reports whether it did.
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
	return true, s.rebuild(ctx, false)
}

// Rebuild builds the index afresh whatever the catalog version.
func (s *Service) Rebuild(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rebuild(ctx, true)
}

// rebuild makes the index of the catalog as it is and swaps it in: an
// update of the current index (only the changed nodes re-indexed, see
// Index.update) unless full or there is none. The version and the catalog
// are read in one snapshot, so the index is exactly that version.
func (s *Service) rebuild(ctx context.Context, full bool) error {
	ctx, end := snapshot.Begin(ctx)
	defer end()
	version, err := Version(ctx, s.client)
	if err != nil {
		return err
	}
	var ix *Index
	if old := s.cur.Load(); old != nil && !full {
		ix, err = old.update(ctx, s.client)
	} else {
		ix, err = Build(ctx, s.client)
	}
	if err != nil {
		return err
	}
	ix.version = version
	if s.closed.Load() {
		return ix.Close()
	}
	if old := s.cur.Swap(ix); old != nil {
		// Close waits for the searches still running on the old index.
		go old.Close()
	}
	// A build allocates several times what the index keeps; hand the
	// garbage back to the OS now rather than keep it mapped until the
	// scavenger gets to it, so that a replica's resident memory after a
	// build is about its live heap.
	debug.FreeOSMemory()
	return nil
}

// Run refreshes now and then every interval until ctx is done, logging
// failures (the current index stays in use). It returns ctx.Err().
func (s *Service) Run(ctx context.Context, every time.Duration) error {
	log := s.logger()
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
	return versioned.Every(ctx, every, refresh)
}

// Close closes the current index; the Service must not be used after.
func (s *Service) Close() error {
	s.mu.Lock() // wait for a rebuild in progress
	defer s.mu.Unlock()
	s.closed.Store(true)
	if ix := s.cur.Swap(nil); ix != nil {
		return ix.Close()
	}
	return nil
}

// Version returns the catalog version: the version row every import bumps
// in its transaction (see seeds/load), one indexed read. "v0" when the
// database has no version row yet.
func Version(ctx context.Context, c *ent.Client) (string, error) {
	st, err := c.CatalogState.Query().Order(catalogstate.ByID()).First(ctx)
	switch {
	case ent.IsNotFound(err):
		return "v0", nil
	case err != nil:
		return "", fmt.Errorf("search: catalog version: %w", err)
	}
	return "v" + strconv.FormatInt(st.Version, 10), nil
}
