package main

import (
	"encoding/json"
	"fmt"

	"github.com/karta/karta/cmd/benchhttp/sidebyside"
)

// lookup returns a sidebyside.Lookup on a Karta target.
func (h *harness) lookup(t *target) sidebyside.Lookup {
	return func(field, where string) (string, error) {
		return h.firstID(t, field, fmt.Sprintf("{ %s(first: 1, where: %s) { edges { node { id } } } }", field, where), nil)
	}
}

// lookupOn resolves a {"$lookup": typ, "where": …} variable of the frontend
// operations (see frontend-schema/operations) on one Karta target.
func (h *harness) lookupOn(t *target, typ string, where any) (string, error) {
	field, err := h.rootField(t, typ)
	if err != nil {
		return "", err
	}
	q := sidebyside.LookupQuery(field, typ)
	w, err := sidebyside.ResolveLookups(where, func(typ string, where any) (string, error) { return h.lookupOn(t, typ, where) })
	if err != nil {
		return "", err
	}
	return h.firstID(t, field, q, map[string]any{"where": w})
}

func (h *harness) firstID(t *target, field, query string, vars map[string]any) (string, error) {
	resp, err := postJSON(t.url, map[string]any{"query": query, "variables": vars})
	if err != nil {
		return "", fmt.Errorf("lookup %s: %w", field, err)
	}
	data, _ := resp["data"].(map[string]any)
	conn, _ := data[field].(map[string]any)
	edges, _ := conn["edges"].([]any)
	if len(edges) == 0 {
		return "", fmt.Errorf("lookup %s: nothing matches", field)
	}
	node, _ := edges[0].(map[string]any)["node"].(map[string]any)
	id, _ := node["id"].(string)
	return id, nil
}

// rootField is the root connection field listing typ (Query.maps for
// TransformationMap), read from the schema by introspection.
func (h *harness) rootField(t *target, typ string) (string, error) {
	resp, err := postJSON(t.url, map[string]any{"query": `{ __schema { queryType { fields { name type { name ofType { name } } args { name } } } } }`})
	if err != nil {
		return "", err
	}
	var s struct {
		Schema struct {
			QueryType struct {
				Fields []struct {
					Name string
					Type struct {
						Name   string
						OfType struct{ Name string }
					}
					Args []struct{ Name string }
				}
			}
		} `json:"__schema"`
	}
	b, _ := json.Marshal(resp["data"])
	if err := json.Unmarshal(b, &s); err != nil {
		return "", err
	}
	for _, f := range s.Schema.QueryType.Fields {
		if f.Type.Name != typ+"Connection" && f.Type.OfType.Name != typ+"Connection" {
			continue
		}
		for _, a := range f.Args {
			if a.Name == "where" {
				return f.Name, nil
			}
		}
	}
	return "", fmt.Errorf("$lookup: no root connection field lists %s", typ)
}
