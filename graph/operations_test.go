package graph_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/karta/karta/cmd/benchhttp/sidebyside"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/graph"
)

// operation is one frontend operation (frontend-schema/operations) with
// its variables, $lookup placeholders resolved to node IDs.
type operation struct {
	query string
	vars  map[string]any
}

// options are the operation's variables as client options.
func (o operation) options() []client.Option {
	var opts []client.Option
	for k, v := range o.vars {
		opts = append(opts, client.Var(k, v))
	}
	return opts
}

// frontendOperations reads every operation of frontend-schema/operations
// and resolves its variables' $lookup placeholders by querying c (the root
// connection of the node type, filtered by the placeholder's where).
func frontendOperations(tb testing.TB, c *client.Client, ec *ent.Client) map[string]operation {
	tb.Helper()
	roots := map[string]string{} // node type → root connection field
	for _, f := range graph.NewSchema(ec, nil).Schema().Query.Fields {
		if typ, ok := strings.CutSuffix(f.Type.Name(), "Connection"); ok && f.Arguments.ForName("where") != nil {
			roots[typ] = f.Name
		}
	}
	var lookup func(typ string, where any) (string, error)
	lookup = func(typ string, where any) (string, error) {
		w, err := sidebyside.ResolveLookups(where, lookup)
		if err != nil {
			return "", err
		}
		var r map[string]struct {
			Edges []struct{ Node struct{ ID string } }
		}
		if err := c.Post(sidebyside.LookupQuery(roots[typ], typ), &r, client.Var("where", w)); err != nil {
			return "", err
		}
		if len(r[roots[typ]].Edges) == 0 {
			return "", fmt.Errorf("$lookup %s %v: nothing matches", typ, where)
		}
		return r[roots[typ]].Edges[0].Node.ID, nil
	}
	ops := map[string]operation{}
	files, err := filepath.Glob("../frontend-schema/operations/*.graphql")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no frontend operations (%v)", err)
	}
	for _, f := range files {
		q, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		var vars map[string]any
		if b, err := os.ReadFile(strings.TrimSuffix(f, ".graphql") + ".vars.json"); err == nil {
			if err := json.Unmarshal(b, &vars); err != nil {
				tb.Fatal(err)
			}
		}
		v, err := sidebyside.ResolveLookups(vars, lookup)
		if err != nil {
			tb.Fatal(err)
		}
		vm, _ := v.(map[string]any)
		ops[strings.TrimSuffix(filepath.Base(f), ".graphql")] = operation{string(q), vm}
	}
	return ops
}
