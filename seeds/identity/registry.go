package identity

import (
	"fmt"
	"strings"
)

// Match says how a name was resolved.
type Match string

const (
	// Known: the name is a spelling of a table record; Key is the record's key.
	Known Match = "known"
	// Unknown: the name is not in the table; the record is made from the text
	// and keyed by automatic normalization (the same key for every spelling
	// with the same skeleton).
	Unknown Match = "unknown"
	// Ambiguous: the name is a homonym (several systems) that neither the
	// hints nor the scope settle; Candidates lists the keys, Key is automatic.
	Ambiguous Match = "ambiguous"
	// Self: the name means "the body whose map this is" (ЦГО) and was
	// resolved without a scope; Key is empty.
	Self Match = "self"
	// None: the text names nothing ("Отсутствует"); Key is empty.
	None Match = "none"
)

// Body is a state body or organization.
type Body struct {
	// Key is the node key: the slug of the canonical name (or the table's
	// "key:"), or the automatic key of an unknown name.
	Key string
	// Name is the canonical full name, or the name as written when unknown.
	Name  string
	Short string
	Kind  Kind
	// Parent is the key of the body this one belongs to ("" if none).
	Parent string
	// ParentText names the parent when the table does not know it: the
	// qualifier of the name in the nominative ("Комитет … Министерства
	// энергетики" → "Министерство энергетики"); resolve it as a body.
	ParentText string
	// Aliases are the table's spellings (short, local, alias), Former the
	// former names; both exclude Name.
	Aliases []string
	Former  []string
	Note    string
	// Line is the record's line in the table (0 when unknown).
	Line  int
	Match Match
	// Misspelling is the table's misspelling the text matched ("" when
	// the text is a proper spelling).
	Misspelling string
	// Text is the text that was resolved, as written.
	Text string
}

// System is an information system, database, portal or platform.
type System struct {
	Key     string
	Name    string
	Short   string
	Owner   string // key of the owning body, "" if unknown
	Aliases []string
	Former  []string
	Note    string
	Line    int
	Match   Match
	// Candidates are the keys a homonym could mean (Match == Ambiguous).
	Candidates []string
	Text       string
	// Misspelling is the table's misspelling the text matched.
	Misspelling string
	// Generic marks an abbreviation several bodies use for their own
	// systems ("generic: yes"): the owner is the body a document names
	// with it, and each owner has its own node.
	Generic bool
}

// Unit is a structural unit (department, directorate) of a body. A unit
// column may also name a body (a committee, a subordinate organization, the
// ministry itself); then Body is set and Key, Name, Short, Parent are the
// body's.
type Unit struct {
	Key     string
	Name    string
	Short   string
	Parent  string // key of the body the unit belongs to
	Aliases []string
	Note    string
	Line    int
	Match   Match
	Body    *Body
	Text    string
}

type entryKind uint8

const (
	entBody entryKind = iota + 1
	entSystem
	entUnit
	entNone
	entSelf
	entLegal
	entPrefix
)

type kindMask uint16

func maskOf(ks ...entryKind) kindMask {
	var m kindMask
	for _, k := range ks {
		m |= 1 << k
	}
	return m
}

var (
	maskAll    = maskOf(entBody, entSystem, entUnit, entNone, entSelf)
	maskBody   = maskOf(entBody, entSelf, entNone)
	maskSystem = maskOf(entSystem, entNone)
	maskUnit   = maskOf(entUnit, entBody, entSelf, entNone)
)

// entry is one compiled spelling.
type entry struct {
	kind    entryKind
	rec     *record // nil for none, self, legal, prefix
	scope   *record // local spelling: valid in the maps of this body and below
	homonym bool
	// misspelling: a known misspelling, resolved but reported as such
	misspelling bool
	prefix      bool // none phrase ending in "*"
	derived     bool
	script      uint8 // scripts of the spelling's letters
	text        string
	line        int
}

func (e *entry) describe() string {
	if e.derived {
		return fmt.Sprintf("derived spelling %q (from line %d)", e.text, e.line)
	}
	return fmt.Sprintf("%q (line %d)", e.text, e.line)
}

// node is a trie over skeleton words. An edge for a word preceded by a hard
// separator is keyed "|word", so a spelling does not run across a comma or a
// parenthesis that it does not contain itself.
type node struct {
	next  map[string]*node
	terms []*entry
}

func newNode() *node { return &node{next: map[string]*node{}} }

