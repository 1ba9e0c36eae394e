package resolve

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/karta/karta/catalog/textnorm"
	"github.com/karta/karta/seeds/identity"
	"github.com/karta/karta/seeds/kct"
)

// Resolve resolves every name of d through reg. It fails only when the
// document names no owner.
func Resolve(reg *identity.Registry, d *kct.Document) (*Document, error) {
	r := &resolver{reg: reg, doc: d, out: &Document{Doc: d, File: d.File,
		bodyIdx: map[string]int{}, sysIdx: map[string]int{}, unitIdx: map[string]int{}}}
	if err := r.owner(); err != nil {
		return nil, err
	}
	r.teach()
	r.passport()
	r.spheres()
	r.kpis()
	r.summary()
	r.plannedServices()
	r.integrations()
	r.icebreakers()
	r.needs()
	r.mentions()
	return r.out, nil
}

// resolver resolves one document. It visits the document in the order the
// loader writes it, so that the first spelling met names a new node in both.
type resolver struct {
	reg      *identity.Registry
	scope    *identity.Scope
	doc      *kct.Document
	out      *Document
	ownerKey string
	// abbrev maps the abbreviations the document teaches (textnorm.Key) to
	// the full names.
	abbrev map[string]string
}

// ownerText is the text naming the body whose map d is.
func ownerText(d *kct.Document) string {
	if d.Owner != "" {
		return d.Owner
	}
	if d.Passport != nil && len(d.Passport.DevelopmentBodies) > 0 {
		return d.Passport.DevelopmentBodies[0]
	}
	return ""
}

func (r *resolver) owner() error {
	text := ownerText(r.doc)
	r.scope = r.reg.Scope(dropAbbrev(text))
	own := r.scope.Owner()
	via := ""
	// A map belongs to the ministry even when a committee developed it (the
	// committee stays among the development bodies).
	for i := 0; i < 4 && own.Parent != "" && own.Parent != own.Key; i++ {
		p, ok := r.parentOf(own)
		if !ok {
			break
		}
		own, via = p, "parent of the developing body"
	}
	if own.Key == "" {
		return fmt.Errorf("line 1: map owner: expected the body whose map this is (title page or passport «Государственные органы, ответственные за разработку карты»), found none")
	}
	r.ownerKey = own.Key
	r.out.Owner = r.addBody(own, "title page")
	r.out.Owner.Text, r.out.Owner.Via = text, via
	return nil
}

// parentOf returns the body b belongs to: the table's, or the one its name
// qualifies it with ("… Министерства энергетики").
func (r *resolver) parentOf(b identity.Body) (identity.Body, bool) {
	if p, ok := r.reg.BodyByKey(b.Parent); ok {
		return p, true
	}
	if b.ParentText != "" {
		p := r.scope.Body(b.ParentText)
		if p.Key == b.Parent {
			return p, true
		}
	}
	return identity.Body{}, false
}

func ref(text, key string, m identity.Match) Ref { return Ref{Text: text, Key: key, Match: m} }

// addBody records b (and its parents) and returns its reference.
func (r *resolver) addBody(b identity.Body, where string) Ref {
	if b.Key == "" {
		return ref(b.Text, "", b.Match)
	}
	if _, ok := r.out.bodyIdx[b.Key]; !ok {
		name := b.Name
		if name == "" {
			name = b.Text
		}
		n := Body{Key: b.Key, Name: name, Short: b.Short, Kind: strings.ToUpper(string(b.Kind)),
			Aliases: append(append([]string{}, b.Aliases...), b.Former...), Parent: b.Parent,
			Line: b.Line, Known: b.Match == identity.Known}
		if !n.Known {
			n.Where = where
		}
		r.out.bodyIdx[b.Key] = len(r.out.Bodies)
		r.out.Bodies = append(r.out.Bodies, n)
		if b.Parent != "" && b.Parent != b.Key {
			if p, ok := r.parentOf(b); ok {
				r.addBody(p, where)
			}
		}
	}
	return ref(b.Text, b.Key, b.Match)
}

