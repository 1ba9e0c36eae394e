// Package gen is the gqlgen plugin that writes Karta's executor
// (graph/generated) with Karta's copies of gqlgen's templates (templates/,
// from gqlgen v0.17.98): a list of objects, or a field gqlgen would resolve
// in a goroutine, is resolved on the calling goroutine when nothing selected
// below it may wait on a loader (see package serialexec). It is used by
// graph/cmd/gqlgen, which `make generate` runs instead of `gqlgen generate`.
//
// The templates differ from gqlgen's in these places, each marked
// "Karta:": object.gotpl (a context-method field resolves inline unless it
// blocks or its selection may block; a trivial field, see Trivial, is
// marshaled straight from the object while the operation's context is
// live; the deferred group is made on the first deferred field, not for
// every object; an object without deferred fields is returned as a
// serialexec.Object; a plain object, see Plain, and a plain field marshal
// straight from the Go value; an object field, see ObjectFields, marshals
// with its field context but no resolver machinery; fields are collected
// through the operation's serialexec.Fields), type.gotpl (a list marshals
// serially unless its selection may block, its elements' field contexts
// from serialexec.ElementContexts; a list of plain objects marshals plainly),
// internal!.gotpl (the executionContext holds the serialexec.Fields; a
// query's response is marshaled into a pooled buffer, serialexec.Marshal)
// and serial.gotpl (new: the table of fields that may block,
// deferredGroup).
package gen

import (
	"embed"
	"errors"
	"fmt"
	"go/types"
	"io/fs"
	"sort"
	"text/template"

	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
	"github.com/99designs/gqlgen/codegen/templates"
	"github.com/vektah/gqlparser/v2/ast"
)

//go:embed templates/*.gotpl
var templateFS embed.FS

// Plugin records the data gqlgen builds for its executor; Render then
// writes the executor with Karta's templates over the one gqlgen wrote.
type Plugin struct {
	data *codegen.Data
}

// Name implements plugin.Plugin.
func (*Plugin) Name() string { return "serialexec" }

// GenerateCode implements plugin.CodeGenerator: gqlgen calls it with the
// data of the executor, just before it writes its own.
func (p *Plugin) GenerateCode(data *codegen.Data) error {
	p.data = data
	return nil
}

// Render writes the executor with Karta's templates. Call it after
// api.Generate.
func (p *Plugin) Render() error {
	data := p.data
	if data == nil {
		return errors.New("serialexec: Render before gqlgen built its data")
	}
	if data.Config.Exec.Layout != config.ExecLayoutSingleFile {
		return fmt.Errorf("serialexec: exec layout %q: only %q is supported", data.Config.Exec.Layout, config.ExecLayoutSingleFile)
	}
	sub, err := fs.Sub(templateFS, "templates")
	if err != nil {
		return err
	}
	blocking := Blocking(data)
	trivial := Trivial(data)
	plainTypes, plainFields := Plain(data, trivial)
	objectFields := ObjectFields(data, plainFields)
	objectLists := ObjectLists(data, plainFields)
	return templates.Render(templates.Options{
		PackageName:     data.Config.Exec.Package,
		Filename:        data.Config.Exec.Filename,
		Data:            data,
		RegionTags:      true,
		GeneratedHeader: true,
		Packages:        data.Config.Packages,
		TemplateFS:      sub,
		PruneOptions:    data.Config.GetPruneOptions(),
		Funcs: template.FuncMap{
			"blocks":        func(f *codegen.Field) bool { return blocking[f.Object.Name][f.Name] },
			"blockingTable": func() []Group { return table(blocking) },
			"trivial":       func(f *codegen.Field) bool { return trivial[f.Object.Name][f.Name] },
			"hasTrivial": func(o *codegen.Object) bool {
				return len(trivial[o.Name]) > 0 || len(plainFields[o.Name]) > 0 || len(objectFields[o.Name]) > 0 ||
					len(objectLists[o.Name]) > 0
			},
			"objectField": func(f *codegen.Field) bool { return objectFields[f.Object.Name][f.Name] },
			"objectList":  func(f *codegen.Field) bool { return objectLists[f.Object.Name][f.Name] },
			"concurrent":  concurrent,
			"pointTo": func(f *codegen.Field) string {
				if !trivial[f.Object.Name][f.Name] {
					return ""
				}
				return PointTo(f.Object, f)
			},
			"plain":      func(o *codegen.Object) bool { return plainTypes[o.Name] },
			"plainField": func(f *codegen.Field) string { return plainFields[f.Object.Name][f.Name] },
			"plainList":  func(ref *config.TypeReference) string { return plainListOf(data, ref, plainTypes) },
		},
	})
}

