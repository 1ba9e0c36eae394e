package kct

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse feeds the parser the seed maps, slices of them and mutations:
// it must return a document or an error, never panic. It calls parse, not
// Parse, so that a panic is not hidden by Parse's recover. The seeds are
// large: run it with a short minimisation, e.g.
//
//	go test ./seeds/kct -run '^$' -fuzz FuzzParse -fuzztime 60s -fuzzminimizetime 5s
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(mapsDir, "*.txt"))
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		lines := bytes.SplitAfter(data, []byte("\n"))
		for _, n := range []int{7, 40, 120} {
			for start := 0; start < len(lines); start += len(lines)/5 + 1 {
				end := min(start+n, len(lines))
				f.Add(bytes.Join(lines[start:end], nil))
			}
		}
		// cut in the middle of a line (and of a rune)
		f.Add(data[:len(data)/3])
		f.Add(data[len(data)/2+1 : len(data)/2+4000])
	}
	for _, ex := range []string{ex003SportRoadmap, ex003GamblingRoadmap, ex004Roadmap, ex004KPI, ex000CultureEntities, ex003Passport} {
		f.Add([]byte(ex))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := parse("fuzz.txt", bytes.NewReader(data))
		if err == nil && doc == nil {
			t.Fatal("neither a document nor an error")
		}
		if err != nil && doc != nil {
			t.Fatal("both a document and an error")
		}
	})
}