// addSystem records s (and its owner) and returns its reference.
func (r *resolver) addSystem(s identity.System, where string) Ref {
	if s.Key == "" {
		return ref(s.Text, "", s.Match)
	}
	if _, ok := r.out.sysIdx[s.Key]; !ok {
		name := s.Name
		if name == "" {
			name = s.Text
		}
		n := System{Key: s.Key, Name: name, Short: s.Short, Owner: s.Owner,
			Aliases: append(append([]string{}, s.Aliases...), s.Former...), Line: s.Line,
			Known: s.Match == identity.Known}
		if !n.Known {
			n.Where = where
		}
		r.out.sysIdx[s.Key] = len(r.out.Systems)
		r.out.Systems = append(r.out.Systems, n)
		if s.Owner != "" {
			if b, ok := r.reg.BodyByKey(s.Owner); ok {
				r.addBody(b, where)
			}
		}
	}
	return ref(s.Text, s.Key, s.Match)
}

func at(line int) string { return fmt.Sprintf("line %d", line) }

// lineRef is at, under a name find's variable does not shadow.
func lineRef(line int) string { return at(line) }

func (r *resolver) bodies(names []string, line int) []Ref {
	var out []Ref
	for _, n := range names {
		out = append(out, r.body(n, line))
	}
	return out
}

// body resolves one body name, through the abbreviations the document
// teaches when the alias table does not know it.
func (r *resolver) body(text string, line int) Ref {
	b := r.scope.Body(text)
	via := ""
	if b.Match != identity.Known {
		if full, ok := r.taught(text); ok {
			tb := r.scope.Body(full)
			tb.Text = text
			b, via = tb, "abbreviation the document teaches: "+full
		} else if head := dropAbbrev(text); head != text {
			// "Комитет … (КАЭНК)": the abbreviation is not part of the name.
			tb := r.scope.Body(head)
			tb.Text = text
			b, via = tb, "the abbreviation in parentheses is not part of the name"
		}
	}
	rf := r.addBody(b, at(line))
	rf.Via = via
	if b.Misspelling != "" {
		rf.Via = joinVia(rf.Via, "misspelling «"+b.Misspelling+"» in the alias table")
	}
	return rf
}

var trailingAbbrev = regexp.MustCompile(`^(.+?)\s*\(\s*([\p{Lu}][\p{Lu}\p{Ll}]*\p{Lu}(?:\s+\p{Lu}+)?)\s*\)\s*[.;]?$`)

// teach learns the abbreviations a document defines: "Комитет … (КАЭНК)" in
// the passport, and the initials of the map's ministry when the alias table
// does not know it ("Министерство энергетики" → МЭ, the abbreviation the
// planned-services and KPI tables use). A taught abbreviation is used only
// for names the alias table does not know.
func (r *resolver) teach() {
	r.abbrev = map[string]string{}
	add := func(short, full, source string) {
		k := textnorm.Key(short)
		if k == "" || r.abbrev[k] != "" || r.reg.Body(short).Match == identity.Known {
			return
		}
		r.abbrev[k] = full
		r.out.Abbreviations = append(r.out.Abbreviations, Abbreviation{Short: short, Name: full, Key: r.scope.Body(full).Key, Source: source})
	}
	if p := r.doc.Passport; p != nil {
		for _, t := range append(append([]string{}, p.DevelopmentBodies...), p.ImplementationBodies...) {
			if m := trailingAbbrev.FindStringSubmatch(strings.TrimSpace(t)); m != nil {
				add(m[2], m[1], "parentheses")
			}
		}
	}
	if own, ok := r.out.Body(r.ownerKey); ok && !own.Known {
		if in := initials(own.Name); len([]rune(in)) >= 2 {
			add(in, own.Name, "initials")
		}
		// The KPI and planned-services headings name the map's owner, by
		// its abbreviation when it has one ("… карты МЗ РК").
		for _, h := range []struct{ text, source string }{
			{r.doc.KPIHeading, "KPI heading"}, {r.doc.PlannedServicesHeading, "planned-services heading"},
		} {
			if a := headingAbbrev(h.text); a != "" {
				add(a, own.Name, h.source)
			}
		}
		// An akimat is written "Акимат г. Алматы", "акимат города Алматы"
		// and "Акимат Алматы" alike.
		if m := akimatRe.FindStringSubmatch(own.Name); m != nil && m[1] != "" {
			for _, form := range []string{"г.", "города", ""} {
				if f := strings.Join(strings.Fields("Акимат "+form+" "+m[2]), " "); textnorm.Key(f) != textnorm.Key(own.Name) {
					add(f, own.Name, "akimat")
				}
			}
		}
	}
}

