package kct

import (
	"github.com/karta/karta/catalog/textnorm"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// roadmapLayout says where a roadmap table keeps its units and quarters.
type roadmapLayout struct {
	unitCol  int
	qcols    []int
	quarters []Quarter // year and quarter of each column in qcols
	// extra are the columns after the quarters the header names (not
	// understood: kept in RoadmapItem.Extra), with their header cells.
	extra      []int
	extraLabel []string
	years      []int
}

// roadmapState is a sphere's roadmap being read.
type roadmapState struct {
	layout  *roadmapLayout
	yearRow []string // a year header row waiting for its quarter row
	// last is the index of the last item in Sphere.Roadmap, -1 for none;
	// lastText its text so far.
	last     int
	lastText string
	started  bool
	// pageUnits are the units of the current table page (a merged cell).
	pageUnits []string
	// afterHeader: the previous row was a header or KPI row (a page top).
	afterHeader bool
	kpiMode     bool
	// pendingIllegible: an [illegible] block came since the last row.
	pendingIllegible bool
}

var (
	quarterRe   = regexp.MustCompile(`(?i)^(I{1,3}|IV|[1-4])\s*-?\s*(кв|квартал)`)
	yearCellRe  = regexp.MustCompile(`^20\d\d(\s*(г\.?|год))?$`)
	groupPrefix = regexp.MustCompile(`(?i)^группа\s+(бизнес[\s-]*)?процессов\s*:?\s*`)
	techMarker  = regexp.MustCompile(`(?i)перспективные\s+технологии\s*:?\s*`)
)

// isRoadmapGroupHeader reports the quarter row of a roadmap header ("Группа
// процессов | Отв. подр. | I кв | …").
func (p *parser) isRoadmapGroupHeader(cells []string) bool {
	if isQuarterHeader(cells) {
		return true
	}
	// a header names the column; a row "Группа процессов: X" is an item
	if strings.Contains(strings.TrimRight(cells[0], ": "), ":") {
		return false
	}
	for _, c := range cells[1:] {
		if isCode(c) {
			return false
		}
	}
	m, ok := p.match("column.roadmap", cells[0], false)
	return ok && m.concept == "group"
}

func isQuarterHeader(cells []string) bool {
	n := 0
	for _, c := range cells {
		if quarterRe.MatchString(strings.TrimSpace(c)) {
			n++
		}
	}
	return n >= 4
}

func (p *parser) isYearHeader(cells []string) bool {
	if len(cells) == 0 {
		return false
	}
	if m, ok := p.match("column.roadmap", cells[0], false); ok && m.concept == "header" {
		return true
	}
	n := 0
	for _, c := range cells[1:] {
		if yearCellRe.MatchString(c) {
			n++
		} else if c != "" {
			return false
		}
	}
	return n >= 2
}

func quarterNum(c string) int {
	m := quarterRe.FindStringSubmatch(strings.TrimSpace(c))
	if m == nil {
		return 0
	}
	switch strings.ToUpper(m[1]) {
	case "I", "1":
		return 1
	case "II", "2":
		return 2
	case "III", "3":
		return 3
	}
	return 4
}

// buildLayout reads a roadmap header: the year row ("Реинжиниринг процессов |
// | 2025 | … | 2026 …") and the quarter row ("Группа процессов | Отв. подр. |
// I кв | II кв …"). The quarter row decides the columns (the two rows of a
// page do not always agree); the years come from the year row, else from the
// previous header or the passport's period.
func (p *parser) buildLayout(yearRow, qRow []string, line int) (*roadmapLayout, error) {
	var years []int
	var yearCols []int
	for i, c := range yearRow {
		if yearCellRe.MatchString(c) {
			y, _ := strconv.Atoi(c[:4])
			years = append(years, y)
			yearCols = append(yearCols, i)
		}
	}
	if len(years) == 0 {
		if p.lastLayout != nil {
			years = p.lastLayout.years
		} else {
			years = p.periodYears()
		}
	}
	if len(years) == 0 {
		return nil, p.errorf(line, "roadmap header", "the years of the roadmap (a header row, or the passport's period)", "none")
	}
	l := &roadmapLayout{unitCol: -1, years: years}
	if qRow != nil {
		yi, prev := 0, 0
		for i, c := range qRow {
			if q := quarterNum(c); q > 0 {
				if q <= prev && len(l.qcols) > 0 {
					yi++
				}
				prev = q
				year := years[len(years)-1] + yi - (len(years) - 1)
				if yi < len(years) {
					year = years[yi]
				}
				l.qcols = append(l.qcols, i)
				l.quarters = append(l.quarters, Quarter{Year: year, Quarter: q})
				continue
			}
			if l.unitCol < 0 && len(l.qcols) == 0 && i > 0 {
				if m, ok := p.match("column.roadmap", c, false); ok && m.concept == "units" {
					l.unitCol = i
				}
			}
		}
		if l.unitCol < 0 && len(l.qcols) > 0 {
			l.unitCol = l.qcols[0] - 1
		}
		if len(l.qcols) > 0 {
			for i := l.qcols[len(l.qcols)-1] + 1; i < len(qRow); i++ {
				if qRow[i] != "" {
					l.extra, l.extraLabel = append(l.extra, i), append(l.extraLabel, qRow[i])
					p.recognized(line, "column.roadmap", qRow[i], "", HowUnknown)
				}
			}
		}
		return l, nil
	}
	start := 2
	if len(yearCols) > 0 {
		start = yearCols[0]
	}
	l.unitCol = start - 1
	for yi, y := range years {
		for q := 1; q <= 4; q++ {
			l.qcols = append(l.qcols, start+yi*4+q-1)
			l.quarters = append(l.quarters, Quarter{Year: y, Quarter: q})
		}
	}
	return l, nil
}

// defaultLayout is used for a roadmap whose header was lost (swallowed by an
// [illegible] block): the last header of the document, else text, units and
// four quarters per year of the passport's period.
func (p *parser) defaultLayout(line int) (*roadmapLayout, error) {
	if p.lastLayout != nil {
		return p.lastLayout, nil
	}
	return p.buildLayout(nil, nil, line)
}

// roadmap reads one table of a sphere's "План график". Rows are header rows
// (repeated on every page), KPI rows, items, the rest of an item cut by a page
// break, or the orphan tail of an item whose start an [illegible] block took.
func (st *sphereState) roadmap(p *parser, t *table) error {
	rs := &st.rm
	if !rs.started {
		rs.started, rs.last = true, -1
	}
	for _, r := range t.rows {
		cells := cleanCells(r.cells)
		if len(nonEmpty(cells)) == 0 {
			continue
		}
		if p.isYearHeader(cells) && !isQuarterHeader(cells) {
			p.consumeRow(r)
			rs.yearRow = cells
			rs.afterHeader, rs.pageUnits, rs.pendingIllegible = true, nil, false
			continue
		}
		if p.isRoadmapGroupHeader(cells) {
			p.consumeRow(r)
			l, err := p.buildLayout(rs.yearRow, cells, r.line)
			if err != nil {
				return err
			}
			rs.layout, p.lastLayout, rs.yearRow = l, l, nil
			rs.afterHeader, rs.pageUnits, rs.pendingIllegible = true, nil, false
			continue
		}
		if rs.yearRow != nil {
			l, err := p.buildLayout(rs.yearRow, nil, r.line)
			if err != nil {
				return err
			}
			rs.layout, p.lastLayout, rs.yearRow = l, l, nil
		}
		if rs.layout == nil {
			l, err := p.defaultLayout(r.line)
			if err != nil {
				return err
			}
			rs.layout = l
		}
		if err := st.roadmapRow(p, r, cells); err != nil {
			return err
		}
	}
	return nil
}

func (st *sphereState) isKPIRow(cells []string, hasCodes bool) bool {
	if hasCodes {
		return false
	}
	for _, c := range cells {
		if strings.HasPrefix(lowerTrim(c), "ключевые показатели") {
			return true
		}
	}
	c0 := cells[0]
	if c0 == "" {
		return st.rm.kpiMode
	}
	l := lowerTrim(c0)
	if groupPrefix.MatchString(c0) || strings.Contains(l, "перспективные технологии") || utf8.RuneCountInString(c0) > 80 {
		return false
	}
	return textnorm.NameScore(c0, st.s.Name) >= matchThreshold || textnorm.NameScore(c0, st.s.Heading) >= matchThreshold
}

func (st *sphereState) roadmapRow(p *parser, r *row, cells []string) error {
	rs := &st.rm
	s := st.s
	hasCodes := false
	for _, c := range cells[1:] {
		if isCode(c) {
			hasCodes = true
			break
		}
	}
	if st.isKPIRow(cells, hasCodes) {
		// a KPI row repeats on every page of the roadmap: it is structure
		// whose KPIs are kept once
		p.consumeRow(r)
		var parts []string
		for _, c := range r.cells[1:] {
			if strings.TrimSpace(c) != "" {
				parts = append(parts, c)
			}
		}
		if cells[0] != "" && strings.HasPrefix(lowerTrim(cells[0]), "ключевые показатели") {
			parts = append([]string{r.cells[0]}, parts...)
		}
		for _, it := range listItems(strings.Join(parts, " ")) {
			if strings.HasSuffix(it, ":") || strings.HasPrefix(lowerTrim(it), "ключевые показатели") && !strings.Contains(it, ":") {
				continue
			}
			if i := strings.Index(it, ":"); i >= 0 && strings.HasPrefix(lowerTrim(it), "ключевые показатели") {
				it = strings.TrimSpace(it[i+1:])
			}
			if it != "" && !containsNorm(s.RoadmapKPIs, it) {
				s.RoadmapKPIs = append(s.RoadmapKPIs, it)
			}
		}
		rs.kpiMode, rs.afterHeader = true, true
		return nil
	}
	rs.kpiMode = false

	// the cells: text first, then a unit cell, then codes in quarter columns
	lay := rs.layout
	var extra []Field
	if len(lay.extra) > 0 {
		cells = append([]string(nil), cells...)
		for k, i := range lay.extra {
			if i < len(cells) && cells[i] != "" {
				extra = append(extra, Field{Line: r.line, Label: lay.extraLabel[k], Value: cells[i]})
				cells[i] = ""
			}
		}
	}
	texts := []string{r.cells[0]}
	unitIdx := -1
	var units []string
	var codeIdx []int
	for i := 1; i < len(cells); i++ {
		c := cells[i]
		switch {
		case c == "":
		case isCode(c):
			codeIdx = append(codeIdx, i)
		case len(codeIdx) > 0:
			return p.errorf(r.line, "roadmap row", "R/F/D codes in the quarter cells", strconv.Quote(truncate(c, 60)))
		case isRoadmapUnit(c):
			if unitIdx < 0 {
				unitIdx = i
			} else if i > lay.unitCol+1 && i > unitIdx+1 {
				return p.errorf(r.line, "roadmap row", "R/F/D codes in the quarter cells", strconv.Quote(truncate(c, 60)))
			}
			units = append(units, splitUnits(c)...)
		default:
			texts = append(texts, r.cells[i])
		}
	}
	shift := 0
	if unitIdx >= 0 && lay.unitCol >= 0 {
		shift = unitIdx - lay.unitCol
	}
	var quarters []Quarter
	for _, ci := range codeIdx {
		k := indexOf(lay.qcols, ci-shift)
		if k < 0 {
			k = indexOf(lay.qcols, ci)
		}
		if k < 0 {
			return p.errorf(r.line, "roadmap row", "codes in the quarter columns", "a code in column "+strconv.Itoa(ci+1))
		}
		q := lay.quarters[k]
		q.Text = cells[ci]
		q.Codes, q.BudgetDependent = parseCodes(cells[ci])
		quarters = append(quarters, q)
	}
	text := oneLine(strings.Join(texts, " "))
	if m := groupPrefix.FindString(text); m != "" {
		p.consume(r.line, m)
	}
	if m := techMarker.FindString(text); m != "" {
		p.consume(r.line, m)
	}
	hasPrefix := groupPrefix.MatchString(text)
	orphan := (r.afterIllegible || rs.pendingIllegible) && !hasPrefix
	rs.pendingIllegible = false
	afterHeader := rs.afterHeader
	rs.afterHeader = false

	if !orphan && !hasPrefix && len(quarters) == 0 && rs.last >= 0 && (r.afterBreak || afterHeader) {
		// the rest of the previous row, cut by a page break
		it := &s.Roadmap[rs.last]
		rs.lastText = joinText(rs.lastText, text)
		if it.Fragmentary {
			it.Technologies = IllegibleMarker + " " + rs.lastText
		} else {
			it.ProcessGroupName, it.Technologies = splitRoadmapText(rs.lastText)
		}
		for _, u := range units {
			if !containsNorm(it.Units, u) {
				it.Units = append(it.Units, u)
			}
		}
		it.Extra = append(it.Extra, extra...)
		return nil
	}
	it := RoadmapItem{Line: r.line, Quarters: quarters, Extra: extra}
	if orphan {
		it.Fragmentary = true
		it.Technologies = IllegibleMarker + " " + text
	} else {
		it.ProcessGroupName, it.Technologies = splitRoadmapText(text)
	}
	if len(units) > 0 {
		rs.pageUnits = units
		it.Units = units
	} else if !orphan {
		it.Units = append([]string(nil), rs.pageUnits...)
	}
	s.Roadmap = append(s.Roadmap, it)
	rs.last, rs.lastText = len(s.Roadmap)-1, text
	return nil
}

// splitRoadmapText reads "Группа бизнес-процессов: X Перспективные
// технологии: Y" into X and Y.
func splitRoadmapText(t string) (name, tech string) {
	t = groupPrefix.ReplaceAllString(strings.TrimSpace(t), "")
	if loc := techMarker.FindStringIndex(t); loc != nil {
		return trimPunct(t[:loc[0]]), strings.TrimSpace(t[loc[1]:])
	}
	return trimPunct(t), ""
}

// isRoadmapUnit reports a responsible-unit cell ("КДСФК ДЦТРГУ", "МИИЦР РК").
func isRoadmapUnit(c string) bool {
	l := lowerTrim(c)
	if utf8.RuneCountInString(c) > 40 || strings.Contains(c, ":") || strings.HasPrefix(l, "перспективн") || strings.HasPrefix(l, "группа") {
		return false
	}
	return len(strings.Fields(c)) <= 5
}

var abbrevRe = regexp.MustCompile(`^[\p{Lu}\d-]{2,10}$`)

// splitUnits splits "КДСФК ДЦТРГУ" into its abbreviations; "РК" stays with
// the body before it ("МИИЦР РК"); a unit written out in words is one unit.
func splitUnits(c string) []string {
	f := strings.FieldsFunc(c, func(r rune) bool { return r == ' ' || r == ',' || r == ';' })
	for _, w := range f {
		if !abbrevRe.MatchString(w) {
			return []string{strings.TrimSpace(c)}
		}
	}
	var out []string
	for _, w := range f {
		if (w == "РК" || w == "РФ") && len(out) > 0 {
			out[len(out)-1] += " " + w
			continue
		}
		out = append(out, w)
	}
	return out
}

func indexOf(xs []int, x int) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

func containsNorm(list []string, s string) bool {
	n := textnorm.Letters(s)
	for _, x := range list {
		if textnorm.Letters(x) == n {
			return true
		}
	}
	return false
}
