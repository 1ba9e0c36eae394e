package synth_test

import (
	"context"
	stdsql "database/sql"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/seeds/synth"
	"github.com/karta/karta/server/storagetest"
)

// BenchmarkImport40 imports 40 maps (synth.Documents: the seeds, then
// copies written the ways of the variant corpus) one at a time into an
// empty database, as a catalog grows. The goal of the performance issue:
// all 40 in under 20 s, the time per map flat, memory bounded. It reports,
// for maps 4–9 and 35–40 (one map's time is noisy on a busy machine; each
// window holds two copies of every seed), the mean time (maps4-9-ms,
// maps35-40-ms) and their ratio (growth: 1 is flat),
// and per map the MB and allocations (independent of the machine's load)
// and the SQL statements sent; map1-ms is the first map (empty catalog),
// ms/map the mean of all 40. Run on both databases (make bench-import):
//
//	KARTA_TEST_DB=sqlite go test -run '^$' -bench Import40 -benchtime 1x -benchmem ./seeds/synth/
//	KARTA_TEST_DB=postgres go test -run '^$' -bench Import40 -benchtime 1x -benchmem ./seeds/synth/
func BenchmarkImport40(b *testing.B) {
	ctx := context.Background()
	docs, reg, err := synth.Documents(40)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	// Per map, summed over runs: time, bytes and allocations of its import
	// and the statements it sent.
	n := len(docs)
	per := make([]time.Duration, n)
	bytes, allocs, stmts := make([]uint64, n), make([]uint64, n), make([]int64, n)
	runs := 0
	var ms runtime.MemStats
	for b.Loop() {
		b.StopTimer()
		_, db := storagetest.Open(b)
		drv := &counting{Driver: entsql.OpenDB(db.Dialect, db.SQL)}
		c := ent.NewClient(ent.Driver(drv))
		b.StartTimer()
		for i := range docs {
			runtime.ReadMemStats(&ms)
			b0, a0, s0 := ms.TotalAlloc, ms.Mallocs, drv.n.Load()
			if err := synth.Import(ctx, c, reg, docs[i:i+1], func(_ int, d time.Duration) { per[i] += d }); err != nil {
				b.Fatal(err)
			}
			runtime.ReadMemStats(&ms)
			bytes[i] += ms.TotalAlloc - b0
			allocs[i] += ms.Mallocs - a0
			stmts[i] += drv.n.Load() - s0
		}
		runs++
	}
	// mean of v over maps from..to (1-based), per run.
	mean := func(from, to int, v func(i int) float64) float64 {
		var sum float64
		for i := from - 1; i < to; i++ {
			sum += v(i)
		}
		return sum / float64(runs*(to-from+1))
	}
	msOf := func(i int) float64 { return float64(per[i]) / float64(time.Millisecond) }
	// Two windows of six maps, each two copies of every seed written ways
	// that keep the seed's content (synth.Ways): the same work, into a
	// catalog of 3 and of 34 maps.
	early, late := [2]int{4, 9}, [2]int{n - 5, n}
	for _, w := range []struct {
		name     string
		from, to int
	}{{"maps4-9", early[0], early[1]}, {fmt.Sprintf("maps%d-%d", late[0], late[1]), late[0], late[1]}} {
		b.ReportMetric(mean(w.from, w.to, msOf), w.name+"-ms")
		b.ReportMetric(mean(w.from, w.to, func(i int) float64 { return float64(bytes[i]) / (1 << 20) }), w.name+"-MB")
		b.ReportMetric(mean(w.from, w.to, func(i int) float64 { return float64(allocs[i]) }), w.name+"-allocs")
		b.ReportMetric(mean(w.from, w.to, func(i int) float64 { return float64(stmts[i]) }), w.name+"-stmts")
	}
	b.ReportMetric(mean(late[0], late[1], msOf)/mean(early[0], early[1], msOf), "growth")
	b.ReportMetric(mean(1, 1, msOf), "map1-ms")
	b.ReportMetric(mean(1, n, msOf), "ms/map")
}

// counting is an ent driver that counts the statements sent through it and
// through its transactions.
type counting struct {
	dialect.Driver
	n atomic.Int64
}

func (c *counting) Query(ctx context.Context, q string, args, v any) error {
	c.n.Add(1)
	return c.Driver.Query(ctx, q, args, v)
}

func (c *counting) Exec(ctx context.Context, q string, args, v any) error {
	c.n.Add(1)
	return c.Driver.Exec(ctx, q, args, v)
}

func (c *counting) Tx(ctx context.Context) (dialect.Tx, error) {
	tx, err := c.Driver.Tx(ctx)
	if err != nil {
		return nil, err
	}
	return &countingTx{Tx: tx, n: &c.n}, nil
}

// countingTx counts the statements of one transaction, including those
// sent with QueryContext (the importer's advisory lock).
type countingTx struct {
	dialect.Tx
	n *atomic.Int64
}

func (t *countingTx) Query(ctx context.Context, q string, args, v any) error {
	t.n.Add(1)
	return t.Tx.Query(ctx, q, args, v)
}

func (t *countingTx) Exec(ctx context.Context, q string, args, v any) error {
	t.n.Add(1)
	return t.Tx.Exec(ctx, q, args, v)
}

func (t *countingTx) QueryContext(ctx context.Context, q string, args ...any) (*stdsql.Rows, error) {
	t.n.Add(1)
	return t.Tx.(interface {
		QueryContext(context.Context, string, ...any) (*stdsql.Rows, error)
	}).QueryContext(ctx, q, args...)
}

func (t *countingTx) ExecContext(ctx context.Context, q string, args ...any) (stdsql.Result, error) {
	t.n.Add(1)
	return t.Tx.(interface {
		ExecContext(context.Context, string, ...any) (stdsql.Result, error)
	}).ExecContext(ctx, q, args...)
}
