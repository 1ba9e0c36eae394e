package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/karta/karta/cmd/benchhttp/sidebyside"
)

// job is one wrk run: one operation on one target at one concurrency.
type job struct {
	op     string
	target *target
	url    string
	body   string // file holding the POST body
	conc   int
	stmts  float64 // SQL statements per request (Karta), -1 when not counted
}

func (j job) key() string { return fmt.Sprintf("%s|%s|%d", j.op, j.target.name, j.conc) }

type wrkResult struct {
	Requests   int   `json:"requests"`
	DurationUS int64 `json:"duration_us"`
	P50        int64 `json:"p50_us"`
	P99        int64 `json:"p99_us"`
	Errors     int   `json:"errors"`
}

func (r wrkResult) rps() float64 { return float64(r.Requests) / (float64(r.DurationUS) / 1e6) }

// plan checks every operation on every target — the same data from Karta
// (both databases), PostGraphile and raw SQL — counts Karta's statements,
// and returns the wrk runs of one round in interleaved order.
func (h *harness) plan() ([]job, error) {
	var perConc [][]job // jobs of one operation at one concurrency, targets interleaved
	stmts := map[string]float64{}
	for i := range sidebyside.Queries {
		q := &sidebyside.Queries[i]
		kv, pv, err := q.Vars(h.lookup(h.kartaPG))
		if err != nil {
			return nil, fmt.Errorf("%s: variables: %w", q.Name, err)
		}
		sv, _, err := q.Vars(h.lookup(h.kartaSQLite))
		if err != nil {
			return nil, fmt.Errorf("%s: variables: %w", q.Name, err)
		}
		bodies := []struct {
			t    *target
			url  string
			body map[string]any
		}{
			{h.kartaPG, h.kartaPG.url, map[string]any{"query": q.Karta, "variables": kv}},
			{h.kartaSQLite, h.kartaSQLite.url, map[string]any{"query": q.Karta, "variables": sv}},
			{h.pg, h.pg.url, map[string]any{"query": q.PostGraphile, "variables": pv}},
			{h.raw, h.raw.url + q.Name, map[string]any{"variables": kv}},
		}
		var want any
		var js []job
		for k, b := range bodies {
			got, err := postJSON(b.url, b.body)
			if err != nil {
				return nil, fmt.Errorf("%s on %s: %w", q.Name, b.t.name, err)
			}
			norm := normalize(got["data"])
			if k == 0 {
				want = norm
				if empty(norm) {
					return nil, fmt.Errorf("%s: Karta returned no rows: %.300v", q.Name, norm)
				}
			} else if !reflect.DeepEqual(want, norm) {
				return nil, fmt.Errorf("%s: %s and %s return different data:\n%s\n%s", q.Name, bodies[0].t.name, b.t.name, short(want), short(norm))
			}
			j, err := h.job(q.Name, b.t, b.url, b.body, stmts)
			if err != nil {
				return nil, err
			}
			js = append(js, j)
		}
		fmt.Printf("check %-24s same data on karta-pg, karta-sqlite, postgraphile, raw-sql; statements karta-pg %.0f, karta-sqlite %.0f\n",
			q.Name, js[0].stmts, js[1].stmts)
		for _, c := range h.o.conc {
			var cj []job
			for _, j := range js {
				j.conc = c
				cj = append(cj, j)
			}
			perConc = append(perConc, cj)
		}
	}
	ops, err := h.frontendOps(stmts)
	if err != nil {
		return nil, err
	}
	for _, js := range ops {
		for _, c := range h.o.opsConc {
			var cj []job
			for _, j := range js {
				j.conc = c
				cj = append(cj, j)
			}
			perConc = append(perConc, cj)
		}
	}
	// Interleave: concurrency-major, so that every target of an operation
	// runs back to back under the same conditions.
	sort.SliceStable(perConc, func(a, b int) bool { return perConc[a][0].conc < perConc[b][0].conc })
	var out []job
	for _, cj := range perConc {
		out = append(out, cj...)
	}
	return out, nil
}

