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
// the time per map flat (last-ms ≈ 4th-ms).
func BenchmarkImport40(b *testing.B) {
	ctx := context.Background()
	docs, reg, err := synth.Documents(40)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var fourth, last, first time.Duration
	for b.Loop() {
		b.StopTimer()
		c, _ := storagetest.Open(b)
		b.StartTimer()
		if err := synth.Import(ctx, c, reg, docs, func(i int, d time.Duration) {
			switch i {
			case 0:
				first = d
			case 3:
				fourth = d
			case len(docs) - 1:
				last = d
			}
		}); err != nil {
			b.Fatal(err)
		}
	}
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(first), "first-ms")
	b.ReportMetric(ms(fourth), "4th-ms")
	b.ReportMetric(ms(last), "last-ms")
}
