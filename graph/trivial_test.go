package graph_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/graph"
	"github.com/karta/karta/seeds/load"
	"github.com/karta/karta/server/storagetest"
)

// fieldRecorder is a field middleware that records the fields it sees
// (Object.field) and, once, cancels the request when it meets cancelAt
// (once cancelAt has resolved, when after is set).
type fieldRecorder struct {
	mu       sync.Mutex
	seen     map[string]bool
	cancelAt string
	after    bool
	cancel   context.CancelFunc
}

func (r *fieldRecorder) middleware(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	name := fc.Object + "." + fc.Field.Name
	r.mu.Lock()
	r.seen[name] = true
	r.mu.Unlock()
	if name == r.cancelAt && r.after {
		defer r.cancel()
	} else if name == r.cancelAt {
		r.cancel()
	}
	return next(ctx)
}

const trivialQuery = `{ ministries(first: 2) { totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { id name shortName kind parent { id name } maps { totalCount } } } } }`

// Trivial fields (struct fields of scalars and enums, no arguments: see
// graph/serialexec) and plain ones (struct fields holding plain objects,
// such as a connection's pageInfo) are marshaled without the field
// middleware, as are object fields and lists (an edge's node, a
// connection's edges); every other field — resolvers, entgql edges,
// connections — still reaches it, and the answer is the same.
func TestTrivialFieldsSkipFieldMiddleware(t *testing.T) {
	_, ec, _ := newClient(t, 2, graph.Options{})
	rec := &fieldRecorder{seen: map[string]bool{}, cancel: func() {}}
	srv := graph.NewHandler(ec, graph.Options{MaxPageSize: 100})
	srv.AroundFields(rec.middleware)
	r := do(t, srv, context.Background(), queryBody(trivialQuery, nil), "")
	if len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"totalCount"`) || !strings.Contains(string(r.Data), `"kind":"`) {
		t.Fatalf("answer: %+v %s", r.Errors, r.Data)
	}
	for _, f := range []string{"Query.ministries", "Ministry.parent", "Ministry.maps"} {
		if !rec.seen[f] {
			t.Errorf("%s: not seen by the field middleware", f)
		}
	}
	for _, f := range []string{"MinistryConnection.totalCount", "MinistryConnection.pageInfo", "PageInfo.hasNextPage", "PageInfo.endCursor",
		"MinistryEdge.cursor", "Ministry.id", "Ministry.name", "Ministry.shortName", "Ministry.kind",
		"TransformationMapConnection.totalCount",
		// An object field (serialexec/gen ObjectFields): an edge's node;
		// an object list (ObjectLists): a connection's edges.
		"MinistryEdge.node", "MinistryConnection.edges"} {
		if rec.seen[f] {
			t.Errorf("%s: trivial, plain or an object field, but it went through the field middleware", f)
		}
	}
	var seen []string
	for f := range rec.seen {
		seen = append(seen, f)
	}
	sort.Strings(seen)
	t.Logf("field middleware saw %v", seen)
}

// An object field (an edge's node, marshaled without field middleware: see
// graph/serialexec) still has its field context: a field below it sees the
// node as its parent's result, and an error below it is reported at a path
// that names the node.
func TestObjectFieldKeepsItsFieldContext(t *testing.T) {
	_, ec, _ := newClient(t, 2, graph.Options{})
	srv := graph.NewHandler(ec, graph.Options{MaxPageSize: 100})
	var parents []string
	var mu sync.Mutex
	srv.AroundFields(func(ctx context.Context, next graphql.Resolver) (any, error) {
		fc := graphql.GetFieldContext(ctx)
		if fc.Object != "Ministry" || fc.Field.Name != "maps" {
			return next(ctx)
		}
		m, _ := fc.Parent.Result.(*ent.Ministry)
		mu.Lock()
		defer mu.Unlock()
		if m == nil {
			parents = append(parents, fc.Parent.Field.Name+": no ministry")
		} else {
			parents = append(parents, fc.Parent.Field.Name+": "+m.Name)
		}
		return nil, errors.New("refused")
	})
	r := do(t, srv, context.Background(), queryBody(`{ ministries(first: 2) { edges { node { name maps { totalCount } } } } }`, nil), "")
	var paths []string
	for _, e := range r.Errors {
		b, _ := json.Marshal(e.Path)
		paths = append(paths, string(b))
	}
	sort.Strings(paths)
	want := []string{`["ministries","edges",0,"node","maps"]`, `["ministries","edges",1,"node","maps"]`}
	if strings.Join(paths, "|") != strings.Join(want, "|") {
		t.Errorf("errors %q, want %q", paths, want)
	}
	if len(parents) != 2 || !strings.HasPrefix(parents[0], "node: ") || strings.HasSuffix(parents[0], "no ministry") ||
		!strings.HasPrefix(parents[1], "node: ") || strings.HasSuffix(parents[1], "no ministry") {
		t.Errorf("parents of Ministry.maps: %q, want the node field with its ministry", parents)
	}
}

