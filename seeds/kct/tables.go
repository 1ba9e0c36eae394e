package kct

import (
	"github.com/karta/karta/catalog/textnorm"
	"regexp"
	"strconv"
	"strings"
)

// ---- summary roadmap

func (p *parser) summary(t *table, cm columnMap) error {
	h := cleanCells(t.rows[0].cells)
	unitCol, sphereCol := cm.at("units"), cm.at("sphere")
	var yearCols, years []int
	for i, x := range h {
		if yearCellRe.MatchString(x) {
			y, _ := strconv.Atoi(x[:4])
			yearCols, years = append(yearCols, i), append(years, y)
		}
	}
	if len(yearCols) == 0 {
		return p.errorf(t.line, "summary roadmap", "year columns in the header", describeRow(t.rows[0]))
	}
	for _, r := range t.rows[1:] {
		cells := cleanCells(r.cells)
		if len(nonEmpty(cells)) == 0 {
			continue
		}
		if isRepeatedHeader(h, cleanCells(r.cells)) {
			p.consumeRow(r)
			continue // repeated header
		}
		row := SummaryRoadmapRow{Line: r.line, Sphere: at(cells, sphereCol), Years: []YearCodes{},
			Extra: extraFields(r.line, h, cells, append(cm.extra, beyond(h, cells)...))}
		if unitCol >= 0 && unitCol < len(cells) && cells[unitCol] != "" {
			row.Units = splitUnits(cells[unitCol])
		}
		for k, col := range yearCols {
			if col >= len(cells) || cells[col] == "" {
				continue
			}
			v := cells[col]
			if !isCode(v) {
				return p.errorf(r.line, "summary roadmap row", "R/F/D codes in the year cells", strconv.Quote(truncate(v, 60)))
			}
			codes, _ := parseCodes(v)
			row.Years = append(row.Years, YearCodes{Year: years[k], Text: v, Codes: codes})
		}
		p.doc.SummaryRoadmap = append(p.doc.SummaryRoadmap, row)
	}
	return nil
}

// ---- planned services

func (p *parser) planned(t *table, cm columnMap) error {
	h := cleanCells(t.rows[0].cells)
	num, body, total, potential, digital, proactive := cm.at("number"), cm.at("body"), cm.at("total"), cm.at("potential"), cm.at("digital"), cm.at("proactive")
	var autoCols, autoYears []int
	extra := cm.extra
	for _, i := range cm.all["automation"] {
		if y := yearsRe.FindString(h[i]); y != "" {
			yv, _ := strconv.Atoi(y)
			autoCols, autoYears = append(autoCols, i), append(autoYears, yv)
		} else {
			extra = append(extra, i)
		}
	}
	if body < 0 || total < 0 {
		return p.errorf(t.line, "planned services table", "a header (№, ЦГО, Всего услуг, …)", describeRow(t.rows[0]))
	}
	for _, r := range t.rows[1:] {
		cells := cleanCells(r.cells)
		if len(nonEmpty(cells)) == 0 {
			continue
		}
		ps := PlannedServices{
			Line: r.line, Number: strings.TrimRight(at(cells, num), ". "), Body: at(cells, body),
			Total: parseValue(at(cells, total)), Potential: parseValue(at(cells, potential)),
			Digital: parseValue(at(cells, digital)), Proactive: parseValue(at(cells, proactive)),
			Extra: extraFields(r.line, h, cells, append(extra, beyond(h, cells)...)),
		}
		for k, col := range autoCols {
			if v := at(cells, col); v != "" {
				ps.Automation = append(ps.Automation, YearValue{Year: autoYears[k], Value: parseValue(v)})
			}
		}
		p.doc.PlannedServices = append(p.doc.PlannedServices, ps)
	}
	return nil
}

// ---- integration plan

// integrationColumns is what an integration row needs, for errors.
func integrationColumns(n int) string {
	return strconv.Itoa(n) + " columns as in the header (№, domain, data, consumer body, consumer system, provider body, provider system, deadline)"
}

