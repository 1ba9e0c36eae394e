package serialexec

import (
	"io"

	"github.com/99designs/gqlgen/graphql"
)

// Object is an object's resolved fields, marshaled as gqlgen's FieldSet
// marshals them — the fields in order, each alias once, the first field of
// an alias winning — without FieldSet's costs per object: a map of the
// aliases written and a copy of every field on the heap (a sixth of the
// allocations of a deep page). The executor uses it for every object
// without deferred fields, whose values are all set once the field set is
// dispatched.
type Object struct {
	Fields []graphql.CollectedField
	Values []graphql.Marshaler
}

var (
	openBrace  = []byte{'{'}
	closeBrace = []byte{'}'}
	comma      = []byte{','}
	quote      = []byte{'"'}
	quoteColon = []byte{'"', ':'}
)

// MarshalGQL implements graphql.Marshaler. An alias is a GraphQL name
// (letters, digits, underscores): it needs no escaping.
func (o *Object) MarshalGQL(w io.Writer) {
	_, _ = w.Write(openBrace)
	first := true
	for i := range o.Fields {
		alias := o.Fields[i].Alias
		if seen(o.Fields[:i], alias) {
			continue
		}
		if !first {
			_, _ = w.Write(comma)
		}
		first = false
		_, _ = w.Write(quote)
		_, _ = io.WriteString(w, alias)
		_, _ = w.Write(quoteColon)
		o.Values[i].MarshalGQL(w)
	}
	_, _ = w.Write(closeBrace)
}

// seen reports whether one of fields has alias; objects have a few fields,
// and a scan of them costs less than a set.
func seen(fields []graphql.CollectedField, alias string) bool {
	for i := range fields {
		if fields[i].Alias == alias {
			return true
		}
	}
	return false
}

// Objects returns n objects of the same fields (a list's elements) whose
// values share one allocation.
func Objects(fields []graphql.CollectedField, n int) []Object {
	objs := make([]Object, n)
	values := make([]graphql.Marshaler, n*len(fields))
	for i := range objs {
		objs[i] = Object{Fields: fields, Values: values[i*len(fields) : (i+1)*len(fields) : (i+1)*len(fields)]}
	}
	return objs
}

// NewObject returns an Object for fields with room for their values, in one
// allocation for up to eight fields (the Object and its values side by
// side) where gqlgen's executor made three per object: a FieldSet, its
// values and the Object returned.
func NewObject(fields []graphql.CollectedField) *Object {
	switch len(fields) {
	case 0:
		return &Object{Fields: fields}
	case 1:
		p := new(struct {
			Object
			v [1]graphql.Marshaler
		})
		p.Fields, p.Values = fields, p.v[:]
		return &p.Object
	case 2:
		p := new(struct {
			Object
			v [2]graphql.Marshaler
		})
		p.Fields, p.Values = fields, p.v[:]
		return &p.Object
	case 3:
		p := new(struct {
			Object
			v [3]graphql.Marshaler
		})
		p.Fields, p.Values = fields, p.v[:]
		return &p.Object
	case 4:
		p := new(struct {
			Object
			v [4]graphql.Marshaler
		})
		p.Fields, p.Values = fields, p.v[:]
		return &p.Object
	case 5, 6:
		p := new(struct {
			Object
			v [6]graphql.Marshaler
		})
		p.Fields, p.Values = fields, p.v[:len(fields):len(fields)]
		return &p.Object
	case 7, 8:
		p := new(struct {
			Object
			v [8]graphql.Marshaler
		})
		p.Fields, p.Values = fields, p.v[:len(fields):len(fields)]
		return &p.Object
	}
	return &Object{Fields: fields, Values: make([]graphql.Marshaler, len(fields))}
}

// FieldSet returns a gqlgen FieldSet over o's fields whose values are o's
// (the same slice): the executor makes one only for an object with a field
// resolved concurrently or deferred, which gqlgen schedules on a FieldSet.
func (o *Object) FieldSet() *graphql.FieldSet {
	fs := graphql.NewFieldSet(o.Fields)
	fs.Values = o.Values
	return fs
}
