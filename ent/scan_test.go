package ent_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"entgo.io/ent/dialect/sql"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/attribute"
	"github.com/karta/karta/ent/predicate"
	"github.com/karta/karta/seeds/load"
	"github.com/karta/karta/server/storagetest"
)

// The nodes' scanValues (template/decode.tmpl) scan a row into one struct
// and the page total and count columns as integers. Every field must read
// as through ent's own scanning (checked against the fields read one by one
// with Select/Scan), and Value must give what ent's selectValues gives: the
// page total and count columns as int64, NULL as nil, any other selected
// value by its type, an unselected name as an error — also with more extra
// columns than the row struct holds.
func TestScanValuesReadFieldsAndExtraColumns(t *testing.T) {
	ctx := context.Background()
	ec, _ := storagetest.Open(t)
	if _, err := load.Seed(ctx, ec, load.Options{}); err != nil {
		t.Fatal(err)
	}
	nodes, err := ec.Attribute.Query().WithEntity().Order(ent.Asc(attribute.FieldID)).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(nodes) < 2 {
		t.Fatalf("%d attributes seeded", len(nodes))
	}
	var rows []struct {
		ID         int    `json:"id"`
		Key        string `json:"key"`
		SourceLine int    `json:"source_line"`
		Digest     string `json:"digest"`
		Position   int    `json:"position"`
		Name       string `json:"name"`
	}
	err = ec.Attribute.Query().Order(ent.Asc(attribute.FieldID)).
		Select(attribute.FieldID, attribute.FieldKey, attribute.FieldSourceLine, attribute.FieldDigest,
			attribute.FieldPosition, attribute.FieldName).
		Scan(ctx, &rows)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(nodes) {
		t.Fatalf("%d rows, %d nodes", len(rows), len(nodes))
	}
	for i, n := range nodes {
		r := rows[i]
		if n.ID != r.ID || n.Key != r.Key || n.SourceLine != r.SourceLine || n.Digest != r.Digest ||
			n.Position != r.Position || n.Name != r.Name {
			t.Fatalf("node %+v, row %+v", n, r)
		}
		if n.Edges.Entity == nil {
			t.Fatalf("attribute %d: no entity (foreign key not scanned)", n.ID)
		}
	}

	// Extra columns (appended by a predicate: Karta's ent has no public
	// Modify): the page total, three count columns (more than the
	// row struct holds), a NULL count, a string and many more integers (more
	// columns than the row's value array).
	extra := func(s *sql.Selector) {
		s.AppendSelectExprAs(sql.Expr("7"), "__total")
		// NULL in a count column the row struct holds: sql.ScanTypeOf
		// panics on a NULL expression column on SQLite (modernc gives it
		// no scan type), with or without the row struct.
		s.AppendSelectExprAs(sql.Expr("CAST(NULL AS INTEGER)"), "__count_1_a")
		s.AppendSelectExprAs(sql.Expr("11"), "__count_2_b")
		s.AppendSelectExprAs(sql.Expr("12"), "__count_3_c")
		s.AppendSelectExprAs(sql.Expr("13"), "__count_4_d")
		s.AppendSelectExprAs(sql.Expr("'text'"), "label")
		for i := range 6 {
			s.AppendSelectExprAs(sql.Expr(fmt.Sprint(100+i)), fmt.Sprintf("x%d", i))
		}
	}
	got, err := ec.Attribute.Query().Order(ent.Asc(attribute.FieldID)).Limit(2).Where(predicate.Attribute(extra)).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != nodes[0].ID || got[0].Name != nodes[0].Name || got[1].Name != nodes[1].Name {
		t.Fatalf("modified query read %v", got)
	}
	want := map[string]any{
		"__total": int64(7), "__count_1_a": nil, "__count_2_b": int64(11), "__count_3_c": int64(12),
		"__count_4_d": int64(13), "x0": int64(100), "x5": int64(105),
	}
	for _, n := range got {
		for name, w := range want {
			v, err := n.Value(name)
			if err != nil {
				t.Fatalf("Value(%q): %v", name, err)
			}
			if !reflect.DeepEqual(v, w) {
				t.Errorf("Value(%q) = %#v (%T), want %#v", name, v, v, w)
			}
		}
		v, err := n.Value("label")
		if err != nil {
			t.Fatal(err)
		}
		if s, ok := v.(string); ok && s != "text" || !ok && fmt.Sprintf("%s", v) != "text" {
			t.Errorf(`Value("label") = %#v, want "text"`, v)
		}
		if _, err := n.Value("missing"); err == nil {
			t.Error(`Value("missing") read a value`)
		}
	}
	// A node read without a page total has none.
	if _, err := nodes[0].Value("__total"); err == nil {
		t.Error(`Value("__total") of a node read without it read a value`)
	}
}
