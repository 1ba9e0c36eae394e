package load

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"

	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/schema"

	"github.com/karta/karta/ent/migrate"
)

// orphanKinds are the shared kinds whose nodes are removed when nothing
// links to them any more (a system, service, function, unit or body that no
// map mentions after an edit). Order matters: units and functions go before
// the bodies they hang on, systems before their owners.
var orphanKinds = []string{"StructuralUnit", "StateFunction", "Service", "InformationSystem", "Ministry"}

// link is one column of the schema that points at a shared (orphan-kind)
// node: a foreign key of a node table, or one side of a join table.
type link struct {
	target string // the orphan kind pointed at
	table  string // the table holding the column
	column string
	// For a join table: the column pointing at the other side and that
	// side's table (the node the link belongs to); "" for a foreign key of
	// a node table, which belongs to that table's own row.
	via, viaTable string
}

// links are the schema's links to shared nodes (ent/migrate.Tables): from
// rows a map owns (mapLinks: the map and its scoped nodes, directly or
// through join tables) and from shared nodes themselves (sharedLinks, per
// table: a system's owner, a unit's or function's body, a body's parent).
// A node type added to the schema with an edge to a shared node is counted
// without any change here.
var mapLinks, sharedLinks = func() ([]link, map[string][]link) {
	orphanTable := map[string]string{}
	for _, name := range orphanKinds {
		for _, k := range kinds {
			if k.name == name {
				orphanTable[k.table] = name
			}
		}
	}
	var toMap []link
	toShared := map[string][]link{}
	add := func(l link, owner string) {
		if _, shared := orphanTable[owner]; shared {
			toShared[owner] = append(toShared[owner], l)
		} else {
			toMap = append(toMap, l)
		}
	}
	for _, t := range migrate.Tables {
		join := len(t.PrimaryKey) == 2 && len(t.ForeignKeys) == 2
		for i, fk := range t.ForeignKeys {
			if fk.RefTable == nil {
				continue
			}
			target, ok := orphanTable[fk.RefTable.Name]
			if !ok {
				continue
			}
			for _, c := range fk.Columns {
				l := link{target: target, table: t.Name, column: c.Name}
				switch {
				case join:
					other := t.ForeignKeys[1-i]
					l.via, l.viaTable = other.Columns[0].Name, other.RefTable.Name
					add(l, l.viaTable)
				case keyed(t):
					add(l, t.Name)
				default:
					// A row without a key (a map's system mention)
					// belongs to the keyed row its required foreign
					// key points at.
					owner := ownerKey(t)
					if owner == nil {
						panic("load: table " + t.Name + " links shared nodes but has neither a key nor a required foreign key to a keyed table")
					}
					l.via, l.viaTable = owner.Columns[0].Name, owner.RefTable.Name
					add(l, l.viaTable)
				}
			}
		}
	}
	return toMap, toShared
}()

// keyed reports whether t has a natural key column.
func keyed(t *schema.Table) bool {
	for _, c := range t.Columns {
		if c.Name == "key" {
			return true
		}
	}
	return false
}

// ownerKey is t's first required foreign key to a keyed table.
func ownerKey(t *schema.Table) *schema.ForeignKey {
	for _, fk := range t.ForeignKeys {
		if len(fk.Columns) == 1 && !fk.Columns[0].Nullable && fk.RefTable != nil && keyed(fk.RefTable) {
			return fk
		}
	}
	return nil
}

// unlinked selects the rows of table that no foreign key of the schema
// (ent/migrate.Tables: edges, join tables, parents) points at: one NOT
// EXISTS per referencing column, each served by that column's index.
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

// candidates are the shared nodes that may have lost their last link in
// this import, per orphan kind, by ID: the only ones pruneOrphans checks.
// Every link an import can remove is a link it read before (a link of an
// imported map, read by mapLinked before the map is written; a link of a
// shared node it updates, read by sharedLinked before the update) or a
// link of a node it removes (read before the removal), so a shared node
// outside the candidates keeps every link it had.
type candidates map[string]map[int]bool

func (c candidates) add(kind string, id int) {
	if c[kind] == nil {
		c[kind] = map[int]bool{}
	}
	c[kind][id] = true
}

// kindNumber is the orphan kind's index in orphanKinds as a literal, the
// first column of the selects readLinks runs.
func kindNumber(kind string) sql.Querier {
	for i, k := range orphanKinds {
		if k == kind {
			return sql.Raw(strconv.Itoa(i))
		}
	}
	panic("load: not an orphan kind: " + kind)
}

// readLinks runs the union of the selects (each yields a kind and an ID)
// and adds what they yield to s.cands.
func (s *store) readLinks(ctx context.Context, sels []*sql.Selector) error {
	if len(sels) == 0 {
		return nil
	}
	q := sels[0]
	for _, o := range sels[1:] {
		q = q.UnionAll(o)
	}
	query, args := q.Query()
	rows, err := s.c.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var kind, id int
		if err = rows.Scan(&kind, &id); err != nil {
			break
		}
		s.cands.add(orphanKinds[kind], id)
	}
	return errors.Join(err, rows.Err(), rows.Close())
}

