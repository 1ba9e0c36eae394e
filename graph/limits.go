package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

// Error codes returned in errors[].extensions.code.
const (
	CodePageSize         = "PAGE_SIZE_EXCEEDED"
	CodeComplexity       = "COMPLEXITY_LIMIT_EXCEEDED"
	CodeIntrospection    = "INTROSPECTION_LIMIT_EXCEEDED"
	CodeAliases          = "ALIAS_LIMIT_EXCEEDED"
	CodeFields           = "FIELD_LIMIT_EXCEEDED"
	CodeDepth            = "DEPTH_LIMIT_EXCEEDED"
	CodeRepeatedField    = "REPEATED_FIELD_LIMIT_EXCEEDED"
	CodeInputLimit       = "INPUT_LIMIT_EXCEEDED"
	CodeResponseTooLarge = "RESPONSE_TOO_LARGE"
	CodeRequestTooLarge  = "REQUEST_TOO_LARGE"
	CodeBadRequest       = "BAD_REQUEST"
	CodeNotFound         = "NOT_FOUND"
	CodeInvalid          = "BAD_USER_INPUT"
	CodeInternal         = "INTERNAL_SERVER_ERROR"
	CodeTimeout          = "TIMEOUT"
	CodeCanceled         = "CANCELED"
)

// Limits bound the work one GraphQL request may cause. The document limits
// (aliases, fields, depth, repeated fields, input sizes) are checked on the
// parsed document before gqlgen validates it, so that validation — which is
// quadratic in the fields of one selection set — never runs on a hostile
// document; the cost (complexity) is checked after validation and before
// execution, introspection included (Options.ComplexityLimit). A zero field
// takes its default.
type Limits struct {
	// Tokens caps the lexer tokens of a document (gqlgen's parser limit).
	Tokens int
	// Aliases caps the fields selected under an alias that differs from the
	// field's name, fragments expanded.
	Aliases int
	// Fields caps the fields of an operation, fragments expanded.
	Fields int
	// Depth caps the nesting of selections.
	Depth int
	// RepeatedField caps how often one response key appears in one
	// selection set as written (14 000 `__typename` in a row).
	RepeatedField int
	// StringBytes caps one string value (literal or variable).
	StringBytes int
	// ListItems caps one list value (literal or variable), e.g. nodes(ids:).
	ListItems int
	// ResponseBytes caps the encoded response.
	ResponseBytes int
	// Introspection caps the values the introspection of one operation
	// returns (the standard introspection query of Karta's schema returns
	// about 39 000); gqlgen builds them anew for every request, at several
	// times the CPU of a data value.
	Introspection int
}

// DefaultLimits are the limits used for zero fields of Limits.
var DefaultLimits = Limits{
	Tokens:        15000,
	Aliases:       30,
	Fields:        1000,
	Depth:         20,
	RepeatedField: 20,
	StringBytes:   10000,
	ListItems:     1000,
	ResponseBytes: 8 << 20,
	Introspection: 60000,
}

// withDefaults fills zero fields from DefaultLimits.
func (l Limits) withDefaults() Limits {
	fill := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	d := DefaultLimits
	fill(&l.Tokens, d.Tokens)
	fill(&l.Aliases, d.Aliases)
	fill(&l.Fields, d.Fields)
	fill(&l.Depth, d.Depth)
	fill(&l.RepeatedField, d.RepeatedField)
	fill(&l.StringBytes, d.StringBytes)
	fill(&l.ListItems, d.ListItems)
	fill(&l.ResponseBytes, d.ResponseBytes)
	fill(&l.Introspection, d.Introspection)
	return l
}

// pageSizes caps the page size of every Relay connection field (any field
// with first/last arguments), once per operation rather than around every
// field: a first or last over the cap (or negative) refuses the operation
// with CodePageSize before anything runs, and a connection requested
// without first or last gets the cap as its page size, so no query reads a
// whole table by accident. The default is written into the document once,
// when it enters the query cache (pageSizeCache), and into the request's
// variables when a variable given for first or last is null. A list field
// with a first argument (a bound on a list computed whole, such as
// DuplicateCandidate.holdings) is checked the same way but gets no default:
// without first, or with first null, it is the whole list, as it was
// before the bound existed.
type pageSizes struct{ max int }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = pageSizes{}

