package kct

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
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
	// parts are the lines a paragraph was joined from (lines starting in
	// lowercase continue the one before), when there are several: the
	// interpreter splits a title off the line that follows it.
	parts []part
}

// part is one line of a joined paragraph.
type part struct {
	line int
	text string
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
	// encoding is the encoding the text was decoded from, "" for UTF-8.
	encoding string
	// text is the decoded text as read, without a byte order mark: what the
	// source lines of the elements point into.
	text string
	// lines are the text's lines as read (decoded, normalised, entities
	// decoded, tables written with spaces turned into tabs), for the
	// accounting.
	lines []string
	// spaced lists the tables written with spaces for tabs that were read
	// as tables, and their rows with fewer cells than the widest row.
	spaced []spacedRegion
}

// spacedRegion is a table written with spaces for tabs.
type spacedRegion struct {
	first, last int // 1-based lines
	// unit is the number of spaces a tab became (0: runs of any length, one
	// tab each)
	unit int
	// short are the rows (1-based lines) with fewer cells than the widest
	// one when runs had no unit: their cells were read left to right.
	short []int
}

// EncodingError reports input that is not a text map in an encoding the
// reader knows: binary data, or bytes that are neither UTF-8 nor
// Windows-1251.
type EncodingError struct {
	// Line and Offset locate the first offending byte (1-based line).
	Line, Offset int
	Msg          string
}

func (e *EncodingError) Error() string {
	return fmt.Sprintf("line %d (byte %d): %s", e.Line, e.Offset, e.Msg)
}