// integrations reads the integration plan by its header: each column is
// taken where the header names it, whatever the order; columns the header
// does not name are kept in Extra. A row that stops more than one column
// short of the header was cut and is an error.
func (p *parser) integrations(t *table, cm columnMap) error {
	h := cleanCells(t.rows[0].cells)
	hn := len(nonEmptyTail(h))
	for _, r := range t.rows[1:] {
		cells := nonEmptyTail(cleanCells(r.cells))
		if len(cells) == 0 {
			continue
		}
		if isRepeatedHeader(h, cleanCells(r.cells)) {
			p.consumeRow(r)
			continue // repeated header
		}
		if len(cells) < hn-1 {
			return p.errorf(r.line, "integration plan row", integrationColumns(hn), strconv.Itoa(len(cells)))
		}
		get := func(c string) string { return at(cells, cm.at(c)) }
		in := Integration{
			Line: r.line, Number: strings.TrimRight(get("number"), ". "), Domain: get("domain"),
			DataNames:    splitDataNames(get("data")),
			ConsumerBody: get("consumerBody"), ConsumerSystem: get("consumerSystem"),
			ProviderBody: get("providerBody"), ProviderSystem: get("providerSystem"),
			DeadlineText: get("deadline"),
		}
		if in.DataNames == nil {
			in.DataNames = []string{}
		}
		in.Extra = extraFields(r.line, h, cells, append(cm.extra, beyond(h, cells)...))
		var rest string
		in.DeadlineYear, in.DeadlineMonth, rest = parseDeadline(in.DeadlineText)
		if in.DeadlineYear != 0 && rest != "" {
			in.Status = rest
		}
		p.doc.Integrations = append(p.doc.Integrations, in)
	}
	return nil
}

// at returns cell i or "".
func at(cells []string, i int) string {
	if i < 0 || i >= len(cells) {
		return ""
	}
	return cells[i]
}

// nonEmptyTail drops empty cells at the end of a row.
func nonEmptyTail(cells []string) []string {
	for len(cells) > 0 && cells[len(cells)-1] == "" {
		cells = cells[:len(cells)-1]
	}
	return cells
}

var dataNameKeep = map[string]bool{"Республики": true, "Республика": true, "Казахстан": true, "РК": true}

// splitDataNames splits a data cell whose line breaks were lost
// ("Производитель медицинского изделия Производитель лекарственных средств")
// before a capitalised word that follows a lowercase word or a closing
// parenthesis, outside quotes.
func splitDataNames(s string) []string {
	words := strings.Fields(s)
	var out []string
	var cur []string
	quote := 0
	for i, w := range words {
		if i > 0 && quote == 0 && isUpperStart(w) && !abbrevRe.MatchString(strings.Trim(w, "()«»,.;")) && !dataNameKeep[strings.Trim(w, ",.;")] {
			prev := words[i-1]
			pr := lastRune(prev)
			if (isLowerRune(pr) || pr == ')') && !textnorm.StopWord(strings.ToLower(prev)) {
				out = append(out, strings.Join(cur, " "))
				cur = nil
			}
		}
		quote += strings.Count(w, "«") - strings.Count(w, "»")
		if quote < 0 {
			quote = 0
		}
		cur = append(cur, w)
	}
	if len(cur) > 0 {
		out = append(out, strings.Join(cur, " "))
	}
	return out
}

func isLowerRune(r rune) bool {
	return strings.ToLower(string(r)) == string(r) && strings.ToUpper(string(r)) != string(r)
}

// ---- industry needs

var parenRe = regexp.MustCompile(`\(([^()]*)\)`)

// needs reads the industry needs by their header; columns the header does
// not name are kept in Extra.
func (p *parser) needs(t *table, cm columnMap) error {
	h := cleanCells(t.rows[0].cells)
	for _, r := range t.rows[1:] {
		cells := cleanCells(r.cells)
		if len(nonEmpty(cells)) == 0 {
			continue
		}
		if isRepeatedHeader(h, cleanCells(r.cells)) {
			p.consumeRow(r)
			continue // repeated header
		}
		get := func(c string) string { return at(cells, cm.at(c)) }
		n := Need{Line: r.line, Number: strings.TrimRight(get("number"), ". "), ProcessGroupName: get("group"), BodyText: get("body"), Text: get("need")}
		n.Extra = extraFields(r.line, h, cells, append(cm.extra, beyond(h, cells)...))
		n.Bodies, n.Systems = needBodies(n.BodyText)
		p.doc.Needs = append(p.doc.Needs, n)
	}
	return nil
}