// Blocking lists, per object, interface or union name, the fields that may
// wait on something other goroutines of the operation take part in (a
// loader's batching window) or on the database:
//   - a field with a resolver of its own (graph/*.resolvers.go), other than
//     on Query and Mutation, whose fields gqlgen resolves as it always does;
//   - a field bound to a Go method taking a context, unless it is an entgql
//     edge: a method returning a node type (one implementing Node), a list
//     of them or a connection, which answers from what entgql's field
//     collection eager-loaded for the selection (the breadcrumb methods,
//     which call the breadcrumb loader, are not edges);
//   - a field of an interface or union when the field of one of its
//     implementations may block.
func Blocking(data *codegen.Data) map[string]map[string]bool {
	schema := data.Schema
	out := map[string]map[string]bool{}
	for _, o := range data.Objects {
		if o.Root {
			continue
		}
		for _, f := range o.Fields {
			if f.IsResolver || f.MethodHasContext && !isEdge(schema, f) {
				mark(out, o.Name, f.Name)
			}
		}
	}
	for _, def := range schema.Types {
		if def.Kind != ast.Interface && def.Kind != ast.Union {
			continue
		}
		for _, impl := range schema.GetPossibleTypes(def) {
			for field := range out[impl.Name] {
				if def.Kind == ast.Union || def.Fields.ForName(field) != nil {
					mark(out, def.Name, field)
				}
			}
		}
	}
	return out
}

// isEdge reports whether f returns a node type, a list of them or an
// entgql connection of them.
func isEdge(schema *ast.Schema, f *codegen.Field) bool {
	def := schema.Types[f.Type.Name()]
	if def == nil || def.Kind != ast.Object {
		return false
	}
	if implementsNode(schema, def) {
		return true
	}
	edges := def.Fields.ForName("edges")
	if edges == nil {
		return false
	}
	edge := schema.Types[edges.Type.Name()]
	if edge == nil || edge.Fields.ForName("cursor") == nil {
		return false
	}
	node := edge.Fields.ForName("node")
	return node != nil && schema.Types[node.Type.Name()] != nil && implementsNode(schema, schema.Types[node.Type.Name()])
}

func implementsNode(schema *ast.Schema, def *ast.Definition) bool {
	for _, i := range schema.GetImplements(def) {
		if i.Name == "Node" {
			return true
		}
	}
	return false
}

// Group is one field name and the types whose field of that name may block.
type Group struct {
	Field string
	Types []string
}

