package resolve_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path"
	"strconv"
	"strings"
	"testing"

	"github.com/karta/karta/seeds"
	"github.com/karta/karta/seeds/identity"
	"github.com/karta/karta/seeds/kct"
	"github.com/karta/karta/seeds/resolve"
)

var update = flag.Bool("update", false, "rewrite seeds/golden/*.resolved.json")

func registry(t *testing.T) *identity.Registry {
	t.Helper()
	reg, err := identity.Default()
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

// seedDocs parses the seed maps.
func seedDocs(t *testing.T) []*kct.Document {
	t.Helper()
	names, err := fs.Glob(seeds.Maps, "maps/*.txt")
	if err != nil || len(names) == 0 {
		t.Fatalf("no seed maps: %v", err)
	}
	var out []*kct.Document
	for _, n := range names {
		b, err := seeds.Maps.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		d, err := kct.Parse(path.Base(n), bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, d)
	}
	return out
}

func resolveAll(t *testing.T) map[string]*resolve.Document {
	t.Helper()
	reg := registry(t)
	out := map[string]*resolve.Document{}
	for _, d := range seedDocs(t) {
		r, err := resolve.Resolve(reg, d)
		if err != nil {
			t.Fatalf("%s: %v", d.File, err)
		}
		out[d.File] = r
	}
	return out
}

// TestGolden diffs every match of the seed maps with the reviewed
// seeds/golden/<map>.resolved.json.
func TestGolden(t *testing.T) {
	for file, r := range resolveAll(t) {
		got, err := json.MarshalIndent(r, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, '\n')
		p := "../golden/" + strings.TrimSuffix(file, ".txt") + ".resolved.json"
		if *update {
			if err := os.WriteFile(p, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("%v (run go test ./seeds/resolve -update and review the file)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: resolved matches differ from %s; review and run go test ./seeds/resolve -update\n%s", file, p, firstDiff(string(want), string(got)))
		}
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "line " + strconv.Itoa(i+1) + ":\n- " + al[i] + "\n+ " + bl[i]
		}
	}
	return "lengths differ"
}
