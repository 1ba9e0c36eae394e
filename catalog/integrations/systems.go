package integrations

import (
	"context"
	"github.com/karta/karta/catalog/ref"
	"sort"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/integration"
)

// BodyRole is how a body uses a system.
type BodyRole string

// The roles, in the order BodyUse.Roles lists them.
const (
	// RoleOwner: the body owns the system.
	RoleOwner BodyRole = "OWNER"
	// RoleProcessGroup: the system automates process groups of the
	// body's maps.
	RoleProcessGroup BodyRole = "PROCESS_GROUP"
	// RoleConsumer: the body consumes data through the system.
	RoleConsumer BodyRole = "CONSUMER"
	// RoleProvider: the body provides data through the system.
	RoleProvider BodyRole = "PROVIDER"
)

var roleOrder = []BodyRole{RoleOwner, RoleProcessGroup, RoleConsumer, RoleProvider}

// BodyUse is one body using a system.
type BodyUse struct {
	Body   ref.Ref
	Parent *ref.Ref
	Roles  []BodyRole
	// ProcessGroups counts the process groups of the body's maps the
	// system automates.
	ProcessGroups int
	// Integrations counts the integrations in which the body consumes or
	// provides data through the system.
	Integrations int
}

// SystemUsage is one system across every map: System's answer.
type SystemUsage struct {
	System  ref.Ref
	Key     string
	Aliases []string
	Owner   *ref.Ref
	// ProcessGroups it automates, in every map, ordered by the map's body,
	// map, sphere, then document order.
	ProcessGroups []ProcessGroupRef
	// Consumes and Provides are the integrations in which it consumes or
	// provides data, in ID order.
	Consumes []Integration
	Provides []Integration
	// Bodies owning or using it, by name: the owner, the bodies whose
	// maps' process groups it automates, and the consumer or provider
	// body of its side of its integrations.
	Bodies []BodyUse
}

// SharedSystem is a system used by several ministries.
type SharedSystem struct {
	System ref.Ref
	Owner  *ref.Ref
	// Ministries are the top-level bodies using the system (a committee
	// counts as its ministry), by name.
	Ministries []BodyUse
}

// System describes a system across every map: the process groups it
// automates, the integrations it consumes and provides, and the bodies
// owning or using it. The system is an ent ID, key or exact name. Eight
// queries at most, whatever the system.
func System(ctx context.Context, c *ent.Client, system string) (*SystemUsage, error) {
	return systemOf(ctx, dbSource{c}, system)
}

func systemOf(ctx context.Context, src source, system string) (*SystemUsage, error) {
	b, err := src.bodies(ctx)
	if err != nil {
		return nil, err
	}
	s, err := src.system(ctx, system)
	if err != nil {
		return nil, err
	}
	pgs, err := src.groupsAutomatedBy(ctx, s.ID)
	if err != nil {
		return nil, err
	}
	var sphereIDs []int
	for _, pg := range pgs {
		if pg.Edges.Sphere != nil {
			sphereIDs = append(sphereIDs, pg.Edges.Sphere.ID)
		}
	}
	spheres, err := src.spheres(ctx, sphereIDs)
	if err != nil {
		return nil, err
	}
	me := []int{s.ID}
	rows, err := src.integrations(ctx, intFilter{all: [][]sideIn{{
		{integration.ConsumerSystemColumn, me}, {integration.ProviderSystemColumn, me}}}})
	if err != nil {
		return nil, err
	}
	mIDs := mapIDs(rows)
	for _, sp := range spheres {
		if sp.Map != nil {
			mIDs = append(mIDs, *sp.Map)
		}
	}
	maps, err := src.maps(ctx, mIDs)
	if err != nil {
		return nil, err
	}
	sysIDs := []int{s.ID}
	for _, r := range rows {
		sysIDs = append(sysIDs, r.systemIDs()...)
	}
	sys, err := src.systems(ctx, sysIDs)
	if err != nil {
		return nil, err
	}
	u := &SystemUsage{System: ref.Ref{ID: s.ID, Name: s.Name}, Key: s.Key, Aliases: s.aliases(), Owner: b.refPtr(s.Owner)}
	users := usage{}
	if s.Owner != nil {
		users.add(*s.Owner, RoleOwner)
	}
	for _, pg := range pgs {
		g := groupRef(pg, b, spheres, maps)
		u.ProcessGroups = append(u.ProcessGroups, g)
		if g.Ministry.ID != 0 {
			users.add(g.Ministry.ID, RoleProcessGroup).ProcessGroups++
		}
	}
	sort.SliceStable(u.ProcessGroups, func(i, j int) bool {
		a, b := u.ProcessGroups[i], u.ProcessGroups[j]
		if a.Ministry.Name != b.Ministry.Name {
			return a.Ministry.Name < b.Ministry.Name
		}
		if a.Map.ID != b.Map.ID {
			return a.Map.ID < b.Map.ID
		}
		if a.Sphere.ID != b.Sphere.ID {
			return a.Sphere.ID < b.Sphere.ID
		}
		return a.ID < b.ID
	})
	for i := range rows {
		r := &rows[i]
		if r.ConsumerSystem != nil && *r.ConsumerSystem == s.ID {
			u.Consumes = append(u.Consumes, r.export(b, sys, maps))
			if r.ConsumerBody != nil {
				users.add(*r.ConsumerBody, RoleConsumer).Integrations++
			}
		}
		if r.ProviderSystem != nil && *r.ProviderSystem == s.ID {
			u.Provides = append(u.Provides, r.export(b, sys, maps))
			if r.ProviderBody != nil {
				users.add(*r.ProviderBody, RoleProvider).Integrations++
			}
		}
	}
	u.Bodies = users.export(b)
	return u, nil
}

