package server

import (
	"context"

	"entgo.io/ent/dialect/sql/schema"
)

// indexJoinTables is a migration hook that gives every join table of a
// many-to-many edge an index on each primary-key column but the first.
//
// ent keys a join table by (left_id, right_id), which serves lookups from
// the left; reading the edge from the right («process groups automated by
// this system») would scan the whole table. ent/schema cannot declare
// indexes on join tables (only edge schemas could, at the cost of a node
// type per edge), so the rule lives here, once, for every join table.
func indexJoinTables(next schema.Creator) schema.Creator {
	return schema.CreateFunc(func(ctx context.Context, tables ...*schema.Table) error {
		out := make([]*schema.Table, len(tables))
		for i, t := range tables {
			out[i] = withReverseIndexes(t)
		}
		return next.Create(ctx, out...)
	})
}

// withReverseIndexes returns t, or a copy of it with the indexes of its
// non-leading primary-key columns added. The generated tables are shared by
// every migration of the process, so they are never changed in place.
func withReverseIndexes(t *schema.Table) *schema.Table {
	if len(t.PrimaryKey) < 2 {
		return t
	}
	c := *t
	c.Indexes = append([]*schema.Index(nil), t.Indexes...)
	for _, col := range t.PrimaryKey[1:] {
		name := t.Name + "_" + col.Name + "_idx"
		if _, ok := c.Index(name); ok {
			continue
		}
		c.Indexes = append(c.Indexes, &schema.Index{Name: name, Columns: []*schema.Column{col}})
	}
	return &c
}
