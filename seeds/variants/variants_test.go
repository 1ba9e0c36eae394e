package variants

import (
	"bytes"
	"os"
	"testing"

	"github.com/karta/karta/seeds/kct"
)

// The corpus itself is checked in seeds/kct (every variant parses like its
// seed); here: every rewrite changes at least one seed, names are unique,
// and an assembled map holds both seeds' spheres.
func TestGenerate(t *testing.T) {
	seeds, err := LoadSeeds(os.DirFS("../maps"), "*.txt")
	if err != nil || len(seeds) < 2 {
		t.Fatalf("seed maps: %v", err)
	}
	vs, err := Generate(seeds)
	if err != nil {
		t.Fatal(err)
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
