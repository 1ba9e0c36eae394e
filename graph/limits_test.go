package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/introspection"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/karta/karta/graph"
	"github.com/karta/karta/server/storagetest"
)

// gqlResponse is a decoded GraphQL response; HasData tells "data" apart
// from an absent entry.
type gqlResponse struct {
	Status  int
	Data    json.RawMessage
	HasData bool
	Errors  []struct {
		Message    string
		Path       []any
		Extensions map[string]any
	}
	Header http.Header
}

func (r gqlResponse) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// do sends body as a POST with the given Accept header to h.
func do(t *testing.T, h http.Handler, ctx context.Context, body, accept string) gqlResponse {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body)).WithContext(ctx)
	req.Header.Set("Content-Type", "application/json")
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(rec.Body.Bytes(), &raw); err != nil {
		t.Fatalf("response is not JSON: %v: %.300s", err, rec.Body.String())
	}
	r := gqlResponse{Status: rec.Code, Header: rec.Header()}
	r.Data, r.HasData = raw["data"]
	if e, ok := raw["errors"]; ok {
		if err := json.Unmarshal(e, &r.Errors); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

func queryBody(q string, vars map[string]any) string {
	b, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	return string(b)
}

func repeat(n int, f func(i int) string) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = f(i)
	}
	return strings.Join(parts, " ")
}

