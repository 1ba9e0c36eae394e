package kct

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden snapshots in seeds/golden")

const (
	mapsDir   = "../maps"
	goldenDir = "../golden"
)

// seedMaps lists the seed maps.
func seedMaps(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(mapsDir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no seed maps in %s: %v", mapsDir, err)
	}
	return files
}

func marshalDoc(t testing.TB, doc *Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestGolden compares each seed map's document with its snapshot
// (seeds/golden/<base>.json); -update rewrites the snapshots.
func TestGolden(t *testing.T) {
	for _, f := range seedMaps(t) {
		base := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(base, func(t *testing.T) {
			doc, err := ParseFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got := marshalDoc(t, doc)
			path := filepath.Join(goldenDir, base+".json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./seeds/kct -run Golden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the parse; review the change and run with -update:\n%s", path, firstDiff(want, got))
			}
		})
	}
}

// firstDiff shows the first differing line of two snapshots.
func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "line " + strconv.Itoa(i+1) + ":\n- " + x + "\n+ " + y
		}
	}
	return ""
}
