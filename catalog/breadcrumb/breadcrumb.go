package breadcrumb

import (
	"context"
	"fmt"
	"sort"

	"github.com/vikstrous/dataloadgen"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/attribute"
	"github.com/karta/karta/ent/entity"
	"github.com/karta/karta/ent/experience"
	"github.com/karta/karta/ent/icebreaker"
	"github.com/karta/karta/ent/informationsystem"
	"github.com/karta/karta/ent/integration"
	"github.com/karta/karta/ent/kpi"
	"github.com/karta/karta/ent/kpitarget"
	"github.com/karta/karta/ent/ministry"
	"github.com/karta/karta/ent/need"
	"github.com/karta/karta/ent/process"
	"github.com/karta/karta/ent/processgroup"
	"github.com/karta/karta/ent/roadmapitem"
	"github.com/karta/karta/ent/roadmapstep"
	"github.com/karta/karta/ent/service"
	"github.com/karta/karta/ent/serviceplan"
	"github.com/karta/karta/ent/sourcefragment"
	"github.com/karta/karta/ent/sphere"
	"github.com/karta/karta/ent/sphereschedule"
	"github.com/karta/karta/ent/statefunction"
	"github.com/karta/karta/ent/structuralunit"
	"github.com/karta/karta/ent/transformationmap"
)

// Ref names a node by its GraphQL type and ID.
type Ref struct {
	Type string
	ID   int
}

// Crumb is one step of a breadcrumb.
type Crumb struct {
	ID   int
	Type string
	Name string
}

// step is what one node says of itself: its display name and its parent.
type step struct {
	name   string
	parent *Ref
}

type stepper func(ctx context.Context, c *ent.Client, ids []int) (map[int]step, error)

func ref(typ string, id int) *Ref { return &Ref{Type: typ, ID: id} }

