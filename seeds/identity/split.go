package identity

import (
	"regexp"
	"sort"
	"strings"
)

// MentionType is what a mention names.
type MentionType string

// Mention types.
const (
	MentionBody   MentionType = "body"
	MentionSystem MentionType = "system"
	MentionUnit   MentionType = "unit"
	// MentionOther is a piece of a cell that names no body, system or unit the
	// resolver can tell (data fields in parentheses, free words).
	MentionOther MentionType = "other"
)

// Mention is one name found in a cell or a text.
type Mention struct {
	// Text is the mention as written.
	Text string
	Type MentionType
	// Exactly one of Body, System, Unit is set, according to Type (none for
	// MentionOther).
	Body   *Body
	System *System
	Unit   *Unit
}

// Key returns the key of the mentioned record ("" for MentionOther).
func (m Mention) Key() string {
	switch {
	case m.Body != nil:
		return m.Body.Key
	case m.System != nil:
		return m.System.Key
	case m.Unit != nil:
		return m.Unit.Key
	}
	return ""
}

// Name returns the canonical name of the mentioned record (the text for
// MentionOther).
func (m Mention) Name() string {
	switch {
	case m.Body != nil:
		return m.Body.Name
	case m.System != nil:
		return m.System.Name
	case m.Unit != nil:
		return m.Unit.Name
	}
	return m.Text
}

// Match returns how the mention was resolved ("" for MentionOther).
func (m Mention) Match() Match {
	switch {
	case m.Body != nil:
		return m.Body.Match
	case m.System != nil:
		return m.System.Match
	case m.Unit != nil:
		return m.Unit.Match
	}
	return ""
}

type cellKind int

const (
	cellMixed cellKind = iota
	cellSystems
	cellBodies
	cellUnits
)

// connectors join names in a cell ("ГБД ЕЛ с ЕГКН", "ЦБДАН и БДИК"); a name
// never starts with one.
var connectors = map[string]bool{"и": true, "с": true, "или": true, "либо": true, "а": true, "также": true}

func isConnector(t token) bool { return connectors[t.norm] }

type segment struct {
	i, j int
	ents []*entry // nil: a fragment the table does not know
}

// segments cuts a cell into known spellings and unknown fragments. A
// spelling is taken only where it ends at a separator, a connector or the
// start of another spelling, so a known name is never cut out of a longer
// unknown one; the rest of the cell is cut at hard separators, and at a
// connector followed by a known spelling.
func (x *resolver) segments(text string, toks []token, mask kindMask) []segment {
	n := len(toks)
	starts := func(k int) bool {
		if k >= n {
			return false
		}
		_, ents := x.matchAt(toks, k, mask)
		return ents != nil
	}
	boundary := func(j int) bool {
		return j >= n || toks[j].hard || starts(j) ||
			(isConnector(toks[j]) && j+1 < n && !toks[j+1].hard && starts(j+1))
	}
	var out []segment
	for i := 0; i < n; {
		if isConnector(toks[i]) {
			i++
			continue
		}
		if end, ents := x.matchAt(toks, i, mask); ents != nil && boundary(end) {
			out = append(out, segment{i: i, j: end, ents: ents})
			i = end
			continue
		}
		j := i + 1
		for j < n && !toks[j].hard && !(isConnector(toks[j]) && j+1 < n && !toks[j+1].hard && starts(j+1)) {
			j++
		}
		out = append(out, segment{i: i, j: j})
		i = j
	}
	return out
}

