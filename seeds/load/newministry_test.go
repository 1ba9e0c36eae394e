package load_test

import (
	"bytes"
	"context"
	"regexp"
	"testing"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/informationsystem"
	"github.com/karta/karta/ent/ministry"
	"github.com/karta/karta/ent/processgroup"
	"github.com/karta/karta/ent/roadmapitem"
	"github.com/karta/karta/ent/sphere"
	"github.com/karta/karta/ent/structuralunit"
	"github.com/karta/karta/ent/transformationmap"
	"github.com/karta/karta/seeds"
	"github.com/karta/karta/seeds/identity"
	"github.com/karta/karta/seeds/kct"
	"github.com/karta/karta/seeds/load"
	"github.com/karta/karta/server/storagetest"
)

// newMinistryMap rewrites the seed map seed as the map of a ministry the
// alias table does not know: every replacement (old, new) is made on whole
// words, so "МТС" is renamed but "МТСЗН" is not. The committees and units
// of the seed keep their names: in the new map they are the new ministry's.
func newMinistryMap(t *testing.T, seed, file string, repl [][2]string) *kct.Document {
	t.Helper()
	b, err := seeds.Maps.ReadFile("maps/" + seed)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for _, r := range repl {
		re := regexp.MustCompile(`(^|[^\p{L}])` + regexp.QuoteMeta(r[0]) + `([^\p{L}]|$)`)
		if !re.MatchString(text) {
			t.Fatalf("%s: %q does not occur", seed, r[0])
		}
		for re.MatchString(text) { // adjacent matches share a boundary
			text = re.ReplaceAllString(text, "${1}"+r[1]+"${2}")
		}
	}
	d, err := kct.Parse(file, bytes.NewReader([]byte(text)))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return d
}

// The energy ministry's map is map 003 with МТС renamed; the emergencies
// ministry's map is map 000 with МКИ renamed. Both keep their seed's
// committees ("Комитет информации", "Комитет индустрии туризма") and units
// (ДЦТРУ, "Департамент цифровой трансформации …"), which the alias table
// knows as МКИ's and МТС's.
func newMinistryMaps(t *testing.T) []*kct.Document {
	return []*kct.Document{
		newMinistryMap(t, "003_7875826fde8fc762.txt", "energy.txt", [][2]string{
			{"туризма и спорта", "энергетики"}, {"МТС", "МЭ"}}),
		newMinistryMap(t, "000_ee3af2eb060adf23.txt", "emergencies.txt", [][2]string{
			{"культуры и информации", "по чрезвычайным ситуациям"}, {"МКИ", "МЧС"}}),
	}
}

// nodesOfMap are the keys of the units, committees and systems a map links.
func nodesOfMap(t *testing.T, c *ent.Client, file string) (units, committees, systems map[string]bool, owner *ent.Ministry) {
	t.Helper()
	ctx := context.Background()
	m, err := c.TransformationMap.Query().Where(transformationmap.SourceDocument(file)).WithMinistry().Only(ctx)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	inMap := sphere.HasMapWith(transformationmap.ID(m.ID))
	us := c.StructuralUnit.Query().Where(structuralunit.Or(
		structuralunit.HasProcessGroupsWith(processgroup.HasSphereWith(inMap)),
		structuralunit.HasRoadmapItemsWith(roadmapitem.HasSphereWith(inMap)))).AllX(ctx)
	cs := c.Ministry.Query().Where(ministry.KindEQ(ministry.KindCOMMITTEE), ministry.Or(
		ministry.HasDevelopedMapsWith(transformationmap.ID(m.ID)),
		ministry.HasImplementedMapsWith(transformationmap.ID(m.ID)),
		ministry.HasUnitsWith(structuralunit.HasProcessGroupsWith(processgroup.HasSphereWith(inMap))))).AllX(ctx)
	ss := c.InformationSystem.Query().Where(informationsystem.HasProcessGroupsWith(processgroup.HasSphereWith(inMap))).AllX(ctx)
	units, committees, systems = map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, u := range us {
		units[u.Key] = true
	}
	for _, b := range cs {
		committees[b.Key] = true
	}
	for _, s := range ss {
		systems[s.Key] = true
	}
	return units, committees, systems, m.Edges.Ministry
}

// tableKeys are the node keys the alias table defines.
func tableKeys(reg *identity.Registry) map[string]bool {
	out := map[string]bool{}
	for _, b := range reg.Bodies() {
		out[b.Key] = true
		out["unit/"+b.Key] = true
	}
	for _, u := range reg.Units() {
		out["unit/"+u.Key] = true
	}
	for _, s := range reg.Systems() {
		out[s.Key] = true
	}
	return out
}

