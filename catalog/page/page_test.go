package page_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/karta/karta/catalog/page"
)

func ptr[T any](v T) *T { return &v }

func TestOfWalksTheWholeAnswerOnce(t *testing.T) {
	items := []int{10, 11, 12, 13, 14, 15, 16}
	for _, n := range []int{1, 2, 3, 7, 9} {
		var got []int
		var after *page.Cursor
		pages := 0
		for {
			p, info, err := page.Of(items, &n, after)
			if err != nil {
				t.Fatal(err)
			}
			pages++
			got = append(got, p...)
			if info.HasPreviousPage != (after != nil) {
				t.Errorf("first %d, page %d: hasPreviousPage %v", n, pages, info.HasPreviousPage)
			}
			if !info.HasNextPage {
				break
			}
			if pages > len(items) {
				t.Fatalf("first %d: no end", n)
			}
			after = info.EndCursor
		}
		if !slices.Equal(got, items) {
			t.Errorf("first %d: pages joined %v, want %v", n, got, items)
		}
		if want := (len(items) + n - 1) / n; pages != want {
			t.Errorf("first %d: %d pages, want %d", n, pages, want)
		}
	}
}

func TestOfBounds(t *testing.T) {
	items := []string{"a", "b", "c"}
	all, info, err := page.Of(items, nil, nil)
	if err != nil || !slices.Equal(all, items) || info.HasNextPage || info.HasPreviousPage {
		t.Errorf("no bounds: %v %+v %v, want the whole answer", all, info, err)
	}
	if p, info, err := page.Of(items, ptr(2), nil); err != nil || !slices.Equal(p, items[:2]) || !info.HasNextPage || info.EndCursor.ID != 1 {
		t.Errorf("first 2: %v %+v %v", p, info, err)
	}
	if p, info, err := page.Of(items, ptr(0), nil); err != nil || len(p) != 0 || !info.HasNextPage || info.EndCursor != nil {
		t.Errorf("first 0: %v %+v %v, want an empty page with more", p, info, err)
	}
	if p, info, err := page.Of(items, ptr(5), &page.Cursor{ID: 7}); err != nil || len(p) != 0 || info.HasNextPage {
		t.Errorf("after the end: %v %+v %v, want an empty last page", p, info, err)
	}
	if _, _, err := page.Of(items, ptr(-1), nil); !errors.Is(err, page.ErrBadBound) {
		t.Errorf("first -1: %v, want ErrBadBound", err)
	}
	if _, _, err := page.Of(items, nil, &page.Cursor{ID: -2}); !errors.Is(err, page.ErrBadBound) {
		t.Errorf("cursor -2: %v, want ErrBadBound", err)
	}
	if h, err := page.Head(items, ptr(2)); err != nil || !slices.Equal(h, items[:2]) {
		t.Errorf("head 2: %v %v", h, err)
	}
}
