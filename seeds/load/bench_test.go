package load_test

import (
	"context"
	"testing"

	"github.com/karta/karta/seeds/load"
	"github.com/karta/karta/server/storagetest"
)

// BenchmarkSeedImport parses the three seed maps and imports them into an
// empty database; BenchmarkReimport imports them again (nothing changes).
func BenchmarkSeedImport(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		c, _ := storagetest.Open(b)
		b.StartTimer()
		if _, err := load.Seed(ctx, c, load.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReimport(b *testing.B) {
	ctx := context.Background()
	c, _ := storagetest.Open(b)
	if _, err := load.Seed(ctx, c, load.Options{}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		rep, err := load.Seed(ctx, c, load.Options{})
		if err != nil || rep.Changed() {
			b.Fatalf("re-import: %v, changed %v", err, rep != nil && rep.Changed())
		}
	}
}
