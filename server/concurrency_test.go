package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// limitConcurrency: the per-client cap answers 429 at once, the global cap
// answers 503 SERVER_BUSY after the queue wait, and slots free up when
// requests finish. Deterministic: the held requests block on a channel.
func TestLimitConcurrency(t *testing.T) {
	release := make(chan struct{})
	entered := make(chan struct{}, 10)
	h := limitConcurrency(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entered <- struct{}{}
		<-release
	}), 2, 1, 20*time.Millisecond)
	serve := func(remote string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/graphql", nil)
		req.RemoteAddr = remote
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	code := func(rec *httptest.ResponseRecorder) string {
		var body struct {
			Errors []struct{ Extensions map[string]string }
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || len(body.Errors) != 1 {
			t.Fatalf("not one GraphQL error: %q", rec.Body.String())
		}
		return body.Errors[0].Extensions["code"]
	}
	done := make(chan int, 2)
	for _, remote := range []string{"10.0.0.1:1000", "10.0.0.2:1000"} {
		go func() { done <- serve(remote).Code }()
		<-entered
	}
	// Client 1 already has its one request in flight.
	if rec := serve("10.0.0.1:2000"); rec.Code != http.StatusTooManyRequests || code(rec) != CodeTooManyRequests || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("per-client cap: %d %s", rec.Code, rec.Body)
	}
	// Both slots are taken: a third client waits, then is told the server is busy.
	if rec := serve("10.0.0.3:1000"); rec.Code != http.StatusServiceUnavailable || code(rec) != CodeServerBusy {
		t.Fatalf("global cap: %d %s", rec.Code, rec.Body)
	}
	// Liveness is never queued.
	req := httptest.NewRequest(http.MethodGet, "/healthz", nil)
	go h.ServeHTTP(httptest.NewRecorder(), req)
	<-entered
	release <- struct{}{} // the healthz request
	release <- struct{}{}
	release <- struct{}{}
	for range 2 {
		if c := <-done; c != http.StatusOK {
			t.Fatalf("held request: %d", c)
		}
	}
	// Slots and the per-client count are free again.
	go func() { done <- serve("10.0.0.1:3000").Code }()
	<-entered
	release <- struct{}{}
	if c := <-done; c != http.StatusOK {
		t.Fatalf("after release: %d", c)
	}
}
