package kct

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
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
	base := filepath.Base(file)
	src, err := read(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", base, err)
	}
	v, err := DefaultVocabulary()
	if err != nil {
		return nil, err
	}
	p := &parser{file: base, doc: &Document{File: base, Encoding: src.encoding, Source: src.text}, src: src, vocab: v}
	for _, r := range src.spaced {
		how := fmt.Sprintf("runs of spaces read as tabs, lines %d–%d", r.first, r.last)
		if r.unit > 0 {
			how = fmt.Sprintf("runs of %d spaces read as tabs, lines %d–%d", r.unit, r.first, r.last)
		}
		p.recognized(r.first, "table", how, "table", HowFallback)
		for _, l := range r.short {
			p.recognized(l, "table", "row written with spaces, fewer cells than the widest row: cells read left to right", "table", HowFallback)
		}
	}
	if err := p.run(); err != nil {
		return nil, err
	}
	p.finish()
	p.reportLost()
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

// sectionSpec is one section of the format, as the interpreter reads it:
// the vocabulary concept of its title (the "section" entries of
// seeds/vocabulary.txt; empty for the title page, which starts the map, and
// for a sphere, announced by a sphere heading), its name in the report, the
// longest title it has (a longer text naming it is prose), what entering it
// on its title does, and where a paragraph in it goes. Tables are read by
// tableSpecs, each naming the section that announces it.
type sectionSpec struct {
	sec      section
	concept  string
	name     string
	maxTitle int // in runes; 0: any title
	// enter runs on the section's title, after the title page is finished;
	// nil leaves the current sphere.
	enter func(p *parser, b block)
	// para takes a paragraph of the section (next is the block after it);
	// nil reports it unattached.
	para func(p *parser, b block, next *block)
}

// sectionSpecs is every section, indexed by section.
var sectionSpecs []sectionSpec

// sectionConcepts maps the vocabulary's section concepts to sections.
var sectionConcepts = map[string]section{}

func init() {
	sectionSpecs = []sectionSpec{
		{sec: secTitle, name: "title page",
			para: func(p *parser, b block, _ *block) { p.titleBlocks = append(p.titleBlocks, b) }},
		{sec: secPassport, concept: "passport", name: "passport"},
		{sec: secIntro, concept: "intro", name: "introduction",
			para: func(p *parser, b block, _ *block) { p.intro(b) }},
		{sec: secKPI, concept: "kpi", name: "KPI section",
			enter: func(p *parser, b block) { p.doc.KPIHeading, p.cur = b.text, nil }},
		{sec: secSphere, name: "sphere",
			para: sphereParagraph(func(p *parser, b block) { p.cur.prose(b) })},
		{sec: secEntities, concept: "entities", name: "entity section",
			enter: func(p *parser, b block) { p.sphereAt(b.line) },
			para: sphereParagraph(func(p *parser, b block) {
				if strings.HasPrefix(b.text, "*") {
					p.cur.s.EntityNotes = append(p.cur.s.EntityNotes, b.text)
				} else {
					p.cur.prose(b)
				}
			})},
		{sec: secGroups, concept: "groups", name: "process-group section",
			enter: func(p *parser, b block) { p.sphereAt(b.line) },
			para: sphereParagraph(func(p *parser, b block) {
				p.unattached(b.line, b.text, "paragraph among the process-group blocks, not followed by a process-group table")
			})},
		{sec: secRoadmap, concept: "roadmap", name: "roadmap",
			enter: func(p *parser, b block) {
				p.sphereAt(b.line)
				p.cur.roadmapTitle(b.text)
				p.cur.rm = roadmapState{}
			},
			para: func(p *parser, b block, _ *block) { p.cur.s.RoadmapNotes = append(p.cur.s.RoadmapNotes, b.text) }},
		{sec: secSummary, concept: "summary", name: "summary roadmap",
			para: func(p *parser, b block, _ *block) {
				p.doc.SummaryRoadmapNotes = append(p.doc.SummaryRoadmapNotes, b.text)
			}},
		{sec: secPlanned, concept: "planned", name: "planned services",
			enter: func(p *parser, b block) { p.doc.PlannedServicesHeading, p.cur = b.text, nil }},
		{sec: secIntegration, concept: "integration", name: "integration plan"},
		{sec: secIcebreakers, concept: "icebreakers", name: "icebreaker projects", maxTitle: 119,
			enter: func(p *parser, _ block) { p.ice, p.iceMode, p.iceBody, p.cur = nil, "", "", nil },
			para:  func(p *parser, b block, _ *block) { p.iceParagraph(b) }},
		{sec: secNeeds, concept: "needs", name: "industry needs"},
	}
	for i, sp := range sectionSpecs {
		if sp.sec != section(i) {
			panic(fmt.Sprintf("kct: sectionSpecs[%d] is %q, out of order", i, sp.name))
		}
		if sp.concept != "" {
			sectionConcepts[sp.concept] = sp.sec
		}
	}
}