// needBodies reads "МФ РК, МИИЦР РК (ГБД ЕЛ с ЕГКН)": the bodies outside the
// parentheses, the systems inside them.
func needBodies(t string) (bodies, systems []string) {
	for _, m := range parenRe.FindAllStringSubmatch(t, -1) {
		for _, s := range regexp.MustCompile(`\s+(?:с|и)\s+|[,;]\s*`).Split(m[1], -1) {
			if s = strings.TrimSpace(s); s != "" {
				systems = append(systems, s)
			}
		}
	}
	outside := parenRe.ReplaceAllString(t, "")
	for _, b := range strings.FieldsFunc(outside, func(r rune) bool { return r == ',' || r == ';' }) {
		if b = trimPunct(b); b != "" {
			bodies = append(bodies, b)
		}
	}
	return bodies, systems
}

// ---- icebreakers

// iceTable reads icebreakers laid out as a table: a row with only a first
// cell names the body; a row with a description is a project.
func (p *parser) iceTable(t *table) {
	for _, r := range t.rows {
		name := oneLine(r.cell(0))
		rest := strings.Join(nonEmpty(r.cells[min(1, len(r.cells)):]), " ")
		if strings.TrimSpace(plainText(rest)) == "" {
			if name != "" {
				if p.iceBodyLine > 0 {
					p.unattached(p.iceBodyLine, p.iceBody, "a body named in the icebreaker table with no project under it")
				}
				p.iceBody, p.iceBodyLine = name, r.line
				p.ice = nil
			}
			continue
		}
		p.iceBodyLine = 0
		ib := Icebreaker{Line: r.line, Name: name, Body: p.iceBody}
		mode := ""
		for _, b := range htmlBlocks(rest) {
			mode = p.addIceText(r.line, &ib, mode, b.text)
		}
		ib.Systems = iceSystems(&ib)
		p.doc.Icebreakers = append(p.doc.Icebreakers, ib)
		p.ice = nil
	}
	if p.iceBodyLine > 0 {
		p.unattached(p.iceBodyLine, p.iceBody, "a body named in the icebreaker table with no project under it")
		p.iceBodyLine = 0
	}
}

// iceHeaderTable reads icebreakers laid out as a table with a header row:
// one project per row, its columns by the header.
func (p *parser) iceHeaderTable(t *table, cm columnMap) error {
	h := cleanCells(t.rows[0].cells)
	for _, r := range t.rows[1:] {
		cells := cleanCells(r.cells)
		if len(nonEmpty(cells)) == 0 {
			continue
		}
		if isRepeatedHeader(h, cells) {
			p.consumeRow(r)
			continue
		}
		ib := Icebreaker{Line: r.line, Name: trimPunct(at(cells, cm.at("name"))), Body: p.iceBody}
		if b := at(cells, cm.at("body")); b != "" {
			ib.Body = b
		}
		for _, c := range []struct{ concept, mode string }{{"description", ""}, {"goals", "goals"}, {"tasks", "tasks"}} {
			mode := c.mode
			for _, b := range htmlBlocks(r.cell(cm.at(c.concept))) {
				mode = p.addIceText(r.line, &ib, mode, b.text)
			}
		}
		if sys := at(cells, cm.at("systems")); sys != "" {
			ib.Systems = splitSystems(sys)
		}
		for _, s := range iceSystems(&ib) {
			if !containsNorm(ib.Systems, s) {
				ib.Systems = append(ib.Systems, s)
			}
		}
		ib.Extra = extraFields(r.line, h, cells, append(cm.extra, beyond(h, cells)...))
		p.doc.Icebreakers = append(p.doc.Icebreakers, ib)
	}
	p.ice = nil
	return nil
}

