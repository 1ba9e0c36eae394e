package synth

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/seeds/identity"
	"github.com/karta/karta/seeds/kct"
	"github.com/karta/karta/seeds/load"
)

// Documents returns n maps: the seed maps, then copies of them in turn, each
// renamed for its copy number (see the package doc).
func Documents(n int) ([]*kct.Document, *identity.Registry, error) {
	reg, err := identity.Default()
	if err != nil {
		return nil, nil, err
	}
	seeds, err := load.SeedDocuments()
	if err != nil {
		return nil, nil, err
	}
	docs := make([]*kct.Document, 0, n)
	for i := 0; i < n; i++ {
		src := seeds[i%len(seeds)]
		if i < len(seeds) {
			docs = append(docs, src)
			continue
		}
		// Re-parsing is the cheapest deep copy and keeps the seed untouched.
		d, err := reparse(src.File)
		if err != nil {
			return nil, nil, err
		}
		renamer{scope: reg.Scope(d.Owner), tag: fmt.Sprintf("%02d", i/len(seeds))}.apply(d)
		docs = append(docs, d)
	}
	return docs, reg, nil
}

// Load imports n maps (Documents(n)) into client, one at a time.
func Load(ctx context.Context, client *ent.Client, n int) error {
	docs, reg, err := Documents(n)
	if err != nil {
		return err
	}
	return Import(ctx, client, reg, docs, nil)
}

// Import imports docs one at a time, as `karta import` adds maps to a
// growing catalog, and calls each with the index and duration of every
// import.
func Import(ctx context.Context, client *ent.Client, reg *identity.Registry, docs []*kct.Document, each func(i int, d time.Duration)) error {
	for i, d := range docs {
		start := time.Now()
		if _, err := load.Import(ctx, client, reg, []*kct.Document{d}, load.Options{}); err != nil {
			return fmt.Errorf("synth: import map %d (%s): %w", i, d.File, err)
		}
		if each != nil {
			each(i, time.Since(start))
		}
	}
	return nil
}

func reparse(file string) (*kct.Document, error) {
	docs, err := load.SeedDocuments()
	if err != nil {
		return nil, err
	}
	for _, d := range docs {
		if d.File == file {
			return d, nil
		}
	}
	return nil, fmt.Errorf("synth: seed map %s not found", file)
}

// renamer renames the identities of one copy.
type renamer struct {
	scope *identity.Scope
	tag   string
}

func (r renamer) suffix(name string) string { return name + "-" + r.tag }

// bodies renames every body a text names, by canonical name.
func (r renamer) bodies(text string) []string {
	var out []string
	for _, b := range r.scope.SplitBodies(text) {
		out = append(out, r.suffix(b.Name))
	}
	return out
}

func (r renamer) body(text string) string {
	if strings.TrimSpace(text) == "" {
		return text
	}
	if bs := r.bodies(text); len(bs) > 0 {
		return strings.Join(bs, "; ")
	}
	return r.suffix(text)
}

// systems renames every system a text names, by canonical name; a text that
// names none («нет») stays as written.
func (r renamer) systems(text string) []string {
	var out []string
	for _, s := range r.scope.SplitSystems(text) {
		out = append(out, r.suffix(s.Name))
	}
	if len(out) == 0 && strings.TrimSpace(text) != "" {
		out = []string{text}
	}
	return out
}

func (r renamer) system(text string) string { return strings.Join(r.systems(text), "; ") }

func (r renamer) systemList(list []string) []string {
	var out []string
	for _, s := range list {
		out = append(out, r.systems(s)...)
	}
	return out
}

func (r renamer) bodyList(list []string) []string {
	out := make([]string, len(list))
	for i, b := range list {
		out[i] = r.body(b)
	}
	return out
}

func (r renamer) units(list []string) []string {
	out := make([]string, len(list))
	for i, u := range list {
		out[i] = r.suffix(u)
	}
	return out
}

func (r renamer) apply(d *kct.Document) {
	d.File = "synth-" + r.tag + "-" + d.File
	d.Owner = r.body(d.Owner)
	d.Title = d.Title + " (копия " + r.tag + ")"
	if p := d.Passport; p != nil {
		p.Title = p.Title + " (копия " + r.tag + ")"
		p.DevelopmentBodies = r.bodyList(p.DevelopmentBodies)
		p.ImplementationBodies = r.bodyList(p.ImplementationBodies)
	}
	spheres := map[string]string{}
	for i := range d.Spheres {
		sp := &d.Spheres[i]
		spheres[sp.Name] = r.suffix(sp.Name)
		sp.Name = r.suffix(sp.Name)
		for j := range sp.ProcessGroups {
			g := &sp.ProcessGroups[j]
			g.Systems = r.systemList(g.Systems)
			g.ResponsibleUnits = r.units(g.ResponsibleUnits)
		}
		for j := range sp.Roadmap {
			sp.Roadmap[j].Units = r.units(sp.Roadmap[j].Units)
		}
	}
	for i := range d.KPIs {
		if n, ok := spheres[d.KPIs[i].Group]; ok {
			d.KPIs[i].Group = n
		}
	}
	for i := range d.SummaryRoadmap {
		row := &d.SummaryRoadmap[i]
		row.Sphere = r.suffix(row.Sphere)
		row.Units = r.units(row.Units)
	}
	for i := range d.PlannedServices {
		d.PlannedServices[i].Body = r.body(d.PlannedServices[i].Body)
	}
	for i := range d.Integrations {
		it := &d.Integrations[i]
		it.ConsumerBody, it.ProviderBody = r.body(it.ConsumerBody), r.body(it.ProviderBody)
		it.ConsumerSystem, it.ProviderSystem = r.system(it.ConsumerSystem), r.system(it.ProviderSystem)
	}
	for i := range d.Icebreakers {
		ib := &d.Icebreakers[i]
		ib.Body = r.body(ib.Body)
		ib.Systems = r.systemList(ib.Systems)
	}
	for i := range d.Needs {
		n := &d.Needs[i]
		n.Bodies = r.bodyList(n.Bodies)
		n.Systems = r.systemList(n.Systems)
		n.BodyText = strings.Join(append(append([]string(nil), n.Bodies...), n.Systems...), "; ")
	}
}