// sphereParagraph is the paragraph handler of a sphere's sections: a
// paragraph followed by a process-group table is that group's title, any
// other goes to f.
func sphereParagraph(f func(p *parser, b block)) func(p *parser, b block, next *block) {
	return func(p *parser, b block, next *block) {
		if next != nil && next.kind == tableBlock && p.isGroupTable(next.table) {
			p.cur.pendingTitle = &block{line: b.line, text: b.text}
			return
		}
		f(p, b)
	}
}

// sectionName is sec's name in the report.
func sectionName(sec section) string { return sectionSpecs[sec].name }

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
	// iceBodyLine is the line of a body row of the icebreaker table that no
	// project has followed yet (0 when one has).
	iceBodyLine int
	// titleOwner is the body named on the title page.
	titleOwner string

	vocab   *Vocabulary
	matches map[matchKey]matchResult
	// titles is the section each block's title announces, -1 for none.
	titles []section
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

// splitTitles splits a title off a paragraph the reader joined it into: a
// line that alone is a section title or a numbered sphere heading, followed
// by lines starting in lowercase, is a title and a paragraph, not one
// paragraph (a heading never swallows the line under it).
func (p *parser) splitTitles() {
	var out []block
	for _, b := range p.src.blocks {
		if b.kind != paraBlock || len(b.parts) < 2 || !p.titleLine(b.parts[0].text) {
			out = append(out, b)
			continue
		}
		title := block{kind: paraBlock, line: b.parts[0].line, text: b.parts[0].text}
		rest := block{kind: paraBlock, line: b.parts[1].line, text: b.parts[1].text}
		for _, pt := range b.parts[2:] {
			rest.text = joinText(rest.text, pt.text)
		}
		if len(b.parts) > 2 {
			rest.parts = b.parts[1:]
		}
		out = append(out, title, rest)
	}
	p.src.blocks = out
}

// titleLine reports whether a line alone reads as a section title or a
// numbered sphere heading.
func (p *parser) titleLine(t string) bool {
	b := block{kind: paraBlock, text: t}
	if _, ok := p.classifyTitle(b, false); ok {
		return true
	}
	number, rest := stripOutline(strings.TrimSpace(t))
	_, ok := p.match("sphere", rest, false)
	return ok && number != "" && titleLike(b)
}

