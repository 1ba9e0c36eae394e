package importtest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql/schema"
	"entgo.io/ent/schema/field"

	"github.com/karta/karta/ent/migrate"
)

// Rule says what a rewritten map may change in one column (or, with Column
// "", in a whole table) of the catalog, and why. Table "" is every table.
// A rule with Normalize compares the column after Normalize instead of
// ignoring it.
type Rule struct {
	Table, Column string
	// JSONKey, when set, is a key dropped from every object inside the JSON
	// values of the column (every JSON column when Column is "").
	JSONKey   string
	Why       string
	Normalize func(string) string
}

var lineTagRe = regexp.MustCompile(`line \d+: `)

var outlineRe = regexp.MustCompile(`^\d+(\.\d+)*\.?\s+`)

func stripOutline(s string) string { return outlineRe.ReplaceAllString(s, "") }

// Ignored are the only differences a variant of a map may make to its
// import. Everything else — every other column of every table, new ones
// included — must be equal.
var Ignored = []Rule{
	{Column: "id", Why: "surrogate id: rows are matched by their natural key, links by the keys they point to"},
	{Column: "source_line", Why: "a variant moves lines (headings rewritten, rows joined or split)"},
	{Column: "line", Why: "a line number, as source_line"},
	{Column: "digest", Why: "the digest of a node's import input, which includes its line"},
	{Column: "recognitions", Why: "the synonyms and fallbacks a variant's wording needed are what the report lists"},
	{Column: "encoding", Why: "the encoding the map was written in (the windows-1251 variant)"},
	{Column: "extra", Why: "raw cells of columns the format does not have (the columns variant adds one; seeds/kct's TestVariants checks they are kept)"},
	{Column: "heading", Why: "a heading as written (Roman numerals, «Отрасль …», outline numbers, no number at all)"},
	{Column: "kpi_heading", Why: "the KPI table's heading as written: compared without an outline number (the section-numbers variant adds one)", Normalize: stripOutline},
	{Column: "planned_services_heading", Why: "as kpi_heading", Normalize: stripOutline},
	{Table: "spheres", Column: "illegible", Why: "the lines of illegible fragments move", Normalize: func(s string) string { return lineTagRe.ReplaceAllString(s, "") }},
	{JSONKey: "line", Why: "a line number inside a JSON value (raw fields, passport fields)"},
	{JSONKey: "label", Why: "a row label or column header as written (the header-synonyms variant), inside a JSON value"},
	{Table: "transformation_maps", Column: "source_text", Why: "the map's text as written"},
	{Table: "transformation_maps", Column: "imported_at", Why: "the import's time"},
	{Table: "catalog_states", Why: "the catalog version and the time of the last import"},
	{Table: "import_runs", Why: "the import's time, file names and counts"},
	{Table: "removals", Why: "the history of removals (empty after a first import; node_id is a surrogate id)"},
}

// rule returns the rule for table.column, or nil.
func rule(table, column string) *Rule {
	for i := range Ignored {
		r := &Ignored[i]
		if r.JSONKey != "" {
			continue
		}
		if (r.Table == "" || r.Table == table) && (r.Column == "" || r.Column == column) {
			if r.Column == "" && column != "" {
				continue
			}
			return r
		}
	}
	return nil
}

// jsonKeys are the keys dropped from the JSON values of table.column.
func jsonKeys(table, column string) map[string]bool {
	out := map[string]bool{}
	for _, r := range Ignored {
		if r.JSONKey != "" && (r.Table == "" || r.Table == table) && (r.Column == "" || r.Column == column) {
			out[r.JSONKey] = true
		}
	}
	return out
}

// renameJSON applies rename to every string of a JSON value.
func renameJSON(s string, rename func(string) string) string {
	var v any
	if json.Unmarshal([]byte(s), &v) != nil {
		return rename(s)
	}
	var walk func(v any) any
	walk = func(v any) any {
		switch x := v.(type) {
		case map[string]any:
			for k := range x {
				x[k] = walk(x[k])
			}
		case []any:
			for i := range x {
				x[i] = walk(x[i])
			}
		case string:
			return rename(x)
		}
		return v
	}
	b, err := json.Marshal(walk(v))
	if err != nil {
		return rename(s)
	}
	return string(b)
}