// headingAbbrev is the abbreviation a section heading ends with, before
// "РК" and a period ("Ключевые показатели … карты МЗ РК до 2027 года" →
// МЗ): the last word of two capitals or more that is not РК.
func headingAbbrev(h string) string {
	last := ""
	for _, w := range strings.FieldsFunc(h, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if abbreviation(w) && w != "РК" {
			last = w
		}
	}
	return last
}

// abbreviation reports whether w is written as one: two capitals or more,
// a capital first and last, no two small letters in a row (МЗ, МИИЦР,
// МИиЦР).
func abbreviation(w string) bool {
	rs := []rune(w)
	if len(rs) < 2 || !unicode.IsUpper(rs[0]) || !unicode.IsUpper(rs[len(rs)-1]) {
		return false
	}
	for i := 1; i < len(rs); i++ {
		if unicode.IsLower(rs[i]) && unicode.IsLower(rs[i-1]) {
			return false
		}
	}
	return true
}

// akimatRe reads an akimat's name: "Акимат г. Алматы", "Акимат города
// Алматы", "Акимат Мангистауской области".
var akimatRe = regexp.MustCompile(`(?i)^акимат\s+(г\.?|города)?\s*(.+)$`)

// initials are the capitalised first letters of a name's content words,
// without "Республики Казахстан": "Министерство по чрезвычайным ситуациям
// Республики Казахстан" → МЧС.
func initials(name string) string {
	ws := textnorm.ContentWords(name)
	if n := len(ws); n >= 2 && ws[n-2] == "республики" && ws[n-1] == "казахстан" {
		ws = ws[:n-2]
	} else if n >= 1 && ws[n-1] == "рк" {
		ws = ws[:n-1]
	}
	var b strings.Builder
	for _, w := range ws {
		for _, c := range w {
			b.WriteRune(unicode.ToUpper(c))
			break
		}
	}
	return b.String()
}

// dropAbbrev returns text without a trailing abbreviation in parentheses
// ("Комитет … (КАЭНК)" → "Комитет …").
func dropAbbrev(text string) string {
	if m := trailingAbbrev.FindStringSubmatch(strings.TrimSpace(text)); m != nil {
		return m[1]
	}
	return text
}

// taught returns the full name of a taught abbreviation that text is (with
// or without "РК"), or the head of "Name (ABBR)" when ABBR is taught.
func (r *resolver) taught(text string) (string, bool) {
	k := strings.TrimSuffix(textnorm.Key(text), " рк")
	if full, ok := r.abbrev[k]; ok {
		return full, true
	}
	if m := trailingAbbrev.FindStringSubmatch(strings.TrimSpace(text)); m != nil {
		if _, ok := r.abbrev[textnorm.Key(m[2])]; ok {
			return m[1], true
		}
	}
	return "", false
}

// system resolves one system name; hint names the bodies written next to it
// (the same cell or column), which settle homonyms. A system followed by a
// parenthesised list that is not part of any name ("БДИК (ИИН, номер,
// IMEI)") is the system, with the list as its data.
func (r *resolver) system(text, hint string, line int) Ref {
	s := r.scope.SystemOf(text, hint)
	var data []string
	if s.Match != identity.Known {
		if head, inner, ok := trailingParens(text); ok {
			if hs := r.scope.SystemOf(head, hint); hs.Match == identity.Known {
				s, data = hs, splitData(inner)
				s.Text = text
			}
		}
	}
	via := ""
	switch {
	case s.Generic:
		s, via = r.generic(s, hint)
	case hint != "" && s.Match == identity.Known && s.Owner != "" && r.homonymSettled(text):
		via = "homonym settled by the body named with it: " + strings.TrimSpace(hint)
	}
	if s.Misspelling != "" {
		via = joinVia(via, "misspelling «"+s.Misspelling+"» in the alias table")
	}
	rf := r.addSystem(s, at(line))
	rf.Via, rf.Data = via, data
	return rf
}