func (pageSizes) ExtensionName() string                          { return "KartaPageSize" }
func (pageSizes) Validate(schema graphql.ExecutableSchema) error { return nil }

func (p pageSizes) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	var err *gqlerror.Error
	eachField(oc.Operation.SelectionSet, func(f *ast.Field) bool {
		first, last := f.Arguments.ForName("first"), f.Arguments.ForName("last")
		if first == nil && last == nil {
			return true
		}
		var f64, l64 *int
		for _, a := range []struct {
			name string
			arg  *ast.Argument
			into **int
		}{{"first", first, &f64}, {"last", last, &l64}} {
			if a.arg == nil {
				continue
			}
			v, e := a.arg.Value.Value(oc.Variables)
			if e != nil || v == nil {
				continue
			}
			n := intArg(v)
			if n == nil {
				continue
			}
			if *n < 0 || *n > p.max {
				obj := ""
				if f.ObjectDefinition != nil {
					obj = f.ObjectDefinition.Name + "."
				}
				err = &gqlerror.Error{
					Message:    fmt.Sprintf("%s%s: %s must be between 0 and %d, got %d", obj, f.Name, a.name, p.max, *n),
					Extensions: map[string]any{"code": CodePageSize, "maxPageSize": p.max},
				}
				return false
			}
			*a.into = n
		}
		if f64 == nil && l64 == nil && first != nil && first.Value.Kind == ast.Variable && !isList(f.Definition) {
			// first: $n with $n null: the default page, as without first.
			if oc.Variables == nil {
				oc.Variables = map[string]any{}
			}
			oc.Variables[first.Value.Raw] = int64(p.max)
		}
		return true
	})
	return err
}

// eachField calls fn for every field of ss, fragments expanded, until fn
// returns false. The document limits bound the expanded fields.
func eachField(ss ast.SelectionSet, fn func(*ast.Field) bool) bool {
	for _, sel := range ss {
		switch s := sel.(type) {
		case *ast.Field:
			if !fn(s) || !eachField(s.SelectionSet, fn) {
				return false
			}
		case *ast.InlineFragment:
			if !eachField(s.SelectionSet, fn) {
				return false
			}
		case *ast.FragmentSpread:
			if s.Definition != nil && !eachField(s.Definition.SelectionSet, fn) {
				return false
			}
		}
	}
	return true
}

// pageSizeCache is the query cache; a document entering it gets first: max
// on every connection field written without first and last (the fields of
// fragments included), so the default page size costs nothing per request
// and entgql's eager loading limits the rows in SQL.
type pageSizeCache struct {
	graphql.Cache[*ast.QueryDocument]
	max int
}

func (c pageSizeCache) Add(ctx context.Context, key string, doc *ast.QueryDocument) {
	defaultPages(doc, c.max)
	c.Cache.Add(ctx, key, doc)
}

// isList reports whether a field returns a list: a bounded list (first
// optional, the whole list without it), not a connection.
func isList(d *ast.FieldDefinition) bool { return d != nil && d.Type.Elem != nil }

