package kct

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// ParseFile parses the map at path.
func ParseFile(path string) (*Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Parse(filepath.Base(path), f)
}

// Parse reads one map. file names it in the document and in errors. It
// returns a *ParseError for input it cannot make sense of; it never panics
// (a bug that would panic is returned as an error).
func Parse(file string, r io.Reader) (doc *Document, err error) {
	defer func() {
		if p := recover(); p != nil {
			doc, err = nil, fmt.Errorf("%s: internal parser error: %v", filepath.Base(file), p)
		}
	}()
	return parse(file, r)
}

func parse(file string, r io.Reader) (*Document, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	src, err := read(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	base := filepath.Base(file)
	p := &parser{file: base, doc: &Document{File: base, Source: strings.TrimPrefix(string(data), "\ufeff")}, src: src}
	if err := p.run(); err != nil {
		return nil, err
	}
	p.finish()
	return p.doc, nil
}

// section is the part of the map the interpreter is in.
type section int

const (
	secTitle section = iota
	secPassport
	secIntro
	secKPI
	secSphere
	secEntities
	secGroups
	secRoadmap
	secSummary
	secPlanned
	secIntegration
	secIcebreakers
	secNeeds
)

var sectionNames = map[section]string{
	secTitle: "title page", secPassport: "passport", secIntro: "introduction", secKPI: "KPI section",
	secSphere: "sphere", secEntities: "entity section", secGroups: "process-group section",
	secRoadmap: "roadmap", secSummary: "summary roadmap", secPlanned: "planned services",
	secIntegration: "integration plan", secIcebreakers: "icebreaker projects", secNeeds: "industry needs",
}

type parser struct {
	file string
	doc  *Document
	src  *source

	sec     section
	spheres []*sphereState
	cur     *sphereState

	titleBlocks []block
	// introduction: the bullets after a paragraph announcing indicators are
	// target figures
	indicators bool
	// lastLayout is the last roadmap header seen, for a roadmap whose header
	// was lost.
	lastLayout *roadmapLayout
	// icebreakers in paragraph form
	ice     *Icebreaker
	iceMode string
	iceBody string
	// titleOwner is the body named on the title page.
	titleOwner string
}

func (p *parser) errorf(line int, field, expected, got string) error {
	return &ParseError{File: p.file, Line: line, Field: field, Expected: expected, Got: got}
}

func (p *parser) unattached(line int, text, reason string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	p.doc.Unattached = append(p.doc.Unattached, Fragment{Line: line, Text: text, Reason: reason})
}

func (p *parser) run() error {
	blocks := p.src.blocks
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		if b.kind == headingBlock || b.kind == paraBlock {
			if sec, ok := classifyTitle(b); ok {
				p.enter(sec, b)
				continue
			}
		}
		var next *block
		if i+1 < len(blocks) {
			next = &blocks[i+1]
		}
		if err := p.dispatch(b, next); err != nil {
			return err
		}
	}
	return nil
}

var (
	sphereTitleRe = regexp.MustCompile(`^(\d{1,2})\s*[.)]?\s*[Сс]фера\s+(.+)$`)
	roadmapTitle  = regexp.MustCompile(`^(\d+(\.\d+)*\.?\s*)?план[\s\-–—]*график`)
)

// classifyTitle recognises a section title by its wording, wherever it is.
func classifyTitle(b block) (section, bool) {
	t := strings.TrimSpace(b.text)
	n := len([]rune(t))
	if t == "" || n > 250 {
		return 0, false
	}
	// a sentence is not a title: a long paragraph ending with a full stop
	if b.kind == paraBlock && n > 80 && strings.HasSuffix(t, ".") {
		return 0, false
	}
	l := lowerTrim(strings.TrimRight(t, ":. "))
	switch {
	case l == "паспорт" || strings.HasPrefix(l, "паспорт карты"):
		return secPassport, true
	case l == "введение":
		return secIntro, true
	case strings.HasPrefix(l, "ключевые показатели эффективности"):
		return secKPI, true
	case strings.HasPrefix(l, "сведения по сущностям"):
		return secEntities, true
	case strings.HasPrefix(l, "детализация групп"):
		return secGroups, true
	case strings.HasPrefix(l, "сводный график"):
		return secSummary, true
	case roadmapTitle.MatchString(l):
		return secRoadmap, true
	case strings.HasPrefix(l, "планируемые для оцифровки"):
		return secPlanned, true
	case strings.HasPrefix(l, "план интеграц"):
		return secIntegration, true
	case strings.Contains(l, "ледокол") && len([]rune(l)) < 120:
		return secIcebreakers, true
	case strings.HasPrefix(l, "потребности отрасли"):
		return secNeeds, true
	case sphereTitleRe.MatchString(t) && !strings.HasSuffix(t, "."):
		return secSphere, true
	case strings.HasPrefix(l, "сфера «") && len([]rune(l)) < 100 && !strings.HasSuffix(t, "."):
		return secSphere, true
	}
	return 0, false
}

