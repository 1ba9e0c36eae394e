package kct

import (
	"io"
	"regexp"
	"strings"
)

// The reader turns the text of a map into blocks: headings, paragraphs,
// tables and "[illegible]" markers, each with the line it starts on. It
// knows the format's defects, not the document's meaning.

type blockKind int

const (
	paraBlock blockKind = iota
	headingBlock
	tableBlock
	illegibleBlock
)

// block is one element of the text.
type block struct {
	kind blockKind
	line int
	// level is the heading level: 1–6 for "#…", 0 for a bold line "**…**".
	level int
	// text is the clean text of a heading or paragraph (HTML and markdown
	// removed, one line).
	text  string
	table *table
}

// table is a run of tab-separated (or "|"-separated) lines; blank lines
// inside it are page breaks and do not end it.
type table struct {
	line int
	rows []*row
}

// row is one table row. Cells keep their raw text (with HTML): the
// interpreter decides whether a cell is a list, a paragraph or a value.
type row struct {
	line  int
	cells []string
	// afterBreak: blank lines (a page break) or a separator row came before.
	afterBreak bool
	// afterIllegible: an "[illegible]" block came right before.
	afterIllegible bool
}

// cell returns cell i or "".
func (r *row) cell(i int) string {
	if r == nil || i < 0 || i >= len(r.cells) {
		return ""
	}
	return r.cells[i]
}

// source is the read text.
type source struct {
	blocks []block
	// endsWithNewline is false when the file stops in the middle of a line.
	endsWithNewline bool
	// lastLine is the last non-blank line, trimmed.
	lastLine string
}

var (
	headingRe   = regexp.MustCompile(`^(#{1,6})\s+(.*?)\s*#*$`)
	separatorRe = regexp.MustCompile(`^:?-{2,}:?$`)
)

// read splits the text into blocks. It repairs what the conversion broke:
//   - a table row cut by a page break continues on the next line, which then
//     starts with empty cells (or with the lowercase rest of the first cell)
//     and holds only text: its cells are appended to the row's cells;
//   - a line without tabs that starts in lowercase continues the last cell
//     of the table above, or the paragraph above;
//   - markdown separator rows ("--\t---") are dropped;
//   - a bold title spread over several lines ("**Карта …\n… отрасли**") is
//     one heading;
//   - "[illegible]" lines become marker blocks, never dropped.
func read(r io.Reader) (*source, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	src := &source{endsWithNewline: strings.HasSuffix(text, "\n")}
	lines := strings.Split(text, "\n")
	if src.endsWithNewline {
		lines = lines[:len(lines)-1]
	}
	for i := range lines {
		lines[i] = normalizeLine(lines[i])
		if t := strings.TrimSpace(lines[i]); t != "" {
			src.lastLine = t
		}
	}

	var blocks []block
	brk, ill := false, false
	lastTable := func() *table {
		if len(blocks) > 0 && blocks[len(blocks)-1].kind == tableBlock {
			return blocks[len(blocks)-1].table
		}
		return nil
	}
	for i := 0; i < len(lines); i++ {
		ln := i + 1
		raw := lines[i]
		t := strings.TrimSpace(raw)
		switch {
		case t == "":
			brk = true
			continue
		case strings.EqualFold(t, IllegibleMarker):
			blocks = append(blocks, block{kind: illegibleBlock, line: ln, text: IllegibleMarker})
			brk, ill = false, true
			continue
		case isTableLine(raw):
			cells := splitCells(raw)
			if isSeparatorRow(cells) {
				brk = true
				continue
			}
			tb := lastTable()
			switch {
			case tb != nil && brk && !ill && len(tb.rows) > 0 && isContinuationRow(cells):
				mergeRow(tb.rows[len(tb.rows)-1], cells)
			case tb != nil:
				tb.rows = append(tb.rows, &row{line: ln, cells: cells, afterBreak: brk})
			default:
				blocks = append(blocks, block{kind: tableBlock, line: ln, table: &table{
					line: ln, rows: []*row{{line: ln, cells: cells, afterBreak: brk, afterIllegible: ill}},
				}})
			}
		case headingRe.MatchString(t):
			m := headingRe.FindStringSubmatch(t)
			blocks = append(blocks, block{kind: headingBlock, line: ln, level: len(m[1]), text: oneLine(m[2])})
		case strings.HasPrefix(t, "**"):
			if text, end, ok := boldBlock(lines, i); ok {
				blocks = append(blocks, block{kind: headingBlock, line: ln, text: text})
				i = end
				break
			}
			fallthrough
		default:
			text := oneLine(t)
			if text == "" {
				continue
			}
			if startsLower(text) && !ill && len(blocks) > 0 {
				lb := &blocks[len(blocks)-1]
				if lb.kind == tableBlock && len(lb.table.rows) > 0 {
					appendToLastCell(lb.table.rows[len(lb.table.rows)-1], t)
					brk = false
					continue
				}
				if lb.kind == paraBlock {
					lb.text = joinText(lb.text, text)
					brk = false
					continue
				}
			}
			blocks = append(blocks, block{kind: paraBlock, line: ln, text: text})
		}
		brk, ill = false, false
	}
	src.blocks = blocks
	return src, nil
}

