package versioned

import (
	"context"
	"time"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/server/snapshot"
)

// Warm computes values of one catalog version ahead of the requests that
// will ask for them: it calls Get for the keys it warms, with the same
// compute functions the requests use, so a request arriving meanwhile
// waits for the warm-up's computation instead of repeating it. ctx is in
// a snapshot of version.
type Warm func(ctx context.Context, version int64) error

// Compute is the Warm of one key: it computes the key's value with compute
// (see Get), the function a request of the key computes it with.
func Compute[T any](m *Memo, key string, compute func(context.Context) (T, error)) Warm {
	return func(ctx context.Context, version int64) error {
		_, err := Get(ctx, m, version, key, compute)
		return err
	}
}

// All is the Warm that runs warms one after another (on a shared machine a
// warm-up takes its time rather than several cores), stopping at the first
// error.
func All(warms ...Warm) Warm {
	return func(ctx context.Context, version int64) error {
		for _, w := range warms {
			if err := w(ctx, version); err != nil {
				return err
			}
		}
		return nil
	}
}

// WarmNow reads the catalog version in a snapshot of its own and runs warm
// in that snapshot. It returns the version warmed.
func WarmNow(ctx context.Context, c *ent.Client, warm Warm) (int64, error) {
	ctx, end := snapshot.Begin(ctx)
	defer end()
	v, err := Version(ctx, c)
	if err != nil {
		return 0, err
	}
	return v, warm(ctx, v)
}

// Watch keeps a replica's memo warm: it warms the catalog version now and
// then, every interval, reads the version (one indexed read) and warms a
// version it has not warmed yet — one that an import, here or in another
// process, committed. report, when not nil, is told of every warm-up (its
// version, how long it took, its error; a failed version is tried again at
// the next tick; every <= 0 warms only at the start). Watch runs until ctx is done and returns ctx.Err(); run
// it in a goroutine beside the server, which it does not hold up.
func Watch(ctx context.Context, c *ent.Client, every time.Duration, warm Warm, report func(version int64, took time.Duration, err error)) error {
	warmed := int64(-1)
	check := func() {
		if warmed >= 0 {
			// A cheap read outside any snapshot: most ticks stop here.
			v, err := Version(ctx, c)
			if err != nil || v == warmed {
				return
			}
		}
		start := time.Now()
		v, err := WarmNow(ctx, c, warm)
		if ctx.Err() != nil {
			return
		}
		if err == nil {
			warmed = v
		}
		if report != nil {
			report(v, time.Since(start), err)
		}
	}
	return Every(ctx, every, check)
}

// Every calls f now and then every interval until ctx is done, and returns
// ctx.Err(); with every <= 0 it calls f only now. The pollers of the
// catalog version (this package's Watch, the search index's refresh) run
// on it.
func Every(ctx context.Context, every time.Duration, f func()) error {
	f()
	if every <= 0 {
		<-ctx.Done()
		return ctx.Err()
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			f()
		}
	}
}
