package serialexec

import "github.com/vektah/gqlparser/v2/ast"

// Defers reports whether sel defers a fragment (@defer) at any depth: the
// executor then marshals it on gqlgen's path, which makes the deferred
// groups.
func Defers(sel ast.SelectionSet) bool {
	for _, s := range sel {
		switch s := s.(type) {
		case *ast.Field:
			if Defers(s.SelectionSet) {
				return true
			}
		case *ast.InlineFragment:
			if s.Directives.ForName("defer") != nil || Defers(s.SelectionSet) {
				return true
			}
		case *ast.FragmentSpread:
			if s.Directives.ForName("defer") != nil || s.Definition != nil && Defers(s.Definition.SelectionSet) {
				return true
			}
		}
	}
	return false
}

// HasNil reports whether a list of pointers holds a nil: a nil under a
// non-null element type is an error, reported at its path by gqlgen's
// path, not marshaled plainly.
func HasNil[T any](v []*T) bool {
	for _, p := range v {
		if p == nil {
			return true
		}
	}
	return false
}
