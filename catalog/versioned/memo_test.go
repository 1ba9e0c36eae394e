package versioned_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/karta/karta/catalog/versioned"
)

func TestConcurrentRequestsOfOneVersionComputeOnce(t *testing.T) {
	var m versioned.Memo
	var runs atomic.Int32
	release := make(chan struct{})
	compute := func(context.Context) (int, error) {
		runs.Add(1)
		<-release
		return 42, nil
	}
	var wg sync.WaitGroup
	got := make([]int, 8)
	for i := range got {
		wg.Go(func() {
			v, err := versioned.Get(context.Background(), &m, 7, "k", compute)
			if err != nil {
				t.Error(err)
			}
			got[i] = v
		})
	}
	time.Sleep(20 * time.Millisecond)
	close(release)
	wg.Wait()
	if runs.Load() != 1 {
		t.Fatalf("computed %d times", runs.Load())
	}
	for _, v := range got {
		if v != 42 {
			t.Fatalf("got %v", got)
		}
	}
	// A later request of the version reads the kept value.
	if v, _ := versioned.Get(context.Background(), &m, 7, "k", compute); v != 42 || runs.Load() != 1 {
		t.Fatalf("again: %d, %d runs", v, runs.Load())
	}
}

func TestNewerVersionsComputeAgainAndTwoAreKept(t *testing.T) {
	var m versioned.Memo
	n := 0
	compute := func(context.Context) (int, error) { n++; return n, nil }
	get := func(version int64) int {
		v, err := versioned.Get(context.Background(), &m, version, "k", compute)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if get(1) != 1 || get(2) != 2 || get(1) != 1 || get(2) != 2 {
		t.Fatal("versions 1 and 2 are not kept apart")
	}
	if get(3) != 3 {
		t.Fatal("version 3 not computed")
	}
	if vs := m.Versions(); len(vs) != 2 || vs[0] != 3 || vs[1] != 2 {
		t.Fatalf("kept %v, want [3 2]", vs)
	}
	// Version 1 is older than both kept: computed, not kept.
	if get(1) != 4 || get(1) != 5 {
		t.Fatal("an old version was kept or not computed")
	}
	if vs := m.Versions(); len(vs) != 2 || vs[0] != 3 {
		t.Fatalf("kept %v", vs)
	}
}

func TestFailedComputationIsRetried(t *testing.T) {
	var m versioned.Memo
	boom := errors.New("boom")
	fail := true
	compute := func(context.Context) (string, error) {
		if fail {
			fail = false
			return "", boom
		}
		return "ok", nil
	}
	if _, err := versioned.Get(context.Background(), &m, 1, "k", compute); !errors.Is(err, boom) {
		t.Fatalf("err %v", err)
	}
	if v, err := versioned.Get(context.Background(), &m, 1, "k", compute); err != nil || v != "ok" {
		t.Fatalf("retry: %q %v", v, err)
	}
	// A panic is not kept either; waiting requests are released.
	func() {
		defer func() { _ = recover() }()
		_, _ = versioned.Get(context.Background(), &m, 1, "p", func(context.Context) (int, error) { panic("x") })
	}()
	if v, err := versioned.Get(context.Background(), &m, 1, "p", func(context.Context) (int, error) { return 5, nil }); err != nil || v != 5 {
		t.Fatalf("after a panic: %d %v", v, err)
	}
}

func TestWaiterGivesUpWithItsContext(t *testing.T) {
	var m versioned.Memo
	release := make(chan struct{})
	go func() {
		_, _ = versioned.Get(context.Background(), &m, 1, "k", func(context.Context) (int, error) { <-release; return 1, nil })
	}()
	time.Sleep(10 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if _, err := versioned.Get(ctx, &m, 1, "k", func(context.Context) (int, error) { return 2, nil }); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v", err)
	}
	close(release)
}
