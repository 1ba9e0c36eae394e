package resolve_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/karta/karta/seeds/resolve"
)

func keys(refs []resolve.Ref) []string {
	var out []string
	for _, r := range refs {
		out = append(out, r.Key)
	}
	return out
}

// The identity defects of the seed maps, each pinned on the real text.
func TestSeedDefects(t *testing.T) {
	reg := registry(t)
	docs := resolveAll(t)
	m000, m003, m004 := docs["000_ee3af2eb060adf23.txt"], docs["003_7875826fde8fc762.txt"], docs["004_09111345614503a4.txt"]

	// "МФ РК, МТСЗН РК (ГБД ЕЛ с ЕСУТД)": the cell's bodies settle the
	// homonym ЕСУТД to МТСЗН's labour-contracts system.
	esutd := reg.Scope("МТСЗН").System("ЕСУТД")
	found := false
	for i, n := range m000.Doc.Needs {
		if n.BodyText != "МФ РК, МТСЗН РК (ГБД ЕЛ с ЕСУТД)" {
			continue
		}
		found = true
		if got := keys(m000.Needs[i].Systems); !slices.Contains(got, esutd.Key) {
			t.Errorf("need line %d: systems %v, want МТСЗН's ЕСУТД %s", n.Line, got, esutd.Key)
		}
	}
	if !found {
		t.Error("map 000: the need «МФ РК, МТСЗН РК (ГБД ЕЛ с ЕСУТД)» is gone")
	}

	// "ЦБДАН и БДИК (ИИН, номер, IMEI)": the system БДИК with its data.
	bdik := reg.System("БДИК")
	found = false
	for si, sp := range m004.Doc.Spheres {
		for gi, g := range sp.ProcessGroups {
			if g.AutomationText != "ЦБДАН и БДИК (ИИН, номер, IMEI)" {
				continue
			}
			found = true
			rs := m004.Spheres[si].Groups[gi].Systems
			i := slices.IndexFunc(rs, func(r resolve.Ref) bool { return r.Key == bdik.Key })
			if i < 0 {
				t.Fatalf("group %s: systems %v, want БДИК", g.Code, keys(rs))
			}
			if strings.Join(rs[i].Data, "|") != "ИИН|номер|IMEI" {
				t.Errorf("БДИК data %q, want ИИН, номер, IMEI", rs[i].Data)
			}
		}
	}
	if !found {
		t.Error("map 004: the automation cell «ЦБДАН и БДИК (ИИН, номер, IMEI)» is gone")
	}

	// «ИС «НОВД»» is a misspelling of НОБД, resolved and recorded.
	nobd := reg.System("НОБД")
	n := 0
	for _, sp := range m003.Spheres {
		for _, g := range sp.Groups {
			for _, r := range g.Systems {
				if strings.Contains(r.Text, "НОВД") {
					n++
					if r.Key != nobd.Key || !strings.Contains(r.Via, "misspelling") {
						t.Errorf("%q → %s (%s), want НОБД as a misspelling", r.Text, r.Key, r.Via)
					}
				}
			}
		}
	}
	if n != 2 {
		t.Errorf("map 003 names «НОВД» in 2 groups, found %d", n)
	}

	// «e-Otinish», named only in prose in maps 000 and 004, is a mention.
	otinish := reg.System("e-Otinish")
	for _, d := range []*resolve.Document{m000, m004} {
		i := slices.IndexFunc(d.Mentions, func(m resolve.Mention) bool { return m.System.Key == otinish.Key })
		if i < 0 {
			t.Errorf("%s: «e-Otinish» is not among the mentions", d.File)
			continue
		}
		if m := d.Mentions[i]; m.Sphere < 0 || m.Line == 0 {
			t.Errorf("%s: «e-Otinish» mention without its sphere or line: %+v", d.File, m)
		}
		if _, ok := d.System(otinish.Key); !ok {
			t.Errorf("%s: «e-Otinish» is not among the document's systems", d.File)
		}
	}

	// СУР, a generic abbreviation, is МЗ's where the integration plan names
	// МЗ with it — not a fixed owner from the table.
	mz := reg.Body("МЗ")
	found = false
	for i, it := range m004.Doc.Integrations {
		if it.ProviderSystem == "СУР" || it.ConsumerSystem == "СУР" {
			found = true
			r := m004.Integrations[i].ProviderSystem
			if it.ConsumerSystem == "СУР" {
				r = m004.Integrations[i].ConsumerSystem
			}
			s, _ := m004.System(r.Key)
			if s.Owner != mz.Key {
				t.Errorf("line %d: СУР owned by %q, want МЗ", it.Line, s.Owner)
			}
		}
	}
	if !found {
		t.Error("map 004: no integration names СУР")
	}

	// The map owner is the ministry, also where its committee developed the
	// map (004), and the committee stays among the development bodies.
	miicr := reg.Body("МИИЦР")
	if m004.Owner.Key != miicr.Key {
		t.Errorf("map 004 owner %s, want МИИЦР", m004.Owner.Key)
	}
	if len(m004.Development) == 0 || m004.Development[0].Key == miicr.Key {
		t.Errorf("map 004 development bodies %v, want the telecom committee", keys(m004.Development))
	}
}

// A system named in running text is located by the paragraph that names
// it, not by its section's heading or the passport: in every seed map the
// line of each mention holds the name as written. «e-Otinish» in maps 000
// and 004 included.
func TestMentionLines(t *testing.T) {
	otinish := 0
	for file, r := range resolveAll(t) {
		data, err := os.ReadFile("../maps/" + file)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(data), "\n")
		if len(r.Mentions) == 0 {
			t.Errorf("%s: no mentions", file)
		}
		for _, m := range r.Mentions {
			if m.Line < 1 || m.Line > len(lines) {
				t.Errorf("%s: mention %q at line %d", file, m.System.Text, m.Line)
				continue
			}
			if !strings.Contains(strings.ToLower(lines[m.Line-1]), strings.ToLower(m.System.Text)) {
				t.Errorf("%s: mention %q (%s) at line %d, which does not name it: %.120s", file, m.System.Text, m.Field, m.Line, lines[m.Line-1])
			}
			if strings.Contains(m.System.Text, "Otinish") {
				otinish++
			}
		}
	}
	if otinish < 2 {
		t.Errorf("«e-Otinish» found %d times in running text, want it in maps 000 and 004", otinish)
	}
}
