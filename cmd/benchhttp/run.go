package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/karta/karta/seeds/synth"
	"github.com/karta/karta/server"
)

type options struct {
	maps, conc, opsConc  []int
	duration             time.Duration
	rounds, port         int
	postgres, ops, pgDir string
}

func run(args []string) error {
	fs := flag.NewFlagSet("benchhttp", flag.ContinueOnError)
	var o options
	var maps, conc, opsConc string
	fs.StringVar(&maps, "maps", "3,40", "catalog sizes in maps (seeds/synth)")
	fs.StringVar(&conc, "conc", "1,8,32", "concurrencies of the side-by-side queries")
	fs.StringVar(&opsConc, "ops-conc", "8", "concurrencies of the frontend operations")
	fs.DurationVar(&o.duration, "duration", 2*time.Second, "length of one wrk run")
	fs.IntVar(&o.rounds, "rounds", 2, "repetitions of the whole interleaved schedule")
	fs.IntVar(&o.port, "port", 18084, "first of four ports: Karta PostgreSQL, Karta SQLite, PostGraphile, Karta PostgreSQL with the response cache")
	fs.StringVar(&o.postgres, "postgres", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", "PostgreSQL server (a karta_bench_* database is created and dropped)")
	fs.StringVar(&o.ops, "operations", "frontend-schema/operations", "frontend operations (*.graphql with *.vars.json)")
	fs.StringVar(&o.pgDir, "postgraphile", "cmd/benchhttp/postgraphile", "npm project of PostGraphile (npm ci done)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var err error
	for _, p := range []struct {
		s   string
		out *[]int
	}{{maps, &o.maps}, {conc, &o.conc}, {opsConc, &o.opsConc}} {
		if *p.out, err = ints(p.s); err != nil {
			return err
		}
	}
	if _, err := exec.LookPath("wrk"); err != nil {
		return errors.New("wrk not found: apt-get install -y wrk (make bench-http does)")
	}
	fmt.Printf("benchhttp: %d CPUs, wrk runs of %s, %d rounds, GOMAXPROCS %d\n", runtime.NumCPU(), o.duration, o.rounds, runtime.GOMAXPROCS(0))
	for _, n := range o.maps {
		if err := runSize(o, n); err != nil {
			return fmt.Errorf("%d maps: %w", n, err)
		}
	}
	return nil
}

// target is one server under test.
type target struct {
	name   string
	url    string // GraphQL endpoint, or the raw-SQL endpoint prefix
	proc   *exec.Cmd
	exited chan error
}

// harness holds the servers of one catalog size.
type harness struct {
	o                        options
	dir                      string
	kartaPG, kartaSQLite, pg *target
	// kartaPGCached is Karta on PostgreSQL with the response cache on; the
	// other Karta servers run without it (the goals are uncached).
	kartaPGCached *target
	raw           *target
}

func runSize(o options, n int) (err error) {
	dir, err := os.MkdirTemp("", "karta-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	dbName := fmt.Sprintf("karta_bench_%d_%d", n, os.Getpid())
	dbURL, drop, err := createDB(o.postgres, dbName)
	if err != nil {
		return err
	}
	defer drop()
	sqlitePath := filepath.Join(dir, "karta.db")
	fmt.Printf("\n== %d maps ==\n", n)
	for _, db := range []struct{ name, url, path string }{{"PostgreSQL", dbURL, ""}, {"SQLite", "", sqlitePath}} {
		if err := prepare(db.name, db.url, db.path, n); err != nil {
			return err
		}
	}
	h := &harness{o: o, dir: dir}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	addr := func(i int) string { return fmt.Sprintf("127.0.0.1:%d", o.port+i) }
	h.kartaPG = &target{name: "karta-pg", url: "http://" + addr(0) + "/graphql"}
	h.kartaSQLite = &target{name: "karta-sqlite", url: "http://" + addr(1) + "/graphql"}
	h.pg = &target{name: "postgraphile", url: "http://" + addr(2) + "/graphql"}
	h.raw = &target{name: "raw-sql", url: "http://" + addr(0) + "/bench/sql/"}
	h.kartaPGCached = &target{name: "karta-pg-cached", url: "http://" + addr(3) + "/graphql"}
	// wrk's clients all come from one address: Karta's per-client limit
	// (8 at once by default, more answer 429) is raised to the run's
	// highest concurrency, and the server-wide one with it when it is lower.
	clients := slices.Max(append(slices.Clone(o.conc), o.opsConc...))
	limits := []string{"-max-in-flight-per-client", strconv.Itoa(clients)}
	if clients > server.DefaultMaxInFlight {
		limits = append(limits, "-max-in-flight", strconv.Itoa(clients))
	}
	karta := func(args ...string) *exec.Cmd {
		return exec.Command(self, append(append([]string{"serve"}, args...), limits...)...)
	}
	h.kartaPG.proc = karta("-addr", addr(0), "-database-url", dbURL, "-seed=false", "-response-cache=false")
	h.kartaSQLite.proc = karta("-addr", addr(1), "-sqlite", sqlitePath, "-seed=false", "-response-cache=false")
	h.kartaPGCached.proc = karta("-addr", addr(3), "-database-url", dbURL, "-seed=false", "-response-cache=true")
	h.pg.proc = exec.Command("node", filepath.Join(o.pgDir, "server.js"), dbURL, strconv.Itoa(o.port+2))
	h.pg.proc.Env = append(os.Environ(), "NODE_ENV=production")
	for _, t := range h.servers() {
		t.proc.Stderr = prefixed(t.name)
		t.proc.Stdout = io.Discard
		if err := t.proc.Start(); err != nil {
			return fmt.Errorf("start %s: %w", t.name, err)
		}
		t.exited = make(chan error, 1)
		go func(t *target) { t.exited <- t.proc.Wait() }(t)
		defer func(t *target) { _ = t.proc.Process.Kill(); <-t.exited }(t)
	}
	for _, t := range h.servers() {
		if err := waitReady(t); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
	}
	idle := map[string]int{}
	for _, t := range h.servers() {
		idle[t.name] = rssKB(t.proc.Process.Pid)
	}
	jobs, err := h.plan()
	if err != nil {
		return err
	}
	results := map[string][]wrkResult{}
	for r := 0; r < o.rounds; r++ {
		for _, j := range jobs {
			res, err := h.wrk(j)
			if err != nil {
				return fmt.Errorf("%s %s c=%d: %w", j.target.name, j.op, j.conc, err)
			}
			results[j.key()] = append(results[j.key()], res)
		}
	}
	h.report(n, jobs, results, idle)
	return nil
}

// servers are the processes of a run.
func (h *harness) servers() []*target {
	return []*target{h.kartaPG, h.kartaSQLite, h.pg, h.kartaPGCached}
}

// prepare migrates a database and imports n maps one at a time, printing
// the import time per map as the catalog grows.
func prepare(name, databaseURL, sqlitePath string, n int) error {
	ctx := context.Background()
	client, err := server.OpenDB(databaseURL, sqlitePath, server.DefaultPool)
	if err != nil {
		return err
	}
	defer client.Close()
	if err := server.Migrate(ctx, client, server.DialectOf(databaseURL)); err != nil {
		return err
	}
	docs, reg, err := synth.Documents(n)
	if err != nil {
		return err
	}
	var times []time.Duration
	start := time.Now()
	if err := synth.Import(ctx, client, reg, docs, func(_ int, d time.Duration) { times = append(times, d) }); err != nil {
		return err
	}
	fmt.Printf("import %s: %d maps in %s; per map: first %s, 4th %s, last %s\n", name, n,
		time.Since(start).Round(time.Millisecond), times[0].Round(time.Millisecond),
		times[min(3, len(times)-1)].Round(time.Millisecond), times[len(times)-1].Round(time.Millisecond))
	return nil
}

func createDB(base, name string) (string, func(), error) {
	admin, err := sql.Open("postgres", base)
	if err != nil {
		return "", nil, err
	}
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("create database %s: %w", name, err)
	}
	u, err := url.Parse(base)
	if err != nil {
		return "", nil, err
	}
	u.Path = "/" + name
	return u.String(), func() {
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			fmt.Fprintf(os.Stderr, "drop database %s: %v\n", name, err)
		}
		admin.Close()
	}, nil
}

func waitReady(t *target) error {
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		if _, err := postJSON(t.url, map[string]any{"query": "{ __typename }"}); err == nil {
			return nil
		}
		select {
		case err := <-t.exited:
			t.exited <- err
			return fmt.Errorf("exited before it was ready: %v", err)
		case <-time.After(300 * time.Millisecond):
		}
	}
	return fmt.Errorf("%s not ready after 3 minutes", t.url)
}