var (
	goalsRe = regexp.MustCompile(`(?i)^цели(\s+реализации)?(\s+проекта)?\s*:\s*`)
	tasksRe = regexp.MustCompile(`(?i)^задачи(\s+реализации)?(\s+проекта)?\s*:\s*`)
)

// addIceText adds one paragraph of a project: "Цели реализации проекта:" and
// "Задачи проекта:" switch to goals and tasks; their lists are split.
func (p *parser) addIceText(line int, ib *Icebreaker, mode, text string) string {
	if m := goalsRe.FindString(text); m != "" {
		mode, text = "goals", strings.TrimSpace(text[len(m):])
		p.consume(line, m)
	} else if m := tasksRe.FindString(text); m != "" {
		mode, text = "tasks", strings.TrimSpace(text[len(m):])
		p.consume(line, m)
	}
	if text == "" {
		return mode
	}
	items := []string{text}
	if lead, its := splitNumbered(text); len(its) > 0 {
		items = its
		if lead != "" {
			items = append([]string{lead}, its...)
		}
	}
	for _, it := range items {
		if mode != "" {
			it = trimPunct(it)
		}
		if it = strings.TrimSpace(it); it == "" {
			continue
		}
		switch mode {
		case "goals":
			ib.Goals = append(ib.Goals, it)
		case "tasks":
			ib.Tasks = append(ib.Tasks, it)
		default:
			ib.Description, ib.DescriptionLines = append(ib.Description, it), append(ib.DescriptionLines, line)
		}
	}
	return mode
}

var projectNameRe = regexp.MustCompile(`^(.{3,120}?)\s+[–—-]\s+`)

// iceParagraph reads icebreakers written as paragraphs: the first paragraph
// (or a heading, or a name line "X – …" after a project's lists) starts a
// project, whose name is what precedes the dash; "Цели…:" and "Задачи…:"
// start its lists.
func (p *parser) iceParagraph(b block) {
	t := b.text
	m := problemItemRe.FindStringSubmatch(t)
	label := goalsRe.MatchString(t) || tasksRe.MatchString(t)
	nameLine := projectNameRe.MatchString(t)
	start := p.ice == nil ||
		(!label && b.kind == headingBlock) ||
		(!label && m == nil && p.iceMode != "" && nameLine)
	if start {
		name := t
		if nm := projectNameRe.FindStringSubmatch(t); nm != nil {
			name = nm[1]
		}
		p.doc.Icebreakers = append(p.doc.Icebreakers, Icebreaker{Line: b.line, Name: trimPunct(name), Body: p.iceBody})
		p.ice = &p.doc.Icebreakers[len(p.doc.Icebreakers)-1]
		p.iceMode = ""
		if b.kind != headingBlock && nameLine {
			p.ice.Description, p.ice.DescriptionLines = append(p.ice.Description, t), append(p.ice.DescriptionLines, b.line)
		}
		p.ice.Systems = iceSystems(p.ice)
		return
	}
	ib := p.ice
	switch {
	case label:
		p.iceMode = p.addIceText(b.line, ib, p.iceMode, t)
	case m != nil && p.iceMode != "":
		p.iceMode = p.addIceText(b.line, ib, p.iceMode, strings.TrimRight(m[2], "; "))
	default:
		ib.Description, ib.DescriptionLines = append(ib.Description, t), append(ib.DescriptionLines, b.line)
	}
	ib.Systems = iceSystems(ib)
}

var systemNameRe = regexp.MustCompile(`(^|[^\p{L}])((?:ИС|ИАС|ИИС|АИС|ЕИС|ГБД|ИП|Платформа(?:\s+ИИ)?|Портал|Приложение|Информационная система)\s+«[^«»]+»)`)

func iceSystems(ib *Icebreaker) []string {
	var out []string
	all := append([]string{ib.Name}, ib.Description...)
	all = append(all, ib.Goals...)
	all = append(all, ib.Tasks...)
	for _, s := range all {
		for _, m := range systemNameRe.FindAllStringSubmatch(s, -1) {
			if !containsNorm(out, m[2]) {
				out = append(out, m[2])
			}
		}
	}
	return out
}
