package server_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/karta/karta/graph"
	"github.com/karta/karta/seeds/fixture"
	"github.com/karta/karta/server"
	"github.com/karta/karta/server/storagetest"
)

func testConfig(t testing.TB, env map[string]string, args ...string) server.Config {
	t.Helper()
	cfg, err := server.ParseConfig("test", args, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestConfigFromEnvironmentAndFlags(t *testing.T) {
	cfg := testConfig(t, map[string]string{
		"ADDR": ":9999", "DATABASE_URL": "postgres://u@h/db", "KARTA_MAX_PAGE_SIZE": "50",
		"KARTA_REQUEST_TIMEOUT": "3s", "KARTA_CORS_ORIGINS": "https://a.example, https://b.example",
	}, "-max-page-size", "70")
	if cfg.Addr != ":9999" || cfg.DatabaseURL != "postgres://u@h/db" || cfg.RequestTimeout != 3*time.Second {
		t.Fatalf("env not applied: %+v", cfg)
	}
	if cfg.MaxPageSize != 70 {
		t.Fatalf("a flag must win over its variable: %d", cfg.MaxPageSize)
	}
	if len(cfg.AllowedOrigins) != 2 || cfg.AllowedOrigins[1] != "https://b.example" {
		t.Fatalf("origins: %v", cfg.AllowedOrigins)
	}
	def := testConfig(t, nil)
	if def.Addr != ":8080" || def.SQLitePath != "karta.db" || def.DatabaseURL != "" || !def.Seed {
		t.Fatalf("defaults: %+v", def)
	}
	if def.Pool.PGStatements != server.DefaultPool.PGStatements || server.DefaultPool.PGStatements == 0 {
		t.Fatalf("statement cache by default: %d (DefaultPool %d)", def.Pool.PGStatements, server.DefaultPool.PGStatements)
	}
	if c := testConfig(t, map[string]string{"KARTA_PG_STATEMENT_CACHE": "0"}); c.Pool.PGStatements != 0 {
		t.Fatalf("KARTA_PG_STATEMENT_CACHE=0: %d", c.Pool.PGStatements)
	}
	if c := testConfig(t, map[string]string{"KARTA_PG_STATEMENT_CACHE": "0"}, "-pg-statement-cache", "32"); c.Pool.PGStatements != 32 {
		t.Fatalf("-pg-statement-cache 32 over the variable: %d", c.Pool.PGStatements)
	}
	for _, o := range def.AllowedOrigins {
		if o == "*" {
			t.Fatal("the default origins must not be *")
		}
	}
}

// The server sets the runtime's soft memory limit: DefaultMemoryLimit (less
// SQLiteMemoryReserve on SQLite), plus the response cache's budget while
// that is on, unless configured;
// none when configured 0, and GOMEMLIMIT's when the operator set that
// variable and not Karta's.
func TestMemoryLimit(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	const pgURL = "postgres://u@h/db"
	pg := map[string]string{"DATABASE_URL": pgURL}
	for _, tc := range []struct {
		env  map[string]string
		want int64 // the limit in force after ApplyMemoryLimit
		args []string
	}{
		{pg, server.DefaultMemoryLimit + 64<<20, nil},
		{map[string]string{"KARTA_RESPONSE_CACHE": "off", "DATABASE_URL": pgURL}, server.DefaultMemoryLimit, nil},
		{pg, server.DefaultMemoryLimit, []string{"-response-cache=false"}},
		{map[string]string{"KARTA_RESPONSE_CACHE_BYTES": "33554432", "DATABASE_URL": pgURL}, server.DefaultMemoryLimit + 32<<20, nil},
		{nil, server.DefaultMemoryLimit - server.SQLiteMemoryReserve + 64<<20, nil},
		{map[string]string{"KARTA_RESPONSE_CACHE": "off"}, server.DefaultMemoryLimit - server.SQLiteMemoryReserve, nil},
		{pg, server.DefaultMemoryLimit - server.SQLiteMemoryReserve, []string{"-response-cache=false", "-database-url", ""}},
		{map[string]string{"KARTA_MEMORY_LIMIT_BYTES": "134217728", "KARTA_RESPONSE_CACHE": "off"}, 128 << 20, nil}, // SQLite, set: as set
		{map[string]string{"KARTA_MEMORY_LIMIT_BYTES": "268435456"}, 256 << 20, nil},
		{nil, 96 << 20, []string{"-memory-limit-bytes", "100663296"}},
		{map[string]string{"GOMEMLIMIT": "300MiB"}, math.MaxInt64, nil}, // the runtime read GOMEMLIMIT at start (not here)
		{map[string]string{"GOMEMLIMIT": "300MiB", "KARTA_MEMORY_LIMIT_BYTES": "100663296"}, 96 << 20, nil},
	} {
		debug.SetMemoryLimit(math.MaxInt64)
		server.ApplyMemoryLimit(testConfig(t, tc.env, tc.args...), quiet)
		if got := debug.SetMemoryLimit(-1); got != tc.want {
			t.Errorf("%v %v: limit %d, want %d", tc.env, tc.args, got, tc.want)
		}
	}
}

func TestConfigErrorsSayWhatWasExpected(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"KARTA_REQUEST_TIMEOUT": "soon"}, `KARTA_REQUEST_TIMEOUT="soon": expected a duration`},
		{map[string]string{"KARTA_MAX_PAGE_SIZE": "many"}, `KARTA_MAX_PAGE_SIZE="many": expected an integer`},
		{map[string]string{"KARTA_CORS_ORIGINS": "*", "KARTA_CORS_CREDENTIALS": "true"}, `cannot be combined with credentials`},
		{map[string]string{"KARTA_LOG_FORMAT": "xml"}, `expected text or json`},
		{map[string]string{"KARTA_RESPONSE_CACHE": "maybe"}, `KARTA_RESPONSE_CACHE="maybe": expected on or off`},
		{map[string]string{"KARTA_RESPONSE_CACHE_BYTES": "1000"}, `response cache bytes: expected at least 1 MiB`},
		{map[string]string{"KARTA_MEMORY_LIMIT_BYTES": "1000000"}, `memory limit bytes: expected 0 (none) or at least 64 MiB`},
		{map[string]string{"KARTA_SEARCH_REFRESH": "0s"}, `search refresh: expected a positive duration such as 2s, got 0s`},
		{map[string]string{"KARTA_MEMORY_LIMIT_BYTES": "lots"}, `KARTA_MEMORY_LIMIT_BYTES="lots": expected an integer`},
		{map[string]string{"KARTA_PG_STATEMENT_CACHE": "-1"}, `pg statement cache: expected a number of statements ≥ 0 (0: none), got -1`},
	} {
		_, err := server.ParseConfig("test", nil, func(k string) string { return tc.env[k] })
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: got %v, want %q", tc.env, err, tc.want)
		}
	}
	if _, err := server.OpenDB("mysql://x", "", server.DefaultPool); err == nil || !strings.Contains(err.Error(), "expected postgres://") {
		t.Errorf("bad DATABASE_URL: %v", err)
	}
}