// SharedSystems lists the systems used by at least minMinistries top-level
// bodies (2 when less): the bodies owning the maps whose process groups a
// system automates, and the consumer or provider body of its side of its
// integrations, committees counting as their ministry. Owning a system is
// not using it. Ordered by the number of ministries, then name; eight
// queries whatever the size of the catalog.
func SharedSystems(ctx context.Context, c *ent.Client, minMinistries int) ([]SharedSystem, error) {
	return sharedSystems(ctx, dbSource{c}, minMinistries)
}

func sharedSystems(ctx context.Context, src source, minMinistries int) ([]SharedSystem, error) {
	minMinistries = max(minMinistries, 2)
	b, err := src.bodies(ctx)
	if err != nil {
		return nil, err
	}
	pgs, err := src.groupsWithSystems(ctx)
	if err != nil {
		return nil, err
	}
	spheres, err := src.spheres(ctx, nil)
	if err != nil {
		return nil, err
	}
	var mIDs []int
	for _, sp := range spheres {
		if sp.Map != nil {
			mIDs = append(mIDs, *sp.Map)
		}
	}
	maps, err := src.maps(ctx, mIDs)
	if err != nil {
		return nil, err
	}
	rows, err := src.integrations(ctx, intFilter{withSystem: true})
	if err != nil {
		return nil, err
	}
	bySystem := map[int]usage{}
	use := func(sysID, body int, role BodyRole) *BodyUse {
		if bySystem[sysID] == nil {
			bySystem[sysID] = usage{}
		}
		return bySystem[sysID].add(b.top(body), role)
	}
	for _, pg := range pgs {
		ministry := groupRef(pg, b, spheres, maps).Ministry.ID
		if ministry == 0 {
			continue
		}
		for _, is := range pg.Edges.InformationSystems {
			use(is.ID, ministry, RoleProcessGroup).ProcessGroups++
		}
	}
	for _, r := range rows {
		if r.ConsumerSystem != nil && r.ConsumerBody != nil {
			use(*r.ConsumerSystem, *r.ConsumerBody, RoleConsumer).Integrations++
		}
		if r.ProviderSystem != nil && r.ProviderBody != nil {
			use(*r.ProviderSystem, *r.ProviderBody, RoleProvider).Integrations++
		}
	}
	var shared []int
	for id, u := range bySystem {
		if len(u) >= minMinistries {
			shared = append(shared, id)
		}
	}
	sys, err := src.systems(ctx, shared)
	if err != nil {
		return nil, err
	}
	out := make([]SharedSystem, 0, len(shared))
	for _, id := range shared {
		ss := SharedSystem{System: ref.Ref{ID: id}, Ministries: bySystem[id].export(b)}
		if r := sys[id]; r != nil {
			ss.System.Name, ss.Owner = r.Name, b.refPtr(r.Owner)
		}
		out = append(out, ss)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if len(a.Ministries) != len(b.Ministries) {
			return len(a.Ministries) > len(b.Ministries)
		}
		if a.System.Name != b.System.Name {
			return a.System.Name < b.System.Name
		}
		return a.System.ID < b.System.ID
	})
	return out, nil
}

// usage gathers bodies using a system, by body ID.
type usage map[int]*BodyUse

func (u usage) add(body int, role BodyRole) *BodyUse {
	bu := u[body]
	if bu == nil {
		bu = &BodyUse{Body: ref.Ref{ID: body}}
		u[body] = bu
	}
	for _, r := range bu.Roles {
		if r == role {
			return bu
		}
	}
	bu.Roles = append(bu.Roles, role)
	return bu
}

func (u usage) export(b *bodies) []BodyUse {
	out := make([]BodyUse, 0, len(u))
	for _, bu := range u {
		bu.Body, bu.Parent = b.ref(bu.Body.ID), b.parent(bu.Body.ID)
		sort.Slice(bu.Roles, func(i, j int) bool { return roleIndex(bu.Roles[i]) < roleIndex(bu.Roles[j]) })
		out = append(out, *bu)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Body.Name != out[j].Body.Name {
			return out[i].Body.Name < out[j].Body.Name
		}
		return out[i].Body.ID < out[j].Body.ID
	})
	return out
}

func roleIndex(r BodyRole) int {
	for i, x := range roleOrder {
		if x == r {
			return i
		}
	}
	return len(roleOrder)
}
