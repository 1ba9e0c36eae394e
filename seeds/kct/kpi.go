package kct

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

type kpiCols struct {
	num, group, name, unit int
	years                  []int // column of each year
	yearOf                 []int
}

// kpis reads a KPI table. The header names the columns; the year columns come
// from the header's second row. A row may have a column fewer than the
// header (or one more): it is aligned on its unit cell, so values land in
// the right year. A row without unit and values is a strategic target; its
// numbered list gives one KPI per target.
func (p *parser) kpis(t *table, cm columnMap) error {
	h := cleanCells(t.rows[0].cells)
	c := kpiCols{num: cm.at("number"), group: cm.at("group"), name: cm.at("name"), unit: cm.at("unit")}
	for i, x := range h {
		if yearCellRe.MatchString(x) {
			y, _ := strconv.Atoi(x[:4])
			c.years, c.yearOf = append(c.years, i), append(c.yearOf, y)
		}
	}
	if c.name < 0 || c.unit < 0 {
		return p.errorf(t.line, "KPI table", "a header with the KPI and unit columns", describeRow(t.rows[0]))
	}
	extra := cm.extra
	body := t.rows[1:]
	// the year row under the header
	for len(body) > 0 && len(c.years) == 0 {
		cells := cleanCells(body[0].cells)
		found := false
		for i, x := range cells {
			if yearCellRe.MatchString(x) {
				y, _ := strconv.Atoi(x[:4])
				c.years, c.yearOf = append(c.years, i), append(c.yearOf, y)
				found = true
			}
		}
		if !found {
			break
		}
		p.consumeRow(body[0])
		body = body[1:]
	}
	if len(c.years) == 0 {
		ys := p.periodYears()
		for i, y := range ys {
			c.years, c.yearOf = append(c.years, c.unit+1+i), append(c.yearOf, y)
		}
	}
	if len(c.years) == 0 {
		return p.errorf(t.line, "KPI table", "year columns (a year row under the header)", describeRow(t.rows[0]))
	}
	group, number := "", ""
	for _, r := range body {
		cells := cleanCells(r.cells)
		if len(nonEmpty(cells)) == 0 {
			continue
		}
		shift := kpiShift(cells, c)
		get := func(col int) (clean, raw string) {
			j := col - shift
			if col < 0 || j < 0 || j >= len(cells) {
				return "", ""
			}
			return cells[j], r.cells[j]
		}
		if g, _ := get(c.group); g != "" {
			group = g
			number = ""
		}
		if n, _ := get(c.num); n != "" {
			number = strings.TrimRight(n, ". ")
		}
		name, rawName := get(c.name)
		unit, _ := get(c.unit)
		var values []YearValue
		for k, col := range c.years {
			if v, _ := get(col); v != "" {
				values = append(values, YearValue{Year: c.yearOf[k], Value: parseValue(v)})
			}
		}
		var ex []Field
		for _, col := range extra {
			if v, _ := get(col); v != "" {
				ex = append(ex, Field{Line: r.line, Label: h[col], Value: v})
			}
		}
		if name == "" && unit == "" && len(values) == 0 {
			// a group row: its group and number carry on; anything else in
			// it belongs to no KPI
			for _, f := range ex {
				p.unattached(r.line, f.Label+": "+f.Value, "KPI table row with no KPI, only a column that is not understood")
			}
			continue
		}
		if unit == "" && len(values) == 0 {
			for _, it := range writtenItems(rawName) {
				p.doc.KPIs = append(p.doc.KPIs, KPI{Line: r.line, Group: group, Number: number, Name: it.written, NormName: it.text, Strategic: true, Extra: ex})
				ex = nil
			}
			continue
		}
		p.doc.KPIs = append(p.doc.KPIs, KPI{Line: r.line, Group: group, Number: number, Name: name, NormName: name, Unit: unit, Values: values, Extra: ex})
	}
	return nil
}

// kpiShift is how far a row's cells sit left of the header's columns: its
// unit cell should be under "ед. изм.", or, without a unit, its longest cell
// under the KPI column.
func kpiShift(cells []string, c kpiCols) int {
	textSeen := false
	for i, x := range cells {
		if x == "" {
			continue
		}
		if textSeen && isUnitLike(x) {
			return c.unit - i
		}
		if utf8.RuneCountInString(x) > 12 && !isValueLike(x) {
			textSeen = true
		}
	}
	longest, n := -1, 0
	for i, x := range cells {
		if l := utf8.RuneCountInString(x); l > n {
			longest, n = i, l
		}
	}
	if longest < 0 {
		return 0
	}
	return c.name - longest
}