// split resolves every name of a cell.
func (x *resolver) split(text string, kind cellKind, hints []*record) []Mention {
	toks := tokenize(text)
	segs := x.segments(text, toks, maskAll)
	// Bodies first: they are hints for the systems of the same cell.
	hints = append([]*record(nil), hints...)
	for _, sg := range segs {
		if sg.ents != nil && sg.ents[0].kind == entBody {
			if r, _ := x.pick(sg.ents, nil); r != nil {
				hints = append(hints, r)
			}
		}
	}
	var out []Mention
	for _, sg := range segs {
		t := span(text, toks, sg.i, sg.j)
		if sg.ents == nil {
			if m, ok := x.fragment(t, toks[sg.i:sg.j], kind, hints); ok {
				out = append(out, m)
			}
			continue
		}
		r := x.fromEntries(sg.ents, hints, toks[sg.i:sg.j])
		switch r.kind {
		case entNone:
			continue
		case entSystem:
			if kind == cellUnits {
				out = append(out, Mention{Text: t, Type: MentionOther})
				continue
			}
			s := x.systemFrom(t, r)
			out = append(out, Mention{Text: t, Type: MentionSystem, System: &s})
		case entUnit:
			u := x.unitFrom(t, r)
			out = append(out, Mention{Text: t, Type: MentionUnit, Unit: &u})
		default: // body or self
			if kind == cellUnits {
				u := x.unitFrom(t, r)
				out = append(out, Mention{Text: t, Type: MentionUnit, Unit: &u})
				continue
			}
			b := x.bodyFrom(t, r)
			out = append(out, Mention{Text: t, Type: MentionBody, Body: &b})
		}
	}
	return out
}

type pattern int

const (
	patNone pattern = iota
	patBody
	patSystem
	patUnit
)

var (
	unitWords = []string{"департамент", "управлени", "отдел", "сектор"}
	bodyWords = []string{"министерств", "комитет", "агентств", "служб", "акимат", "правительств",
		"корпораци", "палат", "центр", "фонд", "институт", "университет", "академи", "библиотек",
		"музей", "колледж", "школ", "ассамбле", "банк", "комисси", "дирекци", "лаборатори",
		"консерватори", "прокуратур", "орган", "компани", "архив"}
	systemWords = []string{"систем", "портал", "платформ", "реестр", "приложени", "кабинет", "сервис", "модул"}
	domainRe    = regexp.MustCompile(`(?i)[a-z0-9]\.(kz|com|org|net|gov|travel|info|edu)\b`)
)

