package identity

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/karta/karta/seeds"
)

// Kind is the kind of a body.
type Kind string

// Body kinds.
const (
	KindMinistry  Kind = "ministry"
	KindCommittee Kind = "committee"
	KindAgency    Kind = "agency"
	KindCompany   Kind = "company"
	KindCourt     Kind = "court"
	KindOther     Kind = "other"
)

var kinds = map[Kind]bool{KindMinistry: true, KindCommittee: true, KindAgency: true, KindCompany: true, KindCourt: true, KindOther: true}

type recType uint8

const (
	recBody recType = iota + 1
	recSystem
	recUnit
)

func (t recType) String() string {
	switch t {
	case recBody:
		return "body"
	case recSystem:
		return "system"
	case recUnit:
		return "unit"
	}
	return "?"
}

// spelling is one name of a record as written in the table.
type spelling struct {
	text    string
	line    int
	field   string // name, short, local, alias, former, homonym
	local   bool
	homonym bool
}

// record is one body, system or unit of the table.
type record struct {
	typ     recType
	line    int
	key     string
	name    string
	short   string
	kind    Kind
	note    string
	names   []spelling // every spelling, the canonical name first
	keepRK  bool       // "rk: required": "Республики Казахстан" is part of the name
	generic bool       // "generic: yes": one system per owner a document names
	ref     string     // parent (body, unit) or owner (system) as written
	refLine int
	parent  *record // parent body (body, unit) or owner body (system)
}

func (r *record) spellings(fields ...string) []string {
	var out []string
	for _, s := range r.names {
		for _, f := range fields {
			if s.field == f {
				out = append(out, s.text)
			}
		}
	}
	return out
}

// within reports whether scope is rec or lies under rec in the parent chain.
func within(scope, rec *record) bool {
	for s := scope; s != nil; s = s.parent {
		if s == rec {
			return true
		}
	}
	return false
}

// Registry resolves names of bodies, systems and units against the table. It
// is immutable and safe for concurrent use.
type Registry struct {
	name    string
	recs    []*record
	byKey   map[string]*record
	main    *node // every spelling (and derived spelling) of every record
	legal   *node // legal-form prefixes
	prefix  *node // generic system-type prefixes
	strip   *node // system spellings with their generic prefix stripped
	quals   map[*record][][]token
	keySet  map[string]bool
	nBodies int
}

// Load reads an identity table (the format is described in seeds/aliases.txt).
// name is used in error messages, which read "name:line: what is wrong (what
// was expected)".
func Load(r io.Reader, name string) (*Registry, error) {
	p := &parser{name: name}
	if err := p.parse(r); err != nil {
		return nil, err
	}
	return p.build()
}

var (
	defaultOnce sync.Once
	defaultReg  *Registry
	defaultErr  error
)

// Default returns the registry of the embedded table seeds/aliases.txt. It is
// loaded once.
func Default() (*Registry, error) {
	defaultOnce.Do(func() {
		defaultReg, defaultErr = Load(bytes.NewReader(seeds.Aliases), seeds.AliasesFile)
	})
	return defaultReg, defaultErr
}

type vocab struct {
	text string
	line int
}

type parser struct {
	name   string
	recs   []*record
	legal  []vocab
	prefix []vocab
	self   []vocab
	none   []vocab
}

func (p *parser) errf(line int, format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", p.name, line, fmt.Sprintf(format, args...))
}

var recordFields = map[recType][]string{
	recBody:   {"kind", "short", "local", "parent", "alias", "former", "misspelling", "rk", "key", "note"},
	recSystem: {"short", "owner", "alias", "homonym", "former", "misspelling", "generic", "key", "note"},
	recUnit:   {"parent", "short", "local", "alias", "key", "note"},
}

