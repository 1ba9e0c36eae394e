package graph_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/graph"
	"github.com/karta/karta/seeds/identity"
	"github.com/karta/karta/seeds/kct"
	"github.com/karta/karta/seeds/load"
	"github.com/karta/karta/server/storagetest"
)

type cacheFixture struct {
	t      *testing.T
	ec     *ent.Client
	db     *storagetest.DB
	rc     *graph.ResponseCache
	srv    *httptest.Server
	handle http.Handler
}

func newCacheFixture(t *testing.T, budget int64) *cacheFixture {
	t.Helper()
	ec, db := storagetest.Open(t)
	if _, err := load.Seed(context.Background(), ec, load.Options{}); err != nil {
		t.Fatal(err)
	}
	rc := graph.NewResponseCache(ec, budget)
	h := graph.NewHandler(ec, graph.Options{ResponseCache: rc, ComplexityLimit: 500000,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &cacheFixture{t: t, ec: ec, db: db, rc: rc, srv: srv, handle: h}
}

type reply struct {
	status int
	header http.Header
	body   string
	stmts  int64
}

func (f *cacheFixture) do(req *http.Request) reply {
	f.t.Helper()
	f.db.Counter.Reset()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return reply{resp.StatusCode, resp.Header, string(b), f.db.Counter.Queries()}
}

// get sends a GET with the given parameters and extra headers (name, value…).
func (f *cacheFixture) get(params url.Values, headers ...string) reply {
	f.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, f.srv.URL+"?"+params.Encode(), nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return f.do(req)
}

func (f *cacheFixture) post(body map[string]any) reply {
	f.t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, f.srv.URL, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	return f.do(req)
}

const cachedQuery = `query Ministries { ministries(first: 5, orderBy: [{field: KEY}]) { totalCount edges { node { name spheres(first: 3) { edges { node { name } } } } } } }`

// A repeated query is answered from the cache with one statement (the
// version read); a GET carries a strong ETag and Cache-Control: no-cache,
// and If-None-Match with it answers 304 without running the query;
// documents differing only in layout share the entry.
func TestResponseCacheHitMissAndNotModified(t *testing.T) {
	f := newCacheFixture(t, 8<<20)
	q := url.Values{"query": {cachedQuery}}
	miss := f.get(q)
	if miss.status != 200 || miss.stmts < 2 {
		t.Fatalf("first GET: %d, %d statements: %s", miss.status, miss.stmts, miss.body)
	}
	etag := miss.header.Get("ETag")
	if len(etag) < 10 || etag[0] != '"' || miss.header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("first GET: ETag %q, Cache-Control %q", etag, miss.header.Get("Cache-Control"))
	}
	if f.rc.Len() != 1 {
		t.Fatalf("%d cached responses after one query, want 1", f.rc.Len())
	}
	hit := f.get(q)
	if hit.status != 200 || hit.body != miss.body || hit.stmts != 1 || hit.header.Get("ETag") != etag {
		t.Fatalf("second GET: %d, %d statements (want 1), ETag %q (want %q), same body %v",
			hit.status, hit.stmts, hit.header.Get("ETag"), etag, hit.body == miss.body)
	}
	nm := f.get(q, "If-None-Match", `"other", `+etag)
	if nm.status != http.StatusNotModified || nm.body != "" || nm.stmts != 1 || nm.header.Get("ETag") != etag {
		t.Fatalf("GET with If-None-Match: %d, %d statements, body %q", nm.status, nm.stmts, nm.body)
	}
	if r := f.get(q, "If-None-Match", `"v0-stale"`); r.status != 200 || r.body != miss.body {
		t.Fatalf("GET with a stale If-None-Match: %d", r.status)
	}
	// The same operation written differently, by POST: a hit, no ETag.
	p := f.post(map[string]any{"query": "# a comment\nquery Ministries {\n ministries(first: 5, orderBy: [{field: KEY}]) {\n  totalCount\n  edges { node { name, spheres(first: 3) { edges { node { name } } } } }\n }\n}\n"})
	if p.status != 200 || p.body != miss.body || p.stmts != 1 || p.header.Get("ETag") != "" {
		t.Fatalf("POST of the reformatted document: %d, %d statements, ETag %q, same body %v", p.status, p.stmts, p.header.Get("ETag"), p.body == miss.body)
	}
	// Other variables are another entry.
	vq := `query Page($n: Int) { ministries(first: $n, orderBy: [{field: KEY}]) { edges { node { name } } } }`
	one := f.post(map[string]any{"query": vq, "variables": map[string]any{"n": 1}})
	two := f.post(map[string]any{"query": vq, "variables": map[string]any{"n": 2}})
	if one.body == two.body || one.stmts < 2 || two.stmts < 2 || f.rc.Len() != 3 {
		t.Fatalf("variables: same body %v, statements %d/%d, %d cached (want 3)", one.body == two.body, one.stmts, two.stmts, f.rc.Len())
	}
}

// Automatic persisted queries work over GET: the hash alone is answered
// once the query is known, with an ETag and 304 on If-None-Match.
func TestResponseCachePersistedQueryOverGET(t *testing.T) {
	f := newCacheFixture(t, 8<<20)
	sum := sha256.Sum256([]byte(cachedQuery))
	ext := `{"persistedQuery":{"version":1,"sha256Hash":"` + hex.EncodeToString(sum[:]) + `"}}`
	unknown := f.get(url.Values{"extensions": {ext}})
	if unknown.status != 200 || !bytes.Contains([]byte(unknown.body), []byte("PERSISTED_QUERY_NOT_FOUND")) {
		t.Fatalf("hash before the query is known: %d %s", unknown.status, unknown.body)
	}
	first := f.get(url.Values{"extensions": {ext}, "query": {cachedQuery}})
	if first.status != 200 || first.header.Get("ETag") == "" {
		t.Fatalf("hash with query: %d, ETag %q: %s", first.status, first.header.Get("ETag"), first.body)
	}
	byHash := f.get(url.Values{"extensions": {ext}})
	if byHash.status != 200 || byHash.body != first.body || byHash.stmts != 1 || byHash.header.Get("ETag") != first.header.Get("ETag") {
		t.Fatalf("hash alone: %d, %d statements, same body %v", byHash.status, byHash.stmts, byHash.body == first.body)
	}
	// A persisted query by POST is conditional too.
	var e map[string]any
	_ = json.Unmarshal([]byte(ext), &e)
	b, _ := json.Marshal(map[string]any{"extensions": e})
	req, _ := http.NewRequest(http.MethodPost, f.srv.URL, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("If-None-Match", first.header.Get("ETag"))
	if r := f.do(req); r.status != http.StatusNotModified {
		t.Fatalf("persisted POST with If-None-Match: %d %s", r.status, r.body)
	}
}

// Errors, and responses of requests past their deadline, are never cached.
func TestResponseCacheSkipsErrorsAndTimeouts(t *testing.T) {
	f := newCacheFixture(t, 8<<20)
	bad := f.get(url.Values{"query": {`{ node(id: "no-such-id") { id } }`}})
	if bad.status != 200 || !bytes.Contains([]byte(bad.body), []byte(`"errors"`)) {
		t.Fatalf("bad id: %d %s", bad.status, bad.body)
	}
	if bad.header.Get("ETag") != "" || f.rc.Len() != 0 {
		t.Fatalf("an error response was cached (ETag %q, %d entries)", bad.header.Get("ETag"), f.rc.Len())
	}
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	req := httptest.NewRequest(http.MethodGet, "/?"+url.Values{"query": {cachedQuery}}.Encode(), nil).WithContext(ctx)
	rec := httptest.NewRecorder()
	f.handle.ServeHTTP(rec, req)
	if rec.Code != http.StatusServiceUnavailable || f.rc.Len() != 0 || rec.Header().Get("ETag") != "" {
		t.Fatalf("past the deadline: %d, %d entries, ETag %q", rec.Code, f.rc.Len(), rec.Header().Get("ETag"))
	}
}

// An import bumps the catalog version: the next request misses, answers
// the new state with a new ETag, the old ETag no longer gives 304, and the
// old entries are gone. A search answered from an index older than the
// snapshot is not cached.
func TestResponseCacheInvalidatedByImport(t *testing.T) {
	f := newCacheFixture(t, 8<<20)
	q := url.Values{"query": {`{ spheres(first: 100, orderBy: [{field: KEY}]) { edges { node { name entities { totalCount } } } } }`}}
	search := url.Values{"query": {`{ search(query: "лиценз") { totalCount } }`}}
	before := f.get(q)
	if before.status != 200 || before.header.Get("ETag") == "" {
		t.Fatalf("before: %d %s", before.status, before.body)
	}
	f.get(search) // builds the index: not cached, no index was current before
	if s := f.get(search); s.status != 200 || s.header.Get("ETag") == "" {
		t.Fatalf("search at the index's version: %d, ETag %q", s.status, s.header.Get("ETag"))
	}
	if f.rc.Len() != 2 {
		t.Fatalf("%d entries, want 2", f.rc.Len())
	}
	docs, err := load.SeedDocuments()
	if err != nil {
		t.Fatal(err)
	}
	d := docs[2]
	for i := range d.Spheres {
		s := &d.Spheres[i]
		s.Entities = s.Entities[:min(1, len(s.Entities))]
	}
	reg, err := identity.Default()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := load.Import(context.Background(), f.ec, reg, []*kct.Document{d}, load.Options{AllowRemovals: true}); err != nil {
		t.Fatal(err)
	}
	after := f.get(q, "If-None-Match", before.header.Get("ETag"))
	if after.status != 200 || after.body == before.body || after.stmts < 2 {
		t.Fatalf("after the import: %d, %d statements, changed %v", after.status, after.stmts, after.body != before.body)
	}
	if after.header.Get("ETag") == before.header.Get("ETag") || after.header.Get("ETag") == "" {
		t.Fatalf("ETag %q after the import, %q before", after.header.Get("ETag"), before.header.Get("ETag"))
	}
	if f.rc.Len() != 1 {
		t.Fatalf("%d entries after the import, want 1 (the old version's dropped)", f.rc.Len())
	}
	if s := f.get(search); s.status != 200 || s.header.Get("ETag") != "" || f.rc.Len() != 1 {
		t.Fatalf("search from the index of the old version: %d, ETag %q, %d entries", s.status, s.header.Get("ETag"), f.rc.Len())
	}
}

// The cache never holds more than its byte budget.
func TestResponseCacheStaysWithinBudget(t *testing.T) {
	const budget = 24 << 10
	f := newCacheFixture(t, budget)
	vq := `query Page($n: Int) { entities(first: $n, orderBy: [{field: KEY}]) { edges { node { id name } } } }`
	for n := 1; n <= 60; n++ {
		r := f.post(map[string]any{"query": vq, "variables": map[string]any{"n": n}})
		if r.status != 200 {
			t.Fatalf("n=%d: %d %s", n, r.status, r.body)
		}
	}
	if b := f.rc.Bytes(); b > budget || b == 0 {
		t.Fatalf("%d bytes cached, budget %d", b, budget)
	}
	if n := f.rc.Len(); n == 0 || n >= 60 {
		t.Fatalf("%d entries cached of 60 responses; want some evicted, some kept", n)
	}
	t.Logf("%d entries, %d bytes (budget %d)", f.rc.Len(), f.rc.Bytes(), budget)
}
