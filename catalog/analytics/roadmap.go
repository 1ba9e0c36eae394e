package analytics

import (
	"context"
	"fmt"
	"github.com/karta/karta/catalog/ref"
	"slices"
	"sort"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/ministry"
	"github.com/karta/karta/ent/predicate"
	"github.com/karta/karta/ent/roadmapitem"
	"github.com/karta/karta/ent/roadmapstep"
	"github.com/karta/karta/ent/sphere"
	"github.com/karta/karta/ent/sphereschedule"
	"github.com/karta/karta/ent/structuralunit"
)

// RoadmapFilter selects roadmap steps across maps. Zero values select all.
type RoadmapFilter struct {
	// From and To bound the quarters, as year*10+quarter (20252 = Q2 2025), inclusive.
	From, To int
	// MinistryID, SphereID and UnitID narrow the steps to one body (and its
	// committees), one sphere, one responsible unit.
	MinistryID, SphereID, UnitID int
	// Codes keeps only these codes (R, F, D).
	Codes []roadmapstep.Code
	// BudgetDependent keeps only steps with (true) or without (false) the «*» mark.
	BudgetDependent *bool
}

// Validate reports a filter that cannot select anything sensible.
func (f RoadmapFilter) Validate() error {
	for _, p := range []int{f.From, f.To} {
		if p != 0 && (p%10 < 1 || p%10 > 4 || p/10 < 2000 || p/10 > 2100) {
			return fmt.Errorf("%w: roadmap quarter %d: expected year*10+quarter such as 20252", ref.ErrInvalid, p)
		}
	}
	if f.From != 0 && f.To != 0 && f.From > f.To {
		return fmt.Errorf("%w: roadmap from %d is after to %d", ref.ErrInvalid, f.From, f.To)
	}
	for _, c := range f.Codes {
		if roadmapstep.CodeValidator(c) != nil {
			return fmt.Errorf("%w: roadmap code %q: expected R, F or D", ref.ErrInvalid, c)
		}
	}
	return nil
}

// Step is one scheduled step with where it belongs.
type Step struct {
	ID, ItemID       int
	Year, Quarter    int
	Code             string
	BudgetDependent  bool
	ProcessGroupID   int // 0 when the row names no resolvable group
	ProcessGroupName string
	SphereID         int
	SphereName       string
	Ministry         ref.Ref
	UnitIDs          []int
	Units            []string
}

// QuarterSteps groups the steps of one quarter.
type QuarterSteps struct {
	Year, Quarter int
	// Counts are the steps per code (R, F, D) and BudgetDependent those marked «*».
	Counts          []Count
	BudgetDependent int
	Steps           []Step
}

// SphereYear is what one sphere does in one year: the summary roadmap's
// codes and the quarterly steps of its process groups.
type SphereYear struct {
	SphereID   int
	SphereName string
	Ministry   ref.Ref
	Year       int
	// SummaryCodes are the codes of the summary roadmap for the year (e.g. R and F).
	SummaryCodes []string
	// StepCounts are the year's quarterly steps per code.
	StepCounts []Count
	// Groups are the process groups with steps that year.
	Groups int
}

// Roadmap is the roadmap across maps for a filter.
type Roadmap struct {
	Quarters []QuarterSteps
	Spheres  []SphereYear
	Total    int
}

func (f RoadmapFilter) predicates() []predicate.RoadmapStep {
	var ps []predicate.RoadmapStep
	if f.From != 0 {
		ps = append(ps, roadmapstep.PeriodGTE(f.From))
	}
	if f.To != 0 {
		ps = append(ps, roadmapstep.PeriodLTE(f.To))
	}
	if len(f.Codes) > 0 {
		ps = append(ps, roadmapstep.CodeIn(f.Codes...))
	}
	if f.BudgetDependent != nil {
		ps = append(ps, roadmapstep.BudgetDependent(*f.BudgetDependent))
	}
	var item []predicate.RoadmapItem
	if f.SphereID != 0 {
		item = append(item, roadmapitem.HasSphereWith(sphere.ID(f.SphereID)))
	}
	if f.MinistryID != 0 {
		item = append(item, roadmapitem.HasSphereWith(sphere.HasMinistryWith(
			ministry.Or(ministry.ID(f.MinistryID), ministry.HasParentWith(ministry.ID(f.MinistryID))))))
	}
	if f.UnitID != 0 {
		item = append(item, roadmapitem.HasUnitsWith(structuralunit.ID(f.UnitID)))
	}
	if len(item) > 0 {
		ps = append(ps, roadmapstep.HasItemWith(item...))
	}
	return ps
}

