package kct

import (
	"regexp"
	"strconv"
	"strings"
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

func (p *parser) newSphere(b block) {
	s := &Sphere{Line: b.line, Order: len(p.spheres) + 1}
	st := &sphereState{s: s, codes: map[string]int{}}
	if m := sphereTitleRe.FindStringSubmatch(b.text); m != nil {
		s.Number = m[1]
		h := strings.TrimSpace(b.text[len(m[1]):])
		s.Heading = strings.TrimSpace(strings.TrimLeft(h, ".)"))
	} else {
		s.Heading = b.text
	}
	if s.Heading != "" {
		rest := strings.TrimSpace(s.Heading)
		if l := lowerTrim(rest); strings.HasPrefix(l, "сфера") {
			rest = strings.TrimSpace(string([]rune(rest)[len([]rune("сфера")):]))
		}
		if q := quoted(rest); q != "" {
			s.Name, st.quotedName = q, true
		} else {
			s.Name = capitalize(rest)
		}
	}
	p.spheres = append(p.spheres, st)
	p.cur = st
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
		s.Overview = append(s.Overview, t)
		return
	}
	switch st.mode {
	case "problems":
		if m := problemItemRe.FindStringSubmatch(t); m != nil {
			s.Problems = append(s.Problems, strings.TrimRight(m[2], "; "))
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
	s.Overview = append(s.Overview, t)
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
			cp := commonPrefix(nt[i], ct[i])
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

type entityCols struct{ num, name, count, attrs, dig, refs int }

func (st *sphereState) entities(p *parser, t *table) error {
	h := cleanCells(t.rows[0].cells)
	c := entityCols{-1, -1, -1, -1, -1, -1}
	for i, x := range h {
		l := lowerTrim(x)
		switch {
		case l == "№" || l == "№ п/п" || l == "n":
			c.num = i
		case strings.Contains(l, "предмет"):
			c.name = i
		case strings.HasPrefix(l, "кол"):
			c.count = i
		case strings.HasPrefix(l, "атрибут"):
			c.attrs = i
		case strings.Contains(l, "оцифров"):
			c.dig = i
		case strings.Contains(l, "процесс") || strings.Contains(l, "жизненн") || strings.Contains(l, "цикл"):
			c.refs = i
		}
	}
	if c.name < 0 {
		return p.errorf(t.line, "entity table", "a \"Предмет регулирования\" column", describeRow(t.rows[0]))
	}
	if c.refs < 0 && len(h) > c.name+1 {
		c.refs = len(h) - 1
	}
	for _, r := range t.rows[1:] {
		if len(nonEmpty(cleanCells(r.cells))) == 0 {
			continue
		}
		if tableKind(&table{rows: []*row{r}}) == kindEntities {
			continue // repeated header
		}
		e := Entity{Line: r.line, Number: strings.TrimRight(oneLine(r.cell(c.num)), ". ")}
		name := oneLine(r.cell(c.name))
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
		e.Count = parseValue(oneLine(r.cell(c.count)))
		e.Attributes = listItems(r.cell(c.attrs))
		e.DigitizationText = oneLine(r.cell(c.dig))
		e.Digitization = normDigitization(e.DigitizationText)
		e.ProcessGroupRefs = splitRefs(r.cell(c.refs))
		st.s.Entities = append(st.s.Entities, e)
	}
	return nil
}

// ---- process groups

var groupTitleRe = regexp.MustCompile(`^(\d{1,3}(?:\.\d{1,3})*)\.?\s*(.*)$`)

// groupLabel maps a process-group row label to its field.
func groupLabel(label string) string {
	l := lowerTrim(label)
	switch {
	case strings.HasPrefix(l, "состоит из"):
		return "processes"
	case strings.HasPrefix(l, "перспективн"):
		return "technologies"
	case strings.HasPrefix(l, "ответственн"):
		return "units"
	case strings.HasPrefix(l, "связанные функци"):
		return "functions"
	case strings.HasPrefix(l, "связанные гос") || strings.HasPrefix(l, "связанные услуг"):
		return "services"
	case strings.HasPrefix(l, "статус автоматиз"):
		return "automation"
	case strings.HasPrefix(l, "статус реинжинир"):
		return "reengineering"
	case strings.HasPrefix(l, "субъект") || strings.HasPrefix(l, "объект"):
		return "subject"
	}
	return ""
}

func (st *sphereState) group(p *parser, t *table) {
	g := ProcessGroup{Line: t.line}
	if st.pendingTitle != nil {
		g.Line = st.pendingTitle.line
		if m := groupTitleRe.FindStringSubmatch(st.pendingTitle.text); m != nil {
			g.Code, g.Name = m[1], strings.TrimSpace(m[2])
		} else {
			g.Name = st.pendingTitle.text
		}
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
			if label == "" || (groupLabel(label) == "" && (startsLower(label) || groupLabel(prev.label+" "+label) != "" && groupLabel(prev.label) != groupLabel(prev.label+" "+label))) {
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
		switch groupLabel(f.label) {
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
