// Package frontendschema_test checks the API contract for frontend
// developers: every operation in operations/ is valid against the served
// schema (schema.graphql), follows the conventions described in README.md
// ("Operations"), stays within the server's limits, and — against the
// seeded catalog — returns data without errors (run_test.go).
package frontendschema_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/karta/karta/graph"
)

// The server's limits (graph.Options as `karta serve` sets them by default).
const (
	maxPageSize     = 100
	complexityLimit = 500000
)

const (
	schemaFile    = "schema.graphql"
	operationsDir = "operations"
)

// operation is one operations/<name>.graphql file: one named operation and
// the fragments it uses, with its sidecar variables (<name>.vars.json).
type operation struct {
	// File is the path relative to frontend-schema/, e.g. operations/roadmap.graphql.
	File   string
	Source string
	Doc    *ast.QueryDocument
	Op     *ast.OperationDefinition
	// VarsFile is the sidecar's path ("" when there is none).
	VarsFile string
	// Vars are the sidecar's variables, lookups unresolved.
	Vars map[string]any
	// NonEmpty are the response paths the operation's comment promises are
	// non-empty lists on the seeded catalog (# @nonEmpty a.b.c).
	NonEmpty []string
}

var nonEmptyRE = regexp.MustCompile(`^\s*@nonEmpty\s+(\S+)\s*$`)

// loadSchema parses schema.graphql.
func loadSchema(t testing.TB) *ast.Schema {
	t.Helper()
	b, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	s, gerr := gqlparser.LoadSchema(&ast.Source{Name: schemaFile, Input: string(b)})
	if gerr != nil {
		t.Fatalf("%s", where(schemaFile, gerr))
	}
	return s
}

// loadOperations parses and validates every operation file against schema;
// each problem fails the test with the file and line.
func loadOperations(t testing.TB, schema *ast.Schema) []*operation {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(operationsDir, "*.graphql"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no operations in %s/", operationsDir)
	}
	sort.Strings(files)
	var ops []*operation
	for _, f := range files {
		if op := loadOperation(t, schema, filepath.ToSlash(f)); op != nil {
			ops = append(ops, op)
		}
	}
	return ops
}

func loadOperation(t testing.TB, schema *ast.Schema, file string) *operation {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	src := &ast.Source{Name: file, Input: string(b)}
	doc, perr := parser.ParseQuery(src)
	if perr != nil {
		t.Errorf("%s", where(file, perr))
		return nil
	}
	if errs := validator.ValidateWithRules(schema, doc, nil); len(errs) > 0 {
		t.Errorf("%s", where(file, errs))
		return nil
	}
	o := &operation{File: file, Source: src.Input, Doc: doc}
	if len(doc.Operations) != 1 {
		t.Errorf("%s: holds %d operations, want exactly one per file", file, len(doc.Operations))
		return nil
	}
	o.Op = doc.Operations[0]
	if want := pascal(strings.TrimSuffix(filepath.Base(file), ".graphql")); o.Op.Name != want {
		t.Errorf("%s:%d: operation is named %q, want %q (the file name in PascalCase)", file, o.Op.Position.Line, o.Op.Name, want)
	}
	if o.Op.Comment != nil {
		for _, c := range o.Op.Comment.List {
			if m := nonEmptyRE.FindStringSubmatch(c.Text()); m != nil {
				o.NonEmpty = append(o.NonEmpty, m[1])
			}
		}
	}
	o.VarsFile = strings.TrimSuffix(file, ".graphql") + ".vars.json"
	vb, err := os.ReadFile(o.VarsFile)
	switch {
	case os.IsNotExist(err):
		o.VarsFile, o.Vars = "", map[string]any{}
	case err != nil:
		t.Fatal(err)
	default:
		dec := json.NewDecoder(bytes.NewReader(vb))
		dec.UseNumber()
		if err := dec.Decode(&o.Vars); err != nil {
			t.Errorf("%s: %v", o.VarsFile, err)
			return nil
		}
	}
	return o
}

