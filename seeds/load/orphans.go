package load

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect/sql"

	"github.com/karta/karta/ent/migrate"
)

// orphanKinds are the shared kinds whose nodes are removed when nothing
// links to them any more (a system, service, function, unit or body that no
// map mentions after an edit). Order matters: units and functions go before
// the bodies they hang on, systems before their owners.
var orphanKinds = []string{"StructuralUnit", "StateFunction", "Service", "InformationSystem", "Ministry"}

// unlinked selects the rows of table that no foreign key of the schema
// (ent/migrate.Tables: edges, join tables, parents) points at: one NOT
// EXISTS per referencing column, each served by that column's index. A
// node type added to the schema with an edge to a shared node counts as a
// link without any change here.
func unlinked(table string) func(*sql.Selector) {
	type ref struct{ table, column string }
	var refs []ref
	for _, t := range migrate.Tables {
		for _, fk := range t.ForeignKeys {
			if fk.RefTable == nil || fk.RefTable.Name != table {
				continue
			}
			for _, c := range fk.Columns {
				refs = append(refs, ref{t.Name, c.Name})
			}
		}
	}
	return func(sel *sql.Selector) {
		preds := make([]*sql.Predicate, 0, len(refs))
		for _, r := range refs {
			// The alias keeps a self-reference (a body's parent) apart
			// from the outer table.
			in := sql.Table(r.table).As("ref")
			sub := sql.Dialect(sel.Dialect()).Select().SelectExpr(sql.Raw("1")).From(in).
				Where(sql.ColumnsEQ(in.C(r.column), sel.C("id")))
			preds = append(preds, sql.NotExists(sub))
		}
		sel.Where(sql.And(preds...))
	}
}

// pruneOrphans removes shared nodes that lost every link in this import;
// nodes the import put are never orphans.
func (s *store) pruneOrphans(ctx context.Context) error {
	for _, name := range orphanKinds {
		t := s.tables[name]
		rows, err := t.kind.list(ctx, s.c, unlinked(t.kind.table))
		if err != nil {
			return fmt.Errorf("find orphan %s: %w", name, err)
		}
		var gone []row
		for _, r := range rows {
			if !t.seen[r.Key] {
				gone = append(gone, r)
			}
		}
		if err := s.remove(ctx, t.kind, gone, true); err != nil {
			return err
		}
	}
	return nil
}
