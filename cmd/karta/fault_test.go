package main

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/server/storagetest"
)

// Fault tests run the real binary: killed with SIGKILL in the middle of
// seeding or importing, and started twice at once on an empty database.

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// binary builds cmd/karta once per test run.
func binary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("fault tests build and run the binary; skipped with -short")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "karta-fault")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "karta")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// faultDB is a throwaway database the binary can open: its environment and
// a client for the test's checks.
type faultDB struct {
	env    []string
	client *ent.Client
}

func newFaultDB(t *testing.T) faultDB {
	t.Helper()
	db := storagetest.Shared(t)
	c := db.Open(t) // migrated
	env := append(append(os.Environ(), "KARTA_LOG_LEVEL=warn"), db.Env()...)
	return faultDB{env: env, client: c}
}

// state is what a kill may leave: the catalog version and node counts.
func state(t *testing.T, c *ent.Client) string {
	t.Helper()
	ctx := context.Background()
	v := c.CatalogState.Query().OnlyX(ctx).Version
	return fmt.Sprintf("version %d, %d imports, %d maps, %d spheres, %d entities, %d attributes, %d process groups, %d systems, %d integrations",
		v, c.ImportRun.Query().CountX(ctx), c.TransformationMap.Query().CountX(ctx), c.Sphere.Query().CountX(ctx),
		c.Entity.Query().CountX(ctx), c.Attribute.Query().CountX(ctx), c.ProcessGroup.Query().CountX(ctx),
		c.InformationSystem.Query().CountX(ctx), c.Integration.Query().CountX(ctx))
}

// killAt runs the binary with args and SIGKILLs it after d (or lets it end).
func killAt(t *testing.T, env []string, d time.Duration, args ...string) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Env = env
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(d):
		_ = cmd.Process.Signal(syscall.SIGKILL)
		<-done
	}
}

// An import killed at a random moment leaves the catalog as it was before
// the import or as the import leaves it, never in between.
func TestKillDuringImportLeavesBeforeOrAfter(t *testing.T) {
	bin := binary(t)
	dir := t.TempDir()
	full, err := os.ReadFile("../../seeds/maps/003_7875826fde8fc762.txt")
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(dir, "003_cut.txt")
	if err := os.WriteFile(cut, full[:len(full)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(11, uint64(time.Now().UnixNano())))
	// The states to expect: empty, seeded, seeded then the cut map.
	ref := newFaultDB(t)
	empty := state(t, ref.client)
	run := func(args ...string) time.Duration {
		start := time.Now()
		cmd := exec.Command(bin, args...)
		cmd.Env = ref.env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		return time.Since(start)
	}
	seedTook := run("import", "-seeds")
	seeded := state(t, ref.client)
	importTook := run("import", "-allow-removals", cut)
	edited := state(t, ref.client)
	// Kill anywhere from the start to past the time a run takes
	// (serve seeds, then builds the search index and listens: it never ends).
	at := func(took time.Duration) time.Duration {
		return time.Duration(rng.Int64N(int64(took) * 16 / 10))
	}

	outcomes := map[string]int{}
	defer func() { t.Logf("outcomes: %v", outcomes) }()
	for i := range 4 {
		db := newFaultDB(t)
		killAt(t, db.env, at(seedTook), "serve", "-addr", "127.0.0.1:0")
		got := state(t, db.client)
		if got != empty && got != seeded {
			t.Fatalf("kill %d during seeding left\n  %s\nwant\n  %s\nor\n  %s", i, got, empty, seeded)
		}
		if got == empty {
			outcomes["seed killed"]++
			continue
		}
		outcomes["seeded"]++
		killAt(t, db.env, at(importTook), "import", "-allow-removals", cut)
		switch got := state(t, db.client); got {
		case seeded:
			outcomes["import killed"]++
		case edited:
			outcomes["imported"]++
		default:
			t.Fatalf("kill %d during an import left\n  %s\nwant\n  %s\nor\n  %s", i, got, seeded, edited)
		}
	}
}

// Two replicas started at the same moment on an empty database both come
// up, and the catalog is seeded once.
func TestReplicasStartedTogether(t *testing.T) {
	bin := binary(t)
	db := newFaultDB(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.CommandContext(ctx, bin, "serve", "-addr", "127.0.0.1:0")
			cmd.Env = db.env
			stdout, _ := cmd.StdoutPipe()
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				errs[i] = err
				return
			}
			up := false
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				if strings.Contains(sc.Text(), "Karta is up") {
					up = true
					break
				}
			}
			_ = cmd.Process.Signal(syscall.SIGTERM)
			werr := cmd.Wait()
			if !up {
				errs[i] = fmt.Errorf("replica %d did not come up: %v\n%s", i, werr, stderr.String())
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	c := db.client
	if n := c.ImportRun.Query().CountX(context.Background()); n != 1 {
		t.Fatalf("the catalog was seeded %d times", n)
	}
	if n := c.TransformationMap.Query().CountX(context.Background()); n != 3 {
		t.Fatalf("%d maps after seeding", n)
	}
}

// Two import processes started together both succeed: the second waits
// for the first (on SQLite beyond the busy timeout) and then finds nothing
// to change.
func TestImportProcessesStartedTogether(t *testing.T) {
	bin := binary(t)
	db := newFaultDB(t)
	var wg sync.WaitGroup
	outs := make([]string, 3)
	errs := make([]error, 3)
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(bin, "import", "-seeds")
			cmd.Env = db.env
			out, err := cmd.CombinedOutput()
			outs[i], errs[i] = string(out), err
		}()
	}
	wg.Wait()
	changed := 0
	for i, err := range errs {
		if err != nil {
			t.Fatalf("import %d: %v\n%s", i, err, outs[i])
		}
		if !strings.Contains(outs[i], "nothing to change") {
			changed++
		}
	}
	if changed != 1 {
		t.Fatalf("%d of the imports changed the catalog, want exactly 1", changed)
	}
	if n := db.client.ImportRun.Query().CountX(context.Background()); n != 1 {
		t.Fatalf("%d imports recorded", n)
	}
}

// TestMain removes the binary the fault tests built.
func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}