// TestOperationsValid checks every operation statically: valid against
// schema.graphql, documented, explicit page sizes, within the complexity
// limit, unique names for codegen, sidecar variables of the right types.
func TestOperationsValid(t *testing.T) {
	schema := loadSchema(t)
	ops := loadOperations(t, schema)
	if t.Failed() {
		t.FailNow()
	}

	// Codegen merges every document: operation and fragment names must be
	// unique across the files.
	seen := map[string]string{}
	for _, o := range ops {
		names := []struct {
			name string
			pos  *ast.Position
		}{{o.Op.Name, o.Op.Position}}
		for _, f := range o.Doc.Fragments {
			names = append(names, struct {
				name string
				pos  *ast.Position
			}{f.Name, f.Position})
		}
		for _, n := range names {
			here := fmt.Sprintf("%s:%d", o.File, n.pos.Line)
			if prev, ok := seen[n.name]; ok {
				t.Errorf("%s: %q is already defined at %s (names must be unique across operations/)", here, n.name, prev)
			}
			seen[n.name] = here
		}
	}

	// The executable schema computes complexity as the server does.
	es := graph.WithConnectionComplexity(graph.NewSchema(nil, nil), maxPageSize)
	for _, o := range ops {
		t.Run(o.Op.Name, func(t *testing.T) {
			checkComment(t, o)
			checkPageSizes(t, o)
			checkVariables(t, schema, o)
			checkNonEmptyPaths(t, o)
			checkComplexity(t, es, o)
		})
	}
}

// checkComment: a comment block on top of the operation says what screen it
// serves and what each variable means.
func checkComment(t *testing.T, o *operation) {
	t.Helper()
	if o.Op.Comment == nil || len(o.Op.Comment.List) == 0 {
		t.Errorf("%s:%d: %s has no comment block on top (the screen it serves, its variables)", o.File, o.Op.Position.Line, o.Op.Name)
		return
	}
	var text strings.Builder
	for _, c := range o.Op.Comment.List {
		text.WriteString(c.Text())
		text.WriteString("\n")
	}
	doc := text.String()
	if !strings.Contains(doc, "Screen:") {
		t.Errorf("%s:%d: the comment block of %s should say which screen it serves (\"# Screen: …\")", o.File, o.Op.Position.Line, o.Op.Name)
	}
	if !strings.Contains(doc, "Variables:") {
		t.Errorf("%s:%d: the comment block of %s should describe its variables (\"# Variables: …\", or \"none\")", o.File, o.Op.Position.Line, o.Op.Name)
	}
	for _, v := range o.Op.VariableDefinitions {
		if !strings.Contains(doc, "$"+v.Variable) {
			t.Errorf("%s:%d: the comment block of %s does not describe $%s", o.File, v.Position.Line, o.Op.Name, v.Variable)
		}
	}
}

// checkPageSizes: every connection field (a field with a first argument)
// gives first or last, as a literal no larger than the cap or as a variable
// (checked at the cap by checkComplexity). Literal IDs are refused: IDs
// differ per database and come in variables.
func checkPageSizes(t *testing.T, o *operation) {
	t.Helper()
	walkFields(o.Doc, o.Op.SelectionSet, func(f *ast.Field) {
		for _, a := range f.Arguments {
			if a.Value.Kind != ast.Variable && a.Value.Definition != nil && a.Value.Definition.Name == "ID" {
				t.Errorf("%s:%d: %s(%s:) is a literal ID; pass IDs in variables", o.File, a.Position.Line, f.Name, a.Name)
			}
		}
		if f.Definition == nil || f.Definition.Arguments.ForName("first") == nil {
			return
		}
		page := f.Arguments.ForName("first")
		if page == nil {
			page = f.Arguments.ForName("last")
		}
		if page == nil {
			t.Errorf("%s:%d: connection %s has no explicit first (or last)", o.File, f.Position.Line, f.Alias)
			return
		}
		if page.Value.Kind == ast.IntValue {
			n, _ := strconv.Atoi(page.Value.Raw)
			if n > maxPageSize {
				t.Errorf("%s:%d: %s(%s: %d) is over the page-size cap %d", o.File, page.Position.Line, f.Alias, page.Name, n, maxPageSize)
			}
		}
	})
}