func joinVia(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// generic gives a generic abbreviation (СУР) the owner the document names
// with it: the one body of the same cell or column. Each owner has its own
// node; with no single body named, the system has no owner.
func (r *resolver) generic(s identity.System, hint string) (identity.System, string) {
	if hint == "" {
		return s, "generic abbreviation, no body named with it"
	}
	bs := r.scope.SplitBodies(hint)
	if len(bs) != 1 || bs[0].Key == "" {
		return s, "generic abbreviation, no single body named with it"
	}
	b := bs[0]
	r.addBody(b, "")
	s.Key, s.Owner = b.Key+"/"+s.Key, b.Key
	return s, "generic abbreviation owned by the body named with it: " + strings.TrimSpace(hint)
}

// homonymSettled reports whether text alone is ambiguous (so a body named
// next to it settled it).
func (r *resolver) homonymSettled(text string) bool {
	return r.reg.System(text).Match == identity.Ambiguous
}

// trailingParens splits "Name (a, b)" into "Name" and "a, b".
func trailingParens(s string) (head, inner string, ok bool) {
	s = strings.TrimSpace(s)
	if !strings.HasSuffix(s, ")") {
		return "", "", false
	}
	i := strings.LastIndex(s, "(")
	if i <= 0 {
		return "", "", false
	}
	return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1 : len(s)-1]), true
}