// Every document limit refuses its hostile document before validation and
// execution, with its own code, and no data; a modest document passes.
func TestDocumentLimitsRefuseHostileDocuments(t *testing.T) {
	_, ec, _ := newClient(t, 1, graph.Options{})
	h := graph.NewHandler(ec, graph.Options{MaxPageSize: 100, ComplexityLimit: 500000})
	ids := make([]string, 50000)
	for i := range ids {
		ids[i] = fmt.Sprint(i + 1)
	}
	for _, tc := range []struct {
		name, query string
		vars        map[string]any
		code        string
	}{
		{"aliases of duplicateCandidates", "{" + repeat(700, func(i int) string { return fmt.Sprintf("a%d: duplicateCandidates { key }", i) }) + "}", nil, graph.CodeAliases},
		{"40 aliases", "{" + repeat(40, func(i int) string { return fmt.Sprintf("a%d: __typename", i) }) + "}", nil, graph.CodeAliases},
		{"14 000 __typename", "{" + repeat(14000, func(int) string { return "__typename" }) + "}", nil, graph.CodeRepeatedField},
		{"fields through fragments", "query { ...A ...B } fragment A on Query { " + repeat(30, func(i int) string { return "...C" }) + " } fragment B on Query { ...A } fragment C on Query { " + repeat(20, func(i int) string { return "__typename" }) + " }", nil, graph.CodeFields},
		{"depth", `{ __type(name: "Query") { ` + strings.Repeat("ofType { ", 25) + "name" + strings.Repeat(" }", 26) + " }", nil, graph.CodeDepth},
		{"50 000 ids in a variable", `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": ids}, graph.CodeInputLimit},
		{"900 KB string variable", `query($q: String!) { search(query: $q) { totalCount } }`, map[string]any{"q": strings.Repeat("я", 450000)}, graph.CodeInputLimit},
		{"900 KB string literal", `{ search(query: "` + strings.Repeat("x", 900000) + `") { totalCount } }`, nil, graph.CodeInputLimit},
		{"NUL in a variable", `query($q: String!) { ministries(where: {nameContains: $q}) { totalCount } }`, map[string]any{"q": "a\x00b"}, graph.CodeInvalid},
		{"NUL in a literal", `{ ministries(where: {nameContains: "a\u0000b"}) { totalCount } }`, nil, graph.CodeInvalid},
		{"fragment cycle", `{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }`, nil, "GRAPHQL_VALIDATION_FAILED"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := do(t, h, context.Background(), queryBody(tc.query, tc.vars), "")
			if r.code() != tc.code || r.HasData || r.Status != http.StatusOK {
				t.Fatalf("status %d, has data %v, errors %+v; want code %s", r.Status, r.HasData, r.Errors, tc.code)
			}
			if m := r.Errors[0].Message; len(m) > graph.MaxMessageLen+len("…") {
				t.Fatalf("message of %d bytes", len(m))
			}
		})
	}
	r := do(t, h, context.Background(), queryBody(`{ a: ministries { totalCount } b: ministries { totalCount } __typename }`, nil), "")
	if len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"a":{"totalCount":1}`) {
		t.Fatalf("a modest document: %+v %s", r.Errors, r.Data)
	}
}

// The introspection cost is the number of values the answer holds: counted
// on the real answer to the standard introspection query.
func TestIntrospectionCostIsTheAnswersSize(t *testing.T) {
	_, ec, _ := newClient(t, 0, graph.Options{})
	h := graph.NewHandler(ec, graph.Options{MaxPageSize: 100, ComplexityLimit: 500000})
	r := do(t, h, context.Background(), queryBody(introspection.Query, nil), "")
	if len(r.Errors) > 0 {
		t.Fatalf("introspection: %+v", r.Errors)
	}
	var data any
	if err := json.Unmarshal(r.Data, &data); err != nil {
		t.Fatal(err)
	}
	values := countKeys(data)
	schema := graph.NewSchema(ec, nil).Schema()
	doc, errs := gqlparser.LoadQueryWithRules(schema, introspection.Query, nil)
	if errs != nil {
		t.Fatal(errs)
	}
	cost := graph.IntrospectionCost(schema, doc.Operations[0].SelectionSet, nil, 1<<30)
	t.Logf("standard introspection: %d values in the answer, cost %d", values, cost)
	if cost != values {
		t.Fatalf("introspection cost %d, but the answer holds %d values", cost, values)
	}
	// So aliases of it add up: 20 copies exceed the introspection limit and,
	// with that limit lifted, the cost limit, though each passes alone (the
	// field limit, raised here, would refuse them first).
	fragments := introspection.Query[strings.Index(introspection.Query, "fragment FullType"):]
	q := "{" + repeat(20, func(i int) string { return fmt.Sprintf("a%d: __schema { types { ...FullType } }", i) }) + "}\n" + fragments
	for _, tc := range []struct {
		limits graph.Limits
		code   string
	}{
		{graph.Limits{Fields: 10000}, graph.CodeIntrospection},
		{graph.Limits{Fields: 10000, Introspection: 1 << 30}, graph.CodeComplexity},
	} {
		h := graph.NewHandler(ec, graph.Options{MaxPageSize: 100, ComplexityLimit: 500000, Limits: tc.limits})
		r := do(t, h, context.Background(), queryBody(q, nil), "")
		if r.code() != tc.code || r.HasData {
			t.Fatalf("20 aliased introspections, limits %+v: %d %+v", tc.limits, r.Status, r.Errors)
		}
	}
}

func countKeys(v any) int {
	n := 0
	switch x := v.(type) {
	case map[string]any:
		for _, c := range x {
			n += 1 + countKeys(c)
		}
	case []any:
		for _, c := range x {
			n += countKeys(c)
		}
	}
	return n
}

// The protocol details the graphql-http audit checks, pinned here too:
// request errors have no "data" entry, 200 with application/json and 400
// with application/graphql-response+json; bad bodies get our message (never
// the body) and 400; a deadline that passed mid-operation answers 503 with
// TIMEOUT even though part of the answer was resolved.
func TestProtocolStatusesAndShapes(t *testing.T) {
	_, ec, _ := newClient(t, 1, graph.Options{})
	h := graph.NewHandler(ec, graph.Options{MaxPageSize: 100, ComplexityLimit: 500000})
	ctx := context.Background()
	for _, tc := range []struct {
		name, body, accept string
		status             int
		code               string
	}{
		{"parse error, json", `{"query":"{"}`, "application/json", 200, "GRAPHQL_PARSE_FAILED"},
		{"parse error, graphql-response", `{"query":"{"}`, "application/graphql-response+json", 400, "GRAPHQL_PARSE_FAILED"},
		{"validation error, json", `{"query":"{ nope }"}`, "", 200, "GRAPHQL_VALIDATION_FAILED"},
		{"validation error, graphql-response", `{"query":"{ nope }"}`, "application/graphql-response+json", 400, "GRAPHQL_VALIDATION_FAILED"},
		{"coercion error, json", `{"query":"query($id: ID!) { node(id: $id) { id } }","variables":{"id":null}}`, "", 200, "GRAPHQL_VALIDATION_FAILED"},
		{"batch", `[{"query":"{ __typename }"},{"query":"{ __typename }"}]`, "", 400, graph.CodeBadRequest},
		{"not JSON", `{"query": "{ __typename }" SECRET-BODY-TEXT`, "", 400, graph.CodeBadRequest},
		{"query not a string", `{"query": {"SECRET-BODY-TEXT": 1}}`, "", 400, graph.CodeBadRequest},
		{"variables not an object", `{"query": "{ __typename }", "variables": "SECRET-BODY-TEXT"}`, "", 400, graph.CodeBadRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := do(t, h, ctx, tc.body, tc.accept)
			if r.Status != tc.status || r.code() != tc.code || r.HasData {
				t.Fatalf("got %d %s (has data %v), want %d %s: %+v", r.Status, r.code(), r.HasData, tc.status, tc.code, r.Errors)
			}
			if strings.Contains(r.Errors[0].Message, "SECRET") {
				t.Fatalf("the body is echoed: %q", r.Errors[0].Message)
			}
		})
	}

	// A deadline passing after __typename resolved: 503 and TIMEOUT only.
	// The middleware waits once ministries resolved (field middleware never
	// sees a trivial field such as cursor, a plain one such as pageInfo, nor
	// a connection's edges: graph/serialexec); edges, cursor and pageInfo,
	// marshaled after the deadline, must take the full path and be stopped
	// by Deadline.
	srv := graph.NewHandler(ec, graph.Options{MaxPageSize: 100})
	srv.AroundFields(func(ctx context.Context, next graphql.Resolver) (any, error) {
		res, err := next(ctx)
		if graphql.GetFieldContext(ctx).Field.Name == "ministries" {
			<-ctx.Done()
		}
		return res, err
	})
	dctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	r := do(t, srv, dctx, `{"query":"{ __typename ministries { edges { cursor } pageInfo { hasNextPage } } }"}`, "")
	if r.Status != http.StatusServiceUnavailable || r.code() != graph.CodeTimeout || len(r.Errors) != 1 || r.HasData {
		t.Fatalf("deadline: %d %+v data %s", r.Status, r.Errors, r.Data)
	}
}