// job writes the body of a run and counts the statements of five requests
// (Karta targets only).
func (h *harness) job(op string, t *target, url string, body map[string]any, stmts map[string]float64) (job, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return job{}, err
	}
	file := filepath.Join(h.dir, strings.NewReplacer("/", "_", " ", "_").Replace(op+"-"+t.name+".json"))
	if err := os.WriteFile(file, b, 0o644); err != nil {
		return job{}, err
	}
	j := job{op: op, target: t, url: url, body: file, stmts: -1}
	if t == h.kartaPG || t == h.kartaSQLite || t == h.kartaPGCached {
		before, err := statements(t)
		if err != nil {
			return job{}, err
		}
		const n = 5
		for i := 0; i < n; i++ {
			if _, err := postJSON(url, body); err != nil {
				return job{}, fmt.Errorf("%s on %s: %w", op, t.name, err)
			}
		}
		after, err := statements(t)
		if err != nil {
			return job{}, err
		}
		j.stmts = float64(after-before) / n
	}
	return j, nil
}

// frontendOps loads the frontend operations with their variables (lookups
// resolved on each Karta target) and checks they run without errors.
func (h *harness) frontendOps(stmts map[string]float64) ([][]job, error) {
	files, err := filepath.Glob(filepath.Join(h.o.ops, "*.graphql"))
	if err != nil {
		return nil, err
	}
	var out [][]job
	for _, f := range files {
		q, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		op := "op:" + strings.TrimSuffix(filepath.Base(f), ".graphql")
		var vars map[string]any
		if b, err := os.ReadFile(strings.TrimSuffix(f, ".graphql") + ".vars.json"); err == nil {
			if err := json.Unmarshal(b, &vars); err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
		}
		var js []job
		for _, t := range []*target{h.kartaPG, h.kartaSQLite, h.kartaPGCached} {
			v, err := sidebyside.ResolveLookups(vars, func(typ string, where any) (string, error) { return h.lookupOn(t, typ, where) })
			if err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
			body := map[string]any{"query": string(q), "variables": v}
			if _, err := postJSON(t.url, body); err != nil {
				return nil, fmt.Errorf("%s on %s: %w", op, t.name, err)
			}
			j, err := h.job(op, t, t.url, body, stmts)
			if err != nil {
				return nil, err
			}
			js = append(js, j)
		}
		out = append(out, js)
	}
	return out, nil
}

func (h *harness) wrk(j job) (wrkResult, error) {
	threads := min(j.conc, 2)
	script, err := filepath.Abs("cmd/benchhttp/post.lua")
	if err != nil {
		return wrkResult{}, err
	}
	secs := fmt.Sprintf("%ds", max(1, int(h.o.duration/time.Second)))
	cmd := exec.Command("wrk", "-t", fmt.Sprint(threads), "-c", fmt.Sprint(j.conc), "-d", secs, "--timeout", "10s", "-s", script, j.url, "--", j.body)
	out, err := cmd.Output()
	if err != nil {
		return wrkResult{}, fmt.Errorf("wrk: %w", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	var r wrkResult
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &r); err != nil {
		return wrkResult{}, fmt.Errorf("wrk output %q: %w", out, err)
	}
	if r.Errors > 0 {
		return r, fmt.Errorf("%d errors in %d requests", r.Errors, r.Requests)
	}
	return r, nil
}

// normalize turns Relay connections ({edges: [{node: x}]}) and PostGraphile
// connections ({nodes: [x]} or, through a join table, {nodes: [{node: x}]})
// into one shape: {nodes: [x]}.
func normalize(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range v {
			if k == "edges" {
				k = "nodes"
			}
			out[k] = normalize(x)
		}
		if nodes, ok := out["nodes"].([]any); ok {
			for i, n := range nodes {
				if m, ok := n.(map[string]any); ok && len(m) == 1 {
					if inner, ok := m["node"]; ok {
						nodes[i] = inner
					}
				}
			}
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = normalize(x)
		}
		return out
	}
	return v
}

func empty(v any) bool {
	b, _ := json.Marshal(v)
	return !strings.Contains(string(b), `"name"`)
}

func short(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 800 {
		return string(b[:800]) + "…"
	}
	return string(b)
}