// postJSON posts body and returns the response, failing on a non-200
// status or GraphQL errors.
func postJSON(endpoint string, body any) (map[string]any, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	resp, err := http.Post(endpoint, "application/json", bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %d: %.300s", resp.StatusCode, raw)
	}
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("%w: %.300s", err, raw)
	}
	if e, ok := out["errors"]; ok && e != nil {
		return nil, fmt.Errorf("errors: %.500s", raw)
	}
	return out, nil
}

// statements is the number of SQL statements a Karta server has sent.
func statements(t *target) (int64, error) {
	resp, err := http.Get(strings.TrimSuffix(t.url, "/graphql") + "/bench/statements")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	return strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
}

// rssKB reads a process's resident set (VmRSS) in kB, 0 when unknown.
func rssKB(pid int) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	return 0
}

func ints(s string) ([]int, error) {
	var out []int
	for _, p := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%q: expected positive integers separated by commas", s)
		}
		out = append(out, n)
	}
	sort.Ints(out)
	return out, nil
}

type prefixWriter struct{ name string }

func (p prefixWriter) Write(b []byte) (int, error) {
	for _, line := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
		fmt.Fprintf(os.Stderr, "[%s] %s\n", p.name, line)
	}
	return len(b), nil
}

func prefixed(name string) io.Writer { return prefixWriter{name} }

// prepareCmd migrates one existing database and imports N maps into it, as
// a run does, and keeps it: a catalog to profile a server on or to run the
// same wrk command against two builds of it.
func prepareCmd(args []string) error {
	fs := flag.NewFlagSet("benchhttp prepare", flag.ContinueOnError)
	maps := fs.Int("maps", 40, "catalog size in maps (seeds/synth)")
	dbURL := fs.String("database-url", "", "PostgreSQL database (created beforehand, empty)")
	sqlitePath := fs.String("sqlite", "", "SQLite file (created)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if (*dbURL == "") == (*sqlitePath == "") {
		return errors.New("prepare: give one of -database-url and -sqlite")
	}
	name := "SQLite"
	if *dbURL != "" {
		name = "PostgreSQL"
	}
	return prepare(name, *dbURL, *sqlitePath, *maps)
}
