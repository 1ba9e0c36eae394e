package gen_test

import (
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"

	"github.com/karta/karta/ent/registry"
	"github.com/karta/karta/graph/serialexec/gen"
)

// The fields marked as blocking are exactly the breadcrumb of every node
// type (the methods calling the breadcrumb loader; a search hit's node and
// breadcrumb are plain values its root resolver fills): no entgql edge (a context method the generator must recognise as
// eager-loaded) and nothing else. A new resolver or context method lands
// here first, to be looked at: does it wait on a loader?
func TestBlockingFields(t *testing.T) {
	data := buildData(t)
	var got []string
	for typ, fields := range gen.Blocking(data) {
		for f := range fields {
			got = append(got, typ+"."+f)
		}
	}
	var want []string
	for _, typ := range registry.Types() {
		want = append(want, typ.Name+".breadcrumb")
	}
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("blocking fields:\n got %v\nwant %v", got, want)
	}
	edges := 0
	for _, o := range data.Objects {
		for _, f := range o.Fields {
			if f.MethodHasContext && !f.IsResolver && f.Name != "breadcrumb" {
				edges++
			}
		}
	}
	t.Logf("%d blocking fields; %d context-method fields recognised as entgql edges", len(got), edges)
	if edges < 50 {
		t.Fatalf("only %d entgql edges among the context methods: the schema changed or the test reads the wrong data", edges)
	}
}

var built struct {
	once sync.Once
	data *codegen.Data
	err  error
}