// boldBlock reads a bold heading starting at line i: a whole line "**…**",
// or lines from "**…" to "…**" (at most eight, no blank line, no tab).
func boldBlock(lines []string, i int) (text string, end int, ok bool) {
	t := strings.TrimSpace(lines[i])
	rest := t[2:]
	if strings.HasSuffix(rest, "**") && !strings.Contains(strings.TrimSuffix(rest, "**"), "**") {
		return oneLine(strings.TrimSuffix(rest, "**")), i, strings.TrimSuffix(rest, "**") != ""
	}
	if strings.Contains(rest, "**") {
		return "", i, false // bold words inside a paragraph
	}
	parts := []string{rest}
	for j := i + 1; j < len(lines) && j <= i+8; j++ {
		l := strings.TrimSpace(lines[j])
		if l == "" || strings.Contains(lines[j], "\t") {
			return "", i, false
		}
		if strings.HasSuffix(l, "**") {
			if strings.Contains(strings.TrimSuffix(l, "**"), "**") {
				return "", i, false
			}
			parts = append(parts, strings.TrimSuffix(l, "**"))
			return oneLine(strings.Join(parts, " ")), j, true
		}
		if strings.Contains(l, "**") {
			return "", i, false
		}
		parts = append(parts, l)
	}
	return "", i, false
}

func isTableLine(raw string) bool {
	if strings.Contains(raw, "\t") {
		return true
	}
	t := strings.TrimSpace(raw)
	return len(t) > 2 && strings.HasPrefix(t, "|") && strings.HasSuffix(t, "|") && strings.Count(t, "|") >= 3
}

// splitCells splits a table line into trimmed raw cells.
func splitCells(raw string) []string {
	var cells []string
	if strings.Contains(raw, "\t") {
		cells = strings.Split(raw, "\t")
	} else {
		t := strings.TrimSpace(raw)
		cells = strings.Split(t[1:len(t)-1], "|")
	}
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	return cells
}

// isSeparatorRow reports a markdown separator row ("---\t----").
func isSeparatorRow(cells []string) bool {
	seen := false
	for _, c := range cells {
		if c == "" {
			continue
		}
		if !separatorRe.MatchString(c) {
			return false
		}
		seen = true
	}
	return seen
}

// isContinuationRow reports whether a row that follows a page break is the
// rest of the row before it: its first cell is empty or starts in lowercase,
// and it holds only text (a number, a unit or a code never continues a cell).
func isContinuationRow(cells []string) bool {
	first := plainText(cells[0])
	if first != "" && !startsLower(first) {
		return false
	}
	n := 0
	for _, c := range cells {
		t := plainText(c)
		if t == "" {
			continue
		}
		if isValueLike(t) {
			return false
		}
		n++
	}
	return n > 0
}

// mergeRow appends a continuation row to r cell by cell.
func mergeRow(r *row, cells []string) {
	for i, c := range cells {
		if c == "" {
			continue
		}
		for len(r.cells) <= i {
			r.cells = append(r.cells, "")
		}
		r.cells[i] = joinCell(r.cells[i], c)
	}
}

// appendToLastCell appends a line without tabs to the last non-empty cell.
func appendToLastCell(r *row, text string) {
	for i := len(r.cells) - 1; i >= 0; i-- {
		if strings.TrimSpace(r.cells[i]) != "" {
			r.cells[i] = joinCell(r.cells[i], text)
			return
		}
	}
	if len(r.cells) == 0 {
		r.cells = []string{text}
		return
	}
	r.cells[0] = text
}