// enter switches to a section on its title.
func (p *parser) enter(sec section, b block) {
	if p.sec == secTitle && sec != secTitle {
		p.finishTitlePage()
	}
	p.indicators = false
	switch sec {
	case secSphere:
		p.newSphere(b)
	case secEntities, secGroups, secRoadmap:
		if p.cur == nil {
			p.newSphere(block{line: b.line})
		}
		if sec == secRoadmap {
			p.cur.roadmapTitle(b.text)
			p.cur.rm = roadmapState{}
		}
	case secIcebreakers:
		p.ice, p.iceMode, p.iceBody = nil, "", ""
		p.cur = nil
	default:
		p.cur = nil
	}
	p.sec = sec
}

func (p *parser) dispatch(b block, next *block) error {
	if b.kind == tableBlock {
		return p.table(b.table, next)
	}
	if b.kind == illegibleBlock {
		p.illegible(b)
		return nil
	}
	switch p.sec {
	case secTitle:
		p.titleBlocks = append(p.titleBlocks, b)
	case secIntro:
		p.intro(b)
	case secSphere, secEntities, secGroups:
		if next != nil && next.kind == tableBlock && isGroupTable(next.table) {
			p.cur.pendingTitle = &block{line: b.line, text: b.text}
			return nil
		}
		switch p.sec {
		case secSphere:
			p.cur.prose(b)
		case secEntities:
			if strings.HasPrefix(b.text, "*") {
				p.cur.s.EntityNotes = append(p.cur.s.EntityNotes, b.text)
			} else {
				p.cur.prose(b)
			}
		default:
			p.unattached(b.line, b.text, "paragraph among the process-group blocks, not followed by a process-group table")
		}
	case secRoadmap:
		p.cur.s.RoadmapNotes = append(p.cur.s.RoadmapNotes, b.text)
	case secSummary:
		p.doc.SummaryRoadmapNotes = append(p.doc.SummaryRoadmapNotes, b.text)
	case secIcebreakers:
		p.iceParagraph(b)
	default:
		p.unattached(b.line, b.text, "text in the "+sectionNames[p.sec]+" outside its table")
	}
	return nil
}

func (p *parser) illegible(b block) {
	frag := Fragment{Line: b.line, Text: IllegibleMarker}
	switch {
	case p.cur != nil:
		switch p.sec {
		case secRoadmap:
			frag.Reason = "unreadable block in the roadmap: rows there are lost, a row it cut is kept as a fragment"
			p.cur.rm.pendingIllegible = true
		case secSphere:
			frag.Reason = "unreadable block in the sphere's text"
			p.cur.s.Overview = append(p.cur.s.Overview, IllegibleMarker)
		default:
			frag.Reason = "unreadable block in the " + sectionNames[p.sec]
		}
		p.cur.s.Illegible = append(p.cur.s.Illegible, frag)
	case p.sec == secIntro:
		p.doc.Introduction = append(p.doc.Introduction, IllegibleMarker)
	default:
		p.unattached(b.line, IllegibleMarker, "unreadable block in the "+sectionNames[p.sec])
	}
}

// table classifies a table by its header and hands it on; a table whose
// header is not recognised is read as the section expects.
func (p *parser) table(t *table, next *block) error {
	kind := tableKind(t)
	if kind == kindUnknown {
		switch p.sec {
		case secPassport:
			kind = kindPassport
		case secRoadmap:
			kind = kindRoadmap
		case secIcebreakers:
			kind = kindIcebreakers
		case secKPI:
			return p.errorf(t.line, "KPI table", "a header with the KPI, unit and year columns", describeRow(t.rows[0]))
		case secEntities:
			return p.errorf(t.line, "entity table", "a header (№, Предмет регулирования, Кол-во, Атрибуты, Статус оцифровки, Группа процессов)", describeRow(t.rows[0]))
		case secSummary:
			return p.errorf(t.line, "summary roadmap", "a header (Название сферы, Ответственное подразделение, years)", describeRow(t.rows[0]))
		case secPlanned:
			return p.errorf(t.line, "planned services table", "a header (№, ЦГО, Всего услуг, …)", describeRow(t.rows[0]))
		case secIntegration:
			return p.errorf(t.line, "integration plan", "a header (№, domain, data, consumer body, consumer system, provider body, provider system, deadline)", describeRow(t.rows[0]))
		case secNeeds:
			return p.errorf(t.line, "industry needs table", "a header (№, Наименование группы БП, ЦГО, Потребность)", describeRow(t.rows[0]))
		}
	}
	switch kind {
	case kindPassport:
		p.passport(t)
	case kindKPI:
		return p.kpis(t)
	case kindEntities, kindGroup, kindRoadmap:
		if p.cur == nil {
			p.newSphere(block{line: t.line})
		}
		switch kind {
		case kindEntities:
			return p.cur.entities(p, t)
		case kindGroup:
			p.cur.group(p, t)
		default:
			return p.cur.roadmap(p, t)
		}
	case kindSummary:
		return p.summary(t)
	case kindPlanned:
		return p.planned(t)
	case kindIntegration:
		return p.integrations(t)
	case kindNeeds:
		return p.needs(t)
	case kindIcebreakers:
		p.iceTable(t)
	default:
		for _, r := range t.rows {
			p.unattached(r.line, strings.Join(nonEmpty(cleanCells(r.cells)), " | "), "table row in the "+sectionNames[p.sec]+" whose header is not recognised")
		}
	}
	return nil
}