func (p *parser) parse(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	var cur *record
	seen := map[string]bool{}
	line := 0
	for sc.Scan() {
		line++
		raw := strings.TrimRight(sc.Text(), " \t\r")
		if line == 1 {
			raw = strings.TrimPrefix(raw, "\ufeff")
		}
		trimmed := strings.TrimSpace(raw)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		indented := raw[0] == ' ' || raw[0] == '\t'
		field, value, ok := strings.Cut(trimmed, ":")
		field = strings.TrimSpace(field)
		value = strings.TrimSpace(value)
		if !ok || field == "" || strings.ContainsAny(field, " \t«\"") {
			if indented {
				return p.errf(line, "expected an indented \"field: value\" line, got %q", trimmed)
			}
			return p.errf(line, "expected \"body|system|unit|legal|prefix|self|none: text\" at column 0, got %q", trimmed)
		}
		if value == "" {
			return p.errf(line, "empty value for %q (expected text after the colon)", field)
		}
		if indented {
			if cur == nil {
				return p.errf(line, "field %q outside a record (expected a record line \"body: …\", \"system: …\" or \"unit: …\" at column 0 before it)", field)
			}
			if err := p.field(cur, field, value, line, seen); err != nil {
				return err
			}
			continue
		}
		if err := p.finish(cur); err != nil {
			return err
		}
		cur = nil
		seen = map[string]bool{}
		switch field {
		case "body", "system", "unit":
			t := map[string]recType{"body": recBody, "system": recSystem, "unit": recUnit}[field]
			cur = &record{typ: t, line: line, name: value}
			cur.names = append(cur.names, spelling{text: value, line: line, field: "name", local: t == recUnit})
			p.recs = append(p.recs, cur)
		case "legal":
			p.legal = append(p.legal, vocab{value, line})
		case "prefix":
			p.prefix = append(p.prefix, vocab{value, line})
		case "self":
			p.self = append(p.self, vocab{value, line})
		case "none":
			p.none = append(p.none, vocab{value, line})
		default:
			return p.errf(line, "unknown entry %q (expected body, system, unit, legal, prefix, self or none at column 0; record fields are indented)", field)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", p.name, err)
	}
	return p.finish(cur)
}

func (p *parser) field(cur *record, field, value string, line int, seen map[string]bool) error {
	allowed := false
	for _, f := range recordFields[cur.typ] {
		if f == field {
			allowed = true
		}
	}
	if !allowed {
		return p.errf(line, "unknown field %q for a %s (expected one of: %s)", field, cur.typ, strings.Join(recordFields[cur.typ], ", "))
	}
	switch field {
	case "kind", "short", "parent", "owner", "key", "note", "rk", "generic":
		if seen[field] {
			return p.errf(line, "second %q in the record of line %d (expected one)", field, cur.line)
		}
		seen[field] = true
	}
	switch field {
	case "kind":
		k := Kind(value)
		if !kinds[k] {
			return p.errf(line, "unknown kind %q (expected ministry, committee, agency, company, court or other)", value)
		}
		cur.kind = k
	case "short":
		cur.short = value
		cur.names = append(cur.names, spelling{text: value, line: line, field: field, local: cur.typ == recUnit})
	case "local":
		cur.names = append(cur.names, spelling{text: value, line: line, field: field, local: true})
	case "alias", "former", "misspelling":
		cur.names = append(cur.names, spelling{text: value, line: line, field: field, local: cur.typ == recUnit})
	case "homonym":
		cur.names = append(cur.names, spelling{text: value, line: line, field: field, homonym: true})
	case "parent", "owner":
		cur.ref, cur.refLine = value, line
	case "key":
		if Slug(value) != value {
			return p.errf(line, "key %q is not a slug (expected lower case letters and digits joined by \"-\", e.g. %q)", value, Slug(value))
		}
		cur.key = value
	case "note":
		cur.note = value
	case "generic":
		if value != "yes" {
			return p.errf(line, "generic: %q (expected \"generic: yes\")", value)
		}
		cur.generic = true
	case "rk":
		if value != "required" {
			return p.errf(line, "rk: %q (expected \"rk: required\")", value)
		}
		cur.keepRK = true
	}
	return nil
}

// finish checks a record once all its fields are read.
func (p *parser) finish(cur *record) error {
	if cur == nil {
		return nil
	}
	switch cur.typ {
	case recBody:
		if cur.kind == "" {
			return p.errf(cur.line, "body %q has no kind (expected an indented \"kind: ministry|committee|agency|company|court|other\" line)", cur.name)
		}
		if len(cur.spellings("local")) > 0 && cur.ref == "" {
			return p.errf(cur.line, "body %q has a local abbreviation but no parent (expected \"parent: …\": a local abbreviation is valid in the parent's maps)", cur.name)
		}
	case recUnit:
		if cur.ref == "" {
			return p.errf(cur.line, "unit %q has no parent (expected \"parent: …\" naming its body)", cur.name)
		}
	case recSystem:
		if cur.generic && cur.ref != "" {
			return p.errf(cur.line, "system %q is generic and has an owner (expected no \"owner:\": a generic abbreviation is owned by the body a document names with it)", cur.name)
		}
		if len(cur.spellings("homonym")) > 0 && cur.ref == "" {
			return p.errf(cur.line, "system %q has a homonym but no owner (expected \"owner: …\": homonyms are told apart by owner)", cur.name)
		}
	}
	if cur.short == "" {
		if locals := cur.spellings("local"); len(locals) > 0 {
			cur.short = locals[0]
		}
	}
	if cur.key == "" {
		cur.key = Slug(cur.name)
	}
	if cur.key == "" {
		return p.errf(cur.line, "name %q has no letters or digits (expected a name)", cur.name)
	}
	return nil
}

// build resolves references, compiles the spellings and checks that no two
// records share one.
func (p *parser) build() (*Registry, error) {
	reg := &Registry{
		name:   p.name,
		recs:   p.recs,
		byKey:  map[string]*record{},
		main:   newNode(),
		legal:  newNode(),
		prefix: newNode(),
		strip:  newNode(),
		quals:  map[*record][][]token{},
		keySet: map[string]bool{},
	}
	for _, rec := range p.recs {
		if old, ok := reg.byKey[rec.key]; ok {
			return nil, p.errf(rec.line, "key %q is already used by %q at line %d (expected unique keys: set \"key:\" on one of them)", rec.key, old.name, old.line)
		}
		reg.byKey[rec.key] = rec
		reg.keySet[rec.key] = true
		if rec.typ == recBody {
			reg.nBodies++
		}
	}
	for _, v := range p.legal {
		toks := tokenize(v.text)
		if len(toks) == 0 {
			return nil, p.errf(v.line, "legal form %q has no words (expected e.g. \"АО\")", v.text)
		}
		reg.legal.insert(toks, &entry{kind: entLegal, text: v.text, line: v.line})
	}
	for _, v := range p.prefix {
		toks := tokenize(v.text)
		if len(toks) == 0 {
			return nil, p.errf(v.line, "prefix %q has no words (expected e.g. \"ИС\")", v.text)
		}
		reg.prefix.insert(toks, &entry{kind: entPrefix, text: v.text, line: v.line})
	}

	// Body references first (with the body spellings compiled), so that a
	// reference may use any name, short name or key of a body.
	bodyIndex := map[string][]*record{}
	for _, rec := range p.recs {
		if rec.typ != recBody {
			continue
		}
		for _, s := range rec.names {
			if s.local {
				continue
			}
			k := joinNorm(reg.core(tokenize(s.text)))
			bodyIndex[k] = appendUnique(bodyIndex[k], rec)
		}
		bodyIndex["key:"+rec.key] = []*record{rec}
	}
	for _, rec := range p.recs {
		if rec.ref == "" {
			continue
		}
		cands := bodyIndex["key:"+rec.ref]
		if cands == nil {
			cands = bodyIndex[joinNorm(reg.core(tokenize(rec.ref)))]
		}
		field := "parent"
		if rec.typ == recSystem {
			field = "owner"
		}
		switch len(cands) {
		case 0:
			return nil, p.errf(rec.refLine, "%s %q is not a body of this table (expected the short name, a name or the key of a body record)", field, rec.ref)
		case 1:
			rec.parent = cands[0]
		default:
			return nil, p.errf(rec.refLine, "%s %q names several bodies (lines %d and %d; expected a unique name or key)", field, rec.ref, cands[0].line, cands[1].line)
		}
	}
	for _, rec := range p.recs {
		seen := map[*record]bool{}
		for b := rec; b != nil; b = b.parent {
			if seen[b] {
				return nil, p.errf(rec.refLine, "parent chain of %q loops back to %q (expected a tree)", rec.name, b.name)
			}
			seen[b] = true
			if rec.typ != recBody {
				break
			}
		}
	}

	for _, v := range p.self {
		if err := reg.add(p, tokenize(v.text), &entry{kind: entSelf, text: v.text, line: v.line}); err != nil {
			return nil, err
		}
	}
	for _, v := range p.none {
		text, star := strings.CutSuffix(v.text, "*")
		if err := reg.add(p, tokenize(text), &entry{kind: entNone, text: v.text, line: v.line, prefix: star}); err != nil {
			return nil, err
		}
	}
	kindOf := map[recType]entryKind{recBody: entBody, recSystem: entSystem, recUnit: entUnit}
	for _, rec := range p.recs {
		for _, s := range rec.names {
			e := &entry{kind: kindOf[rec.typ], rec: rec, text: s.text, line: s.line, homonym: s.homonym,
				misspelling: s.field == "misspelling"}
			if s.local {
				e.scope = rec.parent
				if rec.typ == recBody && rec.parent == nil {
					e.scope = rec
				}
			}
			// A committee's bare name ("Комитет информации") names it only in
			// its ministry's maps; elsewhere it needs the ministry
			// ("Комитет информации МКИ"), which the derived spellings give.
			if rec.typ == recBody && rec.kind == KindCommittee && rec.parent != nil && s.field != "short" &&
				!reg.qualified(reg.coreFor(rec, tokenize(s.text)), reg.qualifiers(rec.parent)) {
				e.scope = rec.parent
			}
			if err := reg.add(p, tokenize(s.text), e); err != nil {
				return nil, err
			}
		}
	}
	// Derived spellings: a body with a parent, qualified by the parent.
	for _, rec := range p.recs {
		if rec.typ != recBody || rec.parent == nil {
			continue
		}
		pq := reg.qualifiers(rec.parent)
		for _, s := range rec.names {
			base := reg.coreFor(rec, tokenize(s.text))
			if reg.qualified(base, pq) {
				continue
			}
			for _, q := range pq {
				toks := joinTokens(base, q)
				e := &entry{kind: entBody, rec: rec, text: s.text + " " + joinNorm(q), line: s.line, derived: true}
				if err := reg.add(p, toks, e); err != nil {
					return nil, err
				}
			}
		}
	}
	// System spellings without their generic prefix, for the fallback lookup.
	for _, rec := range p.recs {
		if rec.typ != recSystem {
			continue
		}
		for _, s := range rec.names {
			toks := reg.core(tokenize(s.text))
			stripped := reg.stripPrefix(toks)
			if len(stripped) == len(toks) {
				continue
			}
			e := &entry{kind: entSystem, rec: rec, text: s.text, line: s.line, homonym: s.homonym}
			if err := addTo(p, reg.strip, stripped, e, true); err != nil {
				return nil, err
			}
		}
	}
	for _, rec := range p.recs {
		if rec.typ == recBody {
			reg.qualifiers(rec) // filled now: the registry is read-only afterwards
		}
	}
	sort.SliceStable(reg.recs, func(i, j int) bool { return reg.recs[i].line < reg.recs[j].line })
	return reg, nil
}

func appendUnique(list []*record, r *record) []*record {
	for _, x := range list {
		if x == r {
			return list
		}
	}
	return append(list, r)
}

// add compiles one spelling into the main trie, with its variant that does not
// require the spelling's internal separators.
func (reg *Registry) add(p *parser, toks []token, e *entry) error {
	core := toks
	if e.rec != nil {
		core = reg.coreFor(e.rec, toks)
	}
	if len(core) == 0 {
		return p.errf(e.line, "%q has no words left after legal forms and \"РК\" (expected a name)", e.text)
	}
	return addTo(p, reg.main, core, e, false)
}

func addTo(p *parser, root *node, toks []token, e *entry, strip bool) error {
	if e.script == 0 {
		e.script = scriptOf(toks)
	}
	variants := [][]token{toks}
	soft := make([]token, len(toks))
	copy(soft, toks)
	changed := false
	for i := 1; i < len(soft); i++ {
		if soft[i].hard {
			soft[i].hard = false
			changed = true
		}
	}
	if changed {
		variants = append(variants, soft)
	}
	for _, v := range variants {
		n := root.insert(v, nil)
		dup, err := n.conflict(p, e, strip)
		if err != nil {
			return err
		}
		if !dup {
			n.terms = append(n.terms, e)
		}
	}
	return nil
}

// core drops leading legal forms and a trailing "РК" from a name's words.
func (reg *Registry) core(toks []token) []token {
	for {
		n, _ := reg.legal.longest(toks, 0, nil)
		if n == 0 || n >= len(toks) {
			break
		}
		toks = toks[n:]
	}
	for len(toks) > 1 && toks[len(toks)-1].norm == "рк" {
		toks = toks[:len(toks)-1]
	}
	return toks
}

// coreFor is core for a spelling of rec: a record with "rk: required" keeps
// its trailing "РК" ("Национальный архив РК", but not any "Национальный
// архив").
func (reg *Registry) coreFor(rec *record, toks []token) []token {
	if !rec.keepRK {
		return reg.core(toks)
	}
	for {
		n, _ := reg.legal.longest(toks, 0, nil)
		if n == 0 || n >= len(toks) {
			return toks
		}
		toks = toks[n:]
	}
}

// stripPrefix drops generic system-type prefixes ("ИС", "Портал") while the
// rest still identifies a system: at least three letters ("ГБД ЕЛ" stays).
func (reg *Registry) stripPrefix(toks []token) []token {
	for {
		n, _ := reg.prefix.longest(toks, 0, nil)
		if n == 0 || n >= len(toks) || letters(toks[n:]) < 3 {
			return toks
		}
		toks = toks[n:]
	}
}

var genitive = map[string]string{
	"министерство":  "министерства",
	"комитет":       "комитета",
	"агентство":     "агентства",
	"служба":        "службы",
	"правительство": "правительства",
	"департамент":   "департамента",
}

// qualifiers returns the word sequences that may follow a name to say that it
// belongs to body b: b's names in the genitive, b's one-word names (МФ), and
// those followed in turn by b's parent's qualifiers. The words keep their
// separators ("цифрового развития, инноваций").
func (reg *Registry) qualifiers(b *record) [][]token {
	if q, ok := reg.quals[b]; ok {
		return q
	}
	var own [][]token
	for _, s := range b.names {
		if s.local {
			continue
		}
		toks := append([]token(nil), reg.core(tokenize(s.text))...)
		switch {
		case len(toks) == 1:
			own = append(own, toks)
		case genitive[toks[0].norm] != "":
			toks[0].norm = genitive[toks[0].norm]
			own = append(own, toks)
		}
	}
	out := append([][]token(nil), own...)
	if b.parent != nil {
		pq := reg.qualifiers(b.parent)
		for _, o := range own {
			if reg.qualified(o, pq) {
				continue
			}
			for _, q := range pq {
				out = append(out, joinTokens(o, q))
			}
		}
	}
	seen := map[string]bool{}
	uniq := out[:0]
	for _, q := range out {
		k := joinNorm(q)
		if !seen[k] {
			seen[k] = true
			uniq = append(uniq, q)
		}
	}
	reg.quals[b] = uniq
	return uniq
}

// joinTokens returns a followed by b, joined by a space.
func joinTokens(a, b []token) []token {
	out := make([]token, 0, len(a)+len(b))
	out = append(out, a...)
	for i, t := range b {
		if i == 0 {
			t.hard = false
		}
		out = append(out, t)
	}
	return out
}

// qualified reports whether toks already end with one of the qualifiers.
func (reg *Registry) qualified(toks []token, quals [][]token) bool {
	for _, q := range quals {
		if len(q) >= len(toks) {
			continue
		}
		ok := true
		off := len(toks) - len(q)
		for i, w := range q {
			if toks[off+i].norm != w.norm {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