// defaultPages writes first: max into every connection field of doc given
// neither first nor last (not into bounded lists, see pageSizes). doc must be validated (field definitions known)
// and not yet shared.
func defaultPages(doc *ast.QueryDocument, max int) {
	var walk func(ast.SelectionSet)
	walk = func(ss ast.SelectionSet) {
		for _, sel := range ss {
			switch s := sel.(type) {
			case *ast.Field:
				if d := s.Definition; d != nil && !isList(d) && (d.Arguments.ForName("first") != nil || d.Arguments.ForName("last") != nil) &&
					s.Arguments.ForName("first") == nil && s.Arguments.ForName("last") == nil && d.Arguments.ForName("first") != nil {
					s.Arguments = append(s.Arguments, &ast.Argument{Name: "first", Value: &ast.Value{Kind: ast.IntValue, Raw: strconv.Itoa(max), ExpectedType: d.Arguments.ForName("first").Type}})
				}
				walk(s.SelectionSet)
			case *ast.InlineFragment:
				walk(s.SelectionSet)
			}
		}
	}
	for _, op := range doc.Operations {
		walk(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		walk(f.SelectionSet)
	}
}

// Deadline stops resolving once the request's context is done: every field
// — introspection's included, which never look at the context themselves —
// returns the context's error instead of running, so an operation cannot
// outlive its deadline by more than one resolver.
func Deadline(ctx context.Context, next graphql.Resolver) (any, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return next(ctx)
}

// intArg reads an Int argument: typed (*int) in field arguments, raw
// (int64, json.Number…) in the complexity walker's argument map.
func intArg(v any) *int {
	var i int
	switch n := v.(type) {
	case *int:
		return n
	case int:
		i = n
	case int32:
		i = int(n)
	case int64:
		i = int(n)
	case float64:
		i = int(n)
	case json.Number:
		x, err := n.Int64()
		if err != nil {
			return nil
		}
		i = int(x)
	default:
		return nil
	}
	return &i
}

// connectionComplexity makes a connection cost its page size times the cost
// of what is selected in it, so nested connections multiply as the rows they
// may return do; a field with an ids list (nodes) costs the ids times what
// it selects. Other fields keep gqlgen's default cost.
//
// A catalog-wide field (CatalogWideFields: analytics over every map) costs
// catalogWide plus what it selects, whatever it returns: its work is a pass
// over the whole catalog, so a few of them in one operation reach the
// limit (700 aliases of duplicateCandidates are refused by cost, not run).
// A page of one (a catalog-wide field given first: duplicateCandidatePage,
// dataSourcePage) costs half of catalogWide plus its page size times what
// it selects: its pass is the catalog version's, kept in the memo, and its
// answer grows with first, not with the catalog.
type connectionComplexity struct {
	graphql.ExecutableSchema
	defaultPage int
	catalogWide int
}

// CatalogWideFields are the Query fields whose resolver reads the whole
// catalog (analytics, integration planning); each costs Options.CatalogWideCost.
var CatalogWideFields = map[string]bool{
	"ministrySummaries": true, "sphereSummaries": true, "integrationMatrix": true,
	"duplicateCandidates": true, "roadmap": true, "integrationGraph": true,
	"integrationTraversal": true, "dataSources": true, "systemUsage": true,
	"sharedSystems": true, "duplicateCandidatePage": true, "dataSourcePage": true,
}

// DefaultCatalogWideCost is the cost of one catalog-wide field: with the
// default complexity limit (500 000), at most ten of them in one operation.
const DefaultCatalogWideCost = 50000

// WithConnectionComplexity wraps es so that the complexity limit accounts for
// page sizes; defaultPage is the size assumed when a connection gives none.
// A catalog-wide field costs DefaultCatalogWideCost.
func WithConnectionComplexity(es graphql.ExecutableSchema, defaultPage int) graphql.ExecutableSchema {
	return WithCosts(es, defaultPage, DefaultCatalogWideCost)
}

// WithCosts is WithConnectionComplexity with catalogWide the cost of a
// catalog-wide field (CatalogWideFields).
func WithCosts(es graphql.ExecutableSchema, defaultPage, catalogWide int) graphql.ExecutableSchema {
	return connectionComplexity{ExecutableSchema: es, defaultPage: defaultPage, catalogWide: catalogWide}
}

// Complexity implements graphql.ExecutableSchema.
func (c connectionComplexity) Complexity(ctx context.Context, typeName, field string, childComplexity int, args map[string]any) (int, bool) {
	if typeName == "Query" && CatalogWideFields[field] {
		if n := intArg(args["first"]); n != nil {
			// A page: the pass is the version's (memoized), the answer bounded.
			return sat(c.catalogWide/2 + sat(max(*n, 1)*childComplexity)), true
		}
		return sat(c.catalogWide + childComplexity), true
	}
	if ids, ok := args["ids"].([]any); ok {
		return sat(1 + sat(len(ids)*childComplexity)), true
	}
	_, hasFirst := args["first"]
	_, hasLast := args["last"]
	if !hasFirst && !hasLast {
		return c.ExecutableSchema.Complexity(ctx, typeName, field, childComplexity, args)
	}
	n := c.defaultPage
	if f := intArg(args["first"]); f != nil {
		n = *f
	} else if l := intArg(args["last"]); l != nil {
		n = *l
	}
	if n < 1 {
		n = 1
	}
	return sat(1 + sat(n*childComplexity)), true
}

// maxCount is where counts saturate, far above every limit.
const maxCount = 1 << 40

func sat(n int) int {
	if n > maxCount || n < 0 {
		return maxCount
	}
	return n
}

// documentLimits checks a request before gqlgen parses and validates it:
// the variables' sizes, then the document's aliases, fields, depth,
// repeated fields and literal sizes. A document that does not parse is left
// to gqlgen, which reports the parse error itself.
type documentLimits struct {
	Limits
	cache graphql.Cache[*ast.QueryDocument]
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = documentLimits{}

func (documentLimits) ExtensionName() string                          { return "KartaDocumentLimits" }
func (documentLimits) Validate(schema graphql.ExecutableSchema) error { return nil }

func (l documentLimits) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	if err := l.checkValue(p.Variables, "variables"); err != nil {
		return err
	}
	if _, ok := l.cache.Get(ctx, p.Query); ok {
		return nil // checked when it was first validated
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: p.Query}, l.Tokens)
	if err != nil {
		return nil
	}
	return l.CheckDocument(doc)
}