// checkVariables: the sidecar names only declared variables, gives every
// required one, and its values have the declared types (lookups stand for
// IDs).
func checkVariables(t *testing.T, schema *ast.Schema, o *operation) {
	t.Helper()
	name := o.VarsFile
	if name == "" {
		name = strings.TrimSuffix(o.File, ".graphql") + ".vars.json (missing)"
	}
	for k := range o.Vars {
		if o.Op.VariableDefinitions.ForName(k) == nil {
			t.Errorf("%s: variable $%s is not declared by %s", name, k, o.Op.Name)
		}
	}
	var resolve func(typ string, where any) (string, error)
	resolve = func(typ string, where any) (string, error) {
		lookup, err := lookupOperation(schema, typ)
		if err != nil {
			return "", err
		}
		w, err := resolveLookups(where, resolve)
		if err != nil {
			return "", err
		}
		if _, err := validator.VariableValues(schema, lookup.Doc.Operations[0], map[string]any{"where": w}); err != nil {
			return "", fmt.Errorf("$lookup %s: where: %v", typ, err)
		}
		return "1", nil // a well-typed stand-in for the ID
	}
	vars, err := resolveLookups(o.Vars, resolve)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	if _, err := validator.VariableValues(schema, o.Op, vars.(map[string]any)); err != nil {
		t.Errorf("%s: %v", name, err)
	}
}

// lookupQuery is the query that resolves {"$lookup": typ, "where": …}: the
// first node of typ (by ID) matching $where, through the root connection
// field of typ (Query.spheres for Sphere, …).
type lookupQuery struct {
	Query string
	Field string
	Doc   *ast.QueryDocument
}

func lookupOperation(schema *ast.Schema, typ string) (*lookupQuery, error) {
	def := schema.Types[typ]
	if def == nil || !slices.Contains(def.Interfaces, "Node") {
		return nil, fmt.Errorf("$lookup: %q is not a node type of the schema", typ)
	}
	for _, f := range schema.Query.Fields {
		where := f.Arguments.ForName("where")
		if f.Type.Name() != typ+"Connection" || where == nil {
			continue
		}
		q := fmt.Sprintf("query Lookup($where: %s) { %s(first: 1, where: $where) { edges { node { id } } } }", where.Type.String(), f.Name)
		doc, errs := gqlparser.LoadQueryWithRules(schema, q, nil)
		if len(errs) > 0 {
			return nil, fmt.Errorf("$lookup %s: %v", typ, errs)
		}
		return &lookupQuery{Query: q, Field: f.Name, Doc: doc}, nil
	}
	return nil, fmt.Errorf("$lookup: no root connection field lists %s", typ)
}

// checkNonEmptyPaths: every # @nonEmpty path names fields the operation
// selects (numbers index lists).
func checkNonEmptyPaths(t *testing.T, o *operation) {
	t.Helper()
	for _, p := range o.NonEmpty {
		set := o.Op.SelectionSet
		for _, seg := range strings.Split(p, ".") {
			if _, err := strconv.Atoi(seg); err == nil {
				continue
			}
			var found *ast.Field
			walkSelections(o.Doc, set, func(f *ast.Field) {
				if found == nil && f.Alias == seg {
					found = f
				}
			})
			if found == nil {
				t.Errorf("%s: @nonEmpty %s: the operation selects no %q there", o.File, p, seg)
				break
			}
			set = found.SelectionSet
		}
	}
}