func newServer(t testing.TB, env map[string]string) *httptest.Server {
	t.Helper()
	client, _ := storagetest.Open(t)
	if err := fixture.Load(context.Background(), client, 1); err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(t, env)
	ts := httptest.NewServer(server.Handler(cfg, client, nil, nil, slog.New(slog.NewTextHandler(io.Discard, nil))))
	t.Cleanup(ts.Close)
	return ts
}

func TestGraphQLOverGETAndPOST(t *testing.T) {
	ts := newServer(t, nil)
	q := `{ ministries { totalCount edges { node { name spheres { totalCount } } } } }`
	check := func(resp *http.Response, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body struct {
			Data struct {
				Ministries struct {
					TotalCount int
					Edges      []struct {
						Node struct {
							Name    string
							Spheres struct{ TotalCount int }
						}
					}
				}
			}
			Errors []any
		}
		if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
			t.Fatal(err)
		}
		m := body.Data.Ministries
		if resp.StatusCode != 200 || len(body.Errors) > 0 || m.TotalCount != 1 || m.Edges[0].Node.Spheres.TotalCount != 1 {
			t.Fatalf("status %d, body %+v", resp.StatusCode, body)
		}
	}
	check(http.Get(ts.URL + "/graphql?query=" + url.QueryEscape(q)))
	b, _ := json.Marshal(map[string]string{"query": q})
	check(http.Post(ts.URL+"/graphql", "application/json", strings.NewReader(string(b))))
}

