package serialexec

import "github.com/vektah/gqlparser/v2/ast"

// Blocks reports whether the field named field of the object, interface or
// union named object may wait on a loader. The generated executor passes a
// switch over the fields its generator marked.
type Blocks func(object, field string) bool

// MayBlock reports whether sel selects, at any depth and through fragments,
// a field for which blocks is true. sel is a selection set of the parsed
// document; a field merged from several selections (same alias) may block
// when one of them does, so walking the document's sets is enough.
func MayBlock(sel ast.SelectionSet, blocks Blocks) bool {
	for _, s := range sel {
		switch s := s.(type) {
		case *ast.Field:
			if s.ObjectDefinition != nil && blocks(s.ObjectDefinition.Name, s.Name) {
				return true
			}
			if MayBlock(s.SelectionSet, blocks) {
				return true
			}
		case *ast.InlineFragment:
			if MayBlock(s.SelectionSet, blocks) {
				return true
			}
		case *ast.FragmentSpread:
			if s.Definition != nil && MayBlock(s.Definition.SelectionSet, blocks) {
				return true
			}
		}
	}
	return false
}