// table groups blocking by field name, sorted, for the generated switch.
func table(blocking map[string]map[string]bool) []Group {
	byField := map[string][]string{}
	for typ, fields := range blocking {
		for f := range fields {
			byField[f] = append(byField[f], typ)
		}
	}
	var out []Group
	for f, types := range byField {
		sort.Strings(types)
		out = append(out, Group{Field: f, Types: types})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

// neverNull are gqlgen's scalar marshalers that neither return graphql.Null
// nor report an error through the context: marshaling a value with them
// needs no field context.
var neverNull = map[string]bool{
	"MarshalString": true, "MarshalBoolean": true, "MarshalID": true, "MarshalIntID": true, "MarshalUintID": true,
	"MarshalInt": true, "MarshalInt8": true, "MarshalInt16": true, "MarshalInt32": true, "MarshalInt64": true,
	"MarshalUint": true, "MarshalUint8": true, "MarshalUint16": true, "MarshalUint32": true, "MarshalUint64": true,
}

// scalarPackages hold the scalar marshalers of neverNull and nullNoError:
// gqlgen's, and graph/scalar's copies of its String and IntID (same names,
// same contracts).
var scalarPackages = map[string]bool{
	"github.com/99designs/gqlgen/graphql": true,
	"github.com/karta/karta/graph/scalar": true,
}

// nullNoError are gqlgen's scalar marshalers that may return graphql.Null
// (Time: the zero time) but report no error themselves: under a nullable
// type that null is the answer, and gqlgen's generated marshaler for it
// uses no context (under a non-null type it reports the null through the
// field context: not trivial there).
var nullNoError = map[string]bool{"MarshalTime": true}

// Trivial lists, per object, the fields the executor marshals straight from
// the Go value, without gqlgen's field context, resolver closures and field
// middleware (see package serialexec): a field of a non-root object, with
// no arguments and no directives (and no FIELD directive in the schema),
// bound to a struct field reached without following a pointer, whose type
// is a scalar or an enum (or a list of them) that marshals without the
// field context: gqlgen's marshaler for it never returns null nor reports
// an error (not Float, whose marshaler refuses NaN and infinities at write
// time; Time, null at zero, only under a nullable type; not a context
// marshaler). A Go pointer behind a non-null field is trivial only while
// it is not nil: the generated code falls back to the full path for nil,
// which reports gqlgen's error with the field's path. Methods stay on the full path:
// one that panics must be recovered where gqlgen recovers it.
func Trivial(data *codegen.Data) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	if len(data.AllDirectives.LocationDirectives("FIELD")) > 0 {
		return out
	}
	for _, o := range data.Objects {
		for _, f := range o.Fields {
			if trivial(o, f) {
				mark(out, o.Name, f.Name)
			}
		}
	}
	return out
}

// mark adds typ.field to the set of fields by type out.
func mark(out map[string]map[string]bool, typ, field string) {
	if out[typ] == nil {
		out[typ] = map[string]bool{}
	}
	out[typ][field] = true
}

func trivial(o *codegen.Object, f *codegen.Field) bool {
	if !structField(o, f) {
		return false
	}
	ref := f.TypeReference
	if ref.IsNilable() && !ref.IsSlice() {
		// A pointer to a scalar: nil is null (nullable) or the full path's
		// error (non-null, the generated guard); a pointer to a pointer
		// marshals through its element, an interface as it is: not here.
		if !ref.IsPtr() || ref.IsPtrToPtr() || ref.IsPtrToSlice() || ref.IsPtrToIntf() {
			return false
		}
	}
	return safeLeaf(ref)
}

// safeLeaf reports whether gqlgen's marshal function for ref (a non-nil
// value of it) never uses its context: a scalar or enum marshaled by a
// Marshaler type or by one of neverNull (or of nullNoError under a
// nullable type), or a list of such whose elements
// cannot be a nil under a non-null element type.
func safeLeaf(ref *config.TypeReference) bool {
	if ref.IsSlice() {
		if ref.IsPtrToSlice() {
			return false
		}
		elem := ref.Elem()
		if elem == nil || elem.IsSlice() || elem.IsNilable() && (elem.GQL.NonNull || !elem.IsPtr() || elem.IsPtrToPtr()) {
			return false
		}
		return safeLeaf(elem)
	}
	if ref.Definition == nil || ref.Definition.Kind != ast.Scalar && ref.Definition.Kind != ast.Enum || ref.IsContext {
		return false
	}
	if ref.IsMarshaler {
		return true
	}
	m := ref.Marshaler
	if m == nil || m.Pkg() == nil || !scalarPackages[m.Pkg().Path()] {
		return false
	}
	return neverNull[m.Name()] || !ref.GQL.NonNull && nullNoError[m.Name()]
}

// structField reports whether f, a field of a non-root object, without
// arguments and directives, is bound to a struct field of o's Go type
// reached without following a pointer (see direct): the fields the
// executor may read straight from the Go value.
func structField(o *codegen.Object, f *codegen.Field) bool {
	return !o.Root && !o.Stream && !o.DisableConcurrency && !f.IsResolver && !f.IsBatch() && !f.Stream &&
		f.IsVariable() && !f.HasHaser && len(f.Args) == 0 && !f.HasDirectives() && !f.IsConcurrent() && direct(o, f.GoFieldName)
}

// direct reports whether the struct field name of o's Go type is reached
// without following a pointer (a field promoted through an embedded
// pointer would panic on nil, where gqlgen recovers).
func direct(o *codegen.Object, name string) bool {
	typ := o.Type
	if p, ok := typ.(*types.Pointer); ok {
		typ = p.Elem()
	}
	v, index, _ := types.LookupFieldOrMethod(typ, false, nil, name)
	if _, ok := v.(*types.Var); !ok || len(index) == 0 {
		return false
	}
	for _, i := range index[:len(index)-1] {
		st, ok := typ.Underlying().(*types.Struct)
		if !ok {
			return false
		}
		typ = st.Field(i).Type()
		if _, ok := typ.(*types.Pointer); ok {
			return false
		}
	}
	return true
}

// ObjectFields lists, per object, the fields the executor marshals with
// their field context but without gqlgen's resolver machinery (closures,
// field middleware, panic recover) while the operation's context is live
// and the value is not nil: a field of a non-root object, with no
// arguments and no directives (and no FIELD directive in the schema),
// bound to a struct field reached without following a pointer, whose value
// is a pointer to an object type, not a plain field (see Plain) — an
// entgql edge's node. Its value is in memory already: there is nothing to
// resolve, only the object to marshal, and that object's fields keep their
// own field contexts, middleware and recover. The field context is still
// made, so the path of anything reported below names the field.
func ObjectFields(data *codegen.Data, plainFields map[string]map[string]string) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	if len(data.AllDirectives.LocationDirectives("FIELD")) > 0 {
		return out
	}
	for _, o := range data.Objects {
		for _, f := range o.Fields {
			if plainFields[o.Name][f.Name] == "" && objectField(o, f) {
				mark(out, o.Name, f.Name)
			}
		}
	}
	return out
}

