package server_test

import (
	"context"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/entity"
	"github.com/karta/karta/seeds"
	"github.com/karta/karta/seeds/identity"
	"github.com/karta/karta/seeds/load"
	"github.com/karta/karta/server"
	"github.com/karta/karta/server/storagetest"
)

// Absolute URLs that the bundled libraries contain as identifiers or in
// messages, never as something the browser loads: XML namespace names (a DOM
// namespace is a name, not an address) and documentation links inside error
// texts. Anything else absolute fails TestPagesLoadNothingFromOtherHosts.
var textOnlyURLs = map[string]string{
	"http://www.w3.org/2000/svg":                                "SVG namespace name (React DOM)",
	"http://www.w3.org/1999/xlink":                              "XLink namespace name (React DOM)",
	"http://www.w3.org/XML/1998/namespace":                      "XML namespace name (React DOM)",
	"http://www.w3.org/1998/Math/MathML":                        "MathML namespace name (React DOM)",
	"http://www.w3.org/1999/xhtml":                              "XHTML namespace name",
	"https://react.dev/errors/":                                 "link in React's minified error messages",
	"https://yarnpkg.com/en/docs/selective-version-resolutions": "text of graphql-js's duplicate-module error",
	"https://github.com/graphql/graphiql":                       "text of a GraphiQL warning",
	"https://en.wikipedia.org/wiki/IEEE_floating_point":         "text of a graphql-js error message",
	"https://commonmark.org/":                                   "comment kept by markdown-it",
	"https://codemirror.net/5/doc/manual.html#keymaps":          "text of a CodeMirror error message",
}

var (
	// An absolute http(s) URL with a host name.
	absURL = regexp.MustCompile(`https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+[^\s"'` + "`" + `)<>\\]*`)
	// What a page or a stylesheet loads: src/href attributes, CSS url() and @import.
	htmlRef = regexp.MustCompile(`(?:src|href)="([^"]+)"`)
	cssRef  = regexp.MustCompile(`url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]`)
	// Chunks a module imports: "./name-hash.js", "/assets/name-hash.css", "assets/…".
	jsRef = regexp.MustCompile(`["'` + "`" + `]((?:\./|/assets/|assets/)[A-Za-z0-9_.-]+\.(?:js|css))["'` + "`" + `]`)
)

// TestPagesLoadNothingFromOtherHosts fetches / and /graphiql and every file
// they reference (scripts, stylesheets, icons, lazily imported chunks),
// following references through JS and CSS; it fails when a file is missing or
// any HTML, JS or CSS names an absolute URL of another host — the explorer
// must work on a machine without internet.
func TestPagesLoadNothingFromOtherHosts(t *testing.T) {
	ts := newServer(t, nil)
	seen := map[string]bool{}
	queue := []string{"/", "/graphiql"}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if seen[p] {
			continue
		}
		seen[p] = true
		resp, err := http.Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: HTTP %d", p, resp.StatusCode)
			continue
		}
		text := string(body)
		for _, u := range absURL.FindAllString(text, -1) {
			if _, ok := textOnlyURLs[u]; ok || strings.HasPrefix(u, ts.URL) {
				continue
			}
			t.Errorf("%s references %s: every asset must come from karta itself", p, u)
		}
		var refs []string
		switch {
		case strings.HasSuffix(p, ".css"):
			for _, m := range cssRef.FindAllStringSubmatch(text, -1) {
				refs = append(refs, m[1]+m[2])
			}
		case strings.HasSuffix(p, ".js"):
			for _, m := range jsRef.FindAllStringSubmatch(text, -1) {
				refs = append(refs, m[1])
			}
		default:
			if !strings.Contains(resp.Header.Get("Content-Type"), "text/html") {
				continue
			}
			for _, m := range htmlRef.FindAllStringSubmatch(text, -1) {
				refs = append(refs, m[1])
			}
		}
		base, _ := url.Parse(p)
		for _, r := range refs {
			if strings.HasPrefix(r, "data:") || strings.HasPrefix(r, "#") {
				continue
			}
			u, err := url.Parse(r)
			if err != nil || u.Host != "" {
				t.Errorf("%s references %q: not a path on this server", p, r)
				continue
			}
			if strings.HasPrefix(r, "assets/") {
				r = "/" + r
			}
			queue = append(queue, base.ResolveReference(&url.URL{Path: strings.Split(r, "?")[0]}).Path)
		}
	}
	var js, css int
	for p := range seen {
		if strings.HasSuffix(p, ".js") {
			js++
		}
		if strings.HasSuffix(p, ".css") {
			css++
		}
	}
	if js < 2 || css < 2 {
		t.Errorf("followed %d scripts and %d stylesheets from / and /graphiql; expected the app's and GraphiQL's", js, css)
	}
}