// buildData builds gqlgen's data for Karta's gqlgen.yml once per test run.
func buildData(t *testing.T) *codegen.Data {
	t.Helper()
	built.once.Do(func() {
		if built.err = os.Chdir("../../.."); built.err != nil {
			return
		}
		cfg, err := config.LoadConfig("gqlgen.yml")
		if err != nil {
			built.err = err
			return
		}
		if built.err = cfg.LoadSchema(); built.err != nil {
			return
		}
		if built.err = cfg.Init(); built.err != nil {
			return
		}
		built.data, built.err = codegen.BuildData(cfg)
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.data
}

// The trivial fields, marshaled without field context or middleware, are
// the struct fields of scalars and enums whose marshaler needs no context;
// never a resolver, an edge, a method, an object or a Float (NaN and
// infinities fail at write time); a Time (null when zero) only where the
// field is nullable.
func TestTrivialFields(t *testing.T) {
	trivial := gen.Trivial(buildData(t))
	for _, f := range []string{"Ministry.id", "Ministry.name", "Ministry.shortName", "Ministry.kind",
		"MinistryConnection.totalCount", "MinistryEdge.cursor", "PageInfo.hasNextPage", "PageInfo.endCursor",
		"Entity.kind", "GraphNode.kind", "SearchHit.name", "SearchHit.type", "Integration.deadline", "GraphEdge.deadline", "TransformationMap.importedAt"} {
		typ, field, _ := strings.Cut(f, ".")
		if !trivial[typ][field] {
			t.Errorf("%s: not trivial", f)
		}
	}
	for _, f := range []string{"Query.ministries", "Ministry.maps", "Ministry.parent", "Ministry.breadcrumb",
		"MinistryConnection.edges", "MinistryConnection.pageInfo", "MinistryEdge.node", "SearchHit.node",
		"SearchHit.score", "Entity.count",
		"__Type.name", "__Type.kind", "__Field.isDeprecated"} {
		typ, field, _ := strings.Cut(f, ".")
		if trivial[typ][field] {
			t.Errorf("%s: trivial", f)
		}
	}
	n := 0
	for _, fields := range trivial {
		n += len(fields)
	}
	t.Logf("%d trivial fields", n)
}

// The plain types (gen.Plain) include the analytics' value types, whose
// lists are most of the large answers; a type with a resolver, a method
// or a node type is never plain.
func TestPlainTypes(t *testing.T) {
	data := buildData(t)
	types, fields := gen.Plain(data, gen.Trivial(data))
	var got []string
	for typ := range types {
		got = append(got, typ)
	}
	sort.Strings(got)
	t.Logf("plain types: %v", got)
	var pf []string
	for typ, fs := range fields {
		for f, k := range fs {
			pf = append(pf, typ+"."+f+":"+k)
		}
	}
	sort.Strings(pf)
	t.Logf("plain fields: %v", pf)
	for _, typ := range []string{"NodeRef", "StatusCount", "ProcessGroupRef", "SourceSystem", "Summary", "GraphNode", "GraphEdge", "GraphCounts", "PageInfo"} {
		if !types[typ] {
			t.Errorf("%s: not plain", typ)
		}
	}
	for _, typ := range registry.Types() {
		if types[typ.Name] {
			t.Errorf("%s: a node type, plain", typ.Name)
		}
	}
	for _, typ := range []string{"Query", "DataSourceGroup", "DuplicateCandidate"} {
		if types[typ] {
			t.Errorf("%s: plain, but it has resolvers or arguments", typ)
		}
	}
	for _, f := range []string{"SourceSystem.processGroups:list", "SourceSystem.owner:pointer", "DataSourceGroup.body:object"} {
		if !slices.Contains(pf, f) {
			t.Errorf("%s: not a plain field", f)
		}
	}
}

// The object fields (gen.ObjectFields) are every connection edge's node:
// struct fields holding a pointer to an object; never a method, an edge
// with arguments, a resolver, a plain field or a list.
func TestObjectFields(t *testing.T) {
	data := buildData(t)
	trivial := gen.Trivial(data)
	_, plainFields := gen.Plain(data, trivial)
	object := gen.ObjectFields(data, plainFields)
	for _, f := range []string{"MinistryEdge.node", "AttributeEdge.node", "EntityEdge.node", "SphereEdge.node", "TransformationMapEdge.node"} {
		typ, field, _ := strings.Cut(f, ".")
		if !object[typ][field] {
			t.Errorf("%s: not an object field", f)
		}
	}
	for _, f := range []string{"Query.ministries", "Query.node", "Ministry.maps", "Ministry.parent", "Ministry.breadcrumb",
		"MinistryConnection.edges", "MinistryConnection.pageInfo", "MinistryEdge.cursor", "SearchHit.node",
		"SourceSystem.owner", "DataSourceGroup.body"} {
		typ, field, _ := strings.Cut(f, ".")
		if object[typ][field] {
			t.Errorf("%s: an object field", f)
		}
	}
	var got []string
	for typ, fs := range object {
		for f := range fs {
			got = append(got, typ+"."+f)
		}
	}
	sort.Strings(got)
	t.Logf("object fields: %v", got)
}

// The object lists (gen.ObjectLists) are every connection's edges: struct
// fields holding a slice of pointers to an object that is not a node;
// never a list of nodes, a method, a resolver or a plain list.
func TestObjectLists(t *testing.T) {
	data := buildData(t)
	trivial := gen.Trivial(data)
	_, plainFields := gen.Plain(data, trivial)
	lists := gen.ObjectLists(data, plainFields)
	for _, f := range []string{"MinistryConnection.edges", "AttributeConnection.edges", "EntityConnection.edges", "SphereConnection.edges"} {
		typ, field, _ := strings.Cut(f, ".")
		if !lists[typ][field] {
			t.Errorf("%s: not an object list", f)
		}
	}
	for _, f := range []string{"Query.ministries", "Ministry.maps", "Ministry.spheres", "MinistryEdge.node",
		"SourceSystem.processGroups", "Query.search"} {
		typ, field, _ := strings.Cut(f, ".")
		if lists[typ][field] {
			t.Errorf("%s: an object list", f)
		}
	}
	var got []string
	for typ, fs := range lists {
		for f := range fs {
			got = append(got, typ+"."+f)
		}
	}
	sort.Strings(got)
	t.Logf("object lists: %v", got)
}