// RoadmapAcross returns the steps the filter selects, grouped by quarter, and
// per sphere and year what the sphere does.
func RoadmapAcross(ctx context.Context, c *ent.Client, f RoadmapFilter) (*Roadmap, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	steps, err := loadSteps(ctx, c, f.predicates()...)
	if err != nil {
		return nil, err
	}
	return aggregateRoadmap(stepsOf(steps), func(ids []int) ([]*ent.SphereSchedule, error) {
		return c.SphereSchedule.Query().Where(sphereschedule.HasSphereWith(sphere.IDIn(ids...))).
			WithSphere().Order(sphereschedule.ByID()).All(ctx)
	})
}

// loadSteps reads the steps matching ps with their rows, process groups,
// units, spheres and bodies, by period and ID.
func loadSteps(ctx context.Context, c *ent.Client, ps ...predicate.RoadmapStep) ([]*ent.RoadmapStep, error) {
	return c.RoadmapStep.Query().Where(ps...).
		WithItem(func(q *ent.RoadmapItemQuery) {
			q.WithProcessGroup().
				WithUnits().
				WithSphere(func(q *ent.SphereQuery) { q.WithMinistry(withParents) })
		}).
		Order(roadmapstep.ByPeriod(), roadmapstep.ByID()).All(ctx)
}

// all reports whether the filter keeps every step.
func (f RoadmapFilter) all() bool {
	return f.From == 0 && f.To == 0 && f.MinistryID == 0 && f.SphereID == 0 && f.UnitID == 0 &&
		len(f.Codes) == 0 && f.BudgetDependent == nil
}

// keep is the filter's predicates on a loaded step (see predicates).
func (f RoadmapFilter) keep(s *ent.RoadmapStep) bool {
	if (f.From != 0 && s.Period < f.From) || (f.To != 0 && s.Period > f.To) {
		return false
	}
	if len(f.Codes) > 0 && !slices.Contains(f.Codes, s.Code) {
		return false
	}
	if f.BudgetDependent != nil && s.BudgetDependent != *f.BudgetDependent {
		return false
	}
	if f.SphereID == 0 && f.MinistryID == 0 && f.UnitID == 0 {
		return true
	}
	it := s.Edges.Item
	if it == nil {
		return false
	}
	sp := it.Edges.Sphere
	if (f.SphereID != 0 || f.MinistryID != 0) && sp == nil {
		return false
	}
	if f.SphereID != 0 && sp.ID != f.SphereID {
		return false
	}
	if f.MinistryID != 0 {
		m := sp.Edges.Ministry
		if m == nil || (m.ID != f.MinistryID && (m.Edges.Parent == nil || m.Edges.Parent.ID != f.MinistryID)) {
			return false
		}
	}
	if f.UnitID != 0 && !slices.ContainsFunc(it.Edges.Units, func(u *ent.StructuralUnit) bool { return u.ID == f.UnitID }) {
		return false
	}
	return true
}

// scheduled is a loaded step with its Step: what the filter reads and what
// the answer lists.
type scheduled struct {
	row  *ent.RoadmapStep
	step Step
}

