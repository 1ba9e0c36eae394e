// Package scalar marshals GraphQL's String and ID (an int) as gqlgen's
// graphql.MarshalString and graphql.MarshalIntID do, byte for byte, at a
// fraction of their cost: a string is scanned by bytes, not decoded rune by
// rune (the bytes JSON escapes are ASCII, which never occur inside a UTF-8
// sequence), written in one piece when nothing needs escaping, and a value
// is one small allocation instead of a closure (and, for an ID, a string).
// The large analytics answers are mostly Cyrillic text: gqlgen's
// rune-by-rune quoting was a fifth to a third of their CPU.
//
// gqlgen.yml binds the String and ID scalars here; the functions keep
// gqlgen's names and contracts (never graphql.Null, no error reported
// through the context), so graph/serialexec/gen treats them as it treats
// gqlgen's own.
package scalar
