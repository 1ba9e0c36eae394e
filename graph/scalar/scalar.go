package scalar

import (
	"bytes"
	"io"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
)

// MarshalString writes s as a JSON string, escaped as graphql.MarshalString
// escapes it.
func MarshalString(s string) graphql.Marshaler { return quoted(s) }

// UnmarshalString is graphql.UnmarshalString.
func UnmarshalString(v any) (string, error) { return graphql.UnmarshalString(v) }

// MarshalIntID writes i as a JSON string of its decimal digits, as
// graphql.MarshalIntID does.
func MarshalIntID(i int) graphql.Marshaler { return intID(i) }

// UnmarshalIntID is graphql.UnmarshalIntID.
func UnmarshalIntID(v any) (int, error) { return graphql.UnmarshalIntID(v) }

type quoted string

// MarshalGQL implements graphql.Marshaler.
func (s quoted) MarshalGQL(w io.Writer) {
	if b, ok := w.(*bytes.Buffer); ok {
		b.Write(AppendQuoted(b.AvailableBuffer(), string(s)))
		return
	}
	_, _ = w.Write(AppendQuoted(nil, string(s)))
}

type intID int

// MarshalGQL implements graphql.Marshaler.
func (i intID) MarshalGQL(w io.Writer) {
	if b, ok := w.(*bytes.Buffer); ok {
		b.Write(appendIntID(b.AvailableBuffer(), int(i)))
		return
	}
	_, _ = w.Write(appendIntID(nil, int(i)))
}

func appendIntID(b []byte, i int) []byte {
	b = append(b, '"')
	b = strconv.AppendInt(b, int64(i), 10)
	return append(b, '"')
}

const hex = "0123456789ABCDEF"

// AppendQuoted appends s to b as gqlgen quotes a string: between double
// quotes, with \t \r \n \\ \" and \u00XX for the other control bytes;
// every other byte (UTF-8, valid or not) as it is.
func AppendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '\\' && c != '"' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '\t':
			b = append(b, '\\', 't')
		case '\r':
			b = append(b, '\\', 'r')
		case '\n':
			b = append(b, '\\', 'n')
		case '\\':
			b = append(b, '\\', '\\')
		case '"':
			b = append(b, '\\', '"')
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// StringAt, IntAt and IntIDAt marshal the value they point to as
// MarshalString, graphql.MarshalInt and MarshalIntID marshal it, byte for
// byte. The executor's trivial fields (graph/serialexec) point one at the
// object's field — (*StringAt)(&obj.Name) — where the marshaler of the value
// boxed a copy on the heap for every field of every object. The value is
// read when the answer is written, after the operation has run: the
// executor uses them for struct fields of objects that are not changed
// once resolved.
type (
	StringAt string
	IntAt    int
	IntIDAt  int
)

// MarshalGQL implements graphql.Marshaler.
func (s *StringAt) MarshalGQL(w io.Writer) { quoted(*s).MarshalGQL(w) }

// MarshalGQL implements graphql.Marshaler.
func (i *IntIDAt) MarshalGQL(w io.Writer) { intID(*i).MarshalGQL(w) }

// MarshalGQL implements graphql.Marshaler.
func (i *IntAt) MarshalGQL(w io.Writer) {
	if b, ok := w.(*bytes.Buffer); ok {
		b.Write(strconv.AppendInt(b.AvailableBuffer(), int64(*i), 10))
		return
	}
	_, _ = io.WriteString(w, strconv.FormatInt(int64(*i), 10))
}