func objectField(o *codegen.Object, f *codegen.Field) bool {
	if !structField(o, f) {
		return false
	}
	ref := f.TypeReference
	return !ref.IsSlice() && ref.IsPtr() && !ref.IsPtrToPtr() && !ref.IsPtrToSlice() && !ref.IsPtrToIntf() &&
		ref.Definition != nil && ref.Definition.Kind == ast.Object
}

// How a plain field (see Plain) holds its value.
const (
	plainObject  = "object"  // a struct of a plain type
	plainPointer = "pointer" // a pointer to one, under a nullable type: nil is null
	plainList    = "list"    // a slice of such structs
)

// Plain lists the plain object types and, per object, its plain fields.
//
// A plain field is a field of a non-root object, with no arguments and no
// directives (and no FIELD directive in the schema), bound to a struct
// field reached without following a pointer, whose value is a plain
// object: a struct of a plain type, a pointer to one under a nullable type
// (nil is null) or a slice of such structs (not of pointers).
//
// A plain type is an object type that implements no interface, whose Go
// type is a struct the executor reaches through a pointer, and whose every
// field is trivial (see Trivial; not a pointer under a non-null type,
// which could be nil) or plain. Marshaling a plain object's fields cannot
// fail, block, panic or report an error: they are Go values read straight
// from structs. The executor marshals a plain object, and a list of them,
// without a field context per field or element, field middleware or panic
// recover, and collects a list's fields once for all its elements (see
// package serialexec).
func Plain(data *codegen.Data, trivial map[string]map[string]bool) (map[string]bool, map[string]map[string]string) {
	plain := map[string]bool{}
	if len(data.AllDirectives.LocationDirectives("FIELD")) > 0 {
		return plain, map[string]map[string]string{}
	}
	for _, o := range data.Objects {
		if !o.Root && !o.Stream && !o.DisableConcurrency && len(o.Implements) == 0 && structPointer(o) {
			plain[o.Name] = true
		}
	}
	// The greatest set of types whose fields are all trivial or plain: drop
	// a type with any other field until none is dropped.
	for changed := true; changed; {
		changed = false
		for _, o := range data.Objects {
			if !plain[o.Name] {
				continue
			}
			for _, f := range o.Fields {
				triv := trivial[o.Name][f.Name] && !(f.TypeReference.IsPtr() && f.TypeReference.GQL.NonNull)
				if !triv && plainKind(data, o, f, plain) == "" {
					delete(plain, o.Name)
					changed = true
					break
				}
			}
		}
	}
	fields := map[string]map[string]string{}
	for _, o := range data.Objects {
		for _, f := range o.Fields {
			if k := plainKind(data, o, f, plain); k != "" {
				if fields[o.Name] == nil {
					fields[o.Name] = map[string]string{}
				}
				fields[o.Name][f.Name] = k
			}
		}
	}
	return plain, fields
}

