package load

import (
	"context"
	"strings"
	"testing"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/karta/karta/server/storagetest"
)

// The reads of an import are served by the key's unique index on both
// databases: the prefix read of a map's rows (a range on SQLite, LIKE on
// PostgreSQL through text_pattern_ops, whatever the collation) and the
// lookup by keys. Otherwise every import scans every table and its time
// grows with the catalog.
func TestImportReadsUseTheKeyIndex(t *testing.T) {
	ctx := context.Background()
	_, db := storagetest.Open(t)
	conn, err := db.SQL.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	explain := "EXPLAIN QUERY PLAN "
	if db.Dialect == dialect.Postgres {
		// The tables are empty: make the planner show what it can use.
		if _, err := conn.ExecContext(ctx, "SET enable_seqscan = off"); err != nil {
			t.Fatal(err)
		}
		explain = "EXPLAIN "
	}
	for _, k := range kinds {
		preds := map[string]func(*sql.Selector){
			"by keys": func(s *sql.Selector) { s.Where(sql.In(s.C("key"), "a/kct-1/x", "b/y")) },
		}
		if k.scoped {
			preds["by map"] = keyPrefix("mkcs/kct-0123456789/")
		}
		for what, where := range preds {
			sel := sql.Dialect(db.Dialect).Select("id", "key", "digest").From(sql.Table(k.table))
			where(sel)
			q, args := sel.Query()
			rows, err := conn.QueryContext(ctx, explain+q, args...)
			if err != nil {
				t.Fatalf("%s %s: %v", k.name, what, err)
			}
			var plan []string
			for rows.Next() {
				cols, _ := rows.Columns()
				vals := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				if err := rows.Scan(ptrs...); err != nil {
					t.Fatal(err)
				}
				for _, v := range vals {
					if b, ok := v.([]byte); ok {
						v = string(b)
					}
					if s, ok := v.(string); ok {
						plan = append(plan, s)
					}
				}
			}
			rows.Close()
			p := strings.Join(plan, "\n")
			// ent names the index after the type: "kpitarget_key".
			if !strings.Contains(p, strings.ToLower(k.name)+"_key") || strings.Contains(p, "Seq Scan") {
				t.Errorf("%s %s: not served by the key index:\n%s\n%s", k.name, what, q, p)
			}
		}
	}
}
