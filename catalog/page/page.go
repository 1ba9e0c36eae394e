package page

import (
	"errors"
	"fmt"

	"entgo.io/contrib/entgql"
)

// ErrBadBound is returned for a negative first or a cursor that is no
// position of an answer.
var ErrBadBound = errors.New("invalid page bound")

// Cursor is a position in a whole answer (the API's Cursor scalar).
type Cursor = entgql.Cursor[int]

// Info is Relay's page info (the API's PageInfo type).
type Info = entgql.PageInfo[int]

// Of returns the page of items after the item at *after (from the start
// when after is nil), at most *first items (all when first is nil), and its
// page info.
func Of[T any](items []T, first *int, after *Cursor) ([]T, Info, error) {
	start := 0
	if after != nil {
		if after.ID < 0 {
			return nil, Info{}, fmt.Errorf("%w: the cursor is no position of this answer", ErrBadBound)
		}
		start = min(after.ID+1, len(items))
	}
	out, err := Head(items[start:], first)
	if err != nil {
		return nil, Info{}, err
	}
	info := Info{HasPreviousPage: start > 0, HasNextPage: start+len(out) < len(items)}
	if len(out) > 0 {
		info.StartCursor = &Cursor{ID: start}
		info.EndCursor = &Cursor{ID: start + len(out) - 1}
	}
	return out, info, nil
}

// Head returns the first *n items, or all of them when n is nil.
func Head[T any](items []T, n *int) ([]T, error) {
	if n == nil {
		return items, nil
	}
	if *n < 0 {
		return nil, fmt.Errorf("%w: first must not be negative, got %d", ErrBadBound, *n)
	}
	return items[:min(*n, len(items))], nil
}