// plainKind says how field f of o holds a plain object of one of types
// (plainObject, plainPointer or plainList), or "" when f is not plain.
func plainKind(data *codegen.Data, o *codegen.Object, f *codegen.Field, plain map[string]bool) string {
	if !structField(o, f) {
		return ""
	}
	ref := f.TypeReference
	if ref.IsSlice() {
		if ref.IsPtrToSlice() || ref.Elem() == nil || ref.Elem().IsSlice() || ref.Elem().IsNilable() {
			return ""
		}
		if plainElem(data, ref.Elem(), plain) {
			return plainList
		}
		return ""
	}
	if ref.IsPtr() {
		if ref.GQL.NonNull || ref.IsPtrToPtr() || ref.IsPtrToSlice() || ref.IsPtrToIntf() || ref.Elem() == nil {
			return ""
		}
		if plainElem(data, ref.Elem(), plain) {
			return plainPointer
		}
		return ""
	}
	if !ref.IsNilable() && plainElem(data, ref, plain) {
		return plainObject
	}
	return ""
}

// plainElem reports whether ref, a value (not a pointer), is the struct of
// one of the plain types.
func plainElem(data *codegen.Data, ref *config.TypeReference, plain map[string]bool) bool {
	if ref.Definition == nil || ref.Definition.Kind != ast.Object || !plain[ref.Definition.Name] || ref.IsNilable() {
		return false
	}
	o := data.Objects.ByName(ref.Definition.Name)
	return o != nil && types.Identical(ref.GO, o.Type)
}

// plainListOf says whether the list type ref holds plain structs (plainList)
// or pointers to them ("pointer"): its marshaler then marshals them plainly
// while nothing stops it (see package serialexec).
func plainListOf(data *codegen.Data, ref *config.TypeReference, plain map[string]bool) string {
	if !ref.IsSlice() || ref.IsPtrToSlice() || ref.Elem() == nil || ref.Elem().IsSlice() {
		return ""
	}
	elem := ref.Elem()
	if !elem.IsNilable() {
		if plainElem(data, elem, plain) {
			return plainList
		}
		return ""
	}
	if elem.IsPtr() && !elem.IsPtrToPtr() && !elem.IsPtrToSlice() && !elem.IsPtrToIntf() && elem.Elem() != nil && plainElem(data, elem.Elem(), plain) {
		return plainPointer
	}
	return ""
}

// structPointer reports whether o's Go type is a struct its marshaler
// receives through a pointer.
func structPointer(o *codegen.Object) bool {
	if _, ok := o.Reference().(*types.Pointer); !ok {
		return false
	}
	_, ok := o.Type.Underlying().(*types.Struct)
	return ok
}