func splitData(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (r *resolver) systems(names []string, hint string, line int) []Ref {
	var out []Ref
	for _, n := range names {
		out = append(out, r.system(n, hint, line))
	}
	return out
}

// units resolves responsible-unit names to units of their body.
func (r *resolver) units(names []string, line int) []Ref {
	var out []Ref
	for _, n := range names {
		u := r.scope.Unit(n)
		via := ""
		if u.Match != identity.Known {
			if full, ok := r.taught(n); ok {
				u = r.scope.Unit(full)
				u.Text, via = n, "abbreviation the document teaches: "+full
			}
		}
		if u.Key == "" {
			continue
		}
		ownerKey := u.Parent
		if ownerKey == "" && u.Body != nil {
			ownerKey = u.Body.Key // the unit column names the body itself
		}
		if _, met := r.out.bodyIdx[ownerKey]; ownerKey != "" && met {
			// a body of the document already (the map's ministry)
		} else if ownerKey != "" {
			b, ok := r.reg.BodyByKey(ownerKey)
			switch {
			case ok:
			case u.Body != nil && u.Body.Key == ownerKey:
				b = *u.Body
			case u.Body != nil && u.Body.Parent == ownerKey && u.Body.ParentText != "":
				b = r.scope.Body(u.Body.ParentText)
			default:
				b = r.scope.Owner()
			}
			ownerKey = r.addBody(b, at(line)).Key
		} else {
			ownerKey = r.ownerKey
		}
		key := "unit/" + u.Key
		if _, ok := r.out.unitIdx[key]; !ok {
			code := u.Short
			if code == "" {
				code = u.Name
			}
			if code == "" {
				code = u.Text
			}
			nu := Unit{Key: key, Code: code, Name: u.Name, Aliases: u.Aliases, Body: ownerKey,
				Line: u.Line, Known: u.Match == identity.Known}
			if !nu.Known {
				nu.Where = at(line)
			}
			r.out.unitIdx[key] = len(r.out.Units)
			r.out.Units = append(r.out.Units, nu)
		}
		rf := ref(u.Text, key, u.Match)
		rf.Via = via
		out = append(out, rf)
	}
	return out
}

func (r *resolver) passport() {
	p := r.doc.Passport
	if p == nil {
		return
	}
	r.out.Development = r.bodies(p.DevelopmentBodies, p.Line)
	r.out.Implementation = r.bodies(p.ImplementationBodies, p.Line)
}

func (r *resolver) spheres() {
	d := r.doc
	r.out.Spheres = make([]Sphere, len(d.Spheres))
	// Entities by name, for the groups' subject/object cells.
	byName := map[string][]EntityMatch{}
	for si, sp := range d.Spheres {
		r.out.Spheres[si].Name = sp.Name
		for ei, e := range sp.Entities {
			k := textnorm.Key(e.Name)
			byName[k] = append(byName[k], EntityMatch{Sphere: si, Entity: ei, Name: e.Name})
		}
	}
	for si := range d.Spheres {
		sp := &d.Spheres[si]
		out := &r.out.Spheres[si]
		byCode := map[string][]EntityMatch{}
		for ei, e := range sp.Entities {
			for _, code := range e.ProcessGroups {
				byCode[code] = append(byCode[code], EntityMatch{Sphere: si, Entity: ei, Name: e.Name, Via: "entity row"})
			}
		}
		for _, g := range sp.ProcessGroups {
			rg := Group{Code: g.Code}
			seen := map[[2]int]bool{}
			add := func(m EntityMatch) {
				if !seen[[2]int{m.Sphere, m.Entity}] {
					seen[[2]int{m.Sphere, m.Entity}] = true
					rg.Entities = append(rg.Entities, m)
				}
			}
			for _, m := range byCode[g.Code] {
				add(m)
			}
			for _, name := range g.Entities {
				if m, ok := entityByName(byName, name, si); ok {
					add(m)
				}
			}
			rg.Units = r.units(g.ResponsibleUnits, g.Line)
			rg.Systems = r.systems(g.Systems, "", g.Line)
			out.Groups = append(out.Groups, rg)
		}
	}
	for si := range d.Spheres {
		sp := &d.Spheres[si]
		out := &r.out.Spheres[si]
		for _, it := range sp.Roadmap {
			out.Roadmap = append(out.Roadmap, RoadmapItem{Units: r.units(it.Units, it.Line), Group: groupByCode(sp, it.ProcessGroup)})
		}
	}
}

// entityByName finds an entity of the document by name, preferring the
// sphere si.
func entityByName(byName map[string][]EntityMatch, name string, si int) (EntityMatch, bool) {
	refs := byName[textnorm.Key(name)]
	for _, m := range refs {
		if m.Sphere == si {
			m.Via = "name «" + name + "»"
			return m, true
		}
	}
	if len(refs) > 0 {
		m := refs[0]
		m.Via = "name «" + name + "» (another sphere)"
		return m, true
	}
	return EntityMatch{}, false
}

// groupByCode is the index of the sphere's first process group with code.
func groupByCode(sp *kct.Sphere, code string) int {
	if code == "" {
		return -1
	}
	for i, g := range sp.ProcessGroups {
		if g.Code == code {
			return i
		}
	}
	return -1
}

func (r *resolver) kpis() {
	for _, k := range r.doc.KPIs {
		r.out.KPIs = append(r.out.KPIs, sphereByName(r.doc.Spheres, k.Group))
	}
}

func (r *resolver) summary() {
	for _, row := range r.doc.SummaryRoadmap {
		m := SphereMatch{Text: row.Sphere, Sphere: -1}
		for i, s := range r.doc.Spheres {
			if row.SphereOrder != 0 && s.Order == row.SphereOrder {
				m = SphereMatch{Text: row.Sphere, Sphere: i, Via: "sphere number (parser)"}
			}
		}
		if m.Sphere < 0 {
			m = sphereByName(r.doc.Spheres, row.Sphere)
		}
		r.out.Summary = append(r.out.Summary, SummaryRow{Sphere: m, Units: r.units(row.Units, row.Line)})
	}
}

func (r *resolver) plannedServices() {
	for _, p := range r.doc.PlannedServices {
		r.out.PlannedServices = append(r.out.PlannedServices, r.body(p.Body, p.Line))
	}
}

func (r *resolver) integrations() {
	for _, it := range r.doc.Integrations {
		var ri Integration
		ri.ConsumerBody = r.body(it.ConsumerBody, it.Line)
		ri.ProviderBody = r.body(it.ProviderBody, it.Line)
		ri.ConsumerSystem = r.system(it.ConsumerSystem, it.ConsumerBody, it.Line)
		ri.ProviderSystem = r.system(it.ProviderSystem, it.ProviderBody, it.Line)
		r.out.Integrations = append(r.out.Integrations, ri)
	}
}

func (r *resolver) icebreakers() {
	for _, ib := range r.doc.Icebreakers {
		var ri Icebreaker
		if ib.Body != "" {
			ri.Bodies = r.bodies([]string{ib.Body}, ib.Line)
		}
		ri.Systems = r.systems(ib.Systems, ib.Body, ib.Line)
		r.out.Icebreakers = append(r.out.Icebreakers, ri)
	}
}

func (r *resolver) needs() {
	for _, n := range r.doc.Needs {
		rn := Need{GroupSphere: -1, Group: -1}
		rn.Bodies = r.bodies(n.Bodies, n.Line)
		// The bodies of the cell settle the cell's homonym systems:
		// "МФ РК, МТСЗН РК (ГБД ЕЛ с ЕСУТД)" → МТСЗН's ЕСУТД.
		rn.Systems = r.systems(n.Systems, strings.Join(n.Bodies, ", "), n.Line)
		rn.GroupSphere, rn.Group, rn.GroupVia = groupByName(r.doc, n.ProcessGroupName)
		r.out.Needs = append(r.out.Needs, rn)
	}
}

// groupByName finds a process group of the document by its title: the same
// words, else one title starting with the other.
func groupByName(d *kct.Document, name string) (int, int, string) {
	n := textnorm.Key(name)
	if n == "" {
		return -1, -1, ""
	}
	for si, sp := range d.Spheres {
		for gi, g := range sp.ProcessGroups {
			if textnorm.Key(g.Name) == n {
				return si, gi, "same title"
			}
		}
	}
	for si, sp := range d.Spheres {
		for gi, g := range sp.ProcessGroups {
			gn := textnorm.Key(g.Name)
			if strings.HasPrefix(gn, n) || strings.HasPrefix(n, gn) {
				return si, gi, "title prefix"
			}
		}
	}
	return -1, -1, ""
}

// sphereMatchMin is the least share of a sphere's word stems a text must
// have to name it.
const sphereMatchMin = 0.6

// sphereByName finds the sphere a KPI group or summary row names: the
// sphere whose word stems the text covers best (at least sphereMatchMin).
func sphereByName(spheres []kct.Sphere, name string) SphereMatch {
	m := SphereMatch{Text: name, Sphere: -1}
	n := stems(name)
	if len(n) == 0 {
		return m
	}
	best, bestScore := -1, 0.0
	for i, s := range spheres {
		sn := stems(s.Name)
		if len(sn) == 0 {
			continue
		}
		if score := textnorm.Cover(n, sn); score > bestScore {
			best, bestScore = i, score
		}
	}
	if bestScore >= sphereMatchMin {
		m.Sphere, m.Score, m.Via = best, bestScore, "word stems"
	} else if bestScore > 0 {
		m.Score = bestScore
	}
	return m
}

// stems are the first five letters of each significant word: enough to
// match «Физическая культура и спорт» with «Сфера физической культуры и
// спорта».
func stems(s string) map[string]bool {
	return textnorm.PrefixSet(s, 5, 4, func(w string) bool { return w == "сфера" || w == "сферы" })
}

// mentions finds the table's systems named in running text.
func (r *resolver) mentions() {
	d := r.doc
	// find locates a mention by the line of the paragraph that names it
	// (lines[i]), or by the section's line when the parser gave none.
	find := func(texts []string, lines []int, line, sphere int, field string) {
		for i, t := range texts {
			at := line
			if i < len(lines) && lines[i] > 0 {
				at = lines[i]
			}
			for _, m := range r.scope.Find(t) {
				if m.System == nil || m.System.Match != identity.Known {
					continue
				}
				rf := r.addSystem(*m.System, lineRef(at))
				r.out.Mentions = append(r.out.Mentions, Mention{System: rf, Line: at, Sphere: sphere, Field: field})
			}
		}
	}
	line := 0
	if d.Passport != nil {
		line = d.Passport.Line
	}
	find(d.Introduction, d.IntroductionLines, line, -1, "introduction")
	for si, sp := range d.Spheres {
		find(sp.Overview, sp.OverviewLines, sp.Line, si, "overview")
		find(sp.Problems, sp.ProblemLines, sp.Line, si, "problems")
	}
	for _, ib := range d.Icebreakers {
		find(ib.Description, ib.DescriptionLines, ib.Line, -1, "icebreaker «"+ib.Name+"»")
	}
}
