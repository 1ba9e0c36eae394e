package frontendschema_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/karta/karta/graph"
	"github.com/karta/karta/seeds/load"
	"github.com/karta/karta/server/storagetest"
)

// TestOperationsRun runs every operation against the seeded catalog (the
// real maps, imported into a throwaway database) through the in-process
// GraphQL handler with the server's default limits, and checks that it
// returns data, no errors, and non-empty lists where its comment promises
// them (# @nonEmpty path; without one, the first list it selects).
func TestOperationsRun(t *testing.T) {
	schema := loadSchema(t)
	ops := loadOperations(t, schema)
	if t.Failed() {
		t.FailNow()
	}

	ec, _ := storagetest.Open(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if _, err := load.Seed(ctx, ec, load.Options{}); err != nil {
		t.Fatalf("seed: %v", err)
	}
	c := client.New(graph.NewHandler(ec, graph.Options{MaxPageSize: maxPageSize, ComplexityLimit: complexityLimit}))

	for _, o := range ops {
		t.Run(o.Op.Name, func(t *testing.T) {
			vars, err := resolveLookups(o.Vars, func(typ string, where any) (string, error) {
				return lookup(c, schema, typ, where)
			})
			if err != nil {
				t.Fatalf("%s: %v", o.VarsFile, err)
			}
			opts := []client.Option{client.Operation(o.Op.Name)}
			for k, v := range vars.(map[string]any) {
				opts = append(opts, client.Var(k, v))
			}
			data := post(t, c, o.File, o.Source, opts...)
			// Every root field answers.
			walkSelections(o.Doc, o.Op.SelectionSet, func(f *ast.Field) {
				if data[f.Alias] == nil {
					t.Errorf("%s: %s is null", o.File, f.Alias)
				}
			})
			paths := o.NonEmpty
			if len(paths) == 0 {
				p := firstList(o.Doc, o.Op.SelectionSet, "")
				if p == "" {
					t.Fatalf("%s: selects no list; add a # @nonEmpty path to its comment", o.File)
				}
				paths = []string{p}
			}
			for _, p := range paths {
				n, err := listLen(data, p)
				if err != nil {
					t.Errorf("%s: @nonEmpty %s: %v", o.File, p, err)
				} else if n == 0 {
					t.Errorf("%s: @nonEmpty %s: empty on the seeded catalog", o.File, p)
				} else {
					t.Logf("%s: %d", p, n)
				}
			}
		})
	}
}

// post runs query and returns its data; any transport or GraphQL error fails
// the test.
func post(t *testing.T, c *client.Client, file, query string, opts ...client.Option) map[string]any {
	t.Helper()
	resp, err := c.RawPost(query, opts...)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if len(resp.Errors) > 0 && string(resp.Errors) != "null" {
		t.Fatalf("%s: errors: %s", file, resp.Errors)
	}
	data, ok := resp.Data.(map[string]any)
	if !ok || len(data) == 0 {
		t.Fatalf("%s: no data: %v", file, resp.Data)
	}
	return data
}

// lookup resolves {"$lookup": typ, "where": where} to the ID of the first
// node of typ matching where.
func lookup(c *client.Client, schema *ast.Schema, typ string, where any) (string, error) {
	lq, err := lookupOperation(schema, typ)
	if err != nil {
		return "", err
	}
	var w any
	if where != nil {
		// Lookups nested in where are resolved first.
		if w, err = resolveLookups(where, func(typ string, where any) (string, error) {
			return lookup(c, schema, typ, where)
		}); err != nil {
			return "", err
		}
	}
	field := lq.Field
	resp, err := c.RawPost(lq.Query, client.Var("where", w))
	if err != nil {
		return "", fmt.Errorf("$lookup %s: %w", typ, err)
	}
	if len(resp.Errors) > 0 && string(resp.Errors) != "null" {
		return "", fmt.Errorf("$lookup %s: %s", typ, resp.Errors)
	}
	var out map[string]struct {
		Edges []struct{ Node struct{ ID string } }
	}
	b, _ := json.Marshal(resp.Data)
	if err := json.Unmarshal(b, &out); err != nil {
		return "", fmt.Errorf("$lookup %s: %w", typ, err)
	}
	if len(out[field].Edges) == 0 {
		wb, _ := json.Marshal(w)
		return "", fmt.Errorf("$lookup %s: no %s matches %s on the seeded catalog", typ, typ, wb)
	}
	return out[field].Edges[0].Node.ID, nil
}

// firstList is the response path of the first list the operation selects, in
// document order ("" if none): a connection's edges or a list field.
func firstList(doc *ast.QueryDocument, set ast.SelectionSet, prefix string) string {
	found := ""
	walkSelections(doc, set, func(f *ast.Field) {
		if found != "" || f.Definition == nil {
			return
		}
		p := f.Alias
		if prefix != "" {
			p = prefix + "." + f.Alias
		}
		if f.Definition.Type.Elem != nil {
			found = p
			return
		}
		found = firstList(doc, f.SelectionSet, p)
	})
	return found
}

// listLen follows a dotted path (numbers index lists) through data and
// returns the length of the list at its end.
func listLen(data map[string]any, path string) (int, error) {
	var cur any = data
	for _, seg := range strings.Split(path, ".") {
		switch v := cur.(type) {
		case map[string]any:
			x, ok := v[seg]
			if !ok {
				return 0, fmt.Errorf("no %q in the response", seg)
			}
			cur = x
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil {
				return 0, fmt.Errorf("%q: want a list index", seg)
			}
			if i >= len(v) {
				return 0, fmt.Errorf("index %d of a list of %d", i, len(v))
			}
			cur = v[i]
		default:
			return 0, fmt.Errorf("%q: reached %v", seg, cur)
		}
	}
	l, ok := cur.([]any)
	if !ok {
		return 0, fmt.Errorf("not a list: %v", cur)
	}
	return len(l), nil
}
