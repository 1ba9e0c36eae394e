package sidebyside

import "fmt"

// ResolveLookups returns v with every {"$lookup": typ, "where": w} of the
// frontend operations' variables (frontend-schema/operations/*.vars.json)
// replaced by the ID resolve returns.
func ResolveLookups(v any, resolve func(typ string, where any) (string, error)) (any, error) {
	switch v := v.(type) {
	case map[string]any:
		if typ, ok := v["$lookup"]; ok {
			name, ok := typ.(string)
			if !ok {
				return nil, fmt.Errorf("$lookup: want a type name, got %v", typ)
			}
			return resolve(name, v["where"])
		}
		out := make(map[string]any, len(v))
		for k, x := range v {
			r, err := ResolveLookups(x, resolve)
			if err != nil {
				return nil, err
			}
			out[k] = r
		}
		return out, nil
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			r, err := ResolveLookups(x, resolve)
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	}
	return v, nil
}

// LookupQuery is the query resolving a $lookup of typ through its root
// connection field: the first node, by ID, matching $where.
func LookupQuery(field, typ string) string {
	return fmt.Sprintf("query Lookup($where: %sWhereInput) { %s(first: 1, where: $where) { edges { node { id } } } }", typ, field)
}
