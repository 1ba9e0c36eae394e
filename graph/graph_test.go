package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/graph"
	"github.com/karta/karta/seeds/fixture"
	"github.com/karta/karta/server/storagetest"
)

func newClient(t *testing.T, copies int, opts graph.Options) (*client.Client, *ent.Client, *storagetest.DB) {
	t.Helper()
	ec, db := storagetest.Open(t)
	if copies > 0 {
		if err := fixture.Load(context.Background(), ec, copies); err != nil {
			t.Fatalf("fixture: %v", err)
		}
	}
	return client.New(graph.NewHandler(ec, opts)), ec, db
}

// post runs an operation, fails the test on any GraphQL error and decodes
// data into out (unknown fields ignored).
func post(t *testing.T, c *client.Client, query string, out any, opts ...client.Option) {
	t.Helper()
	resp, err := c.RawPost(query, opts...)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Errors) > 0 && string(resp.Errors) != "null" {
		t.Fatalf("graphql errors: %s", resp.Errors)
	}
	b, err := json.Marshal(resp.Data)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
}

const deepQuery = `query Deep($n: Int!) {
  ministries(first: $n, orderBy: [{field: KEY}]) {
    totalCount
    edges { node { name
      spheres(first: 10) { totalCount edges { node { name
        entities(first: 10) { totalCount edges { node { name
          attributes(first: 20, orderBy: [{field: POSITION}]) { totalCount edges { node { name } } }
          processGroups(first: 10) { totalCount edges { node { name
            informationSystems(first: 10) { totalCount edges { node { name } } }
          } } }
        } } }
      } } }
    } }
  }
}`

type deepResp struct {
	Ministries struct {
		TotalCount int
		Edges      []struct {
			Node struct {
				Name    string
				Spheres struct {
					Edges []struct {
						Node struct {
							Entities struct {
								TotalCount int
								Edges      []struct {
									Node struct {
										Name       string
										Attributes struct {
											TotalCount int
											Edges      []struct{ Node struct{ Name string } }
										}
										ProcessGroups struct {
											Edges []struct {
												Node struct {
													Name               string
													InformationSystems struct {
														TotalCount int
														Edges      []struct{ Node struct{ Name string } }
													}
												}
											}
										}
									}
								}
							}
						}
					}
				}
			}
		}
	}
}

// The deep query must cost the same number of SQL queries whatever the
// number of ministries: entgql's field collection eager-loads every level.
func TestDeepQueryHasNoNPlusOne(t *testing.T) {
	count := func(copies int) (int64, deepResp) {
		c, _, db := newClient(t, copies, graph.Options{MaxPageSize: 100})
		db.Counter.Reset()
		var resp deepResp
		post(t, c, deepQuery, &resp, client.Var("n", copies))
		return db.Counter.Queries(), resp
	}
	one, r1 := count(1)
	fifty, r50 := count(50)
	if r1.Ministries.TotalCount != 1 || r50.Ministries.TotalCount != 50 || len(r50.Ministries.Edges) != 50 {
		t.Fatalf("unexpected totals: %d and %d (%d edges)", r1.Ministries.TotalCount, r50.Ministries.TotalCount, len(r50.Ministries.Edges))
	}
	// The data really is deep: check one path fully.
	for _, m := range r50.Ministries.Edges {
		ents := m.Node.Spheres.Edges[0].Node.Entities
		if ents.TotalCount != 3 || ents.Edges[0].Node.Name != "Спортсмен" {
			t.Fatalf("%s: entities %+v", m.Node.Name, ents)
		}
		attrs := ents.Edges[0].Node.Attributes
		if attrs.TotalCount != 4 || attrs.Edges[1].Node.Name != "Спортивный разряд/звание" {
			t.Fatalf("%s: attributes %+v", m.Node.Name, attrs)
		}
		pg := ents.Edges[0].Node.ProcessGroups.Edges
		if len(pg) != 2 || pg[0].Node.InformationSystems.TotalCount != 2 {
			t.Fatalf("%s: process groups %+v", m.Node.Name, pg)
		}
	}
	t.Logf("deep query: %d SQL queries for 1 ministry, %d for 50", one, fifty)
	if one != fifty {
		t.Fatalf("N+1: %d SQL queries for 1 ministry but %d for 50", one, fifty)
	}
	if one > 20 {
		t.Fatalf("deep query takes %d SQL queries; expected a bounded handful", one)
	}
}