// mapLinked reads, in one statement, the shared nodes the map with key
// mapKey links now: from the map's row and its scoped rows (keys mapKey and
// mapKey/…, a range on each key index), directly or through join tables.
// Called before the import writes the map.
func (s *store) mapLinked(ctx context.Context, mapKey string) error {
	dialectName := s.dialectName
	if s.linkedMaps[mapKey] {
		return nil
	}
	s.linkedMaps[mapKey] = true
	sels := make([]*sql.Selector, 0, len(mapLinks))
	for _, l := range mapLinks {
		b := sql.Dialect(dialectName)
		sel := b.Select()
		if l.via == "" {
			t := b.Table(l.table).As("o")
			sel.SelectExpr(kindNumber(l.target), sql.Raw(t.C(l.column))).From(t).
				Where(sql.And(sql.NotNull(t.C(l.column)), mapRange(dialectName, t.C("key"), mapKey)))
		} else {
			j, o := b.Table(l.table).As("j"), b.Table(l.viaTable).As("o")
			sel.SelectExpr(kindNumber(l.target), sql.Raw(j.C(l.column))).From(j).
				Join(o).On(j.C(l.via), o.C("id")).
				Where(mapRange(dialectName, o.C("key"), mapKey))
		}
		sels = append(sels, sel)
	}
	if err := s.readLinks(ctx, sels); err != nil {
		return fmt.Errorf("read the shared nodes map %s links: %w", mapKey, err)
	}
	return nil
}

// mapRange selects the keys of a map's rows: the map's own key and those
// under it (see keyPrefix).
func mapRange(dialectName, col, mapKey string) *sql.Predicate {
	return sql.Or(sql.EQ(col, mapKey), prefixPredicate(dialectName, col, mapKey+"/"))
}

// sharedLinked reads the shared nodes that the shared nodes ids of kind
// typ link (a system's owner, a body's parent, …): before the import
// changes or removes them, when those links may be the last.
func (s *store) sharedLinked(ctx context.Context, typ string, ids []int) error {
	links := sharedLinks[s.tables[typ].kind.table]
	if len(links) == 0 || len(ids) == 0 {
		return nil
	}
	d := s.dialectName
	for i := 0; i < len(ids); i += keysChunk {
		part := ids[i:min(i+keysChunk, len(ids))]
		sels := make([]*sql.Selector, 0, len(links))
		for _, l := range links {
			b := sql.Dialect(d)
			sel := b.Select()
			if l.via == "" {
				t := b.Table(l.table)
				sel.SelectExpr(kindNumber(l.target), sql.Raw(t.C(l.column))).From(t).
					Where(sql.And(sql.NotNull(t.C(l.column)), sql.InInts(t.C("id"), part...)))
			} else {
				j := b.Table(l.table)
				sel.SelectExpr(kindNumber(l.target), sql.Raw(j.C(l.column))).From(j).
					Where(sql.InInts(j.C(l.via), part...))
			}
			sels = append(sels, sel)
		}
		if err := s.readLinks(ctx, sels); err != nil {
			return fmt.Errorf("read the links of %s: %w", typ, err)
		}
	}
	return nil
}

// pruneOrphans removes the candidates that lost every link in this import;
// nodes the import put are never orphans. Removing a node makes what it
// linked a candidate (a removed system's owner, a removed body's parent),
// until no removal exposes anything new.
func (s *store) pruneOrphans(ctx context.Context) error {
	checked := candidates{}
	for {
		progress := false
		for _, name := range orphanKinds {
			var ids []int
			for id := range s.cands[name] {
				if !checked[name][id] {
					checked.add(name, id)
					ids = append(ids, id)
				}
			}
			if len(ids) == 0 {
				continue
			}
			progress = true
			sort.Ints(ids)
			if err := s.pruneOrphansOf(ctx, name, ids); err != nil {
				return err
			}
		}
		if !progress {
			return nil
		}
	}
}

// pruneOrphansOf removes those of the nodes ids of kind name that nothing
// links, reading first what they link.
func (s *store) pruneOrphansOf(ctx context.Context, name string, ids []int) error {
	t := s.tables[name]
	for i := 0; i < len(ids); i += keysChunk {
		part := ids[i:min(i+keysChunk, len(ids))]
		rows, err := t.kind.list(ctx, s.c, func(sel *sql.Selector) {
			unlinked(t.kind.table)(sel)
			sel.Where(sql.InInts(sel.C("id"), part...))
		})
		if err != nil {
			return fmt.Errorf("find orphan %s: %w", name, err)
		}
		var gone []row
		var goneIDs []int
		for _, r := range rows {
			if !t.seen[r.Key] {
				gone = append(gone, r)
				goneIDs = append(goneIDs, r.ID)
			}
		}
		if err := s.sharedLinked(ctx, name, goneIDs); err != nil {
			return err
		}
		if err := s.remove(ctx, t.kind, gone, true); err != nil {
			return err
		}
	}
	return nil
}