// dropKeys removes keys from the objects of a JSON value; a value that is
// not JSON is returned as it is.
func dropKeys(s string, keys map[string]bool) string {
	var v any
	if len(keys) == 0 || json.Unmarshal([]byte(s), &v) != nil {
		return s
	}
	var walk func(v any) any
	walk = func(v any) any {
		switch x := v.(type) {
		case map[string]any:
			for k := range x {
				if keys[k] {
					delete(x, k)
				} else {
					x[k] = walk(x[k])
				}
			}
		case []any:
			for i := range x {
				x[i] = walk(x[i])
			}
		}
		return v
	}
	b, err := json.Marshal(walk(v))
	if err != nil {
		return s
	}
	return string(b)
}

func tableIgnored(table string) bool {
	for _, r := range Ignored {
		if r.Table == table && r.Column == "" && r.JSONKey == "" {
			return true
		}
	}
	return false
}

// Graph is a canonical dump of a catalog: for each table, its rows by
// canonical id (the natural key, or the row's canonical form for tables
// without one), each row the compared columns' values as text.
type Graph map[string]map[string]map[string]string

// Options change what a dump compares.
type Options struct {
	// Rename, when set, is applied to every value and key: the variant's
	// names back into its seed's (a new ministry's map). Keys then lose
	// their hash segments ("/need-3fa2c01b9e" → "/need-*"), which hash text the rename
	// cannot reach: a row is known by its key without them and a digest of
	// its values ("key#digest"), a link by the key it points to.
	Rename func(string) string
}

var hashSegRe = regexp.MustCompile(`\b[0-9a-f]{10}\b`)

// Dump reads every table of migrate.Tables from db.
func Dump(ctx context.Context, db *sql.DB) (Graph, error) { return DumpWith(ctx, db, Options{}) }

// DumpWith is Dump with options.
func DumpWith(ctx context.Context, db *sql.DB, opts Options) (Graph, error) {
	raw := map[string][]map[string]any{}
	for _, t := range migrate.Tables {
		rows, err := readTable(ctx, db, t)
		if err != nil {
			return nil, err
		}
		raw[t.Name] = rows
	}
	d := &dumper{raw: raw, tables: map[string]*schema.Table{}, canon: map[string]map[string]string{}, rename: opts.Rename}
	for _, t := range migrate.Tables {
		d.tables[t.Name] = t
	}
	g := Graph{}
	for _, t := range migrate.Tables {
		if tableIgnored(t.Name) {
			continue
		}
		out := map[string]map[string]string{}
		for _, row := range raw[t.Name] {
			vals, err := d.values(t, row)
			if err != nil {
				return nil, err
			}
			id := d.id(t, row, vals)
			if _, dup := out[id]; dup {
				// Two rows with the same canonical form (a join table
				// cannot have them; a keyless table could): count them.
				for n := 2; ; n++ {
					if _, dup := out[id+"#"+strconv.Itoa(n)]; !dup {
						id += "#" + strconv.Itoa(n)
						break
					}
				}
			}
			out[id] = vals
		}
		g[t.Name] = out
	}
	return g, nil
}

func quote(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

func readTable(ctx context.Context, db *sql.DB, t *schema.Table) ([]map[string]any, error) {
	cols := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		cols[i] = quote(c.Name)
	}
	rows, err := db.QueryContext(ctx, "SELECT "+strings.Join(cols, ", ")+" FROM "+quote(t.Name))
	if err != nil {
		return nil, fmt.Errorf("dump %s: %w", t.Name, err)
	}
	defer rows.Close()
	var out []map[string]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("dump %s: %w", t.Name, err)
		}
		row := map[string]any{}
		for i, c := range t.Columns {
			row[c.Name] = vals[i]
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

// text is a column value as text, the same for equal values on one engine.
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case []byte:
		return string(x)
	case string:
		return x
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	default:
		return fmt.Sprint(x)
	}
}

