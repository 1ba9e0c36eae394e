package analytics

import (
	"context"
	"sort"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/entity"
	"github.com/karta/karta/ent/kpi"
	"github.com/karta/karta/ent/ministry"
	"github.com/karta/karta/ent/processgroup"
	"github.com/karta/karta/ent/sphere"
	"github.com/karta/karta/ent/transformationmap"
)

// Count is a number of nodes with one status.
type Count struct {
	Status string
	Count  int
}

// Summary aggregates one ministry or one sphere.
type Summary struct {
	// Type is "Ministry" or "Sphere"; ID and Name identify it.
	Type string
	ID   int
	Name string
	// MinistryID is the body the sphere belongs to (the ministry itself for
	// a ministry summary).
	MinistryID int
	Spheres    int
	Entities   int
	// EntitiesByDigitization counts entities per digitization status
	// (FULL, PARTIAL, NONE, UNKNOWN; all four, zeros included).
	EntitiesByDigitization []Count
	ProcessGroups          int
	// GroupsByAutomation: AUTOMATED, PARTIAL, NONE, UNKNOWN.
	GroupsByAutomation []Count
	// GroupsByReengineering: IN_PROGRESS, PLANNED, DONE, NOT_PLANNED, UNKNOWN.
	GroupsByReengineering []Count
	// GroupsWithAI counts process groups with AI or other perspective
	// technologies planned.
	GroupsWithAI int
	// Services counts distinct public services related to the groups;
	// Systems distinct information systems automating them.
	Services int
	Systems  int
	// KPIs counts the KPIs grouped under the sphere, or all KPIs of the
	// ministry's maps.
	KPIs int
}

type acc struct {
	Summary
	dig, auto, reeng map[string]int
	services, sys    map[int]bool
}

func newAcc(typ string, id int, name string, ministryID int) *acc {
	return &acc{Summary: Summary{Type: typ, ID: id, Name: name, MinistryID: ministryID},
		dig: map[string]int{}, auto: map[string]int{}, reeng: map[string]int{},
		services: map[int]bool{}, sys: map[int]bool{}}
}

func (a *acc) addSphere(s *ent.Sphere) {
	a.Spheres++
	for _, e := range s.Edges.Entities {
		a.Entities++
		a.dig[e.Digitization.String()]++
	}
	for _, g := range s.Edges.ProcessGroups {
		a.ProcessGroups++
		a.auto[g.Automation.String()]++
		a.reeng[g.Reengineering.String()]++
		if g.HasAi != nil && *g.HasAi {
			a.GroupsWithAI++
		}
		for _, sv := range g.Edges.Services {
			a.services[sv.ID] = true
		}
		for _, is := range g.Edges.InformationSystems {
			a.sys[is.ID] = true
		}
	}
}

func (a *acc) done() *Summary {
	s := a.Summary
	s.EntitiesByDigitization = counts(a.dig, entity.DigitizationFULL.String(), entity.DigitizationPARTIAL.String(),
		entity.DigitizationNONE.String(), entity.DigitizationUNKNOWN.String())
	s.GroupsByAutomation = counts(a.auto, processgroup.AutomationAUTOMATED.String(), processgroup.AutomationPARTIAL.String(),
		processgroup.AutomationNONE.String(), processgroup.AutomationUNKNOWN.String())
	s.GroupsByReengineering = counts(a.reeng, processgroup.ReengineeringIN_PROGRESS.String(), processgroup.ReengineeringPLANNED.String(),
		processgroup.ReengineeringDONE.String(), processgroup.ReengineeringNOT_PLANNED.String(), processgroup.ReengineeringUNKNOWN.String())
	s.Services = len(a.services)
	s.Systems = len(a.sys)
	return &s
}

func counts(m map[string]int, order ...string) []Count {
	out := make([]Count, len(order))
	for i, k := range order {
		out[i] = Count{Status: k, Count: m[k]}
	}
	return out
}

// loadSpheres reads the spheres (of one ministry when ministryID != 0) with
// what the summaries count, in a fixed number of queries.
func loadSpheres(ctx context.Context, c *ent.Client, ministryID int) ([]*ent.Sphere, error) {
	q := c.Sphere.Query().Select(sphere.FieldName, sphere.FieldNumber).
		WithMinistry(func(q *ent.MinistryQuery) { q.Select(ministry.FieldID, ministry.FieldName) }).
		WithEntities(func(q *ent.EntityQuery) { q.Select(entity.FieldID, entity.FieldDigitization) }).
		WithProcessGroups(func(q *ent.ProcessGroupQuery) {
			q.Select(processgroup.FieldID, processgroup.FieldAutomation, processgroup.FieldReengineering, processgroup.FieldHasAi).
				WithServices(func(q *ent.ServiceQuery) { q.Select("id") }).
				WithInformationSystems(func(q *ent.InformationSystemQuery) { q.Select("id") })
		}).
		WithKpis(func(q *ent.KPIQuery) { q.Select(kpi.FieldID) }).
		Order(sphere.ByID())
	if ministryID != 0 {
		q.Where(sphere.HasMinistryWith(ministry.ID(ministryID)))
	}
	return q.All(ctx)
}

// Spheres summarizes every sphere (of one ministry when ministryID != 0),
// ordered by ministry and sphere number.
func Spheres(ctx context.Context, c *ent.Client, ministryID int) ([]*Summary, error) {
	spheres, err := loadSpheres(ctx, c, ministryID)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(spheres, func(i, j int) bool {
		a, b := spheres[i], spheres[j]
		if a.Edges.Ministry.Name != b.Edges.Ministry.Name {
			return a.Edges.Ministry.Name < b.Edges.Ministry.Name
		}
		return a.Number < b.Number
	})
	out := make([]*Summary, 0, len(spheres))
	for _, s := range spheres {
		a := newAcc("Sphere", s.ID, s.Name, s.Edges.Ministry.ID)
		a.addSphere(s)
		a.KPIs = len(s.Edges.Kpis)
		out = append(out, a.done())
	}
	return out, nil
}

// Ministries summarizes every body that owns a map (or just ministryID),
// ordered by name.
func Ministries(ctx context.Context, c *ent.Client, ministryID int) ([]*Summary, error) {
	spheres, err := loadSpheres(ctx, c, ministryID)
	if err != nil {
		return nil, err
	}
	// Only the keys: a map row carries its whole document model.
	kq := c.KPI.Query().Select(kpi.FieldID).WithMap(func(q *ent.TransformationMapQuery) {
		q.Select(transformationmap.FieldID).WithMinistry(func(q *ent.MinistryQuery) { q.Select(ministry.FieldID) })
	})
	kpis, err := kq.All(ctx)
	if err != nil {
		return nil, err
	}
	by := map[int]*acc{}
	get := func(id int, name string) *acc {
		if by[id] == nil {
			by[id] = newAcc("Ministry", id, name, id)
		}
		return by[id]
	}
	for _, s := range spheres {
		get(s.Edges.Ministry.ID, s.Edges.Ministry.Name).addSphere(s)
	}
	for _, k := range kpis {
		if m := k.Edges.Map; m != nil && m.Edges.Ministry != nil {
			if a := by[m.Edges.Ministry.ID]; a != nil {
				a.KPIs++
			}
		}
	}
	out := make([]*Summary, 0, len(by))
	for _, a := range by {
		out = append(out, a.done())
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}
