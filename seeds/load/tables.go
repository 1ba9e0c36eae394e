package load

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

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
	// list reads the id, key and digest of the rows where selects (a
	// predicate on the kind's table, see store).
	list   func(ctx context.Context, c *ent.Client, where func(*sql.Selector)) ([]row, error)
	delete func(ctx context.Context, c *ent.Client, ids []int) error
}

// kinds are the node types of the registry generated from ent/schema's
// annotations (ent/registry), children first.
var kinds = func() []kind {
	var out []kind
	for _, t := range registry.Types() {
		list := t.List
		out = append(out, kind{t.Name, t.Table, t.Scoped,
			func(ctx context.Context, c *ent.Client, where func(*sql.Selector)) ([]row, error) {
				rs, err := list(ctx, c, where)
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

// table tracks the nodes of one kind during an import. It holds only the
// rows the import has read: those under the maps being imported (scoped
// kinds) and those the documents name (shared kinds), so an import reads
// what it writes, not the whole catalog.
type table struct {
	kind *kind
	rows map[string]row
	// known are the keys looked up in the database, found or not.
	known map[string]bool
	seen  map[string]bool
	// created are the keys this import created (not in the catalog before),
	// changed those it created or updated.
	created, changed map[string]bool
}

// store is the loader's view of the database during one import.
type store struct {
	c       *ent.Client
	tables  map[string]*table
	counts  map[string]*Counts
	changes []Change
	// scopes are the map prefixes ("mapKey/") whose scoped rows are read.
	scopes []string
	// removed are the nodes this import removed, for the import's record.
	removed []removed
	// dialectName is the database's dialect (entgo.io/ent/dialect).
	dialectName string
	// cands are the shared nodes that may lose their last link in this
	// import (see candidates), linkedMaps the maps whose links are read.
	cands      candidates
	linkedMaps map[string]bool
	// pending are the nodes created but not written yet, per kind (see
	// upsertLeaf), and how to write them.
	pending map[string]*pendingKind
}

// queued is one node created but not written yet: its key and its ent
// create builder.
type queued struct {
	key     string
	builder any
}

// pendingKind are the queued nodes of one kind and the function that
// writes them together and returns their IDs.
type pendingKind struct {
	items []queued
	write func(ctx context.Context, items []queued) ([]int, error)
}

// queue adds the node key of kind typ, built by builder, to the nodes
// written by the next flush.
func (s *store) queue(typ, key string, builder any, write func(context.Context, []queued) ([]int, error)) {
	p := s.pending[typ]
	if p == nil {
		p = &pendingKind{write: write}
		s.pending[typ] = p
	}
	p.items = append(p.items, queued{key, builder})
}

// flush writes the queued nodes, kind by kind (parents first).
func (s *store) flush(ctx context.Context) error {
	for i := len(kinds) - 1; i >= 0; i-- {
		if err := s.flushKind(ctx, kinds[i].name); err != nil {
			return err
		}
	}
	return nil
}

// flushKind writes the queued nodes of kind typ, keysChunk nodes per
// statement, and records their IDs.
func (s *store) flushKind(ctx context.Context, typ string) error {
	p := s.pending[typ]
	if p == nil {
		return nil
	}
	delete(s.pending, typ)
	t := s.tables[typ]
	for j := 0; j < len(p.items); j += keysChunk {
		part := p.items[j:min(j+keysChunk, len(p.items))]
		ids, err := p.write(ctx, part)
		if err != nil {
			return err
		}
		for n, it := range part {
			r := t.rows[it.key]
			r.ID = ids[n]
			t.rows[it.key] = r
		}
	}
	return nil
}

// id is the ID of the node key of kind typ this import put (and flushed).
func (s *store) id(typ, key string) int { return s.tables[typ].rows[key].ID }

// removed is one node an import removed.
type removed struct {
	typ, key string
	id       int
	orphan   bool
}

func newStore(c *ent.Client, dialectName string) *store {
	s := &store{c: c, tables: map[string]*table{}, counts: map[string]*Counts{}, dialectName: dialectName,
		cands: candidates{}, linkedMaps: map[string]bool{}, pending: map[string]*pendingKind{}}
	for i := range kinds {
		k := &kinds[i]
		s.tables[k.name] = &table{kind: k, rows: map[string]row{}, known: map[string]bool{},
			seen: map[string]bool{}, created: map[string]bool{}, changed: map[string]bool{}}
		s.counts[k.name] = &Counts{}
	}
	return s
}

// keysChunk bounds the parameters of one lookup by keys.
const keysChunk = 500

// lookup reads the rows of kind typ with the given keys that it has not
// read yet: one statement per keysChunk keys, on the key's unique index.
func (s *store) lookup(ctx context.Context, typ string, keys []string) error {
	t := s.tables[typ]
	var want []string
	for _, k := range keys {
		if !t.known[k] && !s.inScope(t, k) {
			t.known[k] = true
			want = append(want, k)
		}
	}
	for i := 0; i < len(want); i += keysChunk {
		part := want[i:min(i+keysChunk, len(want))]
		args := make([]any, len(part))
		for j, k := range part {
			args[j] = k
		}
		rows, err := t.kind.list(ctx, s.c, func(sel *sql.Selector) { sel.Where(sql.In(sel.C("key"), args...)) })
		if err != nil {
			return fmt.Errorf("read %s: %w", typ, err)
		}
		for _, r := range rows {
			t.rows[r.Key] = r
		}
	}
	return nil
}

// loadScope reads every row of the scoped kinds under prefix (a map's key
// and "/"): one statement per kind, a range on the key's unique index.
func (s *store) loadScope(ctx context.Context, prefix string) error {
	for _, p := range s.scopes {
		if p == prefix {
			return nil
		}
	}
	for i := range kinds {
		k := &kinds[i]
		if !k.scoped {
			continue
		}
		rows, err := k.list(ctx, s.c, keyPrefix(prefix))
		if err != nil {
			return fmt.Errorf("read %s of %s: %w", k.name, strings.TrimSuffix(prefix, "/"), err)
		}
		t := s.tables[k.name]
		for _, r := range rows {
			t.rows[r.Key] = r
		}
	}
	s.scopes = append(s.scopes, prefix)
	return nil
}

// keyPrefix selects the keys that start with prefix, in a form the key's
// unique index serves on both databases: on SQLite a range in its binary
// collation; on PostgreSQL LIKE 'prefix%', which the planner turns into an
// index range under the C collation or with a text_pattern_ops index, and
// which stays correct under any other collation (a range would not).
func keyPrefix(prefix string) func(*sql.Selector) {
	return func(sel *sql.Selector) {
		sel.Where(prefixPredicate(sel.Dialect(), sel.C("key"), prefix))
	}
}

// prefixPredicate is keyPrefix's condition on the column col.
func prefixPredicate(dialectName, col, prefix string) *sql.Predicate {
	if dialectName == dialect.Postgres {
		esc := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(prefix)
		return sql.Like(col, esc+"%")
	}
	return sql.And(sql.GTE(col, prefix), sql.LT(col, prefixEnd(prefix)))
}

// prefixEnd is the least string greater than every string that starts with
// prefix, in byte order (prefix is not empty and does not end in 0xff).
func prefixEnd(prefix string) string {
	b := []byte(prefix)
	b[len(b)-1]++
	return string(b)
}

// inScope reports whether key belongs to a map whose rows are read: then a
// key absent from t.rows is absent from the database.
func (s *store) inScope(t *table, key string) bool {
	if !t.kind.scoped {
		return false
	}
	for _, p := range s.scopes {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	return false
}

// put makes the node key of kind typ hold content in: created when new,
// updated in place when its digest changed, left alone otherwise. create and
// update apply the content; update gets the existing ID.
func (s *store) put(ctx context.Context, typ, key string, in any, create func(dg string) (int, error), update func(id int, dg string) error) (int, error) {
	t := s.tables[typ]
	if _, ok := t.rows[key]; !ok {
		// Not read yet (the documents' names are read in advance; this
		// is the fallback for a key they did not predict).
		if err := s.lookup(ctx, typ, []string{key}); err != nil {
			return 0, err
		}
	}
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
		// What a shared node links (its owner, parent) may change here
		// and lose its last link.
		if err := s.sharedLinked(ctx, typ, []int{r.ID}); err != nil {
			return 0, err
		}
		if err := update(r.ID, dg); err != nil {
			return 0, err
		}
		t.changed[key] = true
		t.rows[key] = row{ID: r.ID, Key: key, Digest: dg}
		s.counts[typ].Updated++
		s.changes = append(s.changes, Change{"update", typ, key})
		return r.ID, nil
	}
	id, err := create(dg)
	if err != nil {
		return 0, err
	}
	t.changed[key] = true
	t.rows[key] = row{ID: id, Key: key, Digest: dg}
	t.known[key] = true
	t.seen[key] = true
	t.created[key] = true
	s.counts[typ].Created++
	s.changes = append(s.changes, Change{"create", typ, key})
	return id, nil
}

// changed reports whether this import created or updated the node key.
func (s *store) changed(typ, key string) bool { return s.tables[typ].changed[key] }

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
		var gone []row
		for key, r := range t.rows {
			if strings.HasPrefix(key, prefix) && !t.seen[key] {
				gone = append(gone, r)
			}
		}
		if err := s.remove(ctx, k, gone, false); err != nil {
			return err
		}
	}
	return nil
}

// remove deletes the nodes rs of kind k and records them.
func (s *store) remove(ctx context.Context, k *kind, rs []row, orphan bool) error {
	if len(rs) == 0 {
		return nil
	}
	ids := make([]int, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	if err := k.delete(ctx, s.c, ids); err != nil {
		if orphan {
			return fmt.Errorf("remove orphan %s: %w", k.name, err)
		}
		return fmt.Errorf("remove %s: %w", k.name, err)
	}
	t := s.tables[k.name]
	sort.Slice(rs, func(i, j int) bool { return rs[i].Key < rs[j].Key })
	for _, r := range rs {
		delete(t.rows, r.Key)
		s.changes = append(s.changes, Change{"remove", k.name, r.Key})
		s.removed = append(s.removed, removed{typ: k.name, key: r.Key, id: r.ID, orphan: orphan})
	}
	s.counts[k.name].Removed += len(rs)
	return nil
}
