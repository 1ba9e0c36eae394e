package graph

import (
	"time"

	"github.com/vikstrous/dataloadgen"
)

// UnbatchedBreadcrumbs makes every breadcrumb load its own batch until the
// returned func is called: what a page costs then comes from priming alone.
func UnbatchedBreadcrumbs() (restore func()) {
	old := breadcrumbLoaderOptions
	breadcrumbLoaderOptions = []dataloadgen.Option{dataloadgen.WithBatchCapacity(1)}
	return func() { breadcrumbLoaderOptions = old }
}

// BreadcrumbWindow sets the breadcrumb loader's batching window until the
// returned func is called.
func BreadcrumbWindow(wait time.Duration) (restore func()) {
	old := breadcrumbLoaderOptions
	breadcrumbLoaderOptions = []dataloadgen.Option{dataloadgen.WithWait(wait)}
	return func() { breadcrumbLoaderOptions = old }
}

// WithoutNodeMemo runs operations without the memo of the nodes they read
// (ent.WithMemo) until the returned func is called.
func WithoutNodeMemo() (restore func()) {
	nodeMemo = false
	return func() { nodeMemo = true }
}