func hasPrefixAny(w string, list []string) bool {
	for _, p := range list {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// pattern guesses what an unknown name is from its words.
func (reg *Registry) pattern(text string, toks []token) pattern {
	core := reg.core(toks)
	if len(core) == 0 {
		return patNone
	}
	first := core[0].norm
	switch {
	case hasPrefixAny(first, unitWords):
		return patUnit
	case hasPrefixAny(first, bodyWords) || first == "суд":
		return patBody
	}
	if n, _ := reg.prefix.longest(core, 0, nil); n > 0 {
		return patSystem
	}
	if n, _ := reg.legal.longest(toks, 0, nil); n > 0 && n < len(toks) {
		return patBody
	}
	for _, t := range core {
		if hasPrefixAny(t.norm, bodyWords) || t.norm == "суд" {
			return patBody
		}
	}
	if toks[len(toks)-1].norm == "рк" && len(toks) > 1 {
		return patBody
	}
	for i, t := range core {
		if hasPrefixAny(t.norm, systemWords) || (t.norm == "база" || t.norm == "базы") && i+1 < len(core) && core[i+1].norm == "данных" {
			return patSystem
		}
	}
	if domainRe.MatchString(text) {
		return patSystem
	}
	latin := true
	for _, t := range core {
		if !strings.ContainsAny(t.norm, "abcdefghijklmnopqrstuvwxyz") {
			latin = false
		}
	}
	if latin {
		return patSystem
	}
	return patNone
}

// fragment resolves a piece of a cell that is not a table spelling as
// written: a system known without its generic prefix, or an unknown name
// classified by its words and the kind of cell.
func (x *resolver) fragment(text string, toks []token, kind cellKind, hints []*record) (Mention, bool) {
	if strings.Trim(text, " .,;:-–—()«»\"") == "" {
		return Mention{}, false
	}
	if kind != cellUnits {
		if r := x.name(text, maskSystem, hints); r.rec != nil || len(r.cands) > 0 {
			s := x.systemFrom(text, r)
			return Mention{Text: text, Type: MentionSystem, System: &s}, true
		}
	}
	p := x.reg.pattern(text, toks)
	inParens := toks[0].paren > 0
	if p == patNone {
		switch {
		case kind == cellUnits:
			p = patUnit
		case kind == cellSystems && !inParens:
			p = patSystem
		case kind == cellBodies && !inParens:
			p = patBody
		}
	}
	switch p {
	case patUnit:
		u := x.unitFrom(text, resolved{toks: toks})
		return Mention{Text: text, Type: MentionUnit, Unit: &u}, true
	case patBody:
		b := x.bodyFrom(text, resolved{toks: toks})
		if kind == cellUnits {
			u := Unit{Key: b.Key, Name: b.Name, Parent: b.Parent, Match: Unknown, Body: &b, Text: text}
			return Mention{Text: text, Type: MentionUnit, Unit: &u}, true
		}
		return Mention{Text: text, Type: MentionBody, Body: &b}, true
	case patSystem:
		if kind == cellUnits {
			break
		}
		s := x.systemFrom(text, resolved{toks: toks})
		return Mention{Text: text, Type: MentionSystem, System: &s}, true
	}
	return Mention{Text: text, Type: MentionOther}, true
}

// classify resolves a single name whose type is not known.
func (x *resolver) classify(text string) Mention {
	toks := tokenize(text)
	if len(toks) == 0 {
		return Mention{Text: text, Type: MentionOther}
	}
	r := x.name(text, maskAll, nil)
	switch {
	case r.kind == entNone:
		return Mention{Text: text, Type: MentionOther}
	case r.kind == entSystem:
		s := x.systemFrom(text, r)
		return Mention{Text: text, Type: MentionSystem, System: &s}
	case r.kind == entUnit:
		u := x.unitFrom(text, r)
		return Mention{Text: text, Type: MentionUnit, Unit: &u}
	case r.kind == entBody || r.kind == entSelf:
		b := x.bodyFrom(text, r)
		return Mention{Text: text, Type: MentionBody, Body: &b}
	}
	m, _ := x.fragment(text, toks, cellMixed, nil)
	return m
}

// find returns the table spellings that occur in running text.
// Bodies found in the same text settle homonym systems.
func (x *resolver) find(text string) []Mention {
	toks := tokenize(text)
	mask := maskOf(entBody, entSystem, entUnit)
	type hit struct {
		i, end int
		ents   []*entry
	}
	var hits []hit
	var hints []*record
	for i := 0; i < len(toks); {
		end, ents := x.matchAt(toks, i, mask)
		if ents == nil {
			i++
			continue
		}
		hits = append(hits, hit{i, end, ents})
		if ents[0].kind == entBody {
			if r, _ := x.pick(ents, nil); r != nil {
				hints = append(hints, r)
			}
		}
		i = end
	}
	var out []Mention
	for _, h := range hits {
		i, end := h.i, h.end
		t := span(text, toks, i, end)
		r := x.fromEntries(h.ents, hints, toks[i:end])
		switch r.kind {
		case entBody:
			b := x.bodyFrom(t, r)
			out = append(out, Mention{Text: t, Type: MentionBody, Body: &b})
		case entSystem:
			s := x.systemFrom(t, r)
			out = append(out, Mention{Text: t, Type: MentionSystem, System: &s})
		case entUnit:
			u := x.unitFrom(t, r)
			out = append(out, Mention{Text: t, Type: MentionUnit, Unit: &u})
		}
	}
	return out
}

func (x *resolver) hint(body string) []*record {
	if body == "" {
		return nil
	}
	if rec, ok := x.reg.byKey[body]; ok && rec.typ == recBody {
		return []*record{rec}
	}
	var out []*record
	for _, m := range x.split(body, cellBodies, nil) {
		if m.Body != nil && m.Body.Match == Known {
			out = append(out, x.reg.byKey[m.Body.Key])
		}
	}
	return out
}

// ---------------------------------------------------------------- public API

// Body resolves the name of one body.
func (reg *Registry) Body(text string) Body { return reg.global().body(text, nil) }

// System resolves the name of one information system.
func (reg *Registry) System(text string) System { return reg.global().system(text, nil) }

// SystemOf resolves the name of a system named next to a body (the
// integration plan's "ГО/организация" and "ИС" columns): body (as written or
// a key) settles homonyms such as ЕСУТД.
func (reg *Registry) SystemOf(text, body string) System {
	x := reg.global()
	return x.system(text, x.hint(body))
}

// Unit resolves the name of one structural unit. A unit column may name a
// body (a committee, the ministry): then Unit.Body is set.
func (reg *Registry) Unit(text string) Unit { return reg.global().unit(text) }

// Classify resolves one name whose type is not known.
func (reg *Registry) Classify(text string) Mention { return reg.global().classify(text) }

// IsUnit reports whether text names a structural unit rather than a body or a
// system: a table unit, or a name starting with Департамент, Управление,
// Отдел, Сектор. Committees are bodies (kind committee, with a parent), even
// where a map lists them as responsible units; use SplitUnits for such
// columns.
func (reg *Registry) IsUnit(text string) bool { return reg.Classify(text).Type == MentionUnit }

// SplitMentions resolves every name of a cell that may name bodies, systems
// and units together, e.g. "МФ РК, МИИЦР РК (ГБД ЕЛ с ЕГКН)". Pieces that
// name none of them are returned as MentionOther; status phrases
// ("Отсутствует") are dropped. Bodies of the cell settle homonym systems.
func (reg *Registry) SplitMentions(text string) []Mention {
	return reg.global().split(text, cellMixed, nil)
}

// SplitBodies returns the bodies a cell names (a cell of bodies: unknown
// pieces outside parentheses count as bodies).
func (reg *Registry) SplitBodies(text string) []Body {
	return bodies(reg.global().split(text, cellBodies, nil))
}

// SplitSystems returns the systems a cell names ("Статус автоматизации":
// unknown pieces outside parentheses count as systems; status phrases and
// data fields in parentheses do not).
func (reg *Registry) SplitSystems(text string) []System {
	return systems(reg.global().split(text, cellSystems, nil))
}

// SplitUnits returns the units a "responsible unit" cell names; a piece that
// names a body (committee, ministry, subordinate organization) is a Unit with
// Body set.
func (reg *Registry) SplitUnits(text string) []Unit {
	return units(reg.global().split(text, cellUnits, nil))
}

// Find returns every table spelling that occurs in running text (prose,
// project descriptions). Names the table does not know are not found.
func (reg *Registry) Find(text string) []Mention { return reg.global().find(text) }

// Body resolves the name of one body within the scope.
func (s *Scope) Body(text string) Body { return s.resolver().body(text, nil) }

// System resolves the name of one system within the scope; the scope's body
// settles homonyms.
func (s *Scope) System(text string) System { return s.resolver().system(text, nil) }

// SystemOf resolves a system named next to body; body settles homonyms
// first, then the scope's body.
func (s *Scope) SystemOf(text, body string) System {
	x := s.resolver()
	return x.system(text, x.hint(body))
}

// Unit resolves the name of one unit within the scope.
func (s *Scope) Unit(text string) Unit { return s.resolver().unit(text) }

// Classify resolves one name of unknown type within the scope.
func (s *Scope) Classify(text string) Mention { return s.resolver().classify(text) }

// IsUnit is Registry.IsUnit within the scope.
func (s *Scope) IsUnit(text string) bool { return s.Classify(text).Type == MentionUnit }

// SplitMentions is Registry.SplitMentions within the scope.
func (s *Scope) SplitMentions(text string) []Mention { return s.resolver().split(text, cellMixed, nil) }

// SplitBodies is Registry.SplitBodies within the scope.
func (s *Scope) SplitBodies(text string) []Body {
	return bodies(s.resolver().split(text, cellBodies, nil))
}

// SplitSystems is Registry.SplitSystems within the scope.
func (s *Scope) SplitSystems(text string) []System {
	return systems(s.resolver().split(text, cellSystems, nil))
}

// SplitUnits is Registry.SplitUnits within the scope.
func (s *Scope) SplitUnits(text string) []Unit {
	return units(s.resolver().split(text, cellUnits, nil))
}

// Find is Registry.Find within the scope.
func (s *Scope) Find(text string) []Mention { return s.resolver().find(text) }

func bodies(ms []Mention) []Body {
	var out []Body
	for _, m := range ms {
		if m.Body != nil {
			out = append(out, *m.Body)
		}
	}
	return out
}

func systems(ms []Mention) []System {
	var out []System
	for _, m := range ms {
		if m.System != nil {
			out = append(out, *m.System)
		}
	}
	return out
}

func units(ms []Mention) []Unit {
	var out []Unit
	for _, m := range ms {
		if m.Unit != nil {
			out = append(out, *m.Unit)
		}
	}
	return out
}

// Bodies returns every body of the table, in table order.
func (reg *Registry) Bodies() []Body {
	var out []Body
	for _, r := range reg.recs {
		if r.typ == recBody {
			out = append(out, reg.bodyOf(r, ""))
		}
	}
	return out
}

// Systems returns every system of the table, in table order.
func (reg *Registry) Systems() []System {
	var out []System
	for _, r := range reg.recs {
		if r.typ == recSystem {
			out = append(out, reg.systemOf(r, ""))
		}
	}
	return out
}

// Units returns every unit of the table, in table order.
func (reg *Registry) Units() []Unit {
	var out []Unit
	for _, r := range reg.recs {
		if r.typ == recUnit {
			out = append(out, reg.unitOf(r, ""))
		}
	}
	return out
}

// BodyByKey returns the table body with the key.
func (reg *Registry) BodyByKey(key string) (Body, bool) {
	if r, ok := reg.byKey[key]; ok && r.typ == recBody {
		return reg.bodyOf(r, ""), true
	}
	return Body{}, false
}

// SystemByKey returns the table system with the key.
func (reg *Registry) SystemByKey(key string) (System, bool) {
	if r, ok := reg.byKey[key]; ok && r.typ == recSystem {
		return reg.systemOf(r, ""), true
	}
	return System{}, false
}

// ------------------------------------------------------------------- merges

// Merge is one node and the distinct spellings that resolve to it.
type Merge struct {
	Type  MentionType
	Key   string
	Name  string
	Match Match
	// Spellings are the distinct input texts (trimmed), sorted.
	Spellings []string
}

// Groups groups mentions by node (type and key). Mentions without a key
// (MentionOther, None, Self) are left out. Groups are sorted by type (body,
// system, unit), then key.
func Groups(ms []Mention) []Merge {
	idx := map[string]*Merge{}
	seen := map[string]bool{}
	var order []*Merge
	for _, m := range ms {
		k := m.Key()
		if k == "" || m.Type == MentionOther {
			continue
		}
		id := string(m.Type) + "\x00" + k
		g := idx[id]
		if g == nil {
			g = &Merge{Type: m.Type, Key: k, Name: m.Name(), Match: m.Match()}
			idx[id] = g
			order = append(order, g)
		}
		sp := strings.TrimSpace(m.Text)
		if !seen[id+"\x00"+sp] {
			seen[id+"\x00"+sp] = true
			g.Spellings = append(g.Spellings, sp)
		}
	}
	rank := map[MentionType]int{MentionBody: 0, MentionSystem: 1, MentionUnit: 2}
	out := make([]Merge, len(order))
	for i, g := range order {
		sort.Strings(g.Spellings)
		out[i] = *g
	}
	sort.Slice(out, func(i, j int) bool {
		if rank[out[i].Type] != rank[out[j].Type] {
			return rank[out[i].Type] < rank[out[j].Type]
		}
		return out[i].Key < out[j].Key
	})
	return out
}

// Merges returns the groups of Groups in which two or more distinct
// spellings collapse into one node.
func Merges(ms []Mention) []Merge {
	var out []Merge
	for _, g := range Groups(ms) {
		if len(g.Spellings) > 1 {
			out = append(out, g)
		}
	}
	return out
}

// BodyMerges resolves names as bodies and lists the nodes that two or more
// of them collapse into.
func (reg *Registry) BodyMerges(names []string) []Merge {
	var ms []Mention
	for _, n := range names {
		b := reg.Body(n)
		ms = append(ms, Mention{Text: n, Type: MentionBody, Body: &b})
	}
	return Merges(ms)
}

// SystemMerges resolves names as systems and lists the nodes that two or
// more of them collapse into.
func (reg *Registry) SystemMerges(names []string) []Merge {
	var ms []Mention
	for _, n := range names {
		s := reg.System(n)
		ms = append(ms, Mention{Text: n, Type: MentionSystem, System: &s})
	}
	return Merges(ms)
}
