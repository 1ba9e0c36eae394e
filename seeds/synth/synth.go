package synth

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/karta/karta/ent"
	kartaseeds "github.com/karta/karta/seeds"
	"github.com/karta/karta/seeds/identity"
	"github.com/karta/karta/seeds/kct"
	"github.com/karta/karta/seeds/load"
	"github.com/karta/karta/seeds/variants"
)

// Documents returns n maps: the seed maps, then copies of them in turn,
// each written the way of one variant of the corpus (package
// seeds/variants, in turn) and renamed for its copy number (see the package
// doc). The result depends on n only.
func Documents(n int) ([]*kct.Document, *identity.Registry, error) {
	reg, err := identity.Default()
	if err != nil {
		return nil, nil, err
	}
	seeds, err := variants.LoadSeeds(kartaseeds.Maps, "maps/*.txt")
	if err != nil {
		return nil, nil, err
	}
	bodies := map[string]identity.Body{}
	for _, b := range reg.Bodies() {
		bodies[b.Key] = b
	}
	ways := Ways()
	docs := make([]*kct.Document, 0, n)
	for i := 0; i < n; i++ {
		src := seeds[i%len(seeds)]
		if i < len(seeds) {
			docs = append(docs, src.Doc)
			continue
		}
		// Map i is written the way ways[i-3] (cyclically); a way that does
		// not apply to the seed gives the next one.
		copyNo := i / len(seeds)
		var d *kct.Document
		for k := 0; k < len(ways) && d == nil; k++ {
			w := ways[(i-len(seeds)+k)%len(ways)]
			text, ok, err := w.Write(seeds, i%len(seeds))
			if err != nil {
				return nil, nil, fmt.Errorf("synth: map %d (%s, %s): %w", i, src.Name, w.Name, err)
			}
			if !ok {
				continue
			}
			name := strings.TrimSuffix(src.Name, ".txt") + "~" + w.Name + ".txt"
			if d, err = kct.Parse(name, bytes.NewReader(text)); err != nil {
				return nil, nil, fmt.Errorf("synth: map %d (%s): %w", i, name, err)
			}
		}
		if d == nil {
			return nil, nil, fmt.Errorf("synth: no way of writing applies to %s", src.Name)
		}
		scope := reg.Scope(d.Owner)
		renamer{scope: scope, tag: fmt.Sprintf("%02d", copyNo), table: bodies, owner: scope.Owner().Key}.apply(d)
		docs = append(docs, d)
	}
	return docs, reg, nil
}

// Way is one way of writing a copy of a seed map: a rewrite of the variant
// corpus, the seed as a new ministry's map, or the seed with the spheres
// of the next seed.
type Way struct {
	Name string
	// Write returns the text of seeds[i] written this way, or false when
	// the way does not apply to it.
	Write func(seeds []variants.Seed, i int) ([]byte, bool, error)
}

// Ways are the ways copies are written, in the order they are used (map 4
// the first way, map 5 the second, …): the rewrites of the variant corpus,
// which keep the seed's content, with the seed as a new ministry's map and
// the map of more spheres (assembled) at positions 8 and 9, which maps 4–9
// and 35–40 (the benchmark's windows) never take: those windows hold the
// same work, two maps of every seed with the seed's content.
func Ways() []Way {
	var rewrites []Way
	for _, rw := range variants.Rewrites {
		rewrites = append(rewrites, Way{rw.Name, func(seeds []variants.Seed, i int) ([]byte, bool, error) {
			text, _, ok := rw.Apply(seeds[i])
			return text, ok, nil
		}})
	}
	const middle = 7
	out := append([]Way(nil), rewrites[:middle]...)
	out = append(out,
		Way{"new-ministry", func(seeds []variants.Seed, i int) ([]byte, bool, error) {
			nm, err := variants.RenameMinistry(seeds[i], kartaseeds.Aliases, kartaseeds.Vocabulary)
			if err != nil {
				return nil, false, nil // the rename does not apply to this seed
			}
			return nm.Text, true, nil
		}},
		Way{"assembled", func(seeds []variants.Seed, i int) ([]byte, bool, error) {
			text, err := variants.Assemble(seeds[i], seeds[(i+1)%len(seeds)])
			return text, err == nil, err
		}},
	)
	return append(out, rewrites[middle:]...)
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

// renamer renames the identities of one copy: its ministry's family (the
// owner and the bodies under it), the bodies and systems the alias table
// does not know, the systems of the family, every unit and sphere. The
// other bodies and systems the table knows (another ministry named in the
// integration plan, a national system) keep their canonical names: they
// are shared by the copies as by real maps.
type renamer struct {
	scope *identity.Scope
	tag   string
	table map[string]identity.Body // the table's bodies by key
	owner string                   // the map owner's key
}

// family reports whether the body key is the map's owner or under it.
func (r renamer) family(key string) bool {
	for n := 0; key != "" && n < 16; n++ {
		if key == r.owner {
			return true
		}
		key = r.table[key].Parent
	}
	return false
}

func (r renamer) suffix(name string) string { return name + "-" + r.tag }

// bodies renames every body a text names, by canonical name.
func (r renamer) bodies(text string) []string {
	var out []string
	for _, b := range r.scope.SplitBodies(text) {
		if b.Match == identity.Known && !r.family(b.Key) {
			out = append(out, b.Name) // shared
			continue
		}
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
		switch {
		case s.Generic:
			out = append(out, s.Text) // its owner is the body named with it
		case s.Match == identity.Known && !r.family(s.Owner):
			out = append(out, s.Name) // shared
		default:
			out = append(out, r.suffix(s.Name))
		}
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