// The response cache is on by default (a GET carries an ETag and a repeat
// answers 304 to If-None-Match) and KARTA_RESPONSE_CACHE=off switches it off.
func TestResponseCacheSwitch(t *testing.T) {
	def := testConfig(t, nil)
	if !def.ResponseCache || def.ResponseCacheBytes != 64<<20 {
		t.Fatalf("defaults: cache %v, %d bytes", def.ResponseCache, def.ResponseCacheBytes)
	}
	if c := testConfig(t, map[string]string{"KARTA_RESPONSE_CACHE_BYTES": "2097152"}); c.ResponseCacheBytes != 2<<20 {
		t.Fatalf("KARTA_RESPONSE_CACHE_BYTES not applied: %d", c.ResponseCacheBytes)
	}
	get := func(ts *httptest.Server, etag string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, ts.URL+"/graphql?query="+url.QueryEscape(`{ ministries { totalCount } }`), nil)
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp
	}
	on := newServer(t, nil)
	first := get(on, "")
	etag := first.Header.Get("ETag")
	if first.StatusCode != 200 || etag == "" || first.Header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("cache on: %d, ETag %q, Cache-Control %q", first.StatusCode, etag, first.Header.Get("Cache-Control"))
	}
	if r := get(on, etag); r.StatusCode != http.StatusNotModified {
		t.Fatalf("cache on, If-None-Match: %d", r.StatusCode)
	}
	off := newServer(t, map[string]string{"KARTA_RESPONSE_CACHE": "off"})
	if r := get(off, etag); r.StatusCode != 200 || r.Header.Get("ETag") != "" {
		t.Fatalf("cache off: %d, ETag %q", r.StatusCode, r.Header.Get("ETag"))
	}
}

func TestHealthReadinessAndGraphiQL(t *testing.T) {
	ts := newServer(t, nil)
	for path, want := range map[string]string{"/healthz": "ok", "/readyz": "ready", "/": "<div id=\"root\">", "/graphiql": "<div id=\"graphiql\">"} {
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(strings.ToLower(string(body)), want) {
			t.Errorf("%s: %d %.80s", path, resp.StatusCode, body)
		}
	}
}

func TestCORSAllowsOnlyConfiguredOrigins(t *testing.T) {
	ts := newServer(t, map[string]string{"KARTA_CORS_ORIGINS": "https://app.example"})
	preflight := func(origin string) string {
		req, _ := http.NewRequest(http.MethodOptions, ts.URL+"/graphql", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.Header.Get("Access-Control-Allow-Origin")
	}
	if got := preflight("https://app.example"); got != "https://app.example" {
		t.Errorf("allowed origin: %q", got)
	}
	if got := preflight("https://evil.example"); got != "" {
		t.Errorf("unknown origin must get no CORS header, got %q", got)
	}
}

func TestRequestBodyLimit(t *testing.T) {
	ts := newServer(t, map[string]string{"KARTA_MAX_BODY_BYTES": "2048"})
	big := `{"query":"{ ministries { totalCount } }","variables":{"pad":"` + strings.Repeat("x", 4096) + `"}}`
	resp, err := http.Post(ts.URL+"/graphql", "application/json", strings.NewReader(big))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(body), "limit is 2048 bytes") {
		t.Fatalf("got %d %s", resp.StatusCode, body)
	}
}

func TestServeShutsDownGracefully(t *testing.T) {
	client, _ := storagetest.Open(t)
	cfg := testConfig(t, map[string]string{"ADDR": "127.0.0.1:0"})
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() {
		done <- server.Serve(ctx, cfg, server.Handler(cfg, client, nil, nil, log), log, func(a net.Addr) { addrc <- a })
	}()
	addr := <-addrc
	resp, err := http.Get("http://" + addr.String() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("shutdown: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("server did not shut down")
	}
	if _, err := http.Get("http://" + addr.String() + "/healthz"); err == nil {
		t.Fatal("server still answers after shutdown")
	}
}

func TestRequestDeadlineStopsWork(t *testing.T) {
	ts := newServer(t, map[string]string{"KARTA_REQUEST_TIMEOUT": "1ns"})
	resp, err := http.Post(ts.URL+"/graphql", "application/json", strings.NewReader(`{"query":"{ ministries { totalCount } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `"code":"TIMEOUT"`) {
		t.Fatalf("expected a TIMEOUT error, got %d %s", resp.StatusCode, body)
	}
}

func TestConfigLimits(t *testing.T) {
	def := testConfig(t, nil)
	if def.Limits != graph.DefaultLimits || def.MaxInFlight != 32 || def.MaxInFlightPerClient != 8 || def.QueueTimeout != 2*time.Second {
		t.Fatalf("defaults: %+v", def)
	}
	cfg := testConfig(t, map[string]string{"KARTA_MAX_ALIASES": "5", "KARTA_MAX_INTROSPECTION": "50000", "KARTA_MAX_IN_FLIGHT": "4"}, "-max-depth", "7")
	if cfg.Limits.Aliases != 5 || cfg.Limits.Introspection != 50000 || cfg.Limits.Depth != 7 || cfg.MaxInFlight != 4 {
		t.Fatalf("limits not applied: %+v", cfg)
	}
	if _, err := server.ParseConfig("test", []string{"-max-fields", "0"}, func(string) string { return "" }); err == nil || !strings.Contains(err.Error(), "max fields: expected at least 1") {
		t.Fatalf("zero limit: %v", err)
	}
}