// steppers know, for each type, a node's name and parent.
var steppers = map[string]stepper{
	"Ministry": func(ctx context.Context, c *ent.Client, ids []int) (map[int]step, error) {
		ns, err := c.Ministry.Query().Where(ministry.IDIn(ids...)).Select(ministry.FieldName).WithParent(func(q *ent.MinistryQuery) { q.Select(ministry.FieldID) }).All(ctx)
		return collect(ns, err, func(n *ent.Ministry) (int, step) {
			s := step{name: n.Name}
			if n.Edges.Parent != nil {
				s.parent = ref("Ministry", n.Edges.Parent.ID)
			}
			return n.ID, s
		})
	},
	"TransformationMap": func(ctx context.Context, c *ent.Client, ids []int) (map[int]step, error) {
		ns, err := c.TransformationMap.Query().Where(transformationmap.IDIn(ids...)).Select(transformationmap.FieldTitle).WithMinistry(idOnly[*ent.MinistryQuery](ministry.FieldID)).All(ctx)
		return collect(ns, err, func(n *ent.TransformationMap) (int, step) {
			return n.ID, step{n.Title, parentOf("Ministry", n.Edges.Ministry)}
		})
	},
	"Sphere": func(ctx context.Context, c *ent.Client, ids []int) (map[int]step, error) {
		ns, err := c.Sphere.Query().Where(sphere.IDIn(ids...)).Select(sphere.FieldName).WithMap(idOnly[*ent.TransformationMapQuery](transformationmap.FieldID)).All(ctx)
		return collect(ns, err, func(n *ent.Sphere) (int, step) {
			return n.ID, step{n.Name, parentOf("TransformationMap", n.Edges.Map)}
		})
	},
	"Experience": func(ctx context.Context, c *ent.Client, ids []int) (map[int]step, error) {
		ns, err := c.Experience.Query().Where(experience.IDIn(ids...)).Select(experience.FieldCountry).WithSphere(idOnly[*ent.SphereQuery](sphere.FieldID)).All(ctx)
		return collect(ns, err, func(n *ent.Experience) (int, step) {
			return n.ID, step{n.Country, parentOf("Sphere", n.Edges.Sphere)}
		})
	},
	"Entity": func(ctx context.Context, c *ent.Client, ids []int) (map[int]step, error) {
		ns, err := c.Entity.Query().Where(entity.IDIn(ids...)).Select(entity.FieldName).WithSphere(idOnly[*ent.SphereQuery](sphere.FieldID)).All(ctx)
		return collect(ns, err, func(n *ent.Entity) (int, step) {
			return n.ID, step{n.Name, parentOf("Sphere", n.Edges.Sphere)}
		})
	},
	"Attribute": func(ctx context.Context, c *ent.Client, ids []int) (map[int]step, error) {
		ns, err := c.Attribute.Query().Where(attribute.IDIn(ids...)).Select(attribute.FieldName).WithEntity(idOnly[*ent.EntityQuery](entity.FieldID)).All(ctx)
		return collect(ns, err, func(n *ent.Attribute) (int, step) {
			return n.ID, step{n.Name, parentOf("Entity", n.Edges.Entity)}
		})
	},
	"ProcessGroup": func(ctx context.Context, c *ent.Client, ids []int) (map[int]step, error) {
		ns, err := c.ProcessGroup.Query().Where(processgroup.IDIn(ids...)).Select(processgroup.FieldCode, processgroup.FieldName).WithSphere(idOnly[*ent.SphereQuery](sphere.FieldID)).All(ctx)
		return collect(ns, err, func(n *ent.ProcessGroup) (int, step) {
			return n.ID, step{n.Code + " " + n.Name, parentOf("Sphere", n.Edges.Sphere)}
		})
	},
	"Process": func(ctx context.Context, c *ent.Client, ids []int) (map[int]step, error) {
		ns, err := c.Process.Query().Where(process.IDIn(ids...)).Select(process.FieldName).WithProcessGroup(idOnly[*ent.ProcessGroupQuery](processgroup.FieldID)).All(ctx)
		return collect(ns, err, func(n *ent.Process) (int, step) {
			return n.ID, step{n.Name, parentOf("ProcessGroup", n.Edges.ProcessGroup)}
		})
	},
	"RoadmapItem": func(ctx context.Context, c *ent.Client, ids []int) (map[int]step, error) {
		ns, err := c.RoadmapItem.Query().Where(roadmapitem.IDIn(ids...)).Select(roadmapitem.FieldProcessGroupName).WithSphere(idOnly[*ent.SphereQuery](sphere.FieldID)).All(ctx)
		return collect(ns, err, func(n *ent.RoadmapItem) (int, step) {
			return n.ID, step{n.ProcessGroupName, parentOf("Sphere", n.Edges.Sphere)}
		})
	},
	"RoadmapStep": func(ctx context.Context, c *ent.Client, ids []int) (map[int]step, error) {
		ns, err := c.RoadmapStep.Query().Where(roadmapstep.IDIn(ids...)).Select(roadmapstep.FieldCode, roadmapstep.FieldYear, roadmapstep.FieldQuarter).WithItem(idOnly[*ent.RoadmapItemQuery](roadmapitem.FieldID)).All(ctx)
		return collect(ns, err, func(n *ent.RoadmapStep) (int, step) {
			return n.ID, step{fmt.Sprintf("%s %d Q%d", n.Code, n.Year, n.Quarter), parentOf("RoadmapItem", n.Edges.Item)}
		})
	},
	"KPI": func(ctx context.Context, c *ent.Client, ids []int) (map[int]step, error) {
		ns, err := c.KPI.Query().Where(kpi.IDIn(ids...)).Select(kpi.FieldName).
			WithSphere(idOnly[*ent.SphereQuery](sphere.FieldID)).
			WithMap(idOnly[*ent.TransformationMapQuery](transformationmap.FieldID)).All(ctx)
		return collect(ns, err, func(n *ent.KPI) (int, step) {
			if n.Edges.Sphere != nil {
				return n.ID, step{n.Name, parentOf("Sphere", n.Edges.Sphere)}
			}
			return n.ID, step{n.Name, parentOf("TransformationMap", n.Edges.Map)}
		})
	},
	"KPITarget": func(ctx context.Context, c *ent.Client, ids []int) (map[int]step, error) {
		ns, err := c.KPITarget.Query().Where(kpitarget.IDIn(ids...)).Select(kpitarget.FieldYear, kpitarget.FieldText).WithKpi(idOnly[*ent.KPIQuery](kpi.FieldID)).All(ctx)
		return collect(ns, err, func(n *ent.KPITarget) (int, step) {
			return n.ID, step{fmt.Sprintf("%d: %s", n.Year, n.Text), parentOf("KPI", n.Edges.Kpi)}
		})
	},
	"SphereSchedule": func(ctx context.Context, c *ent.Client, ids []int) (map[int]step, error) {
		ns, err := c.SphereSchedule.Query().Where(sphereschedule.IDIn(ids...)).Select(sphereschedule.FieldYear, sphereschedule.FieldText).
			WithSphere(idOnly[*ent.SphereQuery](sphere.FieldID)).
			WithMap(idOnly[*ent.TransformationMapQuery](transformationmap.FieldID)).All(ctx)
		return collect(ns, err, func(n *ent.SphereSchedule) (int, step) {
			name := fmt.Sprintf("%d: %s", n.Year, n.Text)
			if n.Edges.Sphere != nil {
				return n.ID, step{name, parentOf("Sphere", n.Edges.Sphere)}
			}
			return n.ID, step{name, parentOf("TransformationMap", n.Edges.Map)}
		})
	},
	"ServicePlan": mapChild(func(ctx context.Context, c *ent.Client, ids []int) ([]named, error) {
		ns, err := c.ServicePlan.Query().Where(serviceplan.IDIn(ids...)).Select(serviceplan.FieldBodyText).WithMap(idOnly[*ent.TransformationMapQuery](transformationmap.FieldID)).All(ctx)
		return each(ns, err, func(n *ent.ServicePlan) named { return named{n.ID, n.BodyText, n.Edges.Map} })
	}),
	"Integration": mapChild(func(ctx context.Context, c *ent.Client, ids []int) ([]named, error) {
		ns, err := c.Integration.Query().Where(integration.IDIn(ids...)).Select(integration.FieldProviderSystemText, integration.FieldConsumerSystemText).WithMap(idOnly[*ent.TransformationMapQuery](transformationmap.FieldID)).All(ctx)
		return each(ns, err, func(n *ent.Integration) named {
			return named{n.ID, fmt.Sprintf("%s → %s", n.ProviderSystemText, n.ConsumerSystemText), n.Edges.Map}
		})
	}),
	"Icebreaker": mapChild(func(ctx context.Context, c *ent.Client, ids []int) ([]named, error) {
		ns, err := c.Icebreaker.Query().Where(icebreaker.IDIn(ids...)).Select(icebreaker.FieldName).WithMap(idOnly[*ent.TransformationMapQuery](transformationmap.FieldID)).All(ctx)
		return each(ns, err, func(n *ent.Icebreaker) named { return named{n.ID, n.Name, n.Edges.Map} })
	}),
	"Need": mapChild(func(ctx context.Context, c *ent.Client, ids []int) ([]named, error) {
		ns, err := c.Need.Query().Where(need.IDIn(ids...)).Select(need.FieldText).WithMap(idOnly[*ent.TransformationMapQuery](transformationmap.FieldID)).All(ctx)
		return each(ns, err, func(n *ent.Need) named { return named{n.ID, n.Text, n.Edges.Map} })
	}),
	"SourceFragment": mapChild(func(ctx context.Context, c *ent.Client, ids []int) ([]named, error) {
		ns, err := c.SourceFragment.Query().Where(sourcefragment.IDIn(ids...)).Select(sourcefragment.FieldSourceLine).WithMap(idOnly[*ent.TransformationMapQuery](transformationmap.FieldID)).All(ctx)
		return each(ns, err, func(n *ent.SourceFragment) named {
			return named{n.ID, fmt.Sprintf("line %d", n.SourceLine), n.Edges.Map}
		})
	}),
	"InformationSystem": func(ctx context.Context, c *ent.Client, ids []int) (map[int]step, error) {
		ns, err := c.InformationSystem.Query().Where(informationsystem.IDIn(ids...)).Select(informationsystem.FieldName).WithOwner(idOnly[*ent.MinistryQuery](ministry.FieldID)).All(ctx)
		return collect(ns, err, func(n *ent.InformationSystem) (int, step) {
			return n.ID, step{n.Name, parentOf("Ministry", n.Edges.Owner)}
		})
	},
	"StateFunction": func(ctx context.Context, c *ent.Client, ids []int) (map[int]step, error) {
		ns, err := c.StateFunction.Query().Where(statefunction.IDIn(ids...)).Select(statefunction.FieldText).WithMinistry(idOnly[*ent.MinistryQuery](ministry.FieldID)).All(ctx)
		return collect(ns, err, func(n *ent.StateFunction) (int, step) {
			return n.ID, step{n.Text, parentOf("Ministry", n.Edges.Ministry)}
		})
	},
	"StructuralUnit": func(ctx context.Context, c *ent.Client, ids []int) (map[int]step, error) {
		ns, err := c.StructuralUnit.Query().Where(structuralunit.IDIn(ids...)).Select(structuralunit.FieldCode).WithMinistry(idOnly[*ent.MinistryQuery](ministry.FieldID)).All(ctx)
		return collect(ns, err, func(n *ent.StructuralUnit) (int, step) {
			return n.ID, step{n.Code, parentOf("Ministry", n.Edges.Ministry)}
		})
	},
	"Service": func(ctx context.Context, c *ent.Client, ids []int) (map[int]step, error) {
		ns, err := c.Service.Query().Where(service.IDIn(ids...)).Select(service.FieldName).All(ctx)
		return collect(ns, err, func(n *ent.Service) (int, step) { return n.ID, step{name: n.Name} })
	},
}