func TestComplexityLimitRefusesExpensiveQuery(t *testing.T) {
	c, _, _ := newClient(t, 1, graph.Options{MaxPageSize: 100, ComplexityLimit: 5000})
	resp, err := c.RawPost(deepQuery, client.Var("n", 50))
	if err != nil {
		t.Fatal(err)
	}
	var errs []struct {
		Message    string
		Extensions map[string]any
	}
	if err := json.Unmarshal(resp.Errors, &errs); err != nil || len(errs) == 0 {
		t.Fatalf("expected a complexity error, got errors=%s data=%v", resp.Errors, resp.Data)
	}
	if errs[0].Extensions["code"] != "COMPLEXITY_LIMIT_EXCEEDED" || !strings.Contains(errs[0].Message, "exceeds the limit of 5000") {
		t.Fatalf("unexpected error: %+v", errs[0])
	}
	if resp.Data != nil {
		t.Fatalf("a refused query must return no data, got %v", resp.Data)
	}
	// A cheap query passes the same limit.
	var ok struct{ Ministries struct{ TotalCount int } }
	post(t, c, `{ ministries(first: 5) { totalCount } }`, &ok)
	if ok.Ministries.TotalCount != 1 {
		t.Fatalf("cheap query: %+v", ok)
	}
}

func TestPageSizeIsCapped(t *testing.T) {
	c, _, _ := newClient(t, 3, graph.Options{MaxPageSize: 2})
	resp, err := c.RawPost(`{ ministries(first: 3) { totalCount } }`)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(resp.Errors), "PAGE_SIZE_EXCEEDED") || !strings.Contains(string(resp.Errors), "between 0 and 2") {
		t.Fatalf("expected PAGE_SIZE_EXCEEDED, got %s", resp.Errors)
	}
	// Without first/last a connection gets the cap as its page size.
	var r struct {
		Ministries struct {
			TotalCount int
			Edges      []struct{ Node struct{ Name string } }
			PageInfo   struct{ HasNextPage bool }
		}
	}
	post(t, c, `{ ministries { totalCount pageInfo { hasNextPage } edges { node { name } } } }`, &r)
	if r.Ministries.TotalCount != 3 || len(r.Ministries.Edges) != 2 || !r.Ministries.PageInfo.HasNextPage {
		t.Fatalf("default page: %+v", r.Ministries)
	}
	// Nested connections are capped too.
	resp, err = c.RawPost(`{ ministries(first: 1) { edges { node { spheres(last: 5) { totalCount } } } } }`)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(resp.Errors), "Ministry.spheres: last must be between 0 and 2") {
		t.Fatalf("nested cap: %s", resp.Errors)
	}
	// A variable over the cap, in a fragment, is refused before anything runs.
	resp, err = c.RawPost(`query($n: Int) { ...M } fragment M on Query { ministries(first: $n) { totalCount } }`, client.Var("n", 7))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(resp.Errors), "first must be between 0 and 2, got 7") || resp.Data != nil {
		t.Fatalf("variable over the cap: %s %s", resp.Errors, resp.Data)
	}
	// A null first variable, and a fragment's connection without first, get
	// the default page, the second time (document from the cache) too.
	for range 2 {
		var v struct {
			Ministries struct {
				Edges []struct{ Node struct{ Name string } }
			}
			Spheres struct {
				Edges []struct{ Node struct{ Name string } }
			}
		}
		post(t, c, `query($n: Int) { ministries(first: $n) { edges { node { name } } } ...S } fragment S on Query { spheres { edges { node { name } } } }`, &v, client.Var("n", nil))
		if len(v.Ministries.Edges) != 2 || len(v.Spheres.Edges) != 2 {
			t.Fatalf("null first / fragment: %d ministries, %d spheres, want 2 each", len(v.Ministries.Edges), len(v.Spheres.Edges))
		}
	}
}