func edgeKey(t token, first bool) string {
	if t.hard && !first {
		return "|" + t.norm
	}
	return t.norm
}

func (n *node) insert(toks []token, e *entry) *node {
	cur := n
	for i, t := range toks {
		k := edgeKey(t, i == 0)
		next := cur.next[k]
		if next == nil {
			next = newNode()
			cur.next[k] = next
		}
		cur = next
	}
	if e != nil {
		cur.terms = append(cur.terms, e)
	}
	return cur
}

// longest returns the length of the longest spelling starting at toks[i] with
// at least one entry accepted by ok (nil accepts all), and those entries.
func (n *node) longest(toks []token, i int, ok func(*entry) bool) (int, []*entry) {
	best := 0
	var bestTerms []*entry
	var script uint8
	cur := n
	for k := i; k < len(toks); k++ {
		next := cur.next[edgeKey(toks[k], k == i)]
		if next == nil {
			break
		}
		cur = next
		script |= toks[k].script
		var valid []*entry
		for _, t := range cur.terms {
			if (ok == nil || ok(t)) && !scriptClash(script, t.script) {
				valid = append(valid, t)
			}
		}
		if len(valid) > 0 {
			best, bestTerms = k-i+1, valid
		}
	}
	return best, bestTerms
}

// conflict checks a new entry against the entries already at n. dup reports
// that the same record already has this spelling.
func (n *node) conflict(p *parser, e *entry, strip bool) (dup bool, err error) {
	for _, t := range n.terms {
		if t.rec == e.rec && t.kind == e.kind {
			if t.scope == e.scope {
				return true, nil
			}
			continue
		}
		if t.homonym && e.homonym && t.kind == entSystem && e.kind == entSystem {
			continue
		}
		if t.scope != nil && e.scope != nil && t.scope != e.scope {
			continue
		}
		what := func(x *entry) string {
			switch {
			case x.rec != nil:
				return fmt.Sprintf("%s %q", x.rec.typ, x.rec.name)
			case x.kind == entNone:
				return "a none phrase"
			case x.kind == entSelf:
				return "a self phrase"
			}
			return "an entry"
		}
		how := "has the same skeleton as"
		if strip {
			how = "without its generic prefix has the same skeleton as"
		}
		return false, p.errf(e.line, "%s of %s %s %s of %s (expected every spelling to name one record; use \"local:\" for an abbreviation valid in one body's maps, \"homonym:\" for systems told apart by owner)",
			e.describe(), what(e), how, t.describe(), what(t))
	}
	return false, nil
}

// Scope resolves names inside the maps of one body: "local" abbreviations of
// that body and of its parents' other bodies and units become valid, self
// phrases (ЦГО) mean the owner, and homonyms fall back to the owner.
type Scope struct {
	reg   *Registry
	owner *record
	body  Body
}

// Scope returns the resolver for the maps of owner (a name as written, a
// short name or a key). An owner not in the table still gets a scope; its
// self phrases resolve to the automatic record.
func (reg *Registry) Scope(owner string) *Scope {
	s := &Scope{reg: reg}
	if rec, ok := reg.byKey[owner]; ok && rec.typ == recBody {
		s.owner = rec
		s.body = reg.bodyOf(rec, owner)
		return s
	}
	b := reg.global().body(owner, nil)
	s.body = b
	if b.Match == Known {
		s.owner = reg.byKey[b.Key]
	}
	return s
}

// Owner returns the scope's body.
func (s *Scope) Owner() Body { return s.body }

// resolver resolves names within an optional scope.
type resolver struct {
	reg   *Registry
	scope *record
	self  *Body // the scope's body (nil without a scope)
}

func (reg *Registry) global() *resolver { return &resolver{reg: reg} }

func (s *Scope) resolver() *resolver {
	b := s.body
	return &resolver{reg: s.reg, scope: s.owner, self: &b}
}

func (x *resolver) valid(mask kindMask) func(*entry) bool {
	return func(e *entry) bool {
		if mask&(1<<e.kind) == 0 {
			return false
		}
		return e.scope == nil || within(x.scope, e.scope)
	}
}