// Types lists the node types the package knows, sorted.
func Types() []string {
	out := make([]string, 0, len(steppers))
	for t := range steppers {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

func idOnly[Q interface{ Select(...string) S }, S any](field string) func(Q) {
	return func(q Q) { q.Select(field) }
}

// parentOf returns the Ref of an eager-loaded parent, nil when it is absent.
func parentOf[T interface{ comparable }](typ string, n T) *Ref {
	var zero T
	if n == zero {
		return nil
	}
	return ref(typ, nodeID(n))
}

func nodeID(n any) int {
	switch v := n.(type) {
	case *ent.Ministry:
		return v.ID
	case *ent.TransformationMap:
		return v.ID
	case *ent.Sphere:
		return v.ID
	case *ent.Entity:
		return v.ID
	case *ent.ProcessGroup:
		return v.ID
	case *ent.RoadmapItem:
		return v.ID
	case *ent.KPI:
		return v.ID
	}
	panic(fmt.Sprintf("breadcrumb: no parent type %T", n))
}

func collect[T any](ns []T, err error, f func(T) (int, step)) (map[int]step, error) {
	if err != nil {
		return nil, err
	}
	out := make(map[int]step, len(ns))
	for _, n := range ns {
		id, s := f(n)
		out[id] = s
	}
	return out, nil
}

// named is a node whose parent is its map.
type named struct {
	id   int
	name string
	m    *ent.TransformationMap
}

func each[T any](ns []T, err error, f func(T) named) ([]named, error) {
	if err != nil {
		return nil, err
	}
	out := make([]named, len(ns))
	for i, n := range ns {
		out[i] = f(n)
	}
	return out, nil
}

func mapChild(q func(ctx context.Context, c *ent.Client, ids []int) ([]named, error)) stepper {
	return func(ctx context.Context, c *ent.Client, ids []int) (map[int]step, error) {
		ns, err := q(ctx, c, ids)
		if err != nil {
			return nil, err
		}
		out := make(map[int]step, len(ns))
		for _, n := range ns {
			out[n.id] = step{n.name, parentOf("TransformationMap", n.m)}
		}
		return out, nil
	}
}

// maxDepth bounds the walk up (ministry › parent ministry › map › sphere ›
// entity › attribute is six levels); it also stops any cycle.
const maxDepth = 8

// Resolve returns the breadcrumb of each ref: the path from its top body
// down to the node itself (the last crumb). Unknown nodes get no crumbs.
func Resolve(ctx context.Context, c *ent.Client, refs []Ref) (map[Ref][]Crumb, error) {
	steps := map[Ref]step{}
	pending := map[string]map[int]bool{}
	add := func(r Ref) {
		if _, done := steps[r]; done {
			return
		}
		if pending[r.Type] == nil {
			pending[r.Type] = map[int]bool{}
		}
		pending[r.Type][r.ID] = true
	}
	for _, r := range refs {
		add(r)
	}
	for depth := 0; len(pending) > 0 && depth < maxDepth; depth++ {
		level := pending
		pending = map[string]map[int]bool{}
		types := make([]string, 0, len(level))
		for t := range level {
			types = append(types, t)
		}
		sort.Strings(types)
		for _, typ := range types {
			st, ok := steppers[typ]
			if !ok {
				return nil, fmt.Errorf("breadcrumb: unknown node type %q", typ)
			}
			ids := make([]int, 0, len(level[typ]))
			for id := range level[typ] {
				ids = append(ids, id)
			}
			sort.Ints(ids)
			got, err := st(ctx, c, ids)
			if err != nil {
				return nil, fmt.Errorf("breadcrumb %s: %w", typ, err)
			}
			for id, s := range got {
				steps[Ref{typ, id}] = s
			}
		}
		for _, s := range steps {
			if s.parent != nil {
				add(*s.parent)
			}
		}
	}
	out := make(map[Ref][]Crumb, len(refs))
	for _, r := range refs {
		var path []Crumb
		cur := &r
		for i := 0; cur != nil && i < maxDepth; i++ {
			s, ok := steps[*cur]
			if !ok {
				break
			}
			path = append(path, Crumb{ID: cur.ID, Type: cur.Type, Name: s.name})
			cur = s.parent
		}
		for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
			path[i], path[j] = path[j], path[i]
		}
		out[r] = path
	}
	return out, nil
}

// Loader batches the breadcrumb requests of one operation.
type Loader struct {
	l *dataloadgen.Loader[Ref, []Crumb]
}

// NewLoader returns a loader for one request.
func NewLoader(c *ent.Client) *Loader {
	return &Loader{l: dataloadgen.NewMappedLoader(func(ctx context.Context, refs []Ref) (map[Ref][]Crumb, error) {
		return Resolve(ctx, c, refs)
	})}
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
	m, err := Resolve(ctx, c, []Ref{{typ, id}})
	if err != nil {
		return nil, err
	}
	return m[Ref{typ, id}], nil
}
