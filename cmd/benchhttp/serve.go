package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"syscall"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/karta/karta/catalog/search"
	"github.com/karta/karta/catalog/versioned"
	"github.com/karta/karta/cmd/benchhttp/sidebyside"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/server"
	"github.com/karta/karta/server/snapshot"
	"github.com/karta/karta/server/storagetest"
)

// serve runs Karta as `karta serve` does (same config, handler and search
// service) on a database the harness prepared, with three bench-only
// additions: a driver that counts SQL statements (GET /bench/statements),
// the hand-written SQL of the side-by-side queries (POST /bench/sql/{name},
// PostgreSQL only) and pprof (/debug/pprof/).
func serve(args []string) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg, err := server.ParseConfig("benchhttp serve", args, os.Getenv)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	server.ApplyMemoryLimit(cfg, log)
	db, dialect, err := server.OpenSQL(cfg.DatabaseURL, cfg.SQLitePath, cfg.Pool)
	if err != nil {
		return err
	}
	// Reads follow the request's snapshot as in `karta serve`
	// (server.NewClient): the counter sits outside the snapshot driver, so
	// it counts statements, not the BEGIN and ROLLBACK around them.
	// Only the statements of HTTP requests count: the memo's warm-up and the
	// catalog version's polling run beside them and would otherwise be
	// counted in a request's number when they overlap it.
	counter := &storagetest.Counter{Driver: snapshot.NewDriver(entsql.OpenDB(dialect, db)), Only: inRequest}
	client := ent.NewClient(ent.Driver(counter))
	defer client.Close()
	searcher := search.NewService(client)
	searcher.Logger = log
	defer searcher.Close()
	if err := searcher.Rebuild(ctx); err != nil {
		return fmt.Errorf("build the search index: %w", err)
	}
	// The analytics' memo warmed at start and after imports, as in `karta serve`.
	memo := &versioned.Memo{}
	go func() { _ = server.WarmMemo(ctx, cfg, client, memo, log) }()
	mux := http.NewServeMux()
	mux.Handle("/", markRequests(server.Handler(cfg, client, searcher, memo, log)))
	mux.HandleFunc("GET /bench/statements", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, counter.Queries())
	})
	mux.HandleFunc("POST /bench/sql/{name}", rawSQL(db))
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	srv := &http.Server{Addr: cfg.Addr, Handler: mux}
	go func() {
		<-ctx.Done()
		_ = srv.Shutdown(context.Background())
	}()
	if err := srv.ListenAndServe(); err != http.ErrServerClosed {
		return err
	}
	return nil
}

type requestKey struct{}

// markRequests marks the context of each request h serves (see inRequest).
func markRequests(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestKey{}, true)))
	})
}

// inRequest reports whether ctx is (derived from) a request's context.
func inRequest(ctx context.Context) bool { return ctx.Value(requestKey{}) != nil }

// rawSQL answers a side-by-side query with its hand-written SQL: one
// statement building the response JSON in PostgreSQL, the floor any
// GraphQL server over the same tables can approach.
func rawSQL(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := sidebyside.ByName(r.PathValue("name"))
		if q == nil || q.SQL == "" {
			http.NotFound(w, r)
			return
		}
		var body struct{ Variables map[string]any }
		if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&body); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		args := make([]any, len(q.SQLArgs))
		for i, name := range q.SQLArgs {
			args[i] = body.Variables[name]
		}
		var out []byte
		if err := db.QueryRowContext(r.Context(), q.SQL, args...).Scan(&out); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"data":%s}`, out)
	}
}
