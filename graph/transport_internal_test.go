package graph

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// encodeResponse writes the JSON value json.Marshal writes, for every
// member a response can have, and leaves data as gqlgen wrote it: <, >, &
// and U+2028/U+2029 are not escaped again, and the result is valid JSON.
func TestEncodeResponseIsJSONMarshalsValue(t *testing.T) {
	data := json.RawMessage("{\"ministries\":{\"edges\":[{\"node\":{\"name\":\"<b>R&D</b> \u2028 \u2029 \\\"q\\\" \\\\ \\n \\u0001 Министерство\"}}],\"n\":1.5e-7,\"t\":true,\"x\":null}}")
	yes := true
	for _, tc := range []struct {
		name string
		resp graphql.Response
	}{
		{"data", graphql.Response{Data: data}},
		{"no data", graphql.Response{}},
		{"null data", graphql.Response{Data: json.RawMessage("null")}},
		{"errors and data", graphql.Response{Data: data, Errors: gqlerror.List{
			{Message: "a <message> & more", Path: ast.Path{ast.PathName("ministries"), ast.PathIndex(0)},
				Extensions: map[string]any{"code": CodeBadRequest}},
			{Message: "second"},
		}}},
		{"extensions", graphql.Response{Data: data, Extensions: map[string]any{"b": 1, "a": map[string]any{"z": "<"}}}},
		{"incremental members", graphql.Response{Data: data, Label: "L", Path: ast.Path{ast.PathName("x")}, HasNext: &yes}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := encodeResponse(&tc.resp)
			if err != nil {
				t.Fatal(err)
			}
			want, err := json.Marshal(&tc.resp)
			if err != nil {
				t.Fatal(err)
			}
			if !json.Valid(got) {
				t.Fatalf("not valid JSON: %s", got)
			}
			var g, w any
			if err := json.Unmarshal(got, &g); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(want, &w); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(g, w) {
				t.Fatalf("got  %s\nwant %s", got, want)
			}
			if len(tc.resp.Data) > 4 && !bytes.Contains(got, tc.resp.Data) {
				t.Fatalf("data was rewritten: %s", got)
			}
		})
	}
}

// An extension json.Marshal refuses is an error, as it was.
func TestEncodeResponseError(t *testing.T) {
	if _, err := encodeResponse(&graphql.Response{Data: json.RawMessage("{}"), Extensions: map[string]any{"f": func() {}}}); err == nil {
		t.Fatal("no error for an extension JSON cannot encode")
	}
}

// A response with only data is written as dataOpen, the data and "}" —
// encodeResponse's bytes — and one with anything more is not taken for it.
func TestDataOnlyIsEncodeResponse(t *testing.T) {
	data := json.RawMessage(`{"a":"Министерство \u2028 <b>"}`)
	yes := true
	for _, tc := range []struct {
		resp graphql.Response
		only bool
	}{
		{graphql.Response{Data: data}, true},
		{graphql.Response{}, false},
		{graphql.Response{Data: data, Errors: gqlerror.List{{Message: "m"}}}, false},
		{graphql.Response{Data: data, Extensions: map[string]any{"a": 1}}, false},
		{graphql.Response{Data: data, Label: "L"}, false},
		{graphql.Response{Data: data, Path: ast.Path{ast.PathName("x")}}, false},
		{graphql.Response{Data: data, HasNext: &yes}, false},
	} {
		if got := dataOnly(&tc.resp); got != tc.only {
			t.Errorf("%+v: dataOnly %v, want %v", tc.resp, got, tc.only)
		}
		if !tc.only {
			continue
		}
		want, err := encodeResponse(&tc.resp)
		if err != nil {
			t.Fatal(err)
		}
		if got := dataOpen + string(tc.resp.Data) + "}"; got != string(want) {
			t.Errorf("written %s, encodeResponse %s", got, want)
		}
	}
}