// CheckDocument checks a parsed (not yet validated) document against the
// limits: every operation and fragment, fragments expanded where spread.
func (l Limits) CheckDocument(doc *ast.QueryDocument) *gqlerror.Error {
	w := &docWalker{l: l, memo: map[string]selStats{}, active: map[string]bool{}, frags: map[string]*ast.FragmentDefinition{}}
	for _, f := range doc.Fragments {
		w.frags[f.Name] = f
	}
	for _, op := range doc.Operations {
		for _, v := range op.VariableDefinitions {
			w.value(v.DefaultValue)
		}
		w.directives(op.Directives)
		w.check(w.set(op.SelectionSet), "operation")
		if w.err != nil {
			return w.err
		}
	}
	for _, f := range doc.Fragments {
		w.check(w.fragment(f.Name), "fragment "+f.Name)
		if w.err != nil {
			return w.err
		}
	}
	return nil
}

// selStats are the expanded counts of a selection set.
type selStats struct{ fields, aliases, depth int }

func (s *selStats) add(c selStats, nested bool) {
	s.fields = sat(s.fields + c.fields)
	s.aliases = sat(s.aliases + c.aliases)
	d := c.depth
	if nested {
		d++
	}
	s.depth = max(s.depth, d)
}

type docWalker struct {
	l      Limits
	frags  map[string]*ast.FragmentDefinition
	memo   map[string]selStats
	active map[string]bool
	err    *gqlerror.Error
}

func (w *docWalker) fail(code, format string, args ...any) {
	if w.err == nil {
		w.err = coded(code, format, args...)
	}
}

func (w *docWalker) check(s selStats, what string) {
	switch {
	case s.aliases > w.l.Aliases:
		w.fail(CodeAliases, "the %s uses %d aliases (fragments expanded), over the limit of %d", what, s.aliases, w.l.Aliases)
	case s.fields > w.l.Fields:
		w.fail(CodeFields, "the %s selects %d fields (fragments expanded), over the limit of %d", what, s.fields, w.l.Fields)
	case s.depth > w.l.Depth:
		w.fail(CodeDepth, "the %s nests selections %d deep, over the limit of %d", what, s.depth, w.l.Depth)
	}
	if w.err != nil {
		w.err.Extensions["limits"] = map[string]int{"fields": w.l.Fields, "aliases": w.l.Aliases, "depth": w.l.Depth}
	}
}

func (w *docWalker) set(ss ast.SelectionSet) selStats {
	var st selStats
	var keys map[string]int
	for _, sel := range ss {
		if w.err != nil {
			return st
		}
		switch s := sel.(type) {
		case *ast.Field:
			if keys == nil {
				keys = map[string]int{}
			}
			key := s.Alias
			if key == "" {
				key = s.Name
			}
			if keys[key]++; keys[key] > w.l.RepeatedField {
				w.fail(CodeRepeatedField, "%q is selected more than %d times in one selection set", Truncate(key), w.l.RepeatedField)
				return st
			}
			for _, a := range s.Arguments {
				w.value(a.Value)
			}
			w.directives(s.Directives)
			child := w.set(s.SelectionSet)
			child.fields = sat(child.fields + 1)
			if s.Alias != "" && s.Alias != s.Name {
				child.aliases = sat(child.aliases + 1)
			}
			st.add(child, true)
		case *ast.InlineFragment:
			w.directives(s.Directives)
			st.add(w.set(s.SelectionSet), false)
		case *ast.FragmentSpread:
			w.directives(s.Directives)
			st.add(w.fragment(s.Name), false)
		}
	}
	return st
}