type dumper struct {
	raw    map[string][]map[string]any
	tables map[string]*schema.Table
	// canon caches each table's canonical id by surrogate id.
	canon  map[string]map[string]string
	rename func(string) string
}

// key is a row's key as compared.
func (d *dumper) key(row map[string]any) string {
	k := text(row["key"])
	if d.rename != nil {
		k = hashSegRe.ReplaceAllString(d.rename(k), "*")
	}
	return k
}

func hasKey(t *schema.Table) bool {
	for _, c := range t.Columns {
		if c.Name == "key" {
			return true
		}
	}
	return false
}

// values are a row's compared columns, foreign keys replaced by the
// canonical id of the row they point to.
func (d *dumper) values(t *schema.Table, row map[string]any) (map[string]string, error) {
	fks := map[string]*schema.Table{}
	for _, fk := range t.ForeignKeys {
		if len(fk.Columns) == 1 {
			fks[fk.Columns[0].Name] = fk.RefTable
		}
	}
	out := map[string]string{}
	for _, c := range t.Columns {
		v := row[c.Name]
		if ref, ok := fks[c.Name]; ok {
			if v == nil {
				out[c.Name] = "NULL"
				continue
			}
			id, err := d.ref(ref, text(v))
			if err != nil {
				return nil, fmt.Errorf("%s.%s: %w", t.Name, c.Name, err)
			}
			out[c.Name] = "→ " + id
			continue
		}
		r := rule(t.Name, c.Name)
		if d.rename != nil && v != nil {
			switch {
			case c.Name == "key":
				v = d.key(row)
			case c.Type == field.TypeJSON:
				v = renameJSON(text(v), d.rename) // not the escapes ("\\n")
			default:
				v = d.rename(text(v))
			}
		}
		switch {
		case r == nil && c.Type == field.TypeJSON:
			out[c.Name] = dropKeys(text(v), jsonKeys(t.Name, c.Name))
		case r == nil:
			out[c.Name] = text(v)
		case r.Normalize != nil:
			out[c.Name] = r.Normalize(text(v))
		}
	}
	return out, nil
}

// id is a row's canonical id: its key, or its canonical form.
func (d *dumper) id(t *schema.Table, row map[string]any, vals map[string]string) string {
	if hasKey(t) && d.rename != nil && vals != nil {
		b, _ := json.Marshal(vals)
		sum := sha256.Sum256(b)
		return d.key(row) + "#" + hex.EncodeToString(sum[:4])
	}
	if hasKey(t) {
		return d.key(row)
	}
	b, _ := json.Marshal(vals) // sorted keys: a canonical form
	return string(b)
}

// ref is the canonical id of the row of table ref whose primary key is id.
func (d *dumper) ref(ref *schema.Table, id string) (string, error) {
	m, ok := d.canon[ref.Name]
	if !ok {
		m = map[string]string{}
		pk := ref.PrimaryKey[0].Name
		for _, row := range d.raw[ref.Name] {
			var vals map[string]string
			if !hasKey(ref) { // a keyed row's id needs no values (ministries point at ministries)
				var err error
				if vals, err = d.values(ref, row); err != nil {
					return "", err
				}
			}
			m[text(row[pk])] = d.id(ref, row, vals)
		}
		d.canon[ref.Name] = m
	}
	c, ok := m[id]
	if !ok {
		return "", fmt.Errorf("no %s row with id %s", ref.Name, id)
	}
	return ref.Name + " " + c, nil
}

// Diff lists where got differs from want, one readable line per
// difference: a missing or extra row, or a column's two values.
func Diff(want, got Graph) []string {
	var out []string
	for _, table := range sortedKeys(union(want, got)) {
		w, g := want[table], got[table]
		w, g = pairByBase(w, g)
		for _, id := range sortedKeys(union(w, g)) {
			wr, wok := w[id]
			gr, gok := g[id]
			switch {
			case !gok:
				out = append(out, fmt.Sprintf("%s %s: missing (want %s)", table, clip(id), clip(rowText(wr))))
			case !wok:
				out = append(out, fmt.Sprintf("%s %s: extra (got %s)", table, clip(id), clip(rowText(gr))))
			default:
				for _, col := range sortedKeys(union(wr, gr)) {
					if wr[col] != gr[col] {
						a, b := around(wr[col], gr[col])
						out = append(out, fmt.Sprintf("%s %s %s: want %q, got %q", table, clip(id), col, a, b))
					}
				}
			}
		}
	}
	return out
}

