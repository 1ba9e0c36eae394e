package kct_test

import (
	"bytes"
	"testing"

	"github.com/karta/karta/seeds/kct"
)

// BenchmarkParseCorpus parses the seed maps and every variant of
// seeds/variants; it reports the time per map.
func BenchmarkParseCorpus(b *testing.B) {
	var docs [][]byte
	var names []string
	for _, s := range loadSeeds(b) {
		docs, names = append(docs, s.Text), append(names, s.Name)
	}
	for _, v := range corpusVariants(b) {
		docs, names = append(docs, v.Text), append(names, v.Name)
	}
	b.ResetTimer()
	for b.Loop() {
		for i, d := range docs {
			if _, err := kct.Parse(names[i], bytes.NewReader(d)); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/map")
	b.ReportMetric(float64(len(docs)), "maps")
}