// matchAt finds the longest spelling starting at toks[i] (after legal forms,
// which the match absorbs, as it absorbs a following "РК").
func (x *resolver) matchAt(toks []token, i int, mask kindMask) (end int, ents []*entry) {
	ok := x.valid(mask)
	try := func(j int) (int, []*entry) {
		n, ents := x.reg.main.longest(toks, j, ok)
		if n == 0 {
			return 0, nil
		}
		return j + n, ents
	}
	j := i
	for {
		n, _ := x.reg.legal.longest(toks, j, nil)
		if n == 0 || j+n >= len(toks) || toks[j+n].hard {
			break
		}
		j += n
	}
	end, ents = try(j)
	if ents == nil && j != i {
		end, ents = try(i)
	}
	if ents == nil {
		return 0, nil
	}
	if ents[0].kind == entNone && ents[0].prefix {
		for end < len(toks) && !toks[end].hard {
			end++
		}
	}
	for end < len(toks) && toks[end].norm == "рк" && !toks[end].hard {
		end++
	}
	return end, ents
}

// pick chooses the record among homonym entries: the one whose owner is
// related (same body, ancestor or descendant) to a hint, else to the scope.
func (x *resolver) pick(ents []*entry, hints []*record) (*record, []*record) {
	var recs []*record
	for _, e := range ents {
		if e.rec != nil {
			recs = appendUnique(recs, e.rec)
		}
	}
	if len(recs) <= 1 {
		if len(recs) == 0 {
			return nil, nil
		}
		return recs[0], nil
	}
	related := func(owner, h *record) bool {
		return owner != nil && h != nil && (within(owner, h) || within(h, owner))
	}
	for _, group := range [][]*record{hints, {x.scope}} {
		var hit []*record
		for _, r := range recs {
			for _, h := range group {
				if related(r.parent, h) {
					hit = appendUnique(hit, r)
				}
			}
		}
		if len(hit) == 1 {
			return hit[0], nil
		}
		if len(hit) > 1 {
			return nil, hit
		}
	}
	return nil, recs
}

// resolved is the outcome of resolving one name.
type resolved struct {
	kind  entryKind // 0 when unknown
	rec   *record
	cands []*record
	toks  []token // the name's words (for an unknown or ambiguous key)
	// misspelling is the table's misspelling matched ("" for a proper
	// spelling).
	misspelling string
}

// name resolves text as one name of the kinds in mask.
func (x *resolver) name(text string, mask kindMask, hints []*record) resolved {
	toks := tokenize(text)
	if len(toks) == 0 {
		return resolved{kind: entNone}
	}
	if end, ents := x.matchAt(toks, 0, mask); ents != nil && end == len(toks) {
		return x.fromEntries(ents, hints, toks)
	}
	core := x.reg.core(toks)
	if mask&(1<<entSystem) != 0 {
		stripped := x.reg.stripPrefix(core)
		ok := x.valid(maskOf(entSystem))
		for _, try := range [][]token{stripped, core} {
			if len(try) == 0 {
				continue
			}
			if n, ents := x.reg.main.longest(try, 0, ok); n == len(try) && ents != nil {
				return x.fromEntries(ents, hints, toks)
			}
			if n, ents := x.reg.strip.longest(try, 0, ok); n == len(try) && ents != nil {
				return x.fromEntries(ents, hints, toks)
			}
		}
	}
	// "Портал «электронного правительства» (egov)": several parts that all
	// name the same record.
	segs := x.segments(text, toks, maskAll)
	if len(segs) > 1 {
		var one *record
		var kind entryKind
		same := true
		for _, sg := range segs {
			if sg.ents == nil {
				same = false
				break
			}
			r := x.fromEntries(sg.ents, hints, nil)
			if r.kind == entNone {
				continue
			}
			if r.rec == nil || mask&(1<<r.kind) == 0 || (one != nil && r.rec != one) {
				same = false
				break
			}
			one, kind = r.rec, r.kind
		}
		if same && one != nil {
			return resolved{kind: kind, rec: one}
		}
	}
	return resolved{toks: toks}
}

func (x *resolver) fromEntries(ents []*entry, hints []*record, toks []token) resolved {
	switch ents[0].kind {
	case entNone, entSelf:
		return resolved{kind: ents[0].kind}
	}
	rec, cands := x.pick(ents, hints)
	if rec == nil {
		return resolved{kind: ents[0].kind, cands: cands, toks: toks}
	}
	mis := ""
	for _, e := range ents {
		if e.rec != rec {
			continue
		}
		if !e.misspelling {
			mis = ""
			break
		}
		mis = e.text
	}
	return resolved{kind: ents[0].kind, rec: rec, misspelling: mis}
}

