package server_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/karta/karta/ent/migrate"
	"github.com/karta/karta/server/storagetest"
)

// Every foreign-key column of the migrated database — of node tables and of
// join tables — leads some index, so reading an edge from either side never
// scans a table.
func TestEveryForeignKeyLeadsAnIndex(t *testing.T) {
	_, db := storagetest.Open(t)
	ctx := context.Background()
	checked := 0
	for _, table := range migrate.Tables {
		leading, err := leadingColumns(ctx, db, table.Name)
		if err != nil {
			t.Fatalf("%s: %v", table.Name, err)
		}
		for _, fk := range table.ForeignKeys {
			col := fk.Columns[0].Name
			checked++
			if !leading[col] {
				t.Errorf("%s.%s (foreign key to %s) leads no index", table.Name, col, fk.RefTable.Name)
			}
		}
	}
	if checked < 50 {
		t.Fatalf("only %d foreign keys checked: the schema was not read", checked)
	}
}

// leadingColumns returns the columns that are the first column of an index
// (the primary key included) of table in the real database.
func leadingColumns(ctx context.Context, db *storagetest.DB, table string) (map[string]bool, error) {
	out := map[string]bool{}
	if db.Dialect == dialect.Postgres {
		rows, err := db.SQL.QueryContext(ctx, `
			SELECT a.attname FROM pg_index i
			JOIN pg_class c ON c.oid = i.indrelid
			JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
			WHERE c.relname = $1`, table)
		if err != nil {
			return nil, err
		}
		return out, collect(rows, out)
	}
	rows, err := db.SQL.QueryContext(ctx, fmt.Sprintf("SELECT name FROM pragma_index_list('%s')", table))
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		names = append(names, n)
	}
	rows.Close()
	for _, n := range names {
		r, err := db.SQL.QueryContext(ctx, fmt.Sprintf("SELECT name FROM pragma_index_info('%s') WHERE seqno = 0", n))
		if err != nil {
			return nil, err
		}
		if err := collect(r, out); err != nil {
			return nil, err
		}
	}
	// An INTEGER PRIMARY KEY is the rowid, which no index lists.
	r, err := db.SQL.QueryContext(ctx, fmt.Sprintf("SELECT name FROM pragma_table_info('%s') WHERE pk = 1", table))
	if err != nil {
		return nil, err
	}
	return out, collect(r, out)
}

func collect(rows *sql.Rows, into map[string]bool) error {
	defer rows.Close()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		into[s] = true
	}
	return rows.Err()
}