func TestNodeResolvesGlobalIDsOfEveryType(t *testing.T) {
	c, ec, _ := newClient(t, 1, graph.Options{})
	ctx := context.Background()
	sphere := ec.Sphere.Query().OnlyX(ctx)
	attr := ec.Attribute.Query().FirstX(ctx)
	sys := ec.InformationSystem.Query().FirstX(ctx)
	var r struct {
		Node struct {
			Typename string `json:"__typename"`
			Name     string
		}
		Nodes []struct {
			Typename string `json:"__typename"`
			ID       string
		}
	}
	post(t, c, `query($id: ID!, $ids: [ID!]!) {
	  node(id: $id) { __typename ... on Sphere { name } }
	  nodes(ids: $ids) { __typename id }
	}`, &r, client.Var("id", sphere.ID), client.Var("ids", []int{attr.ID, sys.ID, sphere.ID}))
	if r.Node.Typename != "Sphere" || r.Node.Name != "Физическая культура и спорт" {
		t.Fatalf("node: %+v", r.Node)
	}
	want := []string{"Attribute", "InformationSystem", "Sphere"}
	for i, n := range r.Nodes {
		if n.Typename != want[i] {
			t.Fatalf("nodes[%d] is %s, want %s", i, n.Typename, want[i])
		}
	}
	if attr.ID == sys.ID || attr.ID == sphere.ID {
		t.Fatalf("IDs are not globally unique: %d %d %d", attr.ID, sys.ID, sphere.ID)
	}
	resp, err := c.RawPost(`{ node(id: 999999999999) { id } }`)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(resp.Errors), "NOT_FOUND") {
		t.Fatalf("unknown id: %s", resp.Errors)
	}
}

func TestWhereAndOrderByAtRootAndOnEdges(t *testing.T) {
	c, _, _ := newClient(t, 1, graph.Options{})
	var r struct {
		Entities struct {
			TotalCount int
			Edges      []struct{ Node struct{ Name string } }
		}
		Spheres struct {
			Edges []struct {
				Node struct {
					Entities struct {
						Edges []struct {
							Node struct {
								Name       string
								Attributes struct {
									Edges []struct{ Node struct{ Name string } }
								}
							}
						}
					}
				}
			}
		}
	}
	post(t, c, `{
	  entities(where: {or: [{nameContainsFold: "ТРЕНЕР"}, {kind: OBJECT}], not: {digitization: NONE}},
	           orderBy: [{field: NAME, direction: DESC}]) {
	    totalCount edges { node { name } }
	  }
	  spheres { edges { node {
	    entities(where: {hasProcessGroupsWith: {nameHasPrefix: "Регистрация"}}) { edges { node { name
	      attributes(orderBy: [{field: POSITION, direction: DESC}], first: 2) { edges { node { name } } }
	    } } }
	  } } }
	}`, &r)
	if r.Entities.TotalCount != 2 || r.Entities.Edges[0].Node.Name != "Тренер" || r.Entities.Edges[1].Node.Name != "Спортивное сооружение" {
		t.Fatalf("root where/orderBy: %+v", r.Entities)
	}
	ents := r.Spheres.Edges[0].Node.Entities.Edges
	if len(ents) != 2 {
		t.Fatalf("edge where: %+v", ents)
	}
	attrs := ents[0].Node.Attributes.Edges
	if len(attrs) != 2 || attrs[0].Node.Name != "Вид спорта" {
		t.Fatalf("edge orderBy: %+v", attrs)
	}
}

