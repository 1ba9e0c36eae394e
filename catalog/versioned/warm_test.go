package versioned_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/karta/karta/catalog/versioned"
	"github.com/karta/karta/server/storagetest"
)

// Watch warms the version at start and each new version once; requests
// of a warmed version compute nothing, and a request arriving during the
// warm-up waits for it instead of computing the value again.
func TestWatchWarmsEachVersionOnce(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c, _ := storagetest.Open(t)
	var m versioned.Memo
	var runs atomic.Int32
	gate := make(chan struct{}, 1)
	compute := func(ctx context.Context) (int64, error) {
		runs.Add(1)
		<-gate
		return versioned.Version(ctx, c)
	}
	reports := make(chan int64, 8)
	go func() {
		_ = versioned.Watch(ctx, c, 5*time.Millisecond, versioned.Compute(&m, "k", compute), func(v int64, _ time.Duration, err error) {
			if err != nil {
				t.Error(err)
			}
			reports <- v
		})
	}()
	// A request during the warm-up of the start's version waits for it.
	for len(m.Versions()) == 0 {
		time.Sleep(time.Millisecond)
	}
	v0 := m.Versions()[0]
	got := make(chan int64)
	go func() {
		v, err := versioned.Get(ctx, &m, v0, "k", func(context.Context) (int64, error) {
			t.Error("a request computed the value the warm-up was computing")
			return -1, nil
		})
		if err != nil {
			t.Error(err)
		}
		got <- v
	}()
	time.Sleep(20 * time.Millisecond)
	gate <- struct{}{}
	if v := <-got; v != v0 {
		t.Fatalf("the request waiting for the warm-up got %d, want %d", v, v0)
	}
	if v := <-reports; v != v0 {
		t.Fatalf("warmed %d, want %d", v, v0)
	}
	// Ticks without a new version warm nothing.
	time.Sleep(30 * time.Millisecond)
	if n := runs.Load(); n != 1 {
		t.Fatalf("computed %d times for one version", n)
	}
	// An import elsewhere bumps the version: the watch warms it.
	if err := c.CatalogState.Update().AddVersion(1).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	gate <- struct{}{}
	select {
	case v := <-reports:
		if v != v0+1 {
			t.Fatalf("warmed %d after the bump, want %d", v, v0+1)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the new version was not warmed")
	}
	if v, err := versioned.Get(ctx, &m, v0+1, "k", func(context.Context) (int64, error) { return -1, nil }); err != nil || v != v0+1 {
		t.Fatalf("the new version's value: %d %v (computed by the request, not kept by the warm-up)", v, err)
	}
	if n := runs.Load(); n != 2 {
		t.Fatalf("computed %d times for two versions", n)
	}
}
