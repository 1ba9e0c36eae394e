package synth_test

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/karta/karta/seeds/synth"
	"github.com/karta/karta/server/storagetest"
)

// BenchmarkImport40 imports 40 maps one at a time into an empty database, as
// a catalog grows. The goal of the performance issue: all 40 in under 20 s,
// the time per map flat (map40-ms ≈ map4-ms), memory bounded (mapN-MB: bytes allocated by the Nth
// import; B/op, allocs/op: all 40). Run on both databases:
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
	// per[i] is the time of the (i+1)th map's import, alloc[i] the bytes it
	// allocated (independent of the machine's load), summed over runs.
	per := make([]time.Duration, len(docs))
	alloc := make([]uint64, len(docs))
	runs := 0
	var ms runtime.MemStats
	for b.Loop() {
		b.StopTimer()
		c, _ := storagetest.Open(b)
		b.StartTimer()
		for i := range docs {
			runtime.ReadMemStats(&ms)
			before := ms.TotalAlloc
			if err := synth.Import(ctx, c, reg, docs[i:i+1], func(_ int, d time.Duration) { per[i] += d }); err != nil {
				b.Fatal(err)
			}
			runtime.ReadMemStats(&ms)
			alloc[i] += ms.TotalAlloc - before
		}
		runs++
	}
	for _, i := range []int{0, 3, 19, len(docs) - 1} {
		b.ReportMetric(float64(per[i])/float64(runs)/float64(time.Millisecond), fmt.Sprintf("map%d-ms", i+1))
	}
	for _, i := range []int{3, 19, len(docs) - 1} {
		b.ReportMetric(float64(alloc[i])/float64(runs)/(1<<20), fmt.Sprintf("map%d-MB", i+1))
	}
	// One map's time is noisy on a busy machine: the means of maps 4–8 and
	// 36–40 show the trend.
	mean := func(from, to int) float64 {
		var sum time.Duration
		for _, d := range per[from-1 : to] {
			sum += d
		}
		return float64(sum) / float64(runs*(to-from+1)) / float64(time.Millisecond)
	}
	b.ReportMetric(mean(4, 8), "maps4-8-ms")
	b.ReportMetric(mean(len(docs)-4, len(docs)), "maps36-40-ms")
	var total time.Duration
	for _, d := range per {
		total += d
	}
	b.ReportMetric(float64(total)/float64(runs)/float64(time.Millisecond)/float64(len(docs)), "ms/map")
}
