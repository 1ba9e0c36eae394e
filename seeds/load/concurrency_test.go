package load

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/seeds/identity"
	"github.com/karta/karta/seeds/kct"
	"github.com/karta/karta/server/storagetest"
)

// dump is a canonical text of the catalog: every node's type, key and
// digest, the systems each integration and process group links to (by key,
// so that a link to a removed system shows), and the catalog version. Two
// catalogs with equal dumps hold the same data whatever their IDs.
func dump(t *testing.T, c *ent.Client) string {
	t.Helper()
	ctx := context.Background()
	var lines []string
	for _, k := range kinds {
		rows, err := k.list(ctx, c, func(*sql.Selector) {})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			lines = append(lines, k.name+" "+r.Key+" "+r.Digest)
		}
	}
	key := func(s *ent.InformationSystem) string {
		if s == nil {
			return "<none>"
		}
		return s.Key
	}
	for _, in := range c.Integration.Query().WithConsumerSystem().WithProviderSystem().AllX(ctx) {
		lines = append(lines, fmt.Sprintf("Integration %s consumer=%s provider=%s", in.Key,
			key(in.Edges.ConsumerSystem), key(in.Edges.ProviderSystem)))
	}
	for _, g := range c.ProcessGroup.Query().WithInformationSystems().AllX(ctx) {
		var ks []string
		for _, s := range g.Edges.InformationSystems {
			ks = append(ks, s.Key)
		}
		sort.Strings(ks)
		lines = append(lines, "ProcessGroup "+g.Key+" systems="+strings.Join(ks, ","))
	}
	sort.Strings(lines)
	st := c.CatalogState.Query().OnlyX(ctx)
	return fmt.Sprintf("version %d\n%s", st.Version, strings.Join(lines, "\n"))
}

// The race of issue 11: one import removes a system no map of it uses any
// more (an orphan) while another links a new integration to that system.
// Interleaved, the second could link to a deleted row; serialized, either
// the system is removed and created again, or it stays.
func raceEdits(t *testing.T) []func() []*kct.Document {
	const system = "Е-АБИС"
	return []func() []*kct.Document{
		func() []*kct.Document { // map 000 stops using the system
			ds := seedCopies(t)
			found := false
			for si := range ds[0].Spheres {
				for gi := range ds[0].Spheres[si].ProcessGroups {
					g := &ds[0].Spheres[si].ProcessGroups[gi]
					if len(g.Systems) == 1 && strings.Contains(g.Systems[0], system) {
						g.Systems, found = nil, true
					}
				}
			}
			if !found {
				t.Fatalf("map 000 has no process group automated by %s alone", system)
			}
			return ds[:1]
		},
		func() []*kct.Document { // map 002 adds an integration into the system
			ds := seedCopies(t)
			d := ds[1]
			in := d.Integrations[0]
			in.Number = "999"
			in.ConsumerSystem = "ИС «" + system + "»"
			in.DataNames = []string{"Сведения для проверки гонки импортов"}
			d.Integrations = append(d.Integrations, in)
			return ds[1:2]
		},
		func() []*kct.Document { // map 003 loses its last roadmap row
			ds := seedCopies(t)
			d := ds[2]
			for si := range d.Spheres {
				if n := len(d.Spheres[si].Roadmap); n > 0 {
					d.Spheres[si].Roadmap = d.Spheres[si].Roadmap[:n-1]
					break
				}
			}
			return ds[2:3]
		},
	}
}

