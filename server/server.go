package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/rs/cors"

	"github.com/karta/karta/catalog/search"
	"github.com/karta/karta/catalog/versioned"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/graph"
	"github.com/karta/karta/web"
)

// Handler returns Karta's HTTP handler: GraphQL at /graphql (GET and POST),
// the explorer at / (every other GET path too: deep links of the single-page
// app), its assets at /assets/, GraphiQL at /graphiql, the imported map texts
// at /maps/{id}/source, liveness at /healthz and readiness at /readyz, wrapped
// in a request id, CORS, a concurrency limit, a body limit, a per-request
// deadline and access logging.
//
// searcher serves search (nil: a service building its index on first use);
// memo keeps the analytics' tables per catalog version (nil: one of the
// handler's own), for a versioned.Watch beside the server to keep warm.
func Handler(cfg Config, client *ent.Client, searcher *search.Service, memo *versioned.Memo, log *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	var cache *graph.ResponseCache
	if cfg.ResponseCache {
		cache = graph.NewResponseCache(client, cfg.ResponseCacheBytes)
	}
	gql := graph.NewHandler(client, graph.Options{
		ResponseCache:   cache,
		ComplexityLimit: cfg.ComplexityLimit,
		MaxPageSize:     cfg.MaxPageSize,
		Limits:          cfg.Limits,
		Logger:          log,
		Search:          searcher,
		Memo:            memo,
	})
	mux.Handle("/graphql", gql)
	mux.Handle("/", webHandler(web.Dist()))
	mux.Handle("GET /maps/{id}/source", mapSource(client, log))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if _, err := client.Ministry.Query().Exist(ctx); err != nil {
			log.WarnContext(ctx, "readiness check failed", "err", err)
			http.Error(w, "database unavailable", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ready")
	})

	c := cors.New(cors.Options{
		AllowedOrigins:   cfg.AllowedOrigins,
		AllowedMethods:   []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowedHeaders:   []string{"Content-Type", "Accept", "Authorization"},
		AllowCredentials: cfg.AllowCredentials,
		MaxAge:           600,
	})
	var h http.Handler = mux
	h = limitBody(h, cfg.MaxBodyBytes)
	h = deadline(h, cfg.RequestTimeout)
	h = limitConcurrency(h, cfg.MaxInFlight, cfg.MaxInFlightPerClient, cfg.QueueTimeout)
	h = c.Handler(h)
	h = accessLog(h, log)
	h = requestID(h)
	return h
}

// Codes of the errors the middleware answers with (GraphQL error shape).
const (
	CodeServerBusy      = "SERVER_BUSY"
	CodeTooManyRequests = "TOO_MANY_REQUESTS"
)

// writeError answers with one GraphQL-shaped error carrying code.
func writeError(w http.ResponseWriter, status int, code, msg string) {
	b, _ := json.Marshal(map[string]any{"errors": []any{map[string]any{
		"message": msg, "extensions": map[string]string{"code": code},
	}}})
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

// RequestIDHeader carries the request id both ways: a client may send one
// (letters, digits, '.', '_', '-', at most 64), otherwise the server makes
// one; the response always has it, and logs and internal errors name it.
const RequestIDHeader = "X-Request-Id"

func requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(RequestIDHeader)
		if !validRequestID(id) {
			var b [8]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		w.Header().Set(RequestIDHeader, id)
		next.ServeHTTP(w, r.WithContext(graph.WithRequestID(r.Context(), id)))
	})
}

func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// limitBody refuses request bodies larger than n bytes with 413: at once
// when Content-Length says so, and when reading passes n otherwise (chunked
// bodies; the GraphQL transport answers 413 on http.MaxBytesError).
func limitBody(next http.Handler, n int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > n {
			writeError(w, http.StatusRequestEntityTooLarge, graph.CodeRequestTooLarge, fmt.Sprintf("request body too large: limit is %d bytes", n))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, n)
		next.ServeHTTP(w, r)
	})
}