// autoKey returns the automatic key of toks, kept apart from table keys.
func (x *resolver) autoKey(toks []token) string {
	k := autoKey(toks)
	if x.reg.keySet[k] {
		k = "auto-" + k
	}
	return k
}

func (reg *Registry) bodyOf(rec *record, text string) Body {
	b := Body{Key: rec.key, Name: rec.name, Short: rec.short, Kind: rec.kind, Note: rec.note, Line: rec.line, Match: Known, Text: text}
	if rec.parent != nil {
		b.Parent = rec.parent.key
	}
	b.Aliases = rec.spellings("short", "local", "alias", "misspelling")
	b.Former = rec.spellings("former")
	return b
}

func (reg *Registry) systemOf(rec *record, text string) System {
	s := System{Key: rec.key, Name: rec.name, Short: rec.short, Note: rec.note, Line: rec.line, Match: Known, Text: text}
	if rec.parent != nil {
		s.Owner = rec.parent.key
	}
	s.Aliases = rec.spellings("short", "alias", "homonym", "misspelling")
	s.Generic = rec.generic
	s.Former = rec.spellings("former")
	return s
}

func (reg *Registry) unitOf(rec *record, text string) Unit {
	u := Unit{Key: rec.key, Name: rec.name, Short: rec.short, Note: rec.note, Line: rec.line, Match: Known, Text: text}
	if rec.parent != nil {
		u.Parent = rec.parent.key
	}
	u.Aliases = rec.spellings("short", "local", "alias")
	return u
}

// body resolves text as the name of a body.
func (x *resolver) body(text string, hints []*record) Body {
	r := x.name(text, maskBody, hints)
	return x.bodyFrom(text, r)
}

func (x *resolver) bodyFrom(text string, r resolved) Body {
	switch {
	case r.kind == entNone:
		return Body{Match: None, Text: text}
	case r.kind == entSelf:
		if x.self != nil {
			b := *x.self
			b.Text = text
			return b
		}
		return Body{Match: Self, Text: text}
	case r.rec != nil && r.rec.typ == recBody:
		b := x.reg.bodyOf(r.rec, text)
		b.Misspelling = r.misspelling
		return b
	}
	toks := r.toks
	if toks == nil {
		toks = tokenize(text)
	}
	core := x.reg.core(toks)
	b := Body{Key: x.autoKey(core), Name: clean(text), Kind: x.reg.guessKind(toks, core), Match: Unknown, Text: text}
	own := core // the words that name the body within its parent
	if parent, n := x.reg.guessParent(core); parent != "" {
		b.Parent, own = parent, core[:len(core)-n]
	} else if pt, n := x.parentQualifier(text); pt != "" {
		b.Parent, b.ParentText, own = x.body(pt, nil).Key, pt, core[:max(1, len(core)-n)]
	}
	if b.Kind == KindCommittee {
		// A committee belongs to a ministry: the one its name says, else
		// the ministry whose map names it. Two ministries' committees of the
		// same name are two bodies.
		if b.Parent == "" {
			b.Parent = x.ministry()
		}
		if b.Parent != "" {
			b.Key = b.Parent + "/" + autoKey(own)
		}
	}
	return b
}

// ministry is the key of the ministry the scope stands for: the scope's
// body, or its parent when the scope is a committee.
func (x *resolver) ministry() string {
	if x.self == nil {
		return ""
	}
	if x.self.Kind == KindCommittee && x.self.Parent != "" {
		return x.self.Parent
	}
	return x.self.Key
}

// parentWords are the genitive head words of a qualifier naming the body a
// body belongs to, with their nominative.
var parentWords = map[string]string{"министерства": "о", "акимата": ""}

// parentQualifier finds a qualifier "… Министерства энергетики РК" or "…
// Акимата г. Алматы" after the first word of text and returns it in the
// nominative ("Министерство энергетики РК") with its number of words.
func (x *resolver) parentQualifier(text string) (string, int) {
	toks := tokenize(text)
	core := x.reg.core(toks)
	for i := 1; i < len(core); i++ {
		nom, ok := parentWords[core[i].norm]
		if !ok || core[i].hard {
			continue
		}
		j := i + 1
		for j < len(core) && !core[j].hard {
			j++
		}
		word := text[core[i].start:core[i].end]
		word = strings.TrimSuffix(word, "а") + nom
		return clean(word + text[core[i].end:core[j-1].end]), j - i
	}
	return "", 0
}

