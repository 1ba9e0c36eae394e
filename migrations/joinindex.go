package migrations

import (
	"context"

	entmigrate "github.com/karta/karta/ent/migrate"

	"entgo.io/ent/dialect/sql/schema"
)

// Tables are the catalog's tables as migrations create them: ent/schema's
// tables with the indexes of JoinIndexed added.
func Tables() []*schema.Table { return JoinIndexed(entmigrate.Tables) }

// JoinIndexed returns tables with every join table of a many-to-many edge
// given an index on each primary-key column but the first.
//
// ent keys a join table by (left_id, right_id), which serves lookups from
// the left; reading the edge from the right («process groups automated by
// this system») would scan the whole table. ent/schema cannot declare
// indexes on join tables (only edge schemas could, at the cost of a node
// type per edge), so the rule lives here, once, for every join table. The
// generated tables are shared by every migration of the process, so they
// are copied, never changed in place.
func JoinIndexed(tables []*schema.Table) []*schema.Table {
	out := make([]*schema.Table, len(tables))
	for i, t := range tables {
		out[i] = withReverseIndexes(t)
	}
	return out
}

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

// IndexJoinTables is the schema.Create hook of JoinIndexed, for databases
// migrated by ent's automatic migration.
func IndexJoinTables(next schema.Creator) schema.Creator {
	return schema.CreateFunc(func(ctx context.Context, tables ...*schema.Table) error {
		return next.Create(ctx, JoinIndexed(tables)...)
	})
}