// A response over the size limit is replaced by one coded error.
func TestResponseSizeLimit(t *testing.T) {
	_, ec, _ := newClient(t, 3, graph.Options{})
	h := graph.NewHandler(ec, graph.Options{MaxPageSize: 100, Limits: graph.Limits{ResponseBytes: 200}})
	r := do(t, h, context.Background(), queryBody(`{ ministries { edges { node { name } } } }`, nil), "")
	if r.code() != graph.CodeResponseTooLarge || string(r.Data) != "null" {
		t.Fatalf("got %+v %s", r.Errors, r.Data)
	}
	r = do(t, h, context.Background(), queryBody(`{ ministries { totalCount } }`, nil), "")
	if len(r.Errors) > 0 {
		t.Fatalf("a small answer: %+v", r.Errors)
	}
}

// CheckDocument counts fragments expanded, once per fragment, however
// deeply they spread each other (no exponential walk).
func TestCheckDocumentExpandsFragmentsOnce(t *testing.T) {
	var b strings.Builder
	b.WriteString("{ ...F0 }\n")
	for i := range 40 {
		fmt.Fprintf(&b, "fragment F%d on Query { ...F%d ...F%d }\n", i, i+1, i+1)
	}
	b.WriteString("fragment F40 on Query { __typename }\n")
	doc, err := parser.ParseQuery(&ast.Source{Input: b.String()})
	if err != nil {
		t.Fatal(err)
	}
	e := graph.DefaultLimits.CheckDocument(doc)
	if e == nil || e.Extensions["code"] != graph.CodeFields {
		t.Fatalf("2^40 fields through fragments: %v", e)
	}
}

// Deadline stops every field once the context is done, introspection's
// included (they never look at the context themselves).
func TestDeadlineStopsFields(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	called := 0
	next := func(context.Context) (any, error) { called++; return "v", nil }
	if v, err := graph.Deadline(ctx, next); err != nil || v != "v" || called != 1 {
		t.Fatalf("live context: %v %v %d", v, err, called)
	}
	cancel()
	if _, err := graph.Deadline(ctx, next); err == nil || called != 1 {
		t.Fatalf("done context: resolver ran (%d) or no error (%v)", called, err)
	}
}

// FuzzCheckDocument: the document limits walk any parsed document —
// unknown fragments, cycles, deep nesting — without panicking, and refuse
// with a coded error or accept.
func FuzzCheckDocument(f *testing.F) {
	for _, s := range []string{
		`{ a: __typename b: __typename }`,
		`{ ...A } fragment A on Query { ...A }`,
		`query($x: [ID!] = ["1", "2"]) { nodes(ids: $x) { id } }`,
		`{ __type(name: "Query") { ofType { ofType { name } } } }`,
		`{ search(query: "a\u0000") @skip(if: false) { totalCount } }`,
	} {
		f.Add(s)
	}
	l := graph.Limits{Aliases: 3, Fields: 20, Depth: 4, RepeatedField: 2, StringBytes: 8, ListItems: 2}
	f.Fuzz(func(t *testing.T, q string) {
		doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: q}, 2000)
		if err != nil {
			return
		}
		if e := l.CheckDocument(doc); e != nil && e.Extensions["code"] == nil {
			t.Fatalf("an error without a code: %v", e)
		}
	})
}