// concurrent reports whether one of o's fields may be resolved concurrently
// (gqlgen's IsConcurrent), which the executor schedules on a FieldSet.
func concurrent(o *codegen.Object) bool {
	for _, f := range o.Fields {
		if f.IsConcurrent() {
			return true
		}
	}
	return false
}

// pointers are the marshalers of graph/scalar that marshal a value through
// a pointer to it (scalar.StringAt, IntAt, IntIDAt), by the marshaler of
// the value they stand for and the basic type of the value.
var pointers = map[[2]string]struct {
	at   string
	kind types.BasicKind
}{
	{"github.com/karta/karta/graph/scalar", "MarshalString"}: {"scalar.StringAt", types.String},
	{"github.com/karta/karta/graph/scalar", "MarshalIntID"}:  {"scalar.IntIDAt", types.Int},
	{"github.com/99designs/gqlgen/graphql", "MarshalInt"}:    {"scalar.IntAt", types.Int},
}

// PointTo returns the graph/scalar type that marshals trivial field f of o
// through a pointer to the struct field (no boxed copy of the value per
// field), or "" when there is none: f is a trivial field (Trivial) whose
// struct field is a string or int (or a type defined on one) and whose
// marshaler is scalar.MarshalString, scalar.MarshalIntID or
// graphql.MarshalInt. The generated code converts the field's address:
// (*scalar.StringAt)(&obj.Name).
func PointTo(o *codegen.Object, f *codegen.Field) string {
	ref := f.TypeReference
	if ref.IsSlice() || ref.IsPtr() || ref.IsNilable() || ref.IsMarshaler || ref.Marshaler == nil || ref.Marshaler.Pkg() == nil {
		return ""
	}
	p, ok := pointers[[2]string{ref.Marshaler.Pkg().Path(), ref.Marshaler.Name()}]
	if !ok {
		return ""
	}
	typ := o.Type
	if ptr, ok := typ.(*types.Pointer); ok {
		typ = ptr.Elem()
	}
	v, _, _ := types.LookupFieldOrMethod(typ, false, nil, f.GoFieldName)
	field, ok := v.(*types.Var)
	if !ok || !field.IsField() {
		return ""
	}
	if b, ok := field.Type().Underlying().(*types.Basic); !ok || b.Kind() != p.kind {
		return ""
	}
	return p.at
}

// ObjectLists marks the object lists: a struct field holding a slice of
// pointers to an object type that implements no interface (not a node:
// primeBreadcrumbs acts on lists of nodes), without arguments or
// directives, and not plain — a connection's edges. Like an object field
// (ObjectFields), while the context is live and the slice is not nil, the
// executor makes the field's context and marshals the list, without
// gqlgen's resolver closures, field middleware and panic recover around it
// (the list's elements keep theirs).
func ObjectLists(data *codegen.Data, plainFields map[string]map[string]string) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	if len(data.AllDirectives.LocationDirectives("FIELD")) > 0 {
		return out
	}
	for _, o := range data.Objects {
		for _, f := range o.Fields {
			if plainFields[o.Name][f.Name] == "" && objectList(data, o, f) {
				mark(out, o.Name, f.Name)
			}
		}
	}
	return out
}

func objectList(data *codegen.Data, o *codegen.Object, f *codegen.Field) bool {
	if !structField(o, f) {
		return false
	}
	ref := f.TypeReference
	if !ref.IsSlice() || ref.IsPtrToSlice() {
		return false
	}
	elem := ref.Elem()
	if elem == nil || elem.IsSlice() || !elem.IsPtr() || elem.IsPtrToPtr() || elem.IsPtrToSlice() || elem.IsPtrToIntf() {
		return false
	}
	def := elem.Definition
	if def == nil || def.Kind != ast.Object || len(def.Interfaces) > 0 {
		return false
	}
	eo := data.Objects.ByName(def.Name)
	return eo != nil && len(eo.Implements) == 0
}