// TestNewMinistryMaps imports two maps of ministries the alias table does not
// know beside the seeds: each map belongs to its ministry, its committees
// hang under it, and no two maps share a unit, committee or system unless
// the alias table says so.
func TestNewMinistryMaps(t *testing.T) {
	c, _ := storagetest.Open(t)
	ctx := context.Background()
	news := newMinistryMaps(t)
	all := append(docs(t), news...)
	rep := importDocs(t, c, all, load.Options{})
	reg := registry(t)
	known := tableKeys(reg)

	type nodes struct{ units, committees, systems map[string]bool }
	byFile := map[string]nodes{}
	for _, d := range all {
		u, cm, s, owner := nodesOfMap(t, c, d.File)
		byFile[d.File] = nodes{u, cm, s}
		if len(u) == 0 {
			t.Errorf("%s: no units linked", d.File)
		}
		if d.File == "energy.txt" || d.File == "emergencies.txt" {
			want := map[string]string{"energy.txt": "Министерство энергетики Республики Казахстан",
				"emergencies.txt": "Министерство по чрезвычайным ситуациям Республики Казахстан"}[d.File]
			if owner.Name != want || owner.Kind != ministry.KindMINISTRY {
				t.Errorf("%s: owner %q (%s), want the ministry %q", d.File, owner.Name, owner.Kind, want)
			}
			if len(cm) == 0 {
				t.Errorf("%s: no committees", d.File)
			}
			for key := range cm {
				b := c.Ministry.Query().Where(ministry.Key(key)).WithParent().OnlyX(ctx)
				if b.Edges.Parent == nil || b.Edges.Parent.ID != owner.ID {
					t.Errorf("%s: committee %q is not a child of the map's ministry", d.File, b.Name)
				}
			}
			for key := range u {
				if known[key] {
					continue // a body of the table named in a unit column
				}
				su := c.StructuralUnit.Query().Where(structuralunit.Key(key)).WithMinistry().OnlyX(ctx)
				if m := su.Edges.Ministry; m.ID != owner.ID {
					if p, err := m.QueryParent().Only(ctx); err != nil || p.ID != owner.ID {
						t.Errorf("%s: unit %q belongs to %q, not to the map's ministry or one of its committees", d.File, su.Name, m.Name)
					}
				}
			}
		}
	}
	files := make([]string, 0, len(all))
	for _, d := range all {
		files = append(files, d.File)
	}
	for i, a := range files {
		for _, b := range files[i+1:] {
			if a != "energy.txt" && a != "emergencies.txt" && b != "energy.txt" && b != "emergencies.txt" {
				continue // seeds among themselves: merges.txt reviews those
			}
			for what, pair := range map[string][2]map[string]bool{
				"unit":      {byFile[a].units, byFile[b].units},
				"committee": {byFile[a].committees, byFile[b].committees},
				"system":    {byFile[a].systems, byFile[b].systems},
			} {
				for key := range pair[0] {
					if pair[1][key] && !known[key] {
						t.Errorf("%s and %s share the %s %s, which the alias table does not define", a, b, what, key)
					}
				}
			}
		}
	}
	// The ministry's own abbreviation (МЭ, МЧС: the initials of its name, as
	// the planned-services table writes it) is the ministry, not a new body.
	for _, abbr := range []string{"МЭ", "МЧС"} {
		if n := c.Ministry.Query().Where(ministry.Name(abbr)).CountX(ctx); n != 0 {
			t.Errorf("the abbreviation %s became a body of its own", abbr)
		}
	}
	// The new nodes are listed for a curator.
	for _, d := range rep.Docs {
		if (d.File == "energy.txt" || d.File == "emergencies.txt") && len(d.Unknown) == 0 {
			t.Errorf("%s: the report lists no new nodes", d.File)
		}
	}
	t.Log("\n" + load.FormatReport(rep, false))
}

// A system named only in prose («e-Otinish» in maps 000 and 004) is a node,
// linked to the spheres whose text names it.
func TestProseMentions(t *testing.T) {
	c, _ := storagetest.Open(t)
	ctx := context.Background()
	importDocs(t, c, docs(t), load.Options{})
	key := registry(t).System("e-Otinish").Key
	s, err := c.InformationSystem.Query().Where(informationsystem.Key(key)).Only(ctx)
	if err != nil {
		t.Fatalf("«e-Otinish» is not in the catalog: %v", err)
	}
	maps := map[string]bool{}
	for _, sp := range s.QueryMentionedInSpheres().WithMap().AllX(ctx) {
		maps[sp.Edges.Map.SourceDocument] = true
	}
	for _, f := range []string{"000_ee3af2eb060adf23.txt", "004_09111345614503a4.txt"} {
		if !maps[f] {
			t.Errorf("«e-Otinish» is not linked to a sphere of %s (linked: %v)", f, maps)
		}
	}
	// Importing again changes nothing.
	if rep := importDocs(t, c, docs(t), load.Options{}); rep.Changed() {
		t.Errorf("a second import changed %v", rep.Changes)
	}
}
