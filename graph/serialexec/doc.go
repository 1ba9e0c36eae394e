// Package serialexec decides, while gqlgen's generated executor runs, whether
// a list's elements or an object's field may be resolved on the calling
// goroutine instead of one goroutine each.
//
// gqlgen resolves every element of an object list, and every field bound to
// a resolver or to a method taking a context, in a goroutine of its own.
// Karta's fields rarely block: entgql's field collection has already loaded
// the edges a query selects, so the goroutines only cost CPU (a third to a
// half of a deep page's). Two kinds of field do wait: the dataloadgen loaders
// (breadcrumbs, search-hit nodes) collect keys from concurrent goroutines for
// a time window before one batch runs, and resolving their callers one after
// another would make each wait the window in turn.
//
// The generator (package gen, run by `make generate` through
// graph/cmd/gqlgen) marks those fields at generation time and writes the
// executor so that a list or field goes serially only when MayBlock says
// that nothing selected below it is such a field.
package serialexec