// Catalog-wide fields (analytics) cost a pass over the catalog each, so
// their aliases add up to the cost limit long before the alias limit: 700
// aliases of duplicateCandidates are refused by cost (the alias and field
// limits lifted), 11 too, while the frontend's two per operation pass.
func TestCatalogWideFieldsAreCostly(t *testing.T) {
	_, ec, _ := newClient(t, 0, graph.Options{})
	schema := graph.NewSchema(ec, nil).Schema()
	for f := range graph.CatalogWideFields {
		if schema.Query.Fields.ForName(f) == nil {
			t.Errorf("CatalogWideFields names %q, which Query does not have", f)
		}
	}
	lifted := graph.Limits{Aliases: 5000, Fields: 10000, Tokens: 100000}
	h := graph.NewHandler(ec, graph.Options{MaxPageSize: 100, ComplexityLimit: 500000, Limits: lifted})
	for _, n := range []int{700, 11} {
		q := "{" + repeat(n, func(i int) string { return fmt.Sprintf("d%d: duplicateCandidates { key }", i) }) + "}"
		start := time.Now()
		r := do(t, h, context.Background(), queryBody(q, nil), "")
		if r.code() != graph.CodeComplexity || r.HasData {
			t.Fatalf("%d aliases of duplicateCandidates: %d %+v", n, r.Status, r.Errors)
		}
		t.Logf("%d aliases refused in %s", n, time.Since(start))
	}
	r := do(t, h, context.Background(), queryBody(`{ ministrySummaries { name } sphereSummaries { name } duplicateCandidates { key } }`, nil), "")
	if len(r.Errors) > 0 {
		t.Fatalf("three catalog-wide fields: %+v", r.Errors)
	}
}

// Names with HTML-special characters and JavaScript's line separators come
// back as valid JSON with the same text, whether the response cache answers
// or not, byte for byte the same body either way; over the size limit the
// error names the size of the answer as it would have been sent.
func TestResponseTextRoundTrips(t *testing.T) {
	ec, _ := storagetest.Open(t)
	ctx := context.Background()
	name := "<script>alert(\"R&D\")</script> \u2028\u2029 \\ \t Министерство"
	if _, err := ec.Ministry.Create().SetKey("x").SetName(name).Save(ctx); err != nil {
		t.Fatal(err)
	}
	body := queryBody(`{ ministries { edges { node { name } } } }`, nil)
	var bodies []string
	rc := graph.NewResponseCache(ec, 1<<20)
	for _, opts := range []graph.Options{{}, {ResponseCache: rc}} {
		h := graph.NewHandler(ec, opts)
		for range 2 { // with the cache: a miss, then a hit
			req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			var got struct {
				Data struct {
					Ministries struct {
						Edges []struct{ Node struct{ Name string } }
					}
				}
				Errors []any
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || !json.Valid(rec.Body.Bytes()) {
				t.Fatalf("not JSON: %v: %s", err, rec.Body)
			}
			if e := got.Data.Ministries.Edges; len(got.Errors) > 0 || len(e) != 1 || e[0].Node.Name != name {
				t.Fatalf("got %s", rec.Body)
			}
			bodies = append(bodies, rec.Body.String())
		}
	}
	if rc.Len() != 1 {
		t.Fatalf("%d cached responses, want 1", rc.Len())
	}
	for _, b := range bodies[1:] {
		if b != bodies[0] {
			t.Fatalf("bodies differ:\n%s\n%s", bodies[0], b)
		}
	}
	n := len(bodies[0])
	for limit, tooLarge := range map[int]bool{n: false, n - 1: true} {
		h := graph.NewHandler(ec, graph.Options{Limits: graph.Limits{ResponseBytes: limit}})
		r := do(t, h, ctx, body, "")
		if tooLarge != (r.code() == graph.CodeResponseTooLarge) {
			t.Fatalf("limit %d, answer of %d bytes: %+v", limit, n, r.Errors)
		}
		if tooLarge && !strings.Contains(r.Errors[0].Message, fmt.Sprintf("would be %d bytes", n)) {
			t.Fatalf("limit %d: %q does not name %d bytes", limit, r.Errors[0].Message, n)
		}
	}
}