// Every type, field, argument and enum value of the served schema has a
// description: GraphiQL is how frontend developers read the API.
func TestEverySchemaElementIsDescribed(t *testing.T) {
	s := graph.NewSchema(nil, nil).Schema()
	var missing []string
	for name, def := range s.Types {
		if def.BuiltIn || strings.HasPrefix(name, "__") {
			continue
		}
		if strings.TrimSpace(def.Description) == "" {
			missing = append(missing, "type "+name)
		}
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			if strings.TrimSpace(f.Description) == "" {
				missing = append(missing, name+"."+f.Name)
			}
			for _, a := range f.Arguments {
				if strings.TrimSpace(a.Description) == "" {
					missing = append(missing, fmt.Sprintf("%s.%s(%s)", name, f.Name, a.Name))
				}
			}
		}
		if def.Kind == ast.Enum {
			for _, v := range def.EnumValues {
				if strings.TrimSpace(v.Description) == "" {
					missing = append(missing, name+"."+v.Name)
				}
			}
		}
	}
	if len(missing) > 0 {
		t.Fatalf("%d schema elements without a description, e.g. %v", len(missing), missing[:min(len(missing), 20)])
	}
}

// frontend-schema/schema.graphql is what frontend developers read and
// generate types from; it must be the schema the server serves.
func TestFrontendSchemaIsCurrent(t *testing.T) {
	var buf strings.Builder
	if err := graph.PrintSchema(&buf); err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile("../frontend-schema/schema.graphql")
	if err != nil {
		t.Fatal(err)
	}
	if string(committed) != buf.String() {
		t.Fatal("frontend-schema/schema.graphql is stale: run `make generate` and commit")
	}
	if strings.Contains(buf.String(), "@goModel") || strings.Contains(buf.String(), "@goField") {
		t.Fatal("the published schema must not carry gqlgen directives")
	}
}

func TestBreadcrumbsAreBatched(t *testing.T) {
	run := func(copies int) (int64, []string) {
		c, _, db := newClient(t, copies, graph.Options{})
		db.Counter.Reset()
		var r struct {
			Attributes struct {
				Edges []struct {
					Node struct {
						Name       string
						Breadcrumb []struct{ Type, Name string }
					}
				}
			}
		}
		post(t, c, `{ attributes(first: 100, orderBy: [{field: KEY}]) { edges { node { name breadcrumb { type name } } } } }`, &r)
		var first []string
		for _, cr := range r.Attributes.Edges[0].Node.Breadcrumb {
			first = append(first, cr.Type+":"+cr.Name)
		}
		return db.Counter.Queries(), first
	}
	one, path := run(1)
	many, _ := run(8)
	want := "Ministry:Министерство туризма и спорта Республики Казахстан|TransformationMap:" +
		"Карта цифровой трансформации государственного управления отрасли туризма, спорта, игорного бизнеса и лотерейной деятельности|" +
		"Sphere:Физическая культура и спорт|Entity:Спортсмен|Attribute:Данные спортсменов"
	if got := strings.Join(path, "|"); got != want {
		t.Fatalf("breadcrumb:\n got %s\nwant %s", got, want)
	}
	t.Logf("breadcrumbs of every attribute: %d SQL queries for 1 copy, %d for 8", one, many)
	if one != many {
		t.Fatalf("breadcrumbs cost %d queries for 1 copy and %d for 8", one, many)
	}
}

// A connection costs its page size: two nested connections of 2 pass a
// limit that two nested connections of 100 do not.
func TestComplexityUsesRequestedPageSizes(t *testing.T) {
	c, _, _ := newClient(t, 1, graph.Options{MaxPageSize: 100, ComplexityLimit: 5000})
	q := `query($n: Int!) { spheres(first: $n) { edges { node { name entities(first: $n) { edges { node { name } } } } } } }`
	var ok struct{ Spheres struct{ Edges []any } }
	post(t, c, q, &ok, client.Var("n", 2))
	if len(ok.Spheres.Edges) != 1 {
		t.Fatalf("small pages: %+v", ok)
	}
	post(t, c, `{ spheres(first: 2) { edges { node { name entities(first: 2) { edges { node { name } } } } } } }`, &ok) // literals too
	resp, err := c.RawPost(q, client.Var("n", 100))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(resp.Errors), "COMPLEXITY_LIMIT_EXCEEDED") {
		t.Fatalf("large pages must exceed the limit: %s", resp.Errors)
	}
}