func seedCopies(t *testing.T) []*kct.Document {
	t.Helper()
	ds, err := SeedDocuments()
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func permutations(n int) [][]int {
	if n == 1 {
		return [][]int{{0}}
	}
	var out [][]int
	for _, p := range permutations(n - 1) {
		for i := 0; i <= len(p); i++ {
			q := append(append(append([]int{}, p[:i]...), n-1), p[i:]...)
			out = append(out, q)
		}
	}
	return out
}

// Imports running at the same time, each in its own client (as separate
// processes would), end in a state some serial order of them gives, and
// none of them fails.
func TestConcurrentImportsEqualASerialOrder(t *testing.T) {
	reg, err := identity.Default()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	edits := raceEdits(t)
	opts := Options{AllowRemovals: true}
	seeded := func() (*ent.Client, func(testing.TB) *ent.Client) {
		open := storagetest.Shared(t).Open
		c := open(t)
		if _, err := Import(ctx, c, reg, seedCopies(t), Options{}); err != nil {
			t.Fatal(err)
		}
		return c, open
	}
	serial := map[string]string{}
	for _, order := range permutations(len(edits)) {
		c, _ := seeded()
		for _, i := range order {
			if _, err := Import(ctx, c, reg, edits[i](), opts); err != nil {
				t.Fatalf("serial order %v: %v", order, err)
			}
		}
		serial[dump(t, c)] = fmt.Sprint(order)
	}
	t.Logf("%d serial orders give %d distinct states", len(permutations(len(edits))), len(serial))
	for round := 0; round < 2; round++ {
		c, open := seeded()
		var wg sync.WaitGroup
		errs := make([]error, len(edits))
		clients := make([]*ent.Client, len(edits))
		for i := range edits {
			clients[i] = open(t)
		}
		for i := range edits {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = Import(ctx, clients[i], reg, edits[i](), opts)
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d: concurrent import %d failed: %v", round, i, err)
			}
		}
		got := dump(t, c)
		if _, ok := serial[got]; !ok {
			t.Fatalf("round %d: the concurrent imports left a state no serial order gives:\n%s", round, diffAgainst(got, serial))
		}
	}
}

// diffAgainst lists the lines of got missing from, or extra to, the
// closest of the serial states.
func diffAgainst(got string, serial map[string]string) string {
	best, bestN := "", -1
	for s, order := range serial {
		missing, extra := lineDiff(s, got)
		if n := len(missing) + len(extra); bestN < 0 || n < bestN {
			bestN = n
			best = fmt.Sprintf("closest serial order %s; missing: %v; extra: %v", order, clipLines(missing), clipLines(extra))
		}
	}
	return best
}

func lineDiff(want, got string) (missing, extra []string) {
	w := map[string]bool{}
	for _, l := range strings.Split(want, "\n") {
		w[l] = true
	}
	g := map[string]bool{}
	for _, l := range strings.Split(got, "\n") {
		g[l] = true
		if !w[l] {
			extra = append(extra, l)
		}
	}
	for l := range w {
		if !g[l] {
			missing = append(missing, l)
		}
	}
	return missing, extra
}

func clipLines(ls []string) []string {
	sort.Strings(ls)
	if len(ls) > 10 {
		return append(ls[:10], fmt.Sprintf("… %d more", len(ls)-10))
	}
	return ls
}

// An import that finds another one running says so: it logs that it waits,
// and after Options.LockWait it fails with ErrImportRunning, writing
// nothing; once the other is done, it goes through.
func TestImportWaitingForAnotherSaysSo(t *testing.T) {
	reg, err := identity.Default()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	shared := storagetest.Shared(t)
	first, second := shared.Open(t), shared.Open(t)
	// The first import holds the catalog: its transaction stays open.
	tx, err := begin(ctx, first, time.Second, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := lockCatalog(ctx, tx.Client(), time.Second, nil); err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	var mu sync.Mutex
	logger := slog.New(slog.NewTextHandler(lockedWriter{&mu, &log}, nil))
	docs := seedCopies(t)[:1]
	_, err = Import(ctx, second, reg, docs, Options{LockWait: 300 * time.Millisecond, Log: logger})
	if !errors.Is(err, ErrImportRunning) {
		t.Fatalf("import while another runs: got %v, want ErrImportRunning", err)
	}
	mu.Lock()
	logged := log.String()
	mu.Unlock()
	if !strings.Contains(logged, "another import of this catalog is running") {
		t.Fatalf("the waiting import logged %q", logged)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if n := second.TransformationMap.Query().CountX(ctx); n != 0 {
		t.Fatalf("the refused import wrote %d maps", n)
	}
	if _, err := Import(ctx, second, reg, docs, Options{LockWait: time.Second}); err != nil {
		t.Fatalf("import after the other is done: %v", err)
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.w.Write(p)
}