// decode turns the file's bytes into text: UTF-8 with or without a byte
// order mark, UTF-16 with one, or Windows-1251 (recognised by its Cyrillic
// letters in bytes that are not UTF-8). Binary data and other encodings are
// refused with an error that says where and what.
func decode(data []byte) (text, encoding string, err error) {
	lineAt := func(off int) int { return bytes.Count(data[:off], []byte("\n")) + 1 }
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", "", &EncodingError{Line: 1, Offset: 0, Msg: "UTF-16 text that cannot be decoded: " + err.Error()}
		}
		return string(out), "utf-16", nil
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return "", "", &EncodingError{Line: lineAt(i), Offset: i, Msg: "not a text map: the file holds binary data (a NUL byte)"}
	}
	ctrl := 0
	for _, c := range data {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			ctrl++
		}
	}
	if len(data) > 0 && ctrl*20 > len(data) {
		return "", "", &EncodingError{Line: 1, Offset: 0, Msg: fmt.Sprintf("not a text map: %d of %d bytes are control characters (binary data)", ctrl, len(data))}
	}
	if utf8.Valid(data) {
		return string(data), "", nil
	}
	// A file cut in the middle of a character (a truncated copy) is UTF-8
	// whose last sequence is incomplete: the document reads up to it, and
	// the parser marks it truncated.
	if cut := lastRuneStart(data); cut > 0 && !utf8.FullRune(data[cut:]) && utf8.Valid(data[:cut]) {
		return string(data[:cut]), "", nil
	}
	bad := 0
	for bad < len(data) {
		r, size := utf8.DecodeRune(data[bad:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		bad += size
	}
	// Windows-1251: Cyrillic letters are 0xC0–0xFF (and Ё/ё 0xA8/0xB8);
	// in a Russian text they are nearly all of the bytes above 0x7F
	// (lowercase 0xE0–0xFF outnumber capitals 0xC0–0xDF in running text;
	// KOI8-R has the same range with the cases swapped)
	high, letters, lower := 0, 0, 0
	for _, c := range data {
		if c >= 0x80 {
			high++
			if c >= 0xC0 || c == 0xA8 || c == 0xB8 {
				letters++
			}
			if c >= 0xE0 {
				lower++
			}
		}
	}
	if high > 0 && letters*10 >= high*8 && lower*2 < letters {
		return "", "", &EncodingError{Line: lineAt(bad), Offset: bad, Msg: "the text looks like KOI8-R, which the reader does not decode; save the map as UTF-8"}
	}
	if high > 0 && letters*10 >= high*8 {
		out, err := charmap.Windows1251.NewDecoder().Bytes(data)
		if err == nil {
			return string(out), "windows-1251", nil
		}
	}
	return "", "", &EncodingError{Line: lineAt(bad), Offset: bad, Msg: "the text is neither UTF-8 nor Windows-1251 (an invalid UTF-8 byte here); save the map as UTF-8"}
}

// decodeEntities decodes HTML entities, twice-encoded ones too
// ("&amp;lt;p&amp;gt;"), so the tags they hide are read as tags.
// lastRuneStart is the offset of the last byte of data that can start a
// UTF-8 sequence, looking back at most utf8.UTFMax bytes (-1: none).
func lastRuneStart(data []byte) int {
	for i := len(data) - 1; i >= 0 && i >= len(data)-utf8.UTFMax; i-- {
		if utf8.RuneStart(data[i]) {
			return i
		}
	}
	return -1
}

func decodeEntities(s string) string {
	for i := 0; i < 3 && strings.Contains(s, "&"); i++ {
		t := html.UnescapeString(s)
		if t == s {
			break
		}
		s = t
	}
	return s
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
	text, enc, err := decode(data)
	if err != nil {
		return nil, err
	}
	text = strings.TrimPrefix(text, "\ufeff")
	// a file ending in blank or space-only lines ends with a newline
	src := &source{encoding: enc, text: text, endsWithNewline: strings.HasSuffix(strings.TrimRight(text, " \t\r\f\v"), "\n") || strings.HasSuffix(text, "\n")}
	lines := strings.Split(text, "\n")
	if strings.HasSuffix(text, "\n") {
		lines = lines[:len(lines)-1]
	}
	for i := range lines {
		lines[i] = strings.TrimSuffix(lines[i], "\r")
	}
	src.spaced = spacedTables(lines)
	for i := range lines {
		lines[i] = decodeEntities(normalizeLine(lines[i]))
		if t := strings.TrimSpace(lines[i]); t != "" {
			src.lastLine = t
		}
	}
	src.lines = lines

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
					if lb.parts == nil {
						lb.parts = []part{{lb.line, lb.text}}
					}
					lb.parts = append(lb.parts, part{ln, text})
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

var spaceRunRe = regexp.MustCompile(` {2,}`)

// spaceRuns returns the runs of two or more spaces of a line (byte offsets),
// the leading and trailing ones included.
func spaceRuns(l string) [][]int { return spaceRunRe.FindAllStringIndex(l, -1) }

// spacey reports a line that may be a table row written with spaces: no
// tab, and two runs of spaces, or one at its start or end.
func spacey(l string) bool {
	if strings.Contains(l, "\t") || strings.TrimSpace(l) == "" {
		return false
	}
	runs := spaceRuns(l)
	if len(runs) >= 2 {
		return true
	}
	return len(runs) == 1 && (runs[0][0] == 0 || runs[0][1] == len(l))
}

// spacedRow turns the runs of a line into tabs: a run of k·unit spaces is k
// tabs (k−1 empty cells) when unit > 1, one tab otherwise.
func spacedRow(l string, unit int) string {
	var b strings.Builder
	pos := 0
	for _, r := range spaceRuns(l) {
		b.WriteString(l[pos:r[0]])
		n := 1
		if unit > 1 {
			n = max(1, (r[1]-r[0])/unit)
		}
		b.WriteString(strings.Repeat("\t", n))
		pos = r[1]
	}
	b.WriteString(l[pos:])
	return b.String()
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// spacedTables turns runs of spaces that stand for tabs back into tabs. A
// table written with spaces is a region of lines (blank lines between them
// are page breaks) that each have two runs of two or more spaces, or one
// at their start or end, at least two of them with three cells or more:
// prose with a double space here and there never has that shape. When
// every run in the region is a multiple of one length (a tab replaced by
// that many spaces), a run of k such lengths is k tabs, so empty cells are
// kept; otherwise each run is one tab. The region starts and ends with a
// line of two cells or more. A tab row right before or after the region
// counts as one of its wide rows (a table partly written with spaces).
func spacedTables(lines []string) []spacedRegion {
	var regions []spacedRegion
	n := len(lines)
	for i := 0; i < n; {
		if !spacey(lines[i]) {
			i++
			continue
		}
		// the region: spacey lines, blank lines between them
		end := i
		for j := i; j < n; j++ {
			if spacey(lines[j]) {
				end = j
			} else if strings.TrimSpace(lines[j]) != "" {
				break
			}
		}
		unit := 0
		for k := i; k <= end; k++ {
			for _, r := range spaceRuns(lines[k]) {
				unit = gcd(unit, r[1]-r[0])
			}
		}
		cells := func(k int) int {
			return len(strings.Split(strings.Trim(spacedRow(lines[k], unit), "\t"), "\t"))
		}
		wide, first, last := 0, -1, -1
		for k := i; k <= end; k++ {
			if !spacey(lines[k]) {
				continue
			}
			c := cells(k)
			if c >= 3 {
				wide++
			}
			if c >= 2 || strings.HasPrefix(lines[k], "  ") {
				if first < 0 {
					first = k
				}
				last = k
			}
		}
		// a tab table right before or after: the rows are its own
		for _, k := range []int{i - 1, end + 1} {
			for k >= 0 && k < n && strings.TrimSpace(lines[k]) == "" {
				if k < i {
					k--
				} else {
					k++
				}
			}
			if k >= 0 && k < n && strings.Contains(lines[k], "\t") {
				wide++
			}
		}
		if wide >= 2 {
			reg := spacedRegion{first: first + 1, last: last + 1}
			if unit > 1 {
				reg.unit = unit
			}
			widest := 0
			for k := first; k <= last; k++ {
				if spacey(lines[k]) {
					widest = max(widest, cells(k))
				}
			}
			for k := first; k <= last; k++ {
				if !spacey(lines[k]) {
					continue
				}
				if reg.unit == 0 && cells(k) < widest && !strings.HasPrefix(lines[k], "  ") {
					reg.short = append(reg.short, k+1)
				}
				lines[k] = spacedRow(lines[k], unit)
			}
			regions = append(regions, reg)
		}
		i = end + 1
	}
	return regions
}