// pairByBase renames a missing and an extra row whose ids differ only in
// their digest ("key#digest", see Options.Rename) and that are the only
// such rows of their key, so Diff shows their columns' differences.
func pairByBase(want, got map[string]map[string]string) (map[string]map[string]string, map[string]map[string]string) {
	base := func(id string) string {
		if i := strings.LastIndex(id, "#"); i > 0 {
			return id[:i]
		}
		return id
	}
	missing, extra := map[string][]string{}, map[string][]string{}
	for id := range want {
		if _, ok := got[id]; !ok {
			missing[base(id)] = append(missing[base(id)], id)
		}
	}
	for id := range got {
		if _, ok := want[id]; !ok {
			extra[base(id)] = append(extra[base(id)], id)
		}
	}
	var w2, g2 map[string]map[string]string
	for b, ms := range missing {
		es := extra[b]
		if len(ms) != 1 || len(es) != 1 || b == ms[0] {
			continue
		}
		if w2 == nil {
			w2, g2 = copyRows(want), copyRows(got)
		}
		w2[b+"#…"], g2[b+"#…"] = w2[ms[0]], g2[es[0]]
		delete(w2, ms[0])
		delete(g2, es[0])
	}
	if w2 == nil {
		return want, got
	}
	return w2, g2
}

func copyRows(m map[string]map[string]string) map[string]map[string]string {
	out := make(map[string]map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func rowText(r map[string]string) string {
	b, _ := json.Marshal(r)
	return string(b)
}

// around clips a and b to where they first differ.
func around(a, b string) (string, string) {
	ra, rb := []rune(a), []rune(b)
	i := 0
	for i < len(ra) && i < len(rb) && ra[i] == rb[i] {
		i++
	}
	from := max(0, i-60)
	cut := func(r []rune) string {
		s := string(r[from:min(len(r), i+140)])
		if from > 0 {
			s = "…" + s
		}
		if i+140 < len(r) {
			s += "…"
		}
		return s
	}
	return cut(ra), cut(rb)
}

func clip(s string) string {
	if r := []rune(s); len(r) > 200 {
		return string(r[:200]) + "…"
	}
	return s
}

func union[V any](a, b map[string]V) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// migrated are the tables whose rows the migration writes (the catalog's
// version row): Empty keeps them.
var migrated = map[string]bool{"catalog_states": true}

// Empty deletes every row an import wrote, in one transaction, so one
// database can take the next import as a fresh catalog: every table of
// migrate.Tables but the migration's own rows, each before the tables it
// points to.
func Empty(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	done := map[string]bool{}
	for len(done) < len(migrate.Tables) {
		progress := false
		for _, t := range migrate.Tables {
			if done[t.Name] || referenced(t, done) {
				continue
			}
			if !migrated[t.Name] {
				if _, err := tx.ExecContext(ctx, "DELETE FROM "+quote(t.Name)); err != nil {
					return errors.Join(fmt.Errorf("empty %s: %w", t.Name, err), tx.Rollback())
				}
			}
			done[t.Name], progress = true, true
		}
		if !progress {
			return errors.Join(errors.New("empty: the tables' foreign keys form a cycle"), tx.Rollback())
		}
	}
	return tx.Commit()
}

// referenced reports whether a table not yet emptied (other than t) points
// at t.
func referenced(t *schema.Table, done map[string]bool) bool {
	for _, o := range migrate.Tables {
		if o == t || done[o.Name] {
			continue
		}
		for _, fk := range o.ForeignKeys {
			if fk.RefTable == t {
				return true
			}
		}
	}
	return false
}
