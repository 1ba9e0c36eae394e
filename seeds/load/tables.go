package load

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/registry"
)

// row is what the loader needs to know of an existing node.
type row struct {
	ID     int    `json:"id"`
	Key    string `json:"key"`
	Digest string `json:"digest"`
}

// kind describes one node type to the loader: how to list its rows and how
// to delete some. Kinds are listed children first, the order removal needs.
type kind struct {
	name  string
	table string // its table, to check the list against ent/schema
	// scoped kinds live under a map's key and are removed with it; global
	// kinds (bodies, systems, services, functions, units) are shared.
	scoped bool
	list   func(ctx context.Context, c *ent.Client) ([]row, error)
	delete func(ctx context.Context, c *ent.Client, ids []int) error
}

// kinds are the node types of the registry generated from ent/schema's
// annotations (ent/registry), children first.
var kinds = func() []kind {
	var out []kind
	for _, t := range registry.Types() {
		list := t.List
		out = append(out, kind{t.Name, t.Table, t.Scoped,
			func(ctx context.Context, c *ent.Client) ([]row, error) {
				rs, err := list(ctx, c)
				rows := make([]row, len(rs))
				for i, r := range rs {
					rows[i] = row{ID: r.ID, Key: r.Key, Digest: r.Digest}
				}
				return rows, err
			},
			t.Remove})
	}
	return out
}()

// NodeTypes lists the node types the loader writes (every type of the
// catalog with a natural key), children first.
func NodeTypes() []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = k.name
	}
	return out
}

func kindByName(name string) *kind {
	for i := range kinds {
		if kinds[i].name == name {
			return &kinds[i]
		}
	}
	panic("load: unknown kind " + name)
}

// Change is one node the import creates, updates or removes.
type Change struct {
	Op   string // "create", "update" or "remove"
	Type string
	Key  string
}

func (c Change) String() string {
	sign := map[string]string{"create": "+", "update": "~", "remove": "-"}[c.Op]
	return fmt.Sprintf("%s %s %s", sign, c.Type, c.Key)
}

// Counts are the changes to one node type.
type Counts struct {
	Created, Updated, Unchanged, Removed int
}

// table tracks the nodes of one kind during an import.
type table struct {
	kind *kind
	rows map[string]row
	seen map[string]bool
	// created are the keys this import created (not in the catalog before).
	created map[string]bool
}

// store is the loader's view of the database during one import.
type store struct {
	c       *ent.Client
	tables  map[string]*table
	counts  map[string]*Counts
	changes []Change
	// removed are the nodes this import removed, for the import's record.
	removed []removed
}

// removed is one node an import removed.
type removed struct {
	typ, key string
	id       int
	orphan   bool
}

func newStore(ctx context.Context, c *ent.Client) (*store, error) {
	s := &store{c: c, tables: map[string]*table{}, counts: map[string]*Counts{}}
	for i := range kinds {
		k := &kinds[i]
		rows, err := k.list(ctx, c)
		if err != nil {
			return nil, fmt.Errorf("list %s: %w", k.name, err)
		}
		t := &table{kind: k, rows: make(map[string]row, len(rows)), seen: map[string]bool{}, created: map[string]bool{}}
		for _, r := range rows {
			t.rows[r.Key] = r
		}
		s.tables[k.name] = t
		s.counts[k.name] = &Counts{}
	}
	return s, nil
}

// put makes the node key of kind typ hold content in: created when new,
// updated in place when its digest changed, left alone otherwise. create and
// update apply the content; update gets the existing ID.
func (s *store) put(typ, key string, in any, create func(dg string) (int, error), update func(id int, dg string) error) (int, error) {
	t := s.tables[typ]
	dg := digest(in)
	if r, ok := t.rows[key]; ok {
		if t.seen[key] {
			return r.ID, nil
		}
		t.seen[key] = true
		if r.Digest == dg {
			s.counts[typ].Unchanged++
			return r.ID, nil
		}
		if err := update(r.ID, dg); err != nil {
			return 0, fmt.Errorf("update %s %s: %w", typ, key, err)
		}
		t.rows[key] = row{ID: r.ID, Key: key, Digest: dg}
		s.counts[typ].Updated++
		s.changes = append(s.changes, Change{"update", typ, key})
		return r.ID, nil
	}
	id, err := create(dg)
	if err != nil {
		return 0, fmt.Errorf("create %s %s: %w", typ, key, err)
	}
	t.rows[key] = row{ID: id, Key: key, Digest: dg}
	t.seen[key] = true
	t.created[key] = true
	s.counts[typ].Created++
	s.changes = append(s.changes, Change{"create", typ, key})
	return id, nil
}

// scope counts the nodes under prefix (a map's key) that were in the
// catalog before this import, and those of them this import did not put:
// what prune would remove.
func (s *store) scope(prefix string) (existing, unseen int) {
	for i := range kinds {
		k := &kinds[i]
		if !k.scoped {
			continue
		}
		t := s.tables[k.name]
		for key := range t.rows {
			if !strings.HasPrefix(key, prefix) || t.created[key] {
				continue
			}
			existing++
			if !t.seen[key] {
				unseen++
			}
		}
	}
	return existing, unseen
}

// prune removes the nodes under prefix (a map's key) that this import did
// not put, children first.
func (s *store) prune(ctx context.Context, prefix string) error {
	for i := range kinds {
		k := &kinds[i]
		if !k.scoped {
			continue
		}
		t := s.tables[k.name]
		var ids []int
		for key, r := range t.rows {
			if strings.HasPrefix(key, prefix) && !t.seen[key] {
				ids = append(ids, r.ID)
			}
		}
		if err := s.remove(ctx, k, ids, false); err != nil {
			return err
		}
	}
	return nil
}

// remove deletes the nodes ids of kind k and records them.
func (s *store) remove(ctx context.Context, k *kind, ids []int, orphan bool) error {
	if len(ids) == 0 {
		return nil
	}
	if err := k.delete(ctx, s.c, ids); err != nil {
		if orphan {
			return fmt.Errorf("remove orphan %s: %w", k.name, err)
		}
		return fmt.Errorf("remove %s: %w", k.name, err)
	}
	t := s.tables[k.name]
	gone := make(map[int]bool, len(ids))
	for _, id := range ids {
		gone[id] = true
	}
	var rs []removed
	for key, r := range t.rows {
		if gone[r.ID] {
			rs = append(rs, removed{typ: k.name, key: key, id: r.ID, orphan: orphan})
			delete(t.rows, key)
		}
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].key < rs[j].key })
	for _, r := range rs {
		s.changes = append(s.changes, Change{"remove", k.name, r.key})
	}
	s.removed = append(s.removed, rs...)
	s.counts[k.name].Removed += len(rs)
	return nil
}
