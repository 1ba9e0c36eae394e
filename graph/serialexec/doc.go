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
//
// The generator also marks the trivial fields (gen.Trivial): a struct field
// of a scalar or enum type (or a list of them), without arguments or
// directives, whose gqlgen marshaler needs no field context (it never
// returns null nor reports an error; not Float, not Time). The executor
// marshals such a field straight from the Go value: no FieldContext, no
// context, no closures, no panic recover, no field middleware — only
// gqlgen's per-field overhead around obj.Name was left there, and it was
// most of the CPU of large answers. The response is the same byte for
// byte; a nil pointer under a non-null type takes the full path, which
// reports gqlgen's error with the field's path.
//
// What the field middleware (graph's AroundFields) no longer sees: trivial
// fields. primeBreadcrumbs returns at once for a field without selections,
// so it is not concerned. Deadline, which stops every field once the
// request's context is done, is kept this way: each object's marshaler
// checks the context once before its fields (ctx.Err(), an atomic load);
// when it is done, every field of the object, trivial ones included, takes
// the full path and Deadline stops it. Non-trivial fields (resolvers, edges,
// objects, lists of objects) reach Deadline as before, and every list
// element is an object whose marshaler checks again, so an operation still
// stops within one object's trivial fields after its deadline.
//
// Plain objects go further (gen.Plain): an object type that implements no
// interface and whose every field is trivial (not a pointer under a
// non-null type) or plain — a struct field holding a plain object, a
// nullable pointer to one, or a slice of them — is marshaled from its Go
// value as a whole: its fields, and the plain objects below it, without a
// field context per field or list element, without field middleware and
// panic recover, and with a list's fields collected once for all its
// elements (Objects). Nothing in a plain object can fail, block or report
// an error. The executor enters the plain path at a plain field of another
// object, or at the marshaler of a plain object or of a list of them,
// while the context is live and nothing selected below defers a fragment
// (Defers; gqlgen's path makes the deferred groups), and for a list of
// pointers, none is nil (HasNil). The analytics' answers are lists of such
// values (summaries' status counts, a data source's systems and their
// process groups, the integration graph's nodes): the plain path is most
// of what was left of their CPU in gqlgen's per-field machinery.
//
// What the field middleware no longer sees: plain fields and everything
// below them. primeBreadcrumbs acts on node types, lists of them and
// fields bound to resolvers or methods, none of which is plain. Deadline
// is checked once where the plain path is entered (the object's ctx.Err()
// above, or the marshaler's): a plain subtree, a walk over Go values
// already in memory, is marshaled whole once entered, and one entered
// after the deadline takes the full path, where Deadline stops each field
// at its own path.
//
// Object fields go less far (gen.ObjectFields): a struct field holding a
// pointer to an object type, without arguments or directives — an entgql
// edge's node. Its value is in memory already, so there is nothing to
// resolve: while the context is live and the value is not nil, the
// executor makes the field's context (so that the path of anything
// reported below names the field, and the field's result is the node) and
// marshals the object, without gqlgen's resolver closures, field
// middleware and panic recover around it. The object's own fields keep
// theirs. What the field middleware no longer sees: such fields.
// primeBreadcrumbs returns at once for a single field that is neither a
// resolver nor a method, and Deadline is the live check; a nil value or a
// done context takes the full path.
//
// Object lists go as far (gen.ObjectLists): a struct field holding a slice
// of pointers to an object type that implements no interface — a
// connection's edges. While the context is live and the slice is not nil,
// the executor makes the field's context and marshals the list (each
// element keeps its context and recover). What the field middleware no
// longer sees: such lists. primeBreadcrumbs acts on lists of node types
// only (an element selecting breadcrumb), and Deadline is the live check.
//
// The field context of an object field or list, and of every element of a
// list, is made inside its context (FieldCtx: WithField, ElementContexts),
// where gqlgen allocates the field context and context.WithValue's node
// apart, and a list's elements take one allocation for all of them.
// graphql.GetFieldContext finds it with gqlgen's own key, learnt from
// GetFieldContext when the package starts (which panics if it could not).
//
// Trivial String, ID and Int fields of a string or int struct field marshal
// through a pointer to the field (scalar.StringAt, IntIDAt, IntAt:
// gen.PointTo) instead of a boxed copy of the value, byte for byte as
// gqlgen's marshalers; the value is read when the answer is written, after
// the operation has run (the objects are not changed once resolved).
//
// A field's arguments are computed once per operation (Args, keyed by the
// AST field: the same field under the same variables has the same
// arguments), not for every parent element of a nested connection; a
// field whose arguments fail is computed, and reports, at each of its
// paths. The arguments' map is shared by the field's contexts: resolvers
// and middleware must not change it.
//
// gqlgen collects an object's fields once per selection set and type for
// an operation, but its cache key hashes the type's names on every call
// (allocating); the executor keeps its own cache (Fields), keyed by the
// addresses of the selection set and of the type's implementors list. A
// list's elements get their contexts, field contexts and indexes from one
// slice (ElementContexts) instead of three allocations per element. The answer is
// written into a pooled buffer and copied out once (Marshal), where a
// fresh buffer grew by doubling.
//
// gqlgen also makes a deferred group for every object it marshals (the
// object's path, a field set, a map), used only by fields under @defer;
// Karta's executor makes it on the object's first deferred field.
//
// An object without deferred fields is returned as an Object, which writes
// the same bytes as gqlgen's FieldSet without FieldSet's map of written
// aliases and heap copy of every field. Its values are allocated with it
// (NewObject); a FieldSet over the same values is made only for an object
// with a field resolved concurrently or deferred (Object.FieldSet).
package serialexec