func (p *parser) run() error {
	p.splitTitles()
	blocks := p.src.blocks
	p.titles = make([]section, len(blocks))
	for i, b := range blocks {
		p.titles[i] = -1
		if sec, ok := p.classifyTitle(b, false); ok {
			p.titles[i] = sec
		}
	}
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		if p.titles[i] >= 0 {
			sec, _ := p.classifyTitle(b, true)
			p.consume(b.line, b.text)
			p.enter(sec, b)
			continue
		}
		if h := p.sphereHeading(i); h != nil {
			p.consume(b.line, b.text)
			p.leaveTitlePage()
			p.indicators = false
			p.newSphere(b, h)
			p.sec = secSphere
			continue
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

// titleLike reports whether a block can be a title: a heading, or a short
// paragraph that is not a sentence.
func titleLike(b block) bool {
	t := strings.TrimSpace(b.text)
	n := utf8.RuneCountInString(t)
	if t == "" || n > 250 {
		return false
	}
	// a sentence is not a title: a long paragraph ending with a full stop
	return !(b.kind == paraBlock && n > 80 && strings.HasSuffix(t, "."))
}

// classifyTitle recognises a section title by its wording (the vocabulary's
// "section" entries), wherever it is; record adds the recognition to the
// report.
func (p *parser) classifyTitle(b block, record bool) (section, bool) {
	if (b.kind != headingBlock && b.kind != paraBlock) || !titleLike(b) {
		return 0, false
	}
	t := strings.TrimSpace(b.text)
	var m vmatch
	var ok bool
	if record {
		m, ok = p.recognize(b.line, "section", t, false)
	} else {
		m, ok = p.match("section", t, false)
	}
	if ok {
		sec := sectionConcepts[m.concept]
		if max := sectionSpecs[sec].maxTitle; max > 0 && utf8.RuneCountInString(t) > max {
			return 0, false
		}
		return sec, true
	}
	return 0, false
}

// enter switches to a section on its title.
func (p *parser) leaveTitlePage() {
	if p.sec == secTitle {
		p.finishTitlePage()
	}
}

func (p *parser) enter(sec section, b block) {
	p.leaveTitlePage()
	p.indicators = false
	if f := sectionSpecs[sec].enter; f != nil {
		f(p, b)
	} else {
		p.cur = nil
	}
	p.sec = sec
}

// sphereAt makes sure a sphere is open: a new one when a sphere's section
// comes before any sphere heading.
func (p *parser) sphereAt(line int) {
	if p.cur == nil {
		p.newSphere(block{line: line}, nil)
	}
}

// dispatch hands a block to its reader: a table to its table spec, a
// paragraph to the current section's spec.
func (p *parser) dispatch(b block, next *block) error {
	if b.kind == tableBlock {
		return p.table(b.table, next)
	}
	if b.kind == illegibleBlock {
		p.illegible(b)
		return nil
	}
	if f := sectionSpecs[p.sec].para; f != nil {
		f(p, b, next)
	} else {
		p.unattached(b.line, b.text, "text in the "+sectionName(p.sec)+" outside its table")
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
			p.cur.s.Overview, p.cur.s.OverviewLines = append(p.cur.s.Overview, IllegibleMarker), append(p.cur.s.OverviewLines, b.line)
		default:
			frag.Reason = "unreadable block in the " + sectionName(p.sec)
		}
		p.cur.s.Illegible = append(p.cur.s.Illegible, frag)
	case p.sec == secIntro:
		p.doc.Introduction, p.doc.IntroductionLines = append(p.doc.Introduction, IllegibleMarker), append(p.doc.IntroductionLines, b.line)
	default:
		p.unattached(b.line, IllegibleMarker, "unreadable block in the "+sectionName(p.sec))
	}
}

// tableSpec is one kind of table the interpreter reads: the column kind of
// its header in the vocabulary (empty for tables without a header row), the
// section whose title announces it, what its header must contain (for the
// error when it does not), and its handler. The interpreter is driven by
// this list: a table is of the kind whose key columns its header has.
type tableSpec struct {
	kind    tableKindT
	columns string
	sec     section
	field   string
	expect  string
	// headerOptional: the format writes this table without a header row;
	// one the vocabulary knows is read by header, any other row is data.
	headerOptional bool
	read           func(p *parser, t *table, cm columnMap) error
}

var tableSpecs []tableSpec

func init() {
	tableSpecs = []tableSpec{
		{kindKPI, "column.kpi", secKPI, "KPI table", "a header with the KPI, unit and year columns", false,
			func(p *parser, t *table, cm columnMap) error { return p.kpis(t, cm) }},
		{kindEntities, "column.entities", secEntities, "entity table", "a header (№, Предмет регулирования, Кол-во, Атрибуты, Статус оцифровки, Группа процессов)", false,
			func(p *parser, t *table, cm columnMap) error { return p.sphereFor(t).entities(p, t, cm) }},
		{kindSummary, "column.summary", secSummary, "summary roadmap", "a header (Название сферы, Ответственное подразделение, years)", false,
			func(p *parser, t *table, cm columnMap) error { return p.summary(t, cm) }},
		{kindPlanned, "column.planned", secPlanned, "planned services table", "a header (№, ЦГО, Всего услуг, …)", false,
			func(p *parser, t *table, cm columnMap) error { return p.planned(t, cm) }},
		{kindIntegration, "column.integration", secIntegration, "integration plan", "a header (№, domain, data, consumer body, consumer system, provider body, provider system, deadline)", false,
			func(p *parser, t *table, cm columnMap) error { return p.integrations(t, cm) }},
		{kindNeeds, "column.needs", secNeeds, "industry needs table", "a header (№, Наименование группы БП, ЦГО, Потребность)", false,
			func(p *parser, t *table, cm columnMap) error { return p.needs(t, cm) }},
		{kindPassport, "", secPassport, "", "", false, func(p *parser, t *table, _ columnMap) error { p.passport(t); return nil }},
		{kindGroup, "", secGroups, "", "", false, func(p *parser, t *table, _ columnMap) error { p.sphereFor(t).group(p, t); return nil }},
		{kindRoadmap, "", secRoadmap, "", "", false, func(p *parser, t *table, _ columnMap) error { return p.sphereFor(t).roadmap(p, t) }},
		{kindIcebreakers, "column.icebreakers", secIcebreakers, "", "", true, func(p *parser, t *table, cm columnMap) error {
			if cm.col == nil {
				p.iceTable(t)
				return nil
			}
			return p.iceHeaderTable(t, cm)
		}},
	}
}

func specOf(kind tableKindT) *tableSpec {
	for i := range tableSpecs {
		if tableSpecs[i].kind == kind {
			return &tableSpecs[i]
		}
	}
	return nil
}

// sphereFor is the sphere a sphere-level table belongs to (a new one when
// the map starts with such a table).
func (p *parser) sphereFor(t *table) *sphereState {
	if p.cur == nil {
		p.newSphere(block{line: t.line}, nil)
	}
	return p.cur
}

// table classifies a table by its header and hands it on; a table whose
// header is not recognised is read as the section expects when the section
// reads tables without a header, and is an error when the section announces
// a table with a header.
func (p *parser) table(t *table, next *block) error {
	kind := p.tableKind(t)
	if kind == kindUnknown {
		for _, sp := range tableSpecs {
			if sp.sec != p.sec {
				continue
			}
			if sp.columns != "" && !sp.headerOptional {
				return p.errorf(t.line, sp.field, sp.expect, describeRow(t.rows[0]))
			}
			kind = sp.kind
			if !sp.headerOptional {
				p.recognized(t.line, "table", truncate(strings.Join(nonEmpty(cleanCells(t.rows[0].cells)), " | "), 120), kindNames[kind], HowFallback)
			}
		}
	}
	sp := specOf(kind)
	if sp == nil {
		for _, r := range t.rows {
			p.unattached(r.line, strings.Join(nonEmpty(cleanCells(r.cells)), " | "), "table row in the "+sectionName(p.sec)+" whose header is not recognised")
		}
		return nil
	}
	var cm columnMap
	if sp.columns != "" && (!sp.headerOptional || p.tableKind(t) == kind) {
		cm = p.mapColumns(t.line, sp.columns, cleanCells(t.rows[0].cells), skipYears, true)
		p.consumeRow(t.rows[0])
	}
	return sp.read(p, t, cm)
}

var kindNames = map[tableKindT]string{
	kindPassport: "passport", kindKPI: "kpi", kindEntities: "entities", kindGroup: "group",
	kindRoadmap: "roadmap", kindSummary: "summary", kindPlanned: "planned", kindIntegration: "integration",
	kindNeeds: "needs", kindIcebreakers: "icebreakers",
}

// skipYears leaves year cells ("2025", "2026 г.") to the handlers.
func skipYears(_ int, c string) bool { return yearCellRe.MatchString(strings.TrimSpace(c)) }

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

// tableKind recognises a table by its first row: a label table by its first
// label (passport, process group), a roadmap by its header rows, any other
// by the key columns of its header (the kind with the most recognised
// columns wins; the section's own kind wins a tie).
func (p *parser) tableKind(t *table) tableKindT {
	if len(t.rows) == 0 {
		return kindUnknown
	}
	cells := cleanCells(t.rows[0].cells)
	if m, ok := p.match("label.passport", cells[0], false); ok && m.concept == "title" && len(nonEmpty(cells)) <= 3 {
		return kindPassport
	}
	best, bestN := kindUnknown, 0
	for _, sp := range tableSpecs {
		if sp.columns == "" {
			continue
		}
		cm := p.mapColumns(t.line, sp.columns, cells, skipYears, false)
		if !p.hasKeys(sp.columns, cm) {
			continue
		}
		n := len(cm.col)
		if n > bestN || (n == bestN && sp.sec == p.sec) {
			best, bestN = sp.kind, n
		}
	}
	if best != kindUnknown {
		return best
	}
	switch {
	case p.isRoadmapHeader(cells):
		return kindRoadmap
	case p.isGroupTable(t):
		return kindGroup
	}
	return kindUnknown
}

// isRoadmapHeader reports a roadmap header row: its first cell is one of
// the roadmap's header wordings, or it has a quarter in four cells.
func (p *parser) isRoadmapHeader(cells []string) bool {
	if len(cells) == 0 {
		return false
	}
	if m, ok := p.match("column.roadmap", cells[0], false); ok && (m.concept == "header" || m.concept == "group") {
		return len(cells) > 2
	}
	return isQuarterHeader(cells)
}

// isGroupTable reports a "Детализация группы процессов" table: its first
// label is one of the vocabulary's process-group labels.
func (p *parser) isGroupTable(t *table) bool {
	if t == nil || len(t.rows) == 0 || len(t.rows[0].cells) < 2 {
		return false
	}
	if p.groupLabel(oneLine(t.rows[0].cells[0])) != "" {
		return true
	}
	// a first label in other words: most labels are known ones
	known, labels := 0, 0
	for _, r := range t.rows {
		l := oneLine(r.cell(0))
		if l == "" || len(nonEmpty(r.cells)) > 3 {
			continue
		}
		labels++
		if p.groupLabel(l) != "" {
			known++
		}
	}
	return known >= 3 && 2*known >= labels
}

// consumeRow records a header row's cells as structure.
func (p *parser) consumeRow(r *row) {
	for _, c := range r.cells {
		p.consume(r.line, oneLine(c))
	}
}

// consume records text the parser took as structure (a title, a header, a
// label), for the accounting of every line.
func (p *parser) consume(line int, text string) {
	if strings.TrimSpace(text) != "" {
		p.doc.structure = append(p.doc.structure, Fragment{Line: line, Text: text})
	}
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
		if len(fields) > 0 && p.passportLabel(label) == "" && p.passportLabel(fields[len(fields)-1].label+" "+label) != "" {
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
		switch p.rowLabel(f.line, "label.passport", f.label) {
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

// passportLabel maps a passport row label to its field (the vocabulary's
// "label.passport" concepts), "" when it is not a known label.
func (p *parser) passportLabel(label string) string {
	if m, ok := p.match("label.passport", label, false); ok {
		return m.concept
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
	p.doc.Introduction, p.doc.IntroductionLines = append(p.doc.Introduction, t), append(p.doc.IntroductionLines, b.line)
}
