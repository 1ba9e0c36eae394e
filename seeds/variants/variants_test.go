package variants

import (
	"bytes"
	"os"
	"testing"

	kartaseeds "github.com/karta/karta/seeds"
	"github.com/karta/karta/seeds/identity"
	"github.com/karta/karta/seeds/kct"
	"github.com/karta/karta/seeds/resolve"
)

// The corpus itself is checked in seeds/kct (every variant parses like its
// seed); here: every rewrite changes at least one seed, names are unique,
// and an assembled map holds both seeds' spheres.
func TestGenerate(t *testing.T) {
	seeds, err := LoadSeeds(os.DirFS("../maps"), "*.txt")
	if err != nil || len(seeds) < 2 {
		t.Fatalf("seed maps: %v", err)
	}
	vs, skipped, err := GenerateAll(seeds)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range skipped {
		t.Logf("new-ministry variant not written: %s", s)
	}
	names := map[string]bool{}
	changed := map[string]int{}
	bySeed := map[string][]byte{}
	for _, s := range seeds {
		bySeed[s.Name] = s.Text
	}
	for _, v := range vs {
		if names[v.Name] {
			t.Errorf("duplicate variant name %s", v.Name)
		}
		names[v.Name] = true
		if !bytes.Equal(v.Text, bySeed[v.Seed]) {
			changed[v.Rewrite]++
		}
	}
	for _, rw := range Rewrites {
		if changed[rw.Name] == 0 {
			t.Errorf("rewrite %s changes no seed", rw.Name)
		}
	}
	if changed["new-ministry"] == 0 {
		t.Errorf("no new-ministry variant")
	}
	if changed["assembled"] != len(seeds)-1 {
		t.Errorf("assembled maps: %d, want %d", changed["assembled"], len(seeds)-1)
	}
	for _, v := range vs {
		if v.Rewrite != "assembled" {
			continue
		}
		doc, err := kct.Parse(v.Name, bytes.NewReader(v.Text))
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		for _, part := range v.Parts {
			for _, s := range seeds {
				if s.Name == part {
					want += len(s.Doc.Spheres)
				}
			}
		}
		if len(doc.Spheres) != want {
			t.Errorf("%s: %d spheres, want %d", v.Name, len(doc.Spheres), want)
		}
	}
}

// TestRenameMinistry: a new ministry's map names no record of the seed
// ministry's family (its committees, units, organizations and systems),
// reads back into the seed exactly, and the table it comes with no longer
// has the family's records.
func TestRenameMinistry(t *testing.T) {
	seeds, err := LoadSeeds(os.DirFS("../maps"), "*.txt")
	if err != nil {
		t.Fatal(err)
	}
	reg, err := identity.Default()
	if err != nil {
		t.Fatal(err)
	}
	made := 0
	for _, s := range seeds {
		nm, err := RenameMinistry(s, kartaseeds.Aliases, kartaseeds.Vocabulary)
		if err != nil {
			t.Logf("%s: %v", s.Name, err)
			continue
		}
		made++
		if got := nm.RenameBack(string(nm.Text)); got != string(nm.Expect) {
			t.Errorf("%s: the variant does not read back", s.Name)
		}
		d, err := kct.Parse(s.Name, bytes.NewReader(nm.Text))
		if err != nil {
			t.Fatal(err)
		}
		rd, err := resolve.Resolve(reg, d)
		if err != nil {
			t.Fatal(err)
		}
		seedOwner, err := resolve.Resolve(reg, s.Doc)
		if err != nil {
			t.Fatal(err)
		}
		if rd.Owner.Match != identity.Unknown {
			t.Errorf("%s: the new ministry's map belongs to %s, a body of the table", s.Name, rd.Owner.Key)
		}
		if bytes.Contains(nm.Aliases, []byte("\nbody: "+reg.Body(seedOwner.Owner.Text).Name+"\n")) {
			t.Errorf("%s: the table still has the seed's owner", s.Name)
		}
		if _, err := identity.Load(bytes.NewReader(nm.Aliases), "aliases"); err != nil {
			t.Errorf("%s: the table without the family does not load: %v", s.Name, err)
		}
	}
	if made == 0 {
		t.Fatal("no seed could be rewritten as a new ministry's map")
	}
}