// stepsOf makes the Step of each loaded step (by period and ID), keeping
// the order. A Step's slices are shared by every answer made from it.
func stepsOf(steps []*ent.RoadmapStep) []*scheduled {
	all := make([]scheduled, len(steps))
	out := make([]*scheduled, len(steps))
	for i, s := range steps {
		it := s.Edges.Item
		sp := it.Edges.Sphere
		m := top(sp.Edges.Ministry)
		st := Step{ID: s.ID, ItemID: it.ID, Year: s.Year, Quarter: s.Quarter, Code: s.Code.String(),
			BudgetDependent: s.BudgetDependent, ProcessGroupName: it.ProcessGroupName,
			SphereID: sp.ID, SphereName: sp.Name, Ministry: ref.Ref{ID: m.ID, Name: m.Name, Short: m.ShortName}}
		if g := it.Edges.ProcessGroup; g != nil {
			st.ProcessGroupID = g.ID
			if st.ProcessGroupName == "" {
				st.ProcessGroupName = g.Name
			}
		}
		// By ID: an eager load returns a row's units in the database's order.
		units := slices.SortedFunc(slices.Values(it.Edges.Units), func(a, b *ent.StructuralUnit) int { return a.ID - b.ID })
		for _, u := range units {
			st.UnitIDs = append(st.UnitIDs, u.ID)
			st.Units = append(st.Units, u.Code)
		}
		all[i] = scheduled{row: s, step: st}
		out[i] = &all[i]
	}
	return out
}

// aggregateRoadmap groups steps (by period and ID) by quarter and by sphere
// and year, reading the summary roadmap of the spheres seen with schedules
// (in ID order).
func aggregateRoadmap(steps []*scheduled, schedules func(sphereIDs []int) ([]*ent.SphereSchedule, error)) (*Roadmap, error) {
	r := &Roadmap{Total: len(steps)}
	// Each quarter's steps in one allocation.
	perPeriod := map[int]int{}
	for _, x := range steps {
		perPeriod[x.row.Period]++
	}
	byQuarter := make(map[int]*QuarterSteps, len(perPeriod))
	type sy struct{ sphere, year int }
	years := map[sy]*SphereYear{}
	yearCodes := map[sy]map[string]int{}
	yearGroups := map[sy]map[int]bool{}
	for _, x := range steps {
		s, st := x.row, x.step
		q := byQuarter[s.Period]
		if q == nil {
			q = &QuarterSteps{Year: s.Year, Quarter: s.Quarter, Steps: make([]Step, 0, perPeriod[s.Period])}
			byQuarter[s.Period] = q
		}
		q.Steps = append(q.Steps, st)
		if s.BudgetDependent {
			q.BudgetDependent++
		}
		k := sy{st.SphereID, s.Year}
		if years[k] == nil {
			years[k] = &SphereYear{SphereID: st.SphereID, SphereName: st.SphereName, Ministry: st.Ministry, Year: s.Year}
			yearCodes[k] = map[string]int{}
			yearGroups[k] = map[int]bool{}
		}
		yearCodes[k][st.Code]++
		yearGroups[k][st.ItemID] = true
	}
	periods := make([]int, 0, len(byQuarter))
	for p := range byQuarter {
		periods = append(periods, p)
	}
	sort.Ints(periods)
	for _, p := range periods {
		q := byQuarter[p]
		codes := map[string]int{}
		for _, s := range q.Steps {
			codes[s.Code]++
		}
		q.Counts = counts(codes, "R", "F", "D")
		r.Quarters = append(r.Quarters, *q)
	}
	// The summary roadmap's codes for the spheres and years seen.
	if len(years) > 0 {
		ids := make([]int, 0, len(years))
		for k := range years {
			ids = append(ids, k.sphere)
		}
		sort.Ints(ids)
		sched, err := schedules(slices.Compact(ids))
		if err != nil {
			return nil, err
		}
		for _, s := range sched {
			if y := years[sy{s.Edges.Sphere.ID, s.Year}]; y != nil {
				y.SummaryCodes = append(y.SummaryCodes, s.Codes...)
			}
		}
	}
	for k, y := range years {
		y.StepCounts = counts(yearCodes[k], "R", "F", "D")
		y.Groups = len(yearGroups[k])
		r.Spheres = append(r.Spheres, *y)
	}
	sort.Slice(r.Spheres, func(i, j int) bool {
		a, b := r.Spheres[i], r.Spheres[j]
		if a.Ministry.Name != b.Ministry.Name {
			return a.Ministry.Name < b.Ministry.Name
		}
		if a.SphereName != b.SphereName {
			return a.SphereName < b.SphereName
		}
		return a.Year < b.Year
	})
	return r, nil
}