func describeRow(r *row) string {
	return fmt.Sprintf("%q", truncate(strings.Join(cleanCells(r.cells), " | "), 160))
}

func cleanCells(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = oneLine(c)
	}
	return out
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

type tableKindT int

const (
	kindUnknown tableKindT = iota
	kindPassport
	kindKPI
	kindEntities
	kindGroup
	kindRoadmap
	kindSummary
	kindPlanned
	kindIntegration
	kindNeeds
	kindIcebreakers
)

// tableKind recognises a table by its first row.
func tableKind(t *table) tableKindT {
	if len(t.rows) == 0 {
		return kindUnknown
	}
	h := t.rows[0]
	cells := cleanCells(h.cells)
	first := lowerTrim(cells[0])
	has := func(sub string) bool {
		for _, c := range cells {
			if strings.Contains(lowerTrim(c), sub) {
				return true
			}
		}
		return false
	}
	switch {
	case strings.HasPrefix(first, "наименование карты"):
		return kindPassport
	case has("предмет регулирования"):
		return kindEntities
	case has("ед. изм") || has("ед.изм") || has("единица измерения"):
		return kindKPI
	case isGroupTable(t):
		return kindGroup
	case strings.HasPrefix(first, "реинжиниринг процесс") || strings.HasPrefix(first, "группа процессов") || isQuarterHeader(cells):
		return kindRoadmap
	case strings.HasPrefix(first, "название сферы"):
		return kindSummary
	case has("всего услуг"):
		return kindPlanned
	case has("домена") || has("потребитель данных"):
		return kindIntegration
	case has("потребност") && (has("групп") || first == "№"):
		return kindNeeds
	}
	return kindUnknown
}

// isGroupTable reports a "Детализация группы процессов" table: its first
// label is one of the known row labels.
func isGroupTable(t *table) bool {
	if t == nil || len(t.rows) == 0 || len(t.rows[0].cells) < 2 {
		return false
	}
	return groupLabel(oneLine(t.rows[0].cells[0])) != ""
}

// ---- title page

var ownerStartRe = regexp.MustCompile(`\s(Министерств[оа]|Комитет|Агентств[оа]|Акимат|Управлени[ея])\s`)

func (p *parser) finishTitlePage() {
	blocks := p.titleBlocks
	p.titleBlocks = nil
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		l := lowerTrim(b.text)
		switch {
		case p.doc.Title == "" && strings.Contains(l, "карта цифровой трансформации"):
			title := b.text
			if m := ownerStartRe.FindStringIndex(" " + title + " "); m != nil && m[0] > 0 {
				p.titleOwner = strings.TrimSpace(title[m[0]:])
				title = strings.TrimSpace(title[:m[0]])
			}
			p.doc.Title = title
		case strings.Contains(l, "утвержд") && b.kind == paraBlock:
			parts := []string{b.text}
			for i+1 < len(blocks) && blocks[i+1].kind == paraBlock && !strings.Contains(lowerTrim(blocks[i+1].text), "карта цифровой трансформации") && !isPlaceOrYear(blocks[i+1].text) {
				i++
				parts = append(parts, blocks[i].text)
			}
			p.doc.Approval = strings.Join(parts, " ")
		case b.kind == tableBlock:
			for _, r := range b.table.rows {
				p.unattached(r.line, strings.Join(nonEmpty(cleanCells(r.cells)), " | "), "table on the title page")
			}
		default:
			p.doc.TitlePage = append(p.doc.TitlePage, b.text)
		}
	}
}

var yearsRe = regexp.MustCompile(`20\d\d`)

var placeYearRe = regexp.MustCompile(`^(г\.\s*)?[А-ЯЁ][а-яё\-]+(\s+20\d\d(\s*(год|г\.))?)?$|^20\d\d(\s*(год|г\.))?$`)

func isPlaceOrYear(s string) bool { return placeYearRe.MatchString(strings.TrimSpace(s)) }

// ---- passport

