package analytics

import (
	"context"
	"slices"

	"github.com/karta/karta/catalog/page"
	"github.com/karta/karta/catalog/versioned"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/sphereschedule"
)

// Memoized answers the questions of this package from results computed
// once per catalog version (see catalog/versioned): the argument-free
// results whole — every summary, both matrices, the duplicate candidates,
// every roadmap step — filtered by each request's arguments. Its answers
// are the package functions' answers for the version of the request's
// snapshot. A nil memo computes every time.
type Memoized struct {
	Memo *versioned.Memo
}

// Keys of the values kept in the memo.
const (
	keyDuplicates = "analytics.duplicates"
	keyMinistries = "analytics.ministries"
	keySpheres    = "analytics.spheres"
	keyMatrix     = "analytics.matrix"
	keyMatrixFlat = "analytics.matrix.flat"
	keyRoadmap    = "analytics.roadmap"
)

// Warm computes every value Memoized keeps for a version (see
// versioned.Warm): the first request of the version then finds them
// computed, or waits for the warm-up's computation. A nil memo keeps
// nothing and warms nothing.
func (m Memoized) Warm(c *ent.Client) versioned.Warm {
	if m.Memo == nil {
		return versioned.All()
	}
	return versioned.All(
		versioned.Compute(m.Memo, keyMinistries, computeMinistries(c)),
		versioned.Compute(m.Memo, keySpheres, computeSpheres(c)),
		versioned.Compute(m.Memo, keyMatrix, computeMatrix(c, true)),
		versioned.Compute(m.Memo, keyMatrixFlat, computeMatrix(c, false)),
		versioned.Compute(m.Memo, keyRoadmap, computeRoadmap(c)),
		versioned.Compute(m.Memo, keyDuplicates, computeDuplicates(c)),
	)
}

// The computations of the values kept, one per key: the same for a request
// and for Warm.

func computeDuplicates(c *ent.Client) func(context.Context) ([]*Candidate, error) {
	return func(ctx context.Context) ([]*Candidate, error) { return DuplicateCandidates(ctx, c) }
}

func computeMatrix(c *ent.Client, rollup bool) func(context.Context) (*Matrix, error) {
	return func(ctx context.Context) (*Matrix, error) { return IntegrationMatrix(ctx, c, rollup) }
}

func computeMinistries(c *ent.Client) func(context.Context) ([]*Summary, error) {
	return func(ctx context.Context) ([]*Summary, error) { return Ministries(ctx, c, 0) }
}

func computeSpheres(c *ent.Client) func(context.Context) ([]*Summary, error) {
	return func(ctx context.Context) ([]*Summary, error) { return Spheres(ctx, c, 0) }
}

// DuplicateCandidates is DuplicateCandidates, once per version.
func (m Memoized) DuplicateCandidates(ctx context.Context, c *ent.Client) ([]*Candidate, error) {
	return versioned.Load(ctx, m.Memo, c, keyDuplicates, computeDuplicates(c))
}

// DuplicateCandidatePage is a page of DuplicateCandidates (first nil: to
// the end), cut from the version's whole answer.
func (m Memoized) DuplicateCandidatePage(ctx context.Context, c *ent.Client, first *int, after *page.Cursor) (*CandidatePage, error) {
	all, err := m.DuplicateCandidates(ctx, c)
	if err != nil {
		return nil, err
	}
	return candidatePage(all, first, after)
}

// IntegrationMatrix is IntegrationMatrix, once per version and rollup.
func (m Memoized) IntegrationMatrix(ctx context.Context, c *ent.Client, rollup bool) (*Matrix, error) {
	key := keyMatrixFlat
	if rollup {
		key = keyMatrix
	}
	return versioned.Load(ctx, m.Memo, c, key, computeMatrix(c, rollup))
}

// Ministries is Ministries: every ministry's summary once per version, the
// one of ministryID picked from them.
func (m Memoized) Ministries(ctx context.Context, c *ent.Client, ministryID int) ([]*Summary, error) {
	all, err := versioned.Load(ctx, m.Memo, c, keyMinistries, computeMinistries(c))
	if err != nil || ministryID == 0 {
		return all, err
	}
	return pick(all, func(s *Summary) bool { return s.ID == ministryID }), nil
}

// Spheres is Spheres: every sphere's summary once per version, those of
// ministryID picked from them (the order stays: by ministry, then number).
func (m Memoized) Spheres(ctx context.Context, c *ent.Client, ministryID int) ([]*Summary, error) {
	all, err := versioned.Load(ctx, m.Memo, c, keySpheres, computeSpheres(c))
	if err != nil || ministryID == 0 {
		return all, err
	}
	return pick(all, func(s *Summary) bool { return s.MinistryID == ministryID }), nil
}

func pick(all []*Summary, keep func(*Summary) bool) []*Summary {
	out := []*Summary{}
	for _, s := range all {
		if keep(s) {
			out = append(out, s)
		}
	}
	return out
}

// roadmapData is every roadmap step, with its Step made once, and every
// sphere's summary roadmap.
type roadmapData struct {
	steps     []*scheduled
	schedules []*ent.SphereSchedule // in ID order
}

func computeRoadmap(c *ent.Client) func(context.Context) (*roadmapData, error) {
	return func(ctx context.Context) (*roadmapData, error) {
		steps, err := loadSteps(ctx, c)
		if err != nil {
			return nil, err
		}
		sched, err := c.SphereSchedule.Query().WithSphere().Order(sphereschedule.ByID()).All(ctx)
		if err != nil {
			return nil, err
		}
		return &roadmapData{steps: stepsOf(steps), schedules: sched}, nil
	}
}

// RoadmapAcross is RoadmapAcross: every step is read once per version and
// the filter applied to them in Go.
func (m Memoized) RoadmapAcross(ctx context.Context, c *ent.Client, f RoadmapFilter) (*Roadmap, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	if m.Memo == nil {
		return RoadmapAcross(ctx, c, f)
	}
	d, err := versioned.Load(ctx, m.Memo, c, keyRoadmap, computeRoadmap(c))
	if err != nil {
		return nil, err
	}
	// aggregateRoadmap only reads the steps: the kept list serves whole.
	steps := d.steps
	if !f.all() {
		steps = nil
		for _, s := range d.steps {
			if f.keep(s.row) {
				steps = append(steps, s)
			}
		}
	}
	return aggregateRoadmap(steps, func(ids []int) ([]*ent.SphereSchedule, error) {
		var out []*ent.SphereSchedule
		for _, s := range d.schedules {
			if s.Edges.Sphere != nil {
				if _, ok := slices.BinarySearch(ids, s.Edges.Sphere.ID); ok {
					out = append(out, s)
				}
			}
		}
		return out, nil
	})
}
