package graph_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/karta/karta/catalog/ref"
	"github.com/karta/karta/catalog/search"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/graph"
)

// present runs err through the presenter as gqlgen does for a resolver
// error: wrapped with the field's path.
func present(t *testing.T, log *slog.Logger, err error) *gqlerror.Error {
	t.Helper()
	ctx := graph.WithRequestID(context.Background(), "req-42")
	wrapped := gqlerror.WrapPath(ast.Path{ast.PathName("node")}, err)
	return graph.ErrorPresenter(log)(ctx, wrapped)
}

func TestErrorPresenterKeepsOursAndHidesTheRest(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	_, numErr := strconv.Atoi("abc")
	for _, tc := range []struct {
		name    string
		err     error
		code    string
		message string
	}{
		{"database text", errors.New(`pq: invalid byte sequence for encoding "UTF8": 0x00`), graph.CodeInternal, "internal server error (request id req-42)"},
		{"closed database", fmt.Errorf("loading: %w", errors.New("sql: database is closed")), graph.CodeInternal, "internal server error (request id req-42)"},
		{"too many variables", errors.New("SQL logic error: too many SQL variables (1)"), graph.CodeInternal, "internal server error (request id req-42)"},
		{"ent not found", &ent.NotFoundError{}, graph.CodeNotFound, ""},
		{"ref not found", fmt.Errorf("system %q: %w", "X", ref.ErrNotFound), graph.CodeNotFound, `system "X": not found`},
		{"ref invalid", fmt.Errorf("from after to: %w", ref.ErrInvalid), graph.CodeInvalid, "from after to: invalid input"},
		{"search cursor", search.ErrBadCursor, graph.CodeInvalid, "search: invalid cursor"},
		{"malformed id", numErr, graph.CodeInvalid, "invalid ID: expected a node ID as returned by the API (digits only)"},
		{"malformed cursor", fmt.Errorf("cannot decode cursor: %w", errors.New("msgpack: invalid code=c1 decoding")), graph.CodeInvalid, "invalid cursor: use a cursor returned by pageInfo or an edge of the same connection"},
		{"deadline", fmt.Errorf("query: %w", context.DeadlineExceeded), graph.CodeTimeout, "the request took longer than the server's deadline"},
		{"coded on purpose", &gqlerror.Error{Message: "first must be between 0 and 100", Extensions: map[string]any{"code": graph.CodePageSize}}, graph.CodePageSize, "first must be between 0 and 100"},
		{"gqlgen's own", &gqlerror.Error{Message: "must be defined"}, graph.CodeInvalid, "must be defined"},
		{"long message", &gqlerror.Error{Message: strings.Repeat("я", 5000)}, graph.CodeInvalid, strings.Repeat("я", graph.MaxMessageLen/2) + "…"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			logs.Reset()
			e := present(t, log, tc.err)
			if e.Extensions["code"] != tc.code {
				t.Fatalf("code %v, want %s (%q)", e.Extensions["code"], tc.code, e.Message)
			}
			if tc.message != "" && e.Message != tc.message {
				t.Fatalf("message %q, want %q", e.Message, tc.message)
			}
			internal := tc.code == graph.CodeInternal
			if internal != strings.Contains(logs.String(), "request_id=req-42") {
				t.Fatalf("internal %v, but the log is %q", internal, logs.String())
			}
			if internal && (e.Extensions["requestId"] != "req-42" || !strings.Contains(logs.String(), tc.err.Error()[:10])) {
				t.Fatalf("internal error: extensions %v, log %q", e.Extensions, logs.String())
			}
			if len(e.Path) == 0 {
				t.Fatal("the field's path is lost")
			}
		})
	}
}

// A driver error while the request's context is done (the client went
// away, the deadline passed) is a cancellation or a timeout, not an internal
// error: nothing is logged as one.
func TestDriverErrorOfACanceledRequest(t *testing.T) {
	pqCancel := errors.New("pq: canceling statement due to user request (57014)")
	for _, tc := range []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
		code string
	}{
		{"client gone", func() (context.Context, context.CancelFunc) { return context.WithCancel(context.Background()) }, graph.CodeCanceled},
		{"deadline", func() (context.Context, context.CancelFunc) {
			return context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
		}, graph.CodeTimeout},
	} {
		var logs bytes.Buffer
		ctx, cancel := tc.ctx()
		cancel()
		e := graph.ErrorPresenter(slog.New(slog.NewTextHandler(&logs, nil)))(graph.WithRequestID(ctx, "c-1"), pqCancel)
		if e.Extensions["code"] != tc.code || strings.Contains(e.Message, "pq") || logs.Len() > 0 {
			t.Fatalf("%s: code %v, message %q, log %q", tc.name, e.Extensions["code"], e.Message, logs.String())
		}
	}
}

// A database failure during a real request: the client sees neither the
// driver's text nor BAD_USER_INPUT, the log has it with the request id.
func TestDatabaseErrorIsInternalAndLogged(t *testing.T) {
	_, ec, _ := newClient(t, 1, graph.Options{})
	var logs bytes.Buffer
	h := graph.NewHandler(ec, graph.Options{MaxPageSize: 100, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err := ec.Close(); err != nil {
		t.Fatal(err)
	}
	ctx := graph.WithRequestID(context.Background(), "abc123")
	r := do(t, h, ctx, `{"query":"{ ministries { totalCount } }"}`, "")
	if r.code() != graph.CodeInternal || r.Errors[0].Message != "internal server error (request id abc123)" || r.Errors[0].Extensions["requestId"] != "abc123" {
		t.Fatalf("got %+v", r.Errors)
	}
	if !strings.Contains(logs.String(), "request_id=abc123") || !strings.Contains(logs.String(), "closed") {
		t.Fatalf("not logged with the request id: %q", logs.String())
	}
}

// Recover names the request id too.
func TestRecoverIsInternalWithRequestID(t *testing.T) {
	var logs bytes.Buffer
	ctx := graph.WithRequestID(context.Background(), "p-1")
	err := graph.Recover(slog.New(slog.NewTextHandler(&logs, nil)))(ctx, "boom")
	e := graph.ErrorPresenter(slog.Default())(ctx, err)
	if e.Extensions["code"] != graph.CodeInternal || !strings.Contains(e.Message, "p-1") || !strings.Contains(logs.String(), "boom") {
		t.Fatalf("got %+v, log %q", e, logs.String())
	}
}