// Once the request's context is done, trivial and plain fields take the
// full path again, where the Deadline middleware stops each with the
// context's error at its own path: here the context is canceled once
// ministries has resolved, and the connection's totalCount (trivial) and
// pageInfo (plain) must fail instead of being marshaled.
func TestTrivialFieldsStopWhenTheContextIsDone(t *testing.T) {
	_, ec, _ := newClient(t, 1, graph.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rec := &fieldRecorder{seen: map[string]bool{}, cancelAt: "Query.ministries", after: true, cancel: cancel}
	srv := graph.NewHandler(ec, graph.Options{MaxPageSize: 100})
	srv.AroundFields(rec.middleware)
	r := do(t, srv, ctx, queryBody(`{ ministries { totalCount pageInfo { hasNextPage } } }`, nil), "")
	var paths []string
	for _, e := range r.Errors {
		b, _ := json.Marshal(e.Path)
		paths = append(paths, string(b)+" "+e.Message)
	}
	sort.Strings(paths)
	if len(r.Errors) != 2 || !strings.HasPrefix(paths[0], `["ministries","pageInfo"] `) || !strings.HasPrefix(paths[1], `["ministries","totalCount"] `) {
		t.Fatalf("errors %v, data %s: want totalCount and pageInfo stopped by Deadline", paths, r.Data)
	}
}

// A deferred fragment is still deferred: the executor makes an object's
// deferred group only on its first deferred field (graph/serialexec/gen),
// where gqlgen made one per object.
func TestDeferredFieldStillDeferred(t *testing.T) {
	_, ec, _ := newClient(t, 1, graph.Options{})
	srv := graph.NewHandler(ec, graph.Options{MaxPageSize: 100})
	q := `{ ministries(first: 1) { edges { node { name ... @defer(label: "bc") { breadcrumb { name } } } } } }`
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(queryBody(q, nil)))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	var r struct {
		Data struct {
			Ministries struct {
				Edges []struct {
					Node map[string]json.RawMessage
				}
			}
		}
		Errors  []any
		HasNext bool
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
		t.Fatalf("%v: %s", err, rec.Body)
	}
	if len(r.Errors) > 0 || !r.HasNext || len(r.Data.Ministries.Edges) != 1 ||
		string(r.Data.Ministries.Edges[0].Node["breadcrumb"]) != "null" || len(r.Data.Ministries.Edges[0].Node["name"]) < 3 {
		t.Fatalf("want the name now, the breadcrumb deferred (null, hasNext): %s", rec.Body)
	}
}

// A fragment deferred inside a plain object (a connection's pageInfo) is
// treated as gqlgen treats it: a selection that defers takes gqlgen's path
// (graph/serialexec.Defers), where a deferred field that gqlgen resolves
// inline is null — the plain path would write the page's end cursor.
func TestDeferredFieldInAPlainObjectStillDeferred(t *testing.T) {
	_, ec, _ := newClient(t, 1, graph.Options{})
	srv := graph.NewHandler(ec, graph.Options{MaxPageSize: 100})
	q := `{ ministries(first: 1) { pageInfo { hasNextPage ... @defer(label: "c") { endCursor } } } }`
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(queryBody(q, nil)))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	var r struct {
		Data struct {
			Ministries struct {
				PageInfo map[string]json.RawMessage
			}
		}
		Errors []any
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
		t.Fatalf("%v: %s", err, rec.Body)
	}
	if len(r.Errors) > 0 || string(r.Data.Ministries.PageInfo["endCursor"]) != "null" || string(r.Data.Ministries.PageInfo["hasNextPage"]) != "true" {
		t.Fatalf("want hasNextPage, endCursor null as gqlgen answers: %s", rec.Body)
	}
}

// A nullable Time is trivial (gqlgen's marshaler writes null for nil or
// the zero time and reports nothing): integrations with and without a
// deadline answer null and the date as on gqlgen's path, and the field
// no longer reaches the field middleware.
func TestNullableTimeIsTrivial(t *testing.T) {
	ec, _ := storagetest.Open(t)
	if _, err := load.Seed(context.Background(), ec, load.Options{}); err != nil {
		t.Fatalf("seed: %v", err)
	}
	// The seeds date every integration: one without a deadline.
	first, err := ec.Integration.Query().Order(ent.Asc("id")).First(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := ec.Integration.UpdateOne(first).ClearDeadline().Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	const q = `{ integrations(first: 200) { edges { node { id deadline deadlineText } } } }`
	rec := &fieldRecorder{seen: map[string]bool{}, cancel: func() {}}
	srv := graph.NewHandler(ec, graph.Options{MaxPageSize: 200})
	srv.AroundFields(rec.middleware)
	r := do(t, srv, context.Background(), queryBody(q, nil), "")
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %+v", r.Errors)
	}
	var got struct {
		Integrations struct {
			Edges []struct {
				Node struct {
					ID           string
					Deadline     *string
					DeadlineText string
				}
			}
		}
	}
	if err := json.Unmarshal(r.Data, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]*string{}
	all, err := ec.Integration.Query().All(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range all {
		var s *string
		if i.Deadline != nil && !i.Deadline.IsZero() {
			v := i.Deadline.Format(time.RFC3339Nano)
			s = &v
		}
		want[strconv.Itoa(i.ID)] = s
	}
	var withDate, without int
	for _, e := range got.Integrations.Edges {
		w, ok := want[e.Node.ID]
		if !ok {
			t.Fatalf("integration %s: not in the database", e.Node.ID)
		}
		switch {
		case w == nil && e.Node.Deadline != nil:
			t.Errorf("integration %s: deadline %q, want null", e.Node.ID, *e.Node.Deadline)
		case w != nil && (e.Node.Deadline == nil || *e.Node.Deadline != *w):
			t.Errorf("integration %s: deadline %v, want %q", e.Node.ID, e.Node.Deadline, *w)
		case w == nil:
			without++
		default:
			withDate++
		}
	}
	if withDate == 0 || without == 0 {
		t.Fatalf("the seeds should hold integrations with (%d) and without (%d) a deadline", withDate, without)
	}
	if rec.seen["Integration.deadline"] {
		t.Error("Integration.deadline: trivial, but it went through the field middleware")
	}
}