// fragment returns the expanded counts of a named fragment, once per
// document; a cycle or an unknown name counts nothing (validation reports it).
func (w *docWalker) fragment(name string) selStats {
	if st, ok := w.memo[name]; ok {
		return st
	}
	f := w.frags[name]
	if f == nil || w.active[name] {
		return selStats{}
	}
	w.active[name] = true
	st := w.set(f.SelectionSet)
	delete(w.active, name)
	w.memo[name] = st
	return st
}

func (w *docWalker) directives(ds ast.DirectiveList) {
	for _, d := range ds {
		for _, a := range d.Arguments {
			w.value(a.Value)
		}
	}
}

func (w *docWalker) value(v *ast.Value) {
	if v == nil || w.err != nil {
		return
	}
	switch v.Kind {
	case ast.StringValue, ast.BlockValue:
		if err := w.l.checkString(v.Raw); err != nil {
			w.err = err
		}
	case ast.ListValue:
		if len(v.Children) > w.l.ListItems {
			w.fail(CodeInputLimit, "a list argument has %d items, over the limit of %d", len(v.Children), w.l.ListItems)
			return
		}
	}
	for _, c := range v.Children {
		w.value(c.Value)
	}
}

func (l Limits) checkString(s string) *gqlerror.Error {
	if len(s) > l.StringBytes {
		return coded(CodeInputLimit, "a string argument is %d bytes long, over the limit of %d", len(s), l.StringBytes)
	}
	if strings.IndexByte(s, 0) >= 0 {
		return coded(CodeInvalid, "a string argument contains a NUL character (U+0000), which no field accepts")
	}
	return nil
}

// checkValue checks a decoded JSON value (the variables) like literal
// arguments: string sizes, NUL characters and list lengths.
func (l Limits) checkValue(v any, where string) *gqlerror.Error {
	switch x := v.(type) {
	case string:
		return l.checkString(x)
	case []any:
		if len(x) > l.ListItems {
			return coded(CodeInputLimit, "a list in the %s has %d items, over the limit of %d", where, len(x), l.ListItems)
		}
		for _, c := range x {
			if err := l.checkValue(c, where); err != nil {
				return err
			}
		}
	case map[string]any:
		for k, c := range x {
			if err := l.checkString(k); err != nil {
				return err
			}
			if err := l.checkValue(c, where); err != nil {
				return err
			}
		}
	}
	return nil
}

// costLimit refuses an operation whose introspection returns more than
// introspection values, or whose cost exceeds limit (0: no cost limit):
// gqlgen's complexity (with connectionComplexity's page sizes) plus the
// cost of its introspection, which gqlgen's calculation leaves out.
type costLimit struct {
	limit, introspection int
	es                   graphql.ExecutableSchema
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = &costLimit{}

func (*costLimit) ExtensionName() string { return "KartaCostLimit" }

func (c *costLimit) Validate(es graphql.ExecutableSchema) error {
	c.es = es
	return nil
}

func (c *costLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	intro := IntrospectionCost(c.es.Schema(), oc.Operation.SelectionSet, oc.Variables, c.introspection)
	if intro > c.introspection {
		e := coded(CodeIntrospection, "the operation's introspection returns more than %d values, the limit; ask for the schema once", c.introspection)
		e.Extensions["limit"] = c.introspection
		return e
	}
	if c.limit <= 0 {
		return nil
	}
	cost := sat(complexity.Calculate(ctx, c.es, oc.Operation, oc.Variables) + intro)
	if cost > c.limit {
		e := coded(CodeComplexity, "operation has complexity %d, which exceeds the limit of %d", cost, c.limit)
		e.Extensions["limit"] = c.limit
		return e
	}
	return nil
}

// IntrospectionCost is the number of values the introspection fields of a
// validated selection set would return on schema (counting stops a little
// past budget).
func IntrospectionCost(schema *ast.Schema, ss ast.SelectionSet, vars map[string]any, budget int) int {
	ic := &introCost{schema: schema, vars: vars, budget: budget}
	ic.root(ss)
	return ic.cost
}

// introCost walks introspection selections over the schema itself, counting
// each value the answer would hold: `types { fields { name } }` costs the
// number of types plus the number of their fields, as the answer will.
type introCost struct {
	schema *ast.Schema
	vars   map[string]any
	budget int
	cost   int
}

func (w *introCost) over() bool { return w.cost > w.budget }

// each calls fn for every field of a validated selection set, fragments
// expanded, and counts one value per field.
func (w *introCost) each(ss ast.SelectionSet, fn func(f *ast.Field)) {
	for _, sel := range ss {
		if w.over() {
			return
		}
		switch s := sel.(type) {
		case *ast.Field:
			w.cost++
			if fn != nil {
				fn(s)
			}
		case *ast.InlineFragment:
			w.each(s.SelectionSet, fn)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				w.each(s.Definition.SelectionSet, fn)
			}
		}
	}
}