// checkComplexity: the worst case (every page-size variable at the cap)
// stays within the server's complexity limit.
func checkComplexity(t *testing.T, ex graphql.ExecutableSchema, o *operation) {
	t.Helper()
	// Parse against the executable schema itself: the complexity walker
	// needs field definitions from it.
	doc, errs := gqlparser.LoadQueryWithRules(ex.Schema(), o.Source, nil)
	if len(errs) > 0 {
		t.Errorf("against the served schema (is schema.graphql stale? run make generate):\n%s", where(o.File, errs))
		return
	}
	worst := map[string]any{}
	walkFields(doc, doc.Operations[0].SelectionSet, func(f *ast.Field) {
		for _, a := range f.Arguments {
			if (a.Name == "first" || a.Name == "last") && a.Value.Kind == ast.Variable {
				worst[a.Value.Raw] = maxPageSize
			}
		}
	})
	c := complexity.Calculate(context.Background(), ex, doc.Operations[0], worst)
	t.Logf("%s: worst-case complexity %d (limit %d)", o.Op.Name, c, complexityLimit)
	if c > complexityLimit {
		t.Errorf("%s:%d: %s costs %d in the worst case, over the limit %d: lower some first: values", o.File, o.Op.Position.Line, o.Op.Name, c, complexityLimit)
	}
}

// walkFields calls fn for every field selected by set, recursively, through
// inline fragments and fragment spreads.
func walkFields(doc *ast.QueryDocument, set ast.SelectionSet, fn func(*ast.Field)) {
	walkSelections(doc, set, func(f *ast.Field) {
		fn(f)
		walkFields(doc, f.SelectionSet, fn)
	})
}

// walkSelections calls fn for the fields of set itself (not their
// children), looking through inline fragments and fragment spreads.
func walkSelections(doc *ast.QueryDocument, set ast.SelectionSet, fn func(*ast.Field)) {
	for _, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			fn(s)
		case *ast.InlineFragment:
			walkSelections(doc, s.SelectionSet, fn)
		case *ast.FragmentSpread:
			if def := doc.Fragments.ForName(s.Name); def != nil {
				walkSelections(doc, def.SelectionSet, fn)
			}
		}
	}
}

// Lookups. A sidecar value {"$lookup": "<Type>", "where": {…}} stands for the
// ID of the first node of that type (by ID) matching where, a
// <Type>WhereInput; where may be left out. Lookups may appear anywhere in the
// variables, including inside filters.

// resolveLookups returns v with every lookup replaced by what resolve says.
func resolveLookups(v any, resolve func(typ string, where any) (string, error)) (any, error) {
	switch v := v.(type) {
	case map[string]any:
		if typ, ok := v["$lookup"]; ok {
			name, ok := typ.(string)
			if !ok {
				return nil, fmt.Errorf("$lookup: want a type name, got %v", typ)
			}
			for k := range v {
				if k != "$lookup" && k != "where" {
					return nil, fmt.Errorf("$lookup %s: unknown key %q (want only \"where\")", name, k)
				}
			}
			return resolve(name, v["where"])
		}
		out := make(map[string]any, len(v))
		for k, x := range v {
			r, err := resolveLookups(x, resolve)
			if err != nil {
				return nil, err
			}
			out[k] = r
		}
		return out, nil
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			r, err := resolveLookups(x, resolve)
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	}
	return v, nil
}

// pascal turns a kebab-case file name into PascalCase.
func pascal(s string) string {
	var b strings.Builder
	up := true
	for _, r := range s {
		if r == '-' || r == '_' {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
			up = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// where formats GraphQL errors as file:line:column: message, one a line.
func where(file string, err error) string {
	var list gqlerror.List
	switch e := err.(type) {
	case gqlerror.List:
		list = e
	case *gqlerror.Error:
		list = gqlerror.List{e}
	default:
		return file + ": " + err.Error()
	}
	lines := make([]string, 0, len(list))
	for _, e := range list {
		pos := file
		if len(e.Locations) > 0 {
			pos = fmt.Sprintf("%s:%d:%d", file, e.Locations[0].Line, e.Locations[0].Column)
		}
		lines = append(lines, pos+": "+e.Message)
	}
	return strings.Join(lines, "\n")
}