func (p *parser) passport(t *table) {
	ps := p.doc.Passport
	if ps == nil {
		ps = &Passport{Line: t.line}
		p.doc.Passport = ps
	}
	type field struct {
		line       int
		label, raw string
	}
	var fields []field
	for _, r := range t.rows {
		label := oneLine(r.cell(0))
		raw := strings.Join(nonEmpty(r.cells[min(1, len(r.cells)):]), " ")
		if label == "" && len(fields) > 0 {
			fields[len(fields)-1].raw = joinCell(fields[len(fields)-1].raw, raw)
			continue
		}
		if len(fields) > 0 && passportLabel(label) == "" && passportLabel(fields[len(fields)-1].label+" "+label) != "" {
			f := &fields[len(fields)-1]
			f.label += " " + label
			f.raw = joinCell(f.raw, raw)
			continue
		}
		fields = append(fields, field{r.line, label, raw})
	}
	for _, f := range fields {
		value := cleanText(f.raw)
		ps.Fields = append(ps.Fields, Field{Line: f.line, Label: f.label, Value: value})
		switch passportLabel(f.label) {
		case "title":
			ps.Title = oneLine(f.raw)
		case "goal":
			ps.Goal = oneLine(f.raw)
		case "documents":
			items := listItems(f.raw)
			if len(items) == 1 {
				items = trimAll(splitCommaCapital(items[0]))
			}
			ps.StrategicDocuments = append(ps.StrategicDocuments, items...)
		case "spheres":
			ps.Spheres = append(ps.Spheres, listItems(f.raw)...)
		case "principles":
			for _, it := range numberedItems(f.raw) {
				if !strings.HasSuffix(it, ":") {
					ps.Principles = append(ps.Principles, it)
				}
			}
		case "development":
			ps.DevelopmentBodies = append(ps.DevelopmentBodies, bodies(f.raw)...)
		case "implementation":
			ps.ImplementationBodies = append(ps.ImplementationBodies, bodies(f.raw)...)
		case "basis":
			ps.Basis = append(ps.Basis, listItems(f.raw)...)
		case "period":
			ps.Period = oneLine(f.raw)
		}
	}
}

func trimAll(ss []string) []string {
	out := ss[:0]
	for _, s := range ss {
		if s = trimPunct(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// bodies reads a list of bodies: list items, or a run-on text split at
// semicolons, commas before capitals and closing quotes.
func bodies(raw string) []string {
	items := listItems(raw)
	if len(items) != 1 {
		var out []string
		for _, it := range items {
			if !strings.HasSuffix(it, ":") {
				out = append(out, it)
			}
		}
		return out
	}
	return splitBodies(items[0])
}

func passportLabel(label string) string {
	l := lowerTrim(label)
	switch {
	case strings.HasPrefix(l, "наименование карты"):
		return "title"
	case l == "цель" || strings.HasPrefix(l, "цель ") || strings.HasPrefix(l, "цели"):
		return "goal"
	case strings.HasPrefix(l, "документ сгп") || strings.HasPrefix(l, "документы сгп") || strings.Contains(l, "стратегическ"):
		return "documents"
	case strings.HasPrefix(l, "сфер"):
		return "spheres"
	case strings.HasPrefix(l, "принцип"):
		return "principles"
	case strings.Contains(l, "ответствен") && strings.Contains(l, "разработк"):
		return "development"
	case strings.Contains(l, "ответствен") && strings.Contains(l, "реализац"):
		return "implementation"
	case strings.HasPrefix(l, "основани"):
		return "basis"
	case strings.HasPrefix(l, "срок"):
		return "period"
	}
	return ""
}

// periodYears reads the passport's period ("2025-2027 годы").
func (p *parser) periodYears() []int {
	if p.doc.Passport == nil {
		return nil
	}
	ys := yearsRe.FindAllString(p.doc.Passport.Period, -1)
	if len(ys) == 0 {
		return nil
	}
	from, _ := strconv.Atoi(ys[0])
	to, _ := strconv.Atoi(ys[len(ys)-1])
	if to < from || to-from > 10 {
		return nil
	}
	var out []int
	for y := from; y <= to; y++ {
		out = append(out, y)
	}
	return out
}

// ---- introduction

func (p *parser) intro(b block) {
	t := b.text
	if p.indicators && (strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "– ") || strings.HasPrefix(t, "• ")) {
		text := strings.TrimSpace(t[strings.Index(t, " ")+1:])
		p.doc.TargetFigures = append(p.doc.TargetFigures, TargetFigure{Line: b.line, Text: strings.TrimRight(text, "; ")})
		return
	}
	l := lowerTrim(t)
	p.indicators = strings.HasSuffix(t, ":") && (strings.Contains(l, "индикатор") || strings.Contains(l, "целев"))
	p.doc.Introduction = append(p.doc.Introduction, t)
}
