package server

import (
	"bytes"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/karta/karta/ent"
)

// pageCSP keeps the pages on their own origin: scripts, styles, fonts,
// images and requests only from karta itself (styles inline too: React and
// GraphiQL set style attributes; images and fonts also as data: URLs).
const pageCSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; " +
	"base-uri 'self'; form-action 'self'; frame-ancestors 'self'"

// webHandler serves the built explorer (web.Dist): files as they are,
// /assets/… (content-hashed names) cached for a year, /graphiql the bundled
// GraphiQL, and every other GET path the app's index.html so that deep links
// (/entity/123, /search?q=…) work on reload. An unknown /assets/ file is a
// 404, not the app. Other methods than GET and HEAD get 405.
func webHandler(files fs.FS) http.Handler {
	read := func(name string) []byte {
		b, err := fs.ReadFile(files, name)
		if err != nil {
			return []byte("the web bundle is missing " + name + ": run make ui\n")
		}
		return b
	}
	index, graphiql := read("index.html"), read("graphiql.html")
	page := func(w http.ResponseWriter, r *http.Request, body []byte) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", pageCSP)
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, "index.html", time.Time{}, bytes.NewReader(body))
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		p := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		switch {
		case p == "graphiql" || p == "graphiql.html":
			page(w, r, graphiql)
			return
		case p == "" || p == "index.html":
			page(w, r, index)
			return
		}
		if st, err := fs.Stat(files, p); err == nil && !st.IsDir() {
			if strings.HasPrefix(p, "assets/") {
				w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
			}
			http.ServeFileFS(w, r, files, p)
			return
		}
		if strings.HasPrefix(p, "assets/") || path.Ext(p) != "" {
			http.NotFound(w, r)
			return
		}
		page(w, r, index)
	})
}

// mapSource serves the imported text of one map read-only, as text/plain:
// GET /maps/{id}/source, id being the map's global ID. The explorer shows it
// with line numbers so that every sourceLine can be opened.
func mapSource(client *ent.Client, log *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.Atoi(r.PathValue("id"))
		if err != nil {
			http.Error(w, "map id: expected a number (the map's global ID)", http.StatusBadRequest)
			return
		}
		m, err := client.TransformationMap.Get(r.Context(), id)
		if ent.IsNotFound(err) {
			http.Error(w, "no map with this id", http.StatusNotFound)
			return
		}
		if err != nil {
			log.ErrorContext(r.Context(), "map source", "id", id, "err", err)
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Content-Disposition", "inline; filename*=UTF-8''"+url.PathEscape(m.SourceDocument))
		w.Header().Set("X-Content-Type-Options", "nosniff")
		_, _ = io.WriteString(w, m.SourceText)
	}
}
