package kct

import (
	"github.com/karta/karta/catalog/textnorm"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// sphereState is a sphere being read.
type sphereState struct {
	s *Sphere
	// quotedName: the name came from «…» in the heading
	quotedName bool
	// prose mode: "", "problems" or "experience"
	mode string
	// pendingTitle is the heading of the next process-group table.
	pendingTitle *block
	codes        map[string]int
	rm           roadmapState
}

// sphereHead is a sphere heading read: its number and wording as written
// and the sphere's name.
type sphereHead struct {
	number, heading, name string
	quoted                bool
}

func (p *parser) newSphere(b block, h *sphereHead) {
	s := &Sphere{Line: b.line, Order: len(p.spheres) + 1}
	st := &sphereState{s: s, codes: map[string]int{}}
	if h != nil {
		s.Number, s.Heading, s.Name, st.quotedName = h.number, h.heading, h.name, h.quoted
	}
	p.spheres = append(p.spheres, st)
	p.cur = st
}

// sphereHeading reads block i as a sphere heading, or returns nil. A sphere
// heading is a title-like block (a heading, or a short line that is not a
// sentence) that either starts with the vocabulary's sphere words ("Сфера",
// "Отрасль", "Сфера деятельности:") and is numbered, a heading, quoted or
// followed by the sphere's content; or, without those words, is numbered or
// a heading outside a sphere's prose and is followed by the sphere's
// content: prose and then its entity table or process-group section
// (structure, not wording, decides).
func (p *parser) sphereHeading(i int) *sphereHead {
	b := p.src.blocks[i]
	if (b.kind != headingBlock && b.kind != paraBlock) || !titleLike(b) {
		return nil
	}
	t := strings.TrimSpace(b.text)
	n := utf8.RuneCountInString(t)
	if n > 160 || strings.HasSuffix(t, ":") || strings.HasSuffix(t, ";") || strings.ContainsAny(firstChar(t), "-–—•*") {
		return nil
	}
	if b.kind == paraBlock && (strings.HasSuffix(t, ".") || n > 120) {
		return nil
	}
	number, rest := stripOutline(t)
	h := &sphereHead{number: number, heading: rest}
	if m, ok := p.match("sphere", rest, false); ok {
		name := strings.TrimSpace(strings.TrimLeft(rest[m.end:], " :-–—."))
		if !(number != "" || b.kind == headingBlock || strings.HasPrefix(name, "«") || p.sphereContentFollows(i)) {
			return nil
		}
		if q := quoted(name); q != "" {
			h.name, h.quoted = q, true
		} else {
			h.name = capitalize(name)
		}
		if h.name == "" {
			return nil
		}
		if m.how != HowExact {
			p.recognized(b.line, "sphere", t, "sphere", m.how)
		}
		return h
	}
	if p.sec == secSphere || p.sec == secTitle || p.sec == secPassport {
		return nil
	}
	if number == "" && b.kind != headingBlock && !p.knownSphereName(rest) {
		return nil
	}
	if !p.sphereContentFollows(i) {
		return nil
	}
	if q := quoted(rest); q != "" && strings.HasPrefix(rest, "«") {
		h.name, h.quoted = q, true
	} else {
		h.name = trimPunct(rest)
	}
	p.recognized(b.line, "sphere", t, "sphere", HowFallback)
	return h
}

// knownSphereName reports whether a plain line names one of the spheres
// the passport lists or the KPI table groups by.
func (p *parser) knownSphereName(s string) bool {
	if utf8.RuneCountInString(s) > 80 {
		return false
	}
	var known []string
	if p.doc.Passport != nil {
		known = append(known, p.doc.Passport.Spheres...)
	}
	for _, k := range p.doc.KPIs {
		known = append(known, k.Group)
	}
	for _, k := range known {
		if textnorm.NameScore(s, dropSphereWord(k)) >= matchThreshold {
			return true
		}
	}
	return false
}

func firstChar(s string) string {
	if r := firstRune(s); r != 0 {
		return string(r)
	}
	return ""
}

// sphereContentFollows reports whether the blocks after i are a sphere's
// content: prose, then the entity section (its title or table) or the
// process-group section.
func (p *parser) sphereContentFollows(i int) bool {
	blocks := p.src.blocks
	for j := i + 1; j < len(blocks) && j <= i+400; j++ {
		b := blocks[j]
		switch b.kind {
		case illegibleBlock:
			continue
		case tableBlock:
			return p.tableKind(b.table) == kindEntities
		}
		if sec := p.titles[j]; sec >= 0 {
			return sec == secEntities || sec == secGroups
		}
	}
	return false
}

var quotedRe = regexp.MustCompile(`«([^«»]+)»`)

// quoted returns the first «…» of s.
func quoted(s string) string {
	if m := quotedRe.FindStringSubmatch(s); m != nil {
		return strings.TrimSpace(m[1])
	}
	return ""
}

func capitalize(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// roadmapTitle takes the sphere's name from its roadmap title
// ("План график сферы «Информация»") when the heading had none in «…».
func (st *sphereState) roadmapTitle(t string) {
	if q := quoted(t); q != "" && !st.quotedName {
		st.s.Name, st.quotedName = q, true
	}
}

var (
	problemItemRe    = regexp.MustCompile(`^(\d{1,2})[.)]\s*(.+)$`)
	experienceItemRe = regexp.MustCompile(`^(?:[-–•]\s*)?(\d{1,2})\)\s*(.+)$`)
	urlLineRe        = regexp.MustCompile(`^<?(https?://[^<>]+?)>?[.;,]?$`)
	inlineURLRe      = regexp.MustCompile(`https?://[^\s<>]+[^\s<>.,;:)»]`)
)

// prose sorts a sphere's paragraph into its overview, problems or
// international experience.
func (st *sphereState) prose(b block) {
	s := st.s
	t := b.text
	l := lowerTrim(t)
	if m := urlLineRe.FindStringSubmatch(t); m != nil && !strings.Contains(strings.TrimSpace(m[1]), "  ") {
		if n := len(s.InternationalExperience); n > 0 {
			e := &s.InternationalExperience[n-1]
			e.Links = append(e.Links, strings.TrimSpace(m[1]))
			return
		}
		s.Overview, s.OverviewLines = append(s.Overview, t), append(s.OverviewLines, b.line)
		return
	}
	switch st.mode {
	case "problems":
		if m := problemItemRe.FindStringSubmatch(t); m != nil {
			s.Problems, s.ProblemLines = append(s.Problems, strings.TrimRight(m[2], "; ")), append(s.ProblemLines, b.line)
			return
		}
	case "experience":
		if m := experienceItemRe.FindStringSubmatch(t); m != nil {
			s.InternationalExperience = append(s.InternationalExperience, experience(b.line, m[2]))
			return
		}
		if m := problemItemRe.FindStringSubmatch(t); m != nil {
			s.InternationalExperience = append(s.InternationalExperience, experience(b.line, m[2]))
			return
		}
	}
	st.mode = ""
	if strings.HasSuffix(t, ":") && strings.Contains(l, "проблем") {
		st.mode = "problems"
	} else if strings.Contains(l, "опыт") && (strings.Contains(l, "международн") || strings.Contains(l, "зарубежн")) {
		st.mode = "experience"
	}
	s.Overview, s.OverviewLines = append(s.Overview, t), append(s.OverviewLines, b.line)
}

func experience(line int, text string) Experience {
	e := Experience{Line: line, Text: strings.TrimSpace(text), Country: country(text)}
	e.Links = append(e.Links, inlineURLRe.FindAllString(text, -1)...)
	return e
}

var countryDashRe = regexp.MustCompile(`^(.{2,60}?)\s+[-–—]\s+`)

// country names the country of an experience item: the words before the
// dash ("Норвегия - …") or the leading capitalised words ("Канада является",
// "В Сингапуре …"), in the nominative when it is a known country.
func country(text string) string {
	var c string
	if m := countryDashRe.FindStringSubmatch(text); m != nil && len(strings.Fields(m[1])) <= 4 {
		c = m[1]
	} else {
		words := strings.Fields(text)
		if len(words) > 0 && (words[0] == "В" || words[0] == "Во") {
			words = words[1:]
		}
		var cw []string
		for _, w := range words {
			w = strings.TrimRight(w, ",:;.")
			if w == "" || !isUpperStart(w) {
				break
			}
			cw = append(cw, w)
			if len(cw) == 3 {
				break
			}
		}
		c = strings.Join(cw, " ")
	}
	c = strings.TrimSpace(c)
	if n := knownCountry(c); n != "" {
		return n
	}
	return c
}

func isUpperStart(w string) bool {
	r := firstRune(w)
	return r != 0 && strings.ToUpper(string(r)) == string(r) && strings.ToLower(string(r)) != string(r)
}

var countries = strings.Split("Австралия,Австрия,Азербайджан,Бельгия,Бразилия,Великобритания,Германия,Грузия,Дания,Израиль,Индия,Индонезия,Ирландия,Испания,Италия,Казахстан,Канада,Китай,Кыргызстан,Латвия,Литва,Малайзия,Мальта,Нидерланды,Новая Зеландия,Норвегия,ОАЭ,Польша,Португалия,Россия,Сингапур,США,Турция,Узбекистан,Финляндия,Франция,Чехия,Швейцария,Швеция,Эстония,Южная Корея,Япония", ",")

// knownCountry returns the nominative of a country named by c ("Сингапуре",
// "Южной Корее"), or "" when c is not exactly one known country.
func knownCountry(c string) string {
	ct := strings.Fields(strings.ToLower(c))
	if len(ct) == 0 {
		return ""
	}
	for _, name := range countries {
		if strings.EqualFold(name, c) {
			return name
		}
	}
	for _, name := range countries {
		nt := strings.Fields(strings.ToLower(name))
		if len(nt) != len(ct) {
			continue
		}
		ok := true
		for i := range nt {
			cp := textnorm.CommonPrefix(nt[i], ct[i])
			short := min(len([]rune(nt[i])), len([]rune(ct[i])))
			switch {
			case nt[i] == ct[i]:
			case i == len(nt)-1 && cp >= max(3, short-2):
			case i < len(nt)-1 && cp >= 2: // an adjective: "Южной" for "Южная"
			default:
				ok = false
			}
			if !ok {
				break
			}
		}
		if ok {
			return name
		}
	}
	return ""
}

// ---- entities

var entityKindRe = regexp.MustCompile(`^(?i)(субъект\s*/\s*объект|субъект|объект)\s*[.:\-–]?\s*`)

func (st *sphereState) entities(p *parser, t *table, cm columnMap) error {
	h := cleanCells(t.rows[0].cells)
	name := cm.at("name")
	if name < 0 {
		return p.errorf(t.line, "entity table", "a \"Предмет регулирования\" column", describeRow(t.rows[0]))
	}
	refs := cm.at("groups")
	if refs < 0 && len(h) > name+1 && len(cm.extra) > 0 && cm.extra[len(cm.extra)-1] == len(h)-1 {
		// the last column, not understood, is the process groups (the
		// format's last column)
		refs = len(h) - 1
		cm.extra = cm.extra[:len(cm.extra)-1]
		p.recognized(t.line, "column.entities", h[refs], "groups", HowFallback)
	}
	for _, r := range t.rows[1:] {
		if len(nonEmpty(cleanCells(r.cells))) == 0 {
			continue
		}
		if isRepeatedHeader(h, cleanCells(r.cells)) {
			p.consumeRow(r)
			continue // repeated header
		}
		e := Entity{Line: r.line, Number: strings.TrimRight(oneLine(r.cell(cm.at("number"))), ". ")}
		name := oneLine(r.cell(name))
		if m := entityKindRe.FindStringSubmatch(name); m != nil {
			e.KindText = strings.TrimSpace(m[1])
			switch strings.ToLower(strings.ReplaceAll(e.KindText, " ", "")) {
			case "субъект":
				e.Kind = KindSubject
			case "объект":
				e.Kind = KindObject
			}
			name = name[len(m[0]):]
		}
		e.Name = trimPunct(name)
		e.Count = parseValue(oneLine(r.cell(cm.at("count"))))
		e.Attributes = listItems(r.cell(cm.at("attributes")))
		e.DigitizationText = oneLine(r.cell(cm.at("digitization")))
		e.Digitization = normDigitization(e.DigitizationText)
		e.ProcessGroupRefs = splitRefs(r.cell(refs))
		e.Extra = extraFields(r.line, h, cleanCells(r.cells), append(cm.extra, beyond(h, r.cells)...))
		st.s.Entities = append(st.s.Entities, e)
	}
	return nil
}

// beyond lists the columns of a row past the end of its header.
func beyond(header, cells []string) []int {
	var out []int
	for i := len(header); i < len(cells); i++ {
		out = append(out, i)
	}
	return out
}

// ---- process groups

// groupLabel maps a process-group row label to its field (the vocabulary's
// "label.group" concepts), "" when it is not a known label.
func (p *parser) groupLabel(label string) string {
	if m, ok := p.match("label.group", label, false); ok {
		return m.concept
	}
	return ""
}

func (st *sphereState) group(p *parser, t *table) {
	g := ProcessGroup{Line: t.line}
	if st.pendingTitle != nil {
		g.Line = st.pendingTitle.line
		p.consume(st.pendingTitle.line, st.pendingTitle.text)
		g.Code, g.Name = stripOutline(st.pendingTitle.text)
		st.pendingTitle = nil
	}
	g.Name = trimPunct(g.Name)
	if g.Code == "" {
		g.Code = "#" + strconv.Itoa(len(st.s.ProcessGroups)+1)
	}
	if n := st.codes[g.Code]; n > 0 {
		st.codes[g.Code] = n + 1
		g.Code += "#" + strconv.Itoa(n+1)
	} else {
		st.codes[g.Code] = 1
	}

	type field struct {
		line       int
		label, raw string
	}
	var fields []field
	for _, r := range t.rows {
		label := oneLine(r.cell(0))
		raw := strings.Join(nonEmpty(r.cells[min(1, len(r.cells)):]), " ")
		if n := len(fields); n > 0 {
			prev := &fields[n-1]
			if label == "" || (p.groupLabel(label) == "" && (startsLower(label) || p.groupLabel(prev.label+" "+label) != "" && p.groupLabel(prev.label) != p.groupLabel(prev.label+" "+label))) {
				if label != "" {
					prev.label = joinText(prev.label, label)
				}
				prev.raw = joinCell(prev.raw, raw)
				continue
			}
		}
		fields = append(fields, field{r.line, label, raw})
	}
	for _, f := range fields {
		g.Fields = append(g.Fields, Field{Line: f.line, Label: f.label, Value: cleanText(f.raw)})
		switch p.rowLabel(f.line, "label.group", f.label) {
		case "processes":
			g.Processes = append(g.Processes, listItems(f.raw)...)
		case "technologies":
			g.TechnologiesText = cleanText(f.raw)
			g.Technologies = stripLead(listItems(f.raw), "имеется")
			ai := mentionsAI(g.TechnologiesText)
			g.HasAI = &ai
		case "units":
			items := listItems(f.raw)
			if len(items) == 1 {
				items = splitBodies(items[0])
			}
			g.ResponsibleUnits = append(g.ResponsibleUnits, items...)
		case "functions":
			g.Functions = append(g.Functions, listItems(f.raw)...)
		case "services":
			g.ServicesText = cleanText(f.raw)
			g.Services = services(f.raw)
		case "automation":
			g.AutomationText = cleanText(f.raw)
			g.Automation, g.Systems = automation(oneLine(f.raw))
		case "subject":
			g.SubjectObject = subjectText(oneLine(f.raw))
		case "reengineering":
			g.ReengineeringText = oneLine(f.raw)
			g.Reengineering = normReengineering(g.ReengineeringText)
		}
	}
	st.s.ProcessGroups = append(st.s.ProcessGroups, g)
}

// services lists the public services a cell names, without the "Имеется"
// prefix; "Отсутствует" or "-" is none.
func services(raw string) []string {
	l := lowerTrim(oneLine(raw))
	if l == "" || l == "-" || l == "–" || strings.HasPrefix(l, "отсутств") || l == "нет" || strings.HasPrefix(l, "не предусмотр") {
		return nil
	}
	return stripLead(listItems(raw), "имеется")
}

var systemsPrefixRe = regexp.MustCompile(`(?i)^.*?автоматизирован\p{L}*\s+(?:в\s+)?(?:информационн\p{L}*\s+систем\p{L}*|ИС)\s*:?\s*`)

// automation normalises an automation status and lists the systems it names.
func automation(t string) (string, []string) {
	l := lowerTrim(t)
	status := ""
	switch {
	case l == "":
		return "", nil
	case strings.Contains(l, "частичн"):
		status = "PARTIAL"
	case strings.Contains(l, "не автоматизир") || strings.HasPrefix(l, "отсутств") || l == "-" || l == "нет":
		return "NONE", nil
	case strings.HasPrefix(l, "автоматизир") || strings.HasPrefix(l, "полностью автоматизир"):
		status = "AUTOMATED"
	}
	rest := t
	if m := systemsPrefixRe.FindString(rest); m != "" {
		rest = rest[len(m):]
	} else if i := strings.Index(rest, ":"); i >= 0 && status != "" {
		rest = rest[i+1:]
	} else if status != "" {
		rest = ""
	}
	systems := splitSystems(rest)
	if status == "" && len(systems) > 0 {
		status = "AUTOMATED"
	}
	return status, systems
}

// splitSystems splits a list of systems at commas, semicolons and full stops
// outside quotes and parentheses, and at " и " between two short names.
func splitSystems(t string) []string {
	parts := splitTop(t, func(s string, i int) int {
		switch {
		case s[i] == ',' || s[i] == ';':
			return 1
		case strings.HasPrefix(s[i:], ". "):
			return 2
		}
		return 0
	})
	var out []string
	for _, p := range parts {
		p = trimPunct(p)
		if p == "" {
			continue
		}
		if sub := splitTop(p, func(s string, i int) int {
			if strings.HasPrefix(s[i:], " и ") {
				return 3
			}
			return 0
		}); len(sub) == 2 && len(strings.Fields(sub[0])) <= 3 && len(strings.Fields(sub[1])) <= 4 {
			out = append(out, sub...)
			continue
		}
		out = append(out, p)
	}
	return out
}

var subjectPrefixRe = regexp.MustCompile(`^(?i)(субъект\s*/\s*объект|субъект|объект)\s*[.:\-–]?\s*«(.+)»\.?$`)

// subjectText cleans a "Субъект / объект" value: "Субъект «Турагент/гид…»."
// becomes "Турагент/гид…".
func subjectText(t string) string {
	if m := subjectPrefixRe.FindStringSubmatch(t); m != nil {
		return strings.TrimSpace(m[2])
	}
	return trimPunct(t)
}
