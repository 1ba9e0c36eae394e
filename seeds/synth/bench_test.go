package synth_test

import (
	"context"
	"testing"
	"time"

	"github.com/karta/karta/seeds/synth"
	"github.com/karta/karta/server/storagetest"
)

// BenchmarkImport40 imports 40 maps one at a time into an empty database, as
// a catalog grows. The goal of the performance issue: all 40 in under 20 s,
// the time per map flat (40th-ms ≈ 4th-ms), memory bounded (B/op, allocs/op
// for the 40 imports). Run on both databases:
//
//	KARTA_TEST_DB=sqlite go test -run '^$' -bench Import40 -benchmem ./seeds/synth/
//	KARTA_TEST_DB=postgres go test -run '^$' -bench Import40 -benchmem ./seeds/synth/
func BenchmarkImport40(b *testing.B) {
	ctx := context.Background()
	docs, reg, err := synth.Documents(40)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	// per[i] is the time of the (i+1)th map's import, summed over runs.
	per := make([]time.Duration, len(docs))
	runs := 0
	for b.Loop() {
		b.StopTimer()
		c, _ := storagetest.Open(b)
		b.StartTimer()
		if err := synth.Import(ctx, c, reg, docs, func(i int, d time.Duration) { per[i] += d }); err != nil {
			b.Fatal(err)
		}
		runs++
	}
	ms := func(i int) float64 { return float64(per[i]) / float64(runs) / float64(time.Millisecond) }
	b.ReportMetric(ms(0), "1st-ms")
	b.ReportMetric(ms(3), "4th-ms")
	b.ReportMetric(ms(19), "20th-ms")
	b.ReportMetric(ms(len(docs)-1), "40th-ms")
	var total time.Duration
	for _, d := range per {
		total += d
	}
	b.ReportMetric(float64(total)/float64(runs)/float64(time.Millisecond)/float64(len(docs)), "ms/map")
}
