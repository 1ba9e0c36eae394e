package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/karta/karta/catalog/page"
	"github.com/karta/karta/catalog/ref"
	"github.com/karta/karta/catalog/search"
	"github.com/karta/karta/ent"
)

// MaxMessageLen caps an error message returned to a client, so that no
// request text is echoed back beyond it.
const MaxMessageLen = 200

type requestIDKey struct{}

// WithRequestID returns ctx carrying the request id that errors and logs
// name (the server's request-id middleware sets it).
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID is the request id carried by ctx, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// ErrorPresenter maps errors to GraphQL errors with a code.
//
// What keeps its message: errors gqlgen builds itself (parse, validation,
// argument coercion — *gqlerror.Error values that wrap nothing), errors we
// build with a code (limits, page size), and the documented domain errors
// (ent's not-found and validation errors, catalog/ref's ErrNotFound and
// ErrInvalid, search's cursor/type/first errors, catalog/page's ErrBadBound). Malformed IDs and cursors
// get our own message. A deadline becomes TIMEOUT. Anything else — a
// database error, a closed connection, a bug — is logged with the request id
// and returned as INTERNAL_SERVER_ERROR with a safe message naming that id.
//
// gqlgen wraps every resolver error in a *gqlerror.Error (with the field's
// path), so "is it a *gqlerror.Error" says nothing; what matters is the
// innermost error the wrappers carry.
func ErrorPresenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		e := graphql.DefaultErrorPresenter(ctx, err)
		cause := innermost(err)
		if g, ok := cause.(*gqlerror.Error); ok {
			// Built on purpose, by gqlgen or by us: keep the message.
			e.Message = g.Message
			e.Extensions = mergeExtensions(e.Extensions, g.Extensions)
			if e.Extensions["code"] == nil {
				e.Extensions = withCode(e.Extensions, CodeInvalid)
			}
			e.Message = Truncate(e.Message)
			return e
		}
		e.Err = nil // presented errors never carry the cause to the client
		switch {
		case ent.IsNotFound(cause), errors.Is(cause, ref.ErrNotFound):
			e.Message = cause.Error()
			e.Extensions = withCode(e.Extensions, CodeNotFound)
		case ent.IsValidationError(cause), ent.IsNotSingular(cause), errors.Is(cause, ref.ErrInvalid),
			errors.Is(cause, search.ErrBadCursor), errors.Is(cause, search.ErrUnknownType), errors.Is(cause, search.ErrBadFirst),
			errors.Is(cause, page.ErrBadBound):
			e.Message = cause.Error()
			e.Extensions = withCode(e.Extensions, CodeInvalid)
		case isNumError(cause):
			e.Message = "invalid ID: expected a node ID as returned by the API (digits only)"
			e.Extensions = withCode(e.Extensions, CodeInvalid)
		case strings.HasPrefix(cause.Error(), "cannot decode cursor"):
			// entgql's Cursor.UnmarshalGQL: base64/msgpack decoding failed.
			e.Message = "invalid cursor: use a cursor returned by pageInfo or an edge of the same connection"
			e.Extensions = withCode(e.Extensions, CodeInvalid)
		case errors.Is(cause, context.DeadlineExceeded):
			e.Message = "the request took longer than the server's deadline"
			e.Extensions = withCode(e.Extensions, CodeTimeout)
		case errors.Is(cause, context.Canceled):
			e.Message = "the request was canceled"
			e.Extensions = withCode(e.Extensions, CodeCanceled)
		case errors.Is(ctx.Err(), context.DeadlineExceeded):
			// The driver's own words for an interrupted statement (lib/pq:
			// "canceling statement due to user request").
			e.Message = "the request took longer than the server's deadline"
			e.Extensions = withCode(e.Extensions, CodeTimeout)
		case ctx.Err() != nil:
			// The client went away: the driver's error is no server fault.
			e.Message = "the request was canceled"
			e.Extensions = withCode(e.Extensions, CodeCanceled)
		default:
			id := RequestID(ctx)
			log.ErrorContext(ctx, "graphql internal error", "request_id", id, "err", err, "path", e.Path.String())
			e.Message = internalMessage(id)
			e.Extensions = withCode(e.Extensions, CodeInternal)
		}
		if id := RequestID(ctx); id != "" && e.Extensions["code"] == CodeInternal {
			e.Extensions["requestId"] = id
		}
		e.Message = Truncate(e.Message)
		return e
	}
}

// innermost unwraps the *gqlerror.Error wrappers gqlgen puts around an error
// (path, location) down to the error a resolver or an unmarshaler returned.
func innermost(err error) error {
	for {
		var g *gqlerror.Error
		if !errors.As(err, &g) {
			return err
		}
		if g.Err == nil {
			return g
		}
		err = g.Err
	}
}

func isNumError(err error) bool {
	var n *strconv.NumError
	return errors.As(err, &n)
}

func internalMessage(id string) string {
	if id == "" {
		return "internal server error"
	}
	return "internal server error (request id " + id + ")"
}

// Truncate cuts s to MaxMessageLen bytes (at a rune boundary), marking the cut.
func Truncate(s string) string {
	if len(s) <= MaxMessageLen {
		return s
	}
	cut := MaxMessageLen
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func mergeExtensions(dst, src map[string]any) map[string]any {
	if dst == nil {
		dst = map[string]any{}
	}
	for k, v := range src {
		dst[k] = v
	}
	return dst
}

func withCode(ext map[string]any, code string) map[string]any {
	if ext == nil {
		ext = map[string]any{}
	}
	ext["code"] = code
	return ext
}

// coded is an error the API returns as it is: message and code chosen by us.
func coded(code, format string, args ...any) *gqlerror.Error {
	return &gqlerror.Error{Message: fmt.Sprintf(format, args...), Extensions: map[string]any{"code": code}}
}

// Recover turns a resolver panic into an INTERNAL_SERVER_ERROR and logs it
// with its stack and the request id.
func Recover(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		id := RequestID(ctx)
		log.ErrorContext(ctx, "graphql panic", "request_id", id, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		e := coded(CodeInternal, "%s", internalMessage(id))
		if id != "" {
			e.Extensions["requestId"] = id
		}
		return e
	}
}