// deadline gives every request a context deadline: database calls,
// resolvers and introspection stop when it passes, and the GraphQL
// transport answers 503 with code TIMEOUT.
func deadline(next http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// limitConcurrency bounds the requests served at once: at most perClient
// from one client address (more answer 429 TOO_MANY_REQUESTS at once), and
// at most total overall; a request over the total waits up to wait for a
// slot, then answers 503 SERVER_BUSY. Liveness and readiness are exempt.
func limitConcurrency(next http.Handler, total, perClient int, wait time.Duration) http.Handler {
	slots := make(chan struct{}, total)
	var mu sync.Mutex
	clients := map[string]int{}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/healthz" || r.URL.Path == "/readyz" {
			next.ServeHTTP(w, r)
			return
		}
		client, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			client = r.RemoteAddr
		}
		mu.Lock()
		if clients[client] >= perClient {
			mu.Unlock()
			w.Header().Set("Retry-After", "1")
			writeError(w, http.StatusTooManyRequests, CodeTooManyRequests,
				fmt.Sprintf("too many requests at once from this client (limit %d); retry when one has finished", perClient))
			return
		}
		clients[client]++
		mu.Unlock()
		defer func() {
			mu.Lock()
			if clients[client]--; clients[client] == 0 {
				delete(clients, client)
			}
			mu.Unlock()
		}()
		timer := time.NewTimer(wait)
		defer timer.Stop()
		select {
		case slots <- struct{}{}:
			defer func() { <-slots }()
		case <-timer.C:
			w.Header().Set("Retry-After", "1")
			writeError(w, http.StatusServiceUnavailable, CodeServerBusy,
				fmt.Sprintf("the server is busy (%d requests in flight); retry shortly", total))
			return
		case <-r.Context().Done():
			return
		}
		next.ServeHTTP(w, r)
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	n, err := s.ResponseWriter.Write(b)
	s.bytes += n
	return n, err
}

func accessLog(next http.Handler, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		log.LogAttrs(r.Context(), slog.LevelInfo, "http request",
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", rec.status),
			slog.Int("bytes", rec.bytes),
			slog.Duration("duration", time.Since(start)),
			slog.String("request_id", graph.RequestID(r.Context())),
		)
	})
}

// Serve listens on cfg.Addr and serves h until ctx is cancelled (SIGTERM or
// SIGINT in the binary), then shuts down gracefully within ShutdownTimeout.
// ready, when not nil, receives the bound address once listening.
func Serve(ctx context.Context, cfg Config, h http.Handler, log *slog.Logger, ready func(addr net.Addr)) error {
	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           h,
		ReadTimeout:       cfg.ReadTimeout,
		ReadHeaderTimeout: cfg.ReadTimeout,
		WriteTimeout:      cfg.WriteTimeout,
		IdleTimeout:       cfg.IdleTimeout,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	if ready != nil {
		ready(ln.Addr())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", "timeout", cfg.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("graceful shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// NewLogger returns the structured logger cfg asks for.
func NewLogger(cfg Config, w interface{ Write([]byte) (int, error) }) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// WarmMemo keeps memo (the analytics' tables per catalog version, see
// graph.WarmMemo) warm until ctx is done: now, so that the first requests
// after a start — or after the seed import at start — do not compute the
// tables, and whenever the catalog version changes (an import by this
// process or another), checked as often as the search index checks it.
// Run it in a goroutine: it does not hold up the start. A request that
// arrives during a warm-up waits for the warm-up's computation of what it
// needs instead of repeating it.
func WarmMemo(ctx context.Context, cfg Config, client *ent.Client, memo *versioned.Memo, log *slog.Logger) error {
	return versioned.Watch(ctx, client, cfg.SearchRefresh, graph.WarmMemo(client, memo), func(v int64, took time.Duration, err error) {
		if err != nil {
			log.Warn("analytics memo: warm-up failed; requests compute the tables", "version", v, "err", err)
			return
		}
		log.Info("analytics memo: warm", "version", v, "took", took)
	})
}
