// Package gen is the gqlgen plugin that writes Karta's executor
// (graph/generated) with Karta's copies of gqlgen's templates (templates/,
// from gqlgen v0.17.98): a list of objects, or a field gqlgen would resolve
// in a goroutine, is resolved on the calling goroutine when nothing selected
// below it may wait on a loader (see package serialexec). It is used by
// graph/cmd/gqlgen, which `make generate` runs instead of `gqlgen generate`.
//
// The templates differ from gqlgen's in three places, each marked
// "Karta:": object.gotpl (a context-method field resolves inline unless it
// blocks or its selection may block), type.gotpl (a list marshals serially
// unless its selection may block) and serial.gotpl (new: the table of
// fields that may block).
package gen

import (
	"embed"
	"errors"
	"fmt"
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
	mark := func(typ, field string) {
		if out[typ] == nil {
			out[typ] = map[string]bool{}
		}
		out[typ][field] = true
	}
	for _, o := range data.Objects {
		if o.Root {
			continue
		}
		for _, f := range o.Fields {
			if f.IsResolver || f.MethodHasContext && !isEdge(schema, f) {
				mark(o.Name, f.Name)
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
					mark(def.Name, field)
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
