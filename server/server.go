package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/rs/cors"

	"github.com/karta/karta/catalog/search"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/graph"
	"github.com/karta/karta/web"
)

// Handler returns Karta's HTTP handler: GraphQL at /graphql (GET and POST),
// the explorer at / (every other GET path too: deep links of the single-page
// app), its assets at /assets/, GraphiQL at /graphiql, the imported map texts
// at /maps/{id}/source, liveness at /healthz and readiness at /readyz, wrapped in
// CORS, a body limit, a per-request deadline and access logging.
//
// searcher serves search (nil: a service building its index on first use).
func Handler(cfg Config, client *ent.Client, searcher *search.Service, log *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	gql := graph.NewHandler(client, graph.Options{
		ComplexityLimit: cfg.ComplexityLimit,
		MaxPageSize:     cfg.MaxPageSize,
		Logger:          log,
		Search:          searcher,
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
	h = c.Handler(h)
	h = accessLog(h, log)
	return h
}

// limitBody refuses request bodies larger than n bytes.
func limitBody(next http.Handler, n int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > n {
			http.Error(w, fmt.Sprintf("request body too large: limit is %d bytes", n), http.StatusRequestEntityTooLarge)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, n)
		next.ServeHTTP(w, r)
	})
}

// deadline gives every request a context deadline: database calls and
// resolvers stop when it passes. A request cut short before it produced a
// response gets 503 and a GraphQL error with code TIMEOUT (gqlgen itself
// answers "null" for an operation whose context is already done).
func deadline(next http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		buf := &bufferedWriter{header: http.Header{}}
		next.ServeHTTP(buf, r.WithContext(ctx))
		body := bytes.TrimSpace(buf.body.Bytes())
		if errors.Is(ctx.Err(), context.DeadlineExceeded) && (len(body) == 0 || string(body) == "null") {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintf(w, `{"errors":[{"message":"the request took longer than the server's deadline of %s","extensions":{"code":"TIMEOUT"}}]}`+"\n", d)
			return
		}
		for k, v := range buf.header {
			w.Header()[k] = v
		}
		if buf.status != 0 {
			w.WriteHeader(buf.status)
		}
		_, _ = w.Write(buf.body.Bytes())
	})
}

// bufferedWriter holds a response until the handler is done, so that a
// deadline can still replace it. Responses are bounded by the page-size cap.
type bufferedWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedWriter) Header() http.Header         { return b.header }
func (b *bufferedWriter) Write(p []byte) (int, error) { return b.body.Write(p) }
func (b *bufferedWriter) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
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