// system resolves text as the name of a system; hints are bodies named next
// to it (they settle homonyms).
func (x *resolver) system(text string, hints []*record) System {
	r := x.name(text, maskSystem, hints)
	return x.systemFrom(text, r)
}

func (x *resolver) systemFrom(text string, r resolved) System {
	switch {
	case r.kind == entNone:
		return System{Match: None, Text: text}
	case r.rec != nil && r.rec.typ == recSystem:
		s := x.reg.systemOf(r.rec, text)
		s.Misspelling = r.misspelling
		return s
	}
	toks := r.toks
	if toks == nil {
		toks = tokenize(text)
	}
	core := x.reg.stripPrefix(x.reg.core(toks))
	s := System{Key: x.autoKey(core), Name: clean(text), Match: Unknown, Text: text}
	if len(r.cands) > 0 {
		s.Match = Ambiguous
		for _, c := range r.cands {
			s.Candidates = append(s.Candidates, c.key)
		}
	}
	return s
}

// unit resolves text as the name of a structural unit (or of a body named in
// a unit column).
func (x *resolver) unit(text string) Unit {
	r := x.name(text, maskUnit, nil)
	return x.unitFrom(text, r)
}

func (x *resolver) unitFrom(text string, r resolved) Unit {
	switch {
	case r.kind == entNone:
		return Unit{Match: None, Text: text}
	case r.rec != nil && r.rec.typ == recUnit:
		return x.reg.unitOf(r.rec, text)
	case r.kind == entSelf || (r.rec != nil && r.rec.typ == recBody):
		b := x.bodyFrom(text, r)
		return Unit{Key: b.Key, Name: b.Name, Short: b.Short, Parent: b.Parent, Aliases: b.Aliases, Note: b.Note, Line: b.Line, Match: b.Match, Body: &b, Text: text}
	}
	toks := r.toks
	if toks == nil {
		toks = tokenize(text)
	}
	core := x.reg.core(toks)
	u := Unit{Key: x.autoKey(core), Name: clean(text), Match: Unknown, Text: text}
	own := core
	if parent, n := x.reg.guessParent(core); parent != "" {
		u.Parent, own = parent, core[:len(core)-n]
	} else {
		u.Parent = x.ministry()
	}
	if u.Parent != "" {
		// A unit the table does not know belongs to one ministry: the same
		// name in two ministries ("ДЦТ") is two units.
		u.Key = u.Parent + "/" + autoKey(own)
	}
	return u
}

var kindWords = []struct {
	prefix string
	kind   Kind
}{
	{"министерств", KindMinistry},
	{"комитет", KindCommittee},
	{"агентств", KindAgency},
	{"суд", KindCourt},
}

// guessKind guesses the kind of an unknown body from its first word or its
// legal form.
func (reg *Registry) guessKind(toks, core []token) Kind {
	if len(core) > 0 {
		w := core[0].norm
		for _, kw := range kindWords {
			if strings.HasPrefix(w, kw.prefix) && (kw.kind != KindCourt || w == "суд") {
				return kw.kind
			}
		}
		for _, t := range core {
			if t.norm == "суд" {
				return KindCourt
			}
		}
	}
	if len(core) < len(toks) {
		n, ents := reg.legal.longest(toks, 0, nil)
		if n > 0 {
			switch ents[0].text {
			case "РГУ", "ГУ", "КГУ", "Республиканское государственное учреждение", "Государственное учреждение":
				return KindOther
			}
			return KindCompany
		}
	}
	return KindOther
}

// guessParent returns the key of the known body whose qualifier ends the
// name ("… Министерства финансов", "… МФ"), if exactly one does, and the
// qualifier's number of words.
func (reg *Registry) guessParent(core []token) (string, int) {
	best, bestLen, tie := "", 0, false
	for _, rec := range reg.recs {
		if rec.typ != recBody {
			continue
		}
		for _, q := range reg.quals[rec] {
			if len(q) >= len(core) || len(q) < bestLen {
				continue
			}
			off := len(core) - len(q)
			match := true
			for i, w := range q {
				if core[off+i].norm != w.norm {
					match = false
					break
				}
			}
			if !match {
				continue
			}
			switch {
			case len(q) > bestLen:
				best, bestLen, tie = rec.key, len(q), false
			case rec.key != best:
				tie = true
			}
		}
	}
	if tie {
		return "", 0
	}
	return best, bestLen
}
