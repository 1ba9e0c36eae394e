package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/karta/karta/catalog/ref"
	"github.com/karta/karta/ent"
)

// ErrorPresenter maps errors to GraphQL errors with a code: ent's not-found
// and validation errors become NOT_FOUND and BAD_USER_INPUT with their message;
// a deadline becomes TIMEOUT; anything else unexpected is logged and returned
// as a safe INTERNAL_SERVER_ERROR.
func ErrorPresenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		var gqlErr *gqlerror.Error
		if errors.As(err, &gqlErr) && gqlErr.Extensions != nil && gqlErr.Extensions["code"] != nil {
			return gqlErr
		}
		e := graphql.DefaultErrorPresenter(ctx, err)
		switch {
		case ent.IsNotFound(err), errors.Is(err, ref.ErrNotFound):
			e.Extensions = withCode(e.Extensions, CodeNotFound)
		case ent.IsValidationError(err), ent.IsNotSingular(err), errors.Is(err, ref.ErrInvalid):
			e.Extensions = withCode(e.Extensions, CodeInvalid)
		case errors.Is(err, context.DeadlineExceeded):
			e.Message = "the request took longer than the server's deadline"
			e.Extensions = withCode(e.Extensions, CodeTimeout)
		case errors.As(err, &gqlErr):
			// An error gqlgen or a resolver built on purpose: keep its message.
			if e.Extensions == nil || e.Extensions["code"] == nil {
				e.Extensions = withCode(e.Extensions, CodeInvalid)
			}
		default:
			log.ErrorContext(ctx, "graphql internal error", "err", err, "path", e.Path.String())
			e.Message = "internal server error"
			e.Extensions = withCode(e.Extensions, CodeInternal)
		}
		return e
	}
}

func withCode(ext map[string]any, code string) map[string]any {
	if ext == nil {
		ext = map[string]any{}
	}
	ext["code"] = code
	return ext
}

// Recover turns a resolver panic into an INTERNAL_SERVER_ERROR and logs it
// with its stack.
func Recover(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		log.ErrorContext(ctx, "graphql panic", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		return &gqlerror.Error{
			Message:    "internal server error",
			Extensions: map[string]any{"code": CodeInternal},
		}
	}
}
