package scalar_test

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"

	"github.com/karta/karta/graph/scalar"
)

// marshal writes m into a bytes.Buffer (the executor's writer) and into a
// plain io.Writer, and fails unless both agree.
func marshal(t *testing.T, m graphql.Marshaler) string {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("prefix")
	m.MarshalGQL(&b)
	var s strings.Builder
	m.MarshalGQL(&s)
	if got := strings.TrimPrefix(b.String(), "prefix"); got != s.String() {
		t.Fatalf("bytes.Buffer %q, io.Writer %q", got, s.String())
	}
	return s.String()
}

func gqlgen(m graphql.Marshaler) string {
	var s strings.Builder
	m.MarshalGQL(&s)
	return s.String()
}

func TestStringAsGqlgen(t *testing.T) {
	cases := []string{
		"", "a", "Министерство цифрового развития", `ИС «Е-лицензирование»`,
		"tab\there", "cr\rlf\n", `back\slash`, `"quoted"`, "\x00\x01\x1f\x7f",
		"\xff\xfe invalid \xc3", "\u2028\u2029", "😀 emoji", strings.Repeat("д", 1000) + "\n",
	}
	for c := range 256 {
		cases = append(cases, string([]byte{byte(c)}), "я"+string([]byte{byte(c)})+"z")
	}
	for _, s := range cases {
		if got, want := marshal(t, scalar.MarshalString(s)), gqlgen(graphql.MarshalString(s)); got != want {
			t.Errorf("%q: got %q, gqlgen writes %q", s, got, want)
		}
	}
}

func FuzzStringAsGqlgen(f *testing.F) {
	f.Add("Министерство\t\"x\"\\\n\x01\xff")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := marshal(t, scalar.MarshalString(s)), gqlgen(graphql.MarshalString(s)); got != want {
			t.Errorf("%q: got %q, gqlgen writes %q", s, got, want)
		}
	})
}

func TestIntIDAsGqlgen(t *testing.T) {
	for _, i := range []int{0, 1, -1, 9, 10, 255, 256, 4294967296, math.MaxInt, math.MinInt} {
		if got, want := marshal(t, scalar.MarshalIntID(i)), gqlgen(graphql.MarshalIntID(i)); got != want {
			t.Errorf("%d: got %q, gqlgen writes %q", i, got, want)
		}
	}
}

func TestUnmarshalAsGqlgen(t *testing.T) {
	for _, v := range []any{"12", 12, int64(12), "x", nil, 1.5, true} {
		s, err := scalar.UnmarshalString(v)
		ws, werr := graphql.UnmarshalString(v)
		if s != ws || (err == nil) != (werr == nil) {
			t.Errorf("UnmarshalString(%v) = %q, %v; gqlgen %q, %v", v, s, err, ws, werr)
		}
		i, err := scalar.UnmarshalIntID(v)
		wi, werr := graphql.UnmarshalIntID(v)
		if i != wi || (err == nil) != (werr == nil) {
			t.Errorf("UnmarshalIntID(%v) = %d, %v; gqlgen %d, %v", v, i, err, wi, werr)
		}
	}
}

func TestPointersAsValues(t *testing.T) {
	for _, s := range []string{"", "Министерство", "tab\t\"q\"\\", "\x00\xff\u2028"} {
		v := s
		if got, want := marshal(t, (*scalar.StringAt)(&v)), gqlgen(scalar.MarshalString(s)); got != want {
			t.Errorf("StringAt %q: %s, want %s", s, got, want)
		}
	}
	for _, i := range []int{0, 1, -1, 42, 715, math.MaxInt, math.MinInt} {
		v := i
		if got, want := marshal(t, (*scalar.IntAt)(&v)), gqlgen(graphql.MarshalInt(i)); got != want {
			t.Errorf("IntAt %d: %s, want %s", i, got, want)
		}
		if got, want := marshal(t, (*scalar.IntIDAt)(&v)), gqlgen(scalar.MarshalIntID(i)); got != want {
			t.Errorf("IntIDAt %d: %s, want %s", i, got, want)
		}
	}
}