func (w *introCost) root(ss ast.SelectionSet) {
	for _, sel := range ss {
		switch s := sel.(type) {
		case *ast.Field:
			switch s.Name {
			case "__schema":
				w.cost++
				w.schemaValue(s.SelectionSet)
			case "__type":
				w.cost++
				name, _ := s.ArgumentMap(w.vars)["name"].(string)
				w.named(s.SelectionSet, w.schema.Types[name])
			}
		case *ast.InlineFragment:
			w.root(s.SelectionSet)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				w.root(s.Definition.SelectionSet)
			}
		}
	}
}

func (w *introCost) schemaValue(ss ast.SelectionSet) {
	w.each(ss, func(f *ast.Field) {
		switch f.Name {
		case "types":
			for _, d := range w.schema.Types {
				w.named(f.SelectionSet, d)
			}
		case "queryType":
			w.named(f.SelectionSet, w.schema.Query)
		case "mutationType":
			w.named(f.SelectionSet, w.schema.Mutation)
		case "subscriptionType":
			w.named(f.SelectionSet, w.schema.Subscription)
		case "directives":
			for _, d := range w.schema.Directives {
				w.each(f.SelectionSet, func(df *ast.Field) {
					if df.Name == "args" {
						for _, a := range d.Arguments {
							w.inputValue(df.SelectionSet, a.Type)
						}
					}
				})
			}
		}
	})
}

func (w *introCost) named(ss ast.SelectionSet, d *ast.Definition) {
	if d == nil || w.over() {
		return
	}
	w.each(ss, func(f *ast.Field) {
		switch f.Name {
		case "fields":
			if d.Kind == ast.Object || d.Kind == ast.Interface {
				for _, fd := range d.Fields {
					if !strings.HasPrefix(fd.Name, "__") {
						w.field(f.SelectionSet, fd)
					}
				}
			}
		case "inputFields":
			if d.Kind == ast.InputObject {
				for _, fd := range d.Fields {
					w.inputValue(f.SelectionSet, fd.Type)
				}
			}
		case "interfaces":
			for _, name := range d.Interfaces {
				w.named(f.SelectionSet, w.schema.Types[name])
			}
		case "possibleTypes":
			if d.Kind == ast.Interface || d.Kind == ast.Union {
				for _, p := range w.schema.GetPossibleTypes(d) {
					w.named(f.SelectionSet, p)
				}
			}
		case "enumValues":
			for range d.EnumValues {
				w.each(f.SelectionSet, nil)
			}
		}
	})
}

func (w *introCost) field(ss ast.SelectionSet, fd *ast.FieldDefinition) {
	w.each(ss, func(f *ast.Field) {
		switch f.Name {
		case "args":
			for _, a := range fd.Arguments {
				w.inputValue(f.SelectionSet, a.Type)
			}
		case "type":
			w.typeRef(f.SelectionSet, fd.Type)
		}
	})
}

func (w *introCost) inputValue(ss ast.SelectionSet, t *ast.Type) {
	w.each(ss, func(f *ast.Field) {
		if f.Name == "type" {
			w.typeRef(f.SelectionSet, t)
		}
	})
}

// typeRef counts a __Type that may be a wrapper (non-null, list) of a named type.
func (w *introCost) typeRef(ss ast.SelectionSet, t *ast.Type) {
	switch {
	case t == nil || w.over():
	case t.NonNull:
		w.each(ss, func(f *ast.Field) {
			if f.Name == "ofType" {
				w.typeRef(f.SelectionSet, &ast.Type{NamedType: t.NamedType, Elem: t.Elem})
			}
		})
	case t.Elem != nil:
		w.each(ss, func(f *ast.Field) {
			if f.Name == "ofType" {
				w.typeRef(f.SelectionSet, t.Elem)
			}
		})
	default:
		w.named(ss, w.schema.Types[t.NamedType])
	}
}
