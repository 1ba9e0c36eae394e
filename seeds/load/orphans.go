package load

import (
	"context"
	"fmt"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/informationsystem"
	"github.com/karta/karta/ent/ministry"
	"github.com/karta/karta/ent/service"
	"github.com/karta/karta/ent/statefunction"
	"github.com/karta/karta/ent/structuralunit"
)

// orphan finds, for one shared kind, the nodes nothing links to any more:
// a system, service, function, unit or body that no map mentions after an
// edit. Nodes the import put are never orphans.
type orphan struct {
	kind string
	ids  func(ctx context.Context, c *ent.Client) ([]int, error)
}

// Order matters: units and functions go before the bodies they hang on,
// systems before their owners.
var orphans = []orphan{
	{"StructuralUnit", func(ctx context.Context, c *ent.Client) ([]int, error) {
		return c.StructuralUnit.Query().Where(structuralunit.Not(structuralunit.HasProcessGroups()),
			structuralunit.Not(structuralunit.HasRoadmapItems()), structuralunit.Not(structuralunit.HasSpheres()),
			structuralunit.Not(structuralunit.HasSchedules())).IDs(ctx)
	}},
	{"StateFunction", func(ctx context.Context, c *ent.Client) ([]int, error) {
		return c.StateFunction.Query().Where(statefunction.Not(statefunction.HasProcessGroups())).IDs(ctx)
	}},
	{"Service", func(ctx context.Context, c *ent.Client) ([]int, error) {
		return c.Service.Query().Where(service.Not(service.HasProcessGroups())).IDs(ctx)
	}},
	{"InformationSystem", func(ctx context.Context, c *ent.Client) ([]int, error) {
		return c.InformationSystem.Query().Where(informationsystem.Not(informationsystem.HasProcessGroups()),
			informationsystem.Not(informationsystem.HasConsumedIntegrations()), informationsystem.Not(informationsystem.HasProvidedIntegrations()),
			informationsystem.Not(informationsystem.HasNeeds()), informationsystem.Not(informationsystem.HasIcebreakers()),
			informationsystem.Not(informationsystem.HasMentionedInSpheres()), informationsystem.Not(informationsystem.HasMentionedInMaps())).IDs(ctx)
	}},
	{"Ministry", func(ctx context.Context, c *ent.Client) ([]int, error) {
		return c.Ministry.Query().Where(ministry.Not(ministry.HasChildren()), ministry.Not(ministry.HasMaps()),
			ministry.Not(ministry.HasSpheres()), ministry.Not(ministry.HasUnits()), ministry.Not(ministry.HasFunctions()),
			ministry.Not(ministry.HasSystems()), ministry.Not(ministry.HasConsumedIntegrations()),
			ministry.Not(ministry.HasProvidedIntegrations()), ministry.Not(ministry.HasDevelopedMaps()),
			ministry.Not(ministry.HasImplementedMaps()), ministry.Not(ministry.HasNeeds()),
			ministry.Not(ministry.HasServicePlans()), ministry.Not(ministry.HasIcebreakers())).IDs(ctx)
	}},
}

// pruneOrphans removes shared nodes that lost every link in this import.
func (s *store) pruneOrphans(ctx context.Context) error {
	for _, o := range orphans {
		ids, err := o.ids(ctx, s.c)
		if err != nil {
			return fmt.Errorf("find orphan %s: %w", o.kind, err)
		}
		t := s.tables[o.kind]
		byID := make(map[int]string, len(t.rows))
		for key, r := range t.rows {
			byID[r.ID] = key
		}
		var gone []int
		for _, id := range ids {
			if key, ok := byID[id]; ok && !t.seen[key] {
				gone = append(gone, id)
			}
		}
		if err := s.remove(ctx, kindByName(o.kind), gone, true); err != nil {
			return err
		}
	}
	return nil
}