// TestSPADeepLinksAndAssets: any page path gets the app (deep links work on
// reload) with a policy that keeps it on its origin, a missing asset is a
// 404, hashed assets are cached for long.
func TestSPADeepLinksAndAssets(t *testing.T) {
	ts := newServer(t, nil)
	get := func(p string) (*http.Response, string) {
		resp, err := http.Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp, string(b)
	}
	for _, p := range []string{"/entity/42", "/search?q=%D1%81%D0%BF%D0%BE%D1%80%D1%82", "/analytics?tab=matrix", "/source/7"} {
		resp, body := get(p)
		if resp.StatusCode != 200 || !strings.Contains(body, `<div id="root">`) {
			t.Errorf("%s: %d, want the app's index.html", p, resp.StatusCode)
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "connect-src 'self'") {
			t.Errorf("%s: Content-Security-Policy %q does not keep the page on its origin", p, csp)
		}
	}
	if resp, _ := get("/assets/missing-0000.js"); resp.StatusCode != 404 {
		t.Errorf("missing asset: %d, want 404", resp.StatusCode)
	}
	_, index := get("/")
	m := regexp.MustCompile(`src="(/assets/[^"]+\.js)"`).FindStringSubmatch(index)
	if m == nil {
		t.Fatalf("index.html loads no script: %.300s", index)
	}
	resp, _ := get(m[1])
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") || !strings.Contains(resp.Header.Get("Content-Type"), "javascript") {
		t.Errorf("%s: %d %q %q", m[1], resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Cache-Control"))
	}
}

// TestMapSourceServesTheImportedText: /maps/{id}/source returns the map as
// imported, so that a node's sourceLine points at the line that names it.
func TestMapSourceServesTheImportedText(t *testing.T) {
	ctx := context.Background()
	client, _ := storagetest.Open(t)
	docs, err := load.SeedDocuments()
	if err != nil {
		t.Fatal(err)
	}
	reg, err := identity.Default()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := load.Import(ctx, client, reg, docs[:1], load.Options{}); err != nil {
		t.Fatal(err)
	}
	raw, err := fs.ReadFile(seeds.Maps, "maps/"+docs[0].File)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(serverHandler(t, client))
	t.Cleanup(ts.Close)
	m := client.TransformationMap.Query().OnlyX(ctx)
	resp, err := http.Get(ts.URL + "/maps/" + strconv.Itoa(m.ID) + "/source")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("HTTP %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if want := strings.TrimPrefix(string(raw), "\ufeff"); string(body) != want {
		t.Fatalf("source text differs from %s: %d bytes, want %d", docs[0].File, len(body), len(want))
	}
	lines := strings.Split(string(body), "\n")
	e := client.Entity.Query().Where(entity.SourceLineGT(0)).FirstX(ctx)
	if l := lines[e.SourceLine-1]; !strings.Contains(strings.ToLower(l), strings.ToLower(firstWord(e.Name))) {
		t.Errorf("entity %q: line %d is %q", e.Name, e.SourceLine, l)
	}
	for p, want := range map[string]int{"/maps/999999/source": 404, "/maps/x/source": 400} {
		resp, err := http.Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("%s: %d, want %d", p, resp.StatusCode, want)
		}
	}
}

func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return strings.Trim(f[0], "«»\"(),.")
	}
	return s
}

func serverHandler(t *testing.T, client *ent.Client) http.Handler {
	return server.Handler(testConfig(t, nil), client, nil, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
}
