package variants

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/charmap"

	kartaseeds "github.com/karta/karta/seeds"
	"github.com/karta/karta/seeds/kct"
)

// Seed is a seed map: its file name, its text and its parsed document (the
// rewrites find headings and tables by the document's line numbers).
type Seed struct {
	Name string
	Text []byte
	Doc  *kct.Document
}

// LoadSeeds reads and parses the maps of fsys that match pattern
// ("maps/*.txt"), in name order.
func LoadSeeds(fsys fs.FS, pattern string) ([]Seed, error) {
	files, err := fs.Glob(fsys, pattern)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no maps match %s", pattern)
	}
	var out []Seed
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		doc, err := kct.Parse(path.Base(f), bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		out = append(out, Seed{Name: path.Base(f), Text: data, Doc: doc})
	}
	return out, nil
}

// Variant is one rewritten map.
type Variant struct {
	// Name is "<seed>~<rewrite>.txt".
	Name    string
	Seed    string
	Rewrite string
	Text    []byte
	// Expect, when set, is the UTF-8 text whose parse the variant must
	// equal: a rewrite that cannot keep every letter (Windows-1251 has no
	// Kazakh letters) says what it kept.
	Expect []byte
	// Parts are the seeds whose spheres a map assembled from two seeds has,
	// in order; the rest of the document is the first seed's.
	Parts []string
	// Aliases, when set, is the alias table the seed must be imported with
	// for the comparison, and RenameBack turns the variant's names back
	// into the seed's (a new ministry's map: see RenameMinistry).
	Aliases    []byte
	RenameBack func(string) string
}

// Rewrite is one way of writing a map differently. Apply returns the new
// text, the text the variant must parse like when it is not the seed's
// (nil otherwise), and false when the rewrite does not apply to the seed.
type Rewrite struct {
	Name  string
	Apply func(s Seed) (text, expect []byte, ok bool)
}

// Rewrites are the rewrites Generate applies to every seed. Add one here to
// extend the corpus.
var Rewrites = []Rewrite{
	{"sphere-roman", sphereHeadings(func(i int, sp kct.Sphere) string { return roman(i+1) + ". " + sp.Name })},
	{"sphere-paren", sphereHeadings(func(i int, sp kct.Sphere) string { return strconv.Itoa(i+1) + ") Сфера «" + sp.Name + "»" })},
	{"sphere-activity", sphereHeadings(func(i int, sp kct.Sphere) string { return "Сфера деятельности: " + sp.Name })},
	{"sphere-industry", sphereHeadings(func(i int, sp kct.Sphere) string { return strconv.Itoa(i+1) + ". Отрасль «" + sp.Name + "»" })},
	{"sphere-bare", sphereHeadings(func(i int, sp kct.Sphere) string { return "## " + sp.Name })},
	{"section-numbers", sectionNumbers},
	{"group-paren", groupParen},
	{"header-synonyms", synonyms},
	{"columns", columns},
	{"spaces-for-tabs", spacesForTabs},
	{"tabs-as-spaces", tabsAsSpaces},
	{"crlf-bom", func(s Seed) ([]byte, []byte, bool) {
		return append([]byte("\ufeff"), strings.ReplaceAll(string(s.Text), "\n", "\r\n")...), nil, true
	}},
	{"windows-1251", windows1251},
	{"html-entities", htmlEntities},
	{"trailing-spaces", trailingSpaces},
}

// Generate applies every rewrite to every seed, rewrites every seed as a
// new ministry's map (RenameMinistry, with the embedded alias table and
// vocabulary), and assembles a map from the spheres of each pair of
// consecutive seeds.
func Generate(seeds []Seed) ([]Variant, error) {
	vs, _, err := GenerateAll(seeds)
	return vs, err
}

// GenerateAll is Generate, and also says which new-ministry variants it
// could not write, and why (see RenameMinistry).
func GenerateAll(seeds []Seed) (out []Variant, skipped []string, err error) {
	for _, s := range seeds {
		base := strings.TrimSuffix(s.Name, ".txt")
		for _, rw := range Rewrites {
			text, expect, ok := rw.Apply(s)
			if !ok {
				continue
			}
			out = append(out, Variant{Name: base + "~" + rw.Name + ".txt", Seed: s.Name, Rewrite: rw.Name, Text: text, Expect: expect})
		}
	}
	for _, s := range seeds {
		nm, err := RenameMinistry(s, kartaseeds.Aliases, kartaseeds.Vocabulary)
		if err != nil {
			// The rename could not make the family unknown, or would not
			// read back: no variant rather than a wrong one.
			skipped = append(skipped, err.Error())
			continue
		}
		out = append(out, Variant{Name: strings.TrimSuffix(s.Name, ".txt") + "~new-ministry.txt", Seed: s.Name,
			Rewrite: "new-ministry", Text: nm.Text, Expect: nm.Expect, Aliases: nm.Aliases, RenameBack: nm.RenameBack})
	}
	for i := 0; i+1 < len(seeds); i++ {
		a, b := seeds[i], seeds[i+1]
		text, err := Assemble(a, b)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, Variant{
			Name: strings.TrimSuffix(a.Name, ".txt") + "+" + strings.TrimSuffix(b.Name, ".txt") + ".txt",
			Seed: a.Name, Rewrite: "assembled", Text: text, Parts: []string{a.Name, b.Name},
		})
	}
	return out, skipped, nil
}

func lines(b []byte) []string { return strings.Split(string(b), "\n") }

func join(ls []string) []byte { return []byte(strings.Join(ls, "\n")) }

var headingWrapRe = regexp.MustCompile(`^(#{1,6}\s+|\*\*)?(.*?)(\*\*)?\s*$`)

// sphereHeadings rewrites every sphere heading with heading(order, sphere),
// keeping its markdown.
func sphereHeadings(heading func(i int, sp kct.Sphere) string) func(s Seed) ([]byte, []byte, bool) {
	return func(s Seed) ([]byte, []byte, bool) {
		ls := lines(s.Text)
		n := 0
		for i, sp := range s.Doc.Spheres {
			if sp.Heading == "" || sp.Line < 1 || sp.Line > len(ls) {
				continue
			}
			h := heading(i, sp)
			m := headingWrapRe.FindStringSubmatch(ls[sp.Line-1])
			if strings.HasPrefix(h, "#") {
				ls[sp.Line-1] = h
			} else {
				ls[sp.Line-1] = m[1] + h + m[3]
			}
			n++
		}
		return join(ls), nil, n > 0
	}
}

func roman(n int) string {
	vals := []int{10, 9, 5, 4, 1}
	syms := []string{"X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// sectionTitleRe finds the seeds' section titles (with their markdown).
var sectionTitleRe = regexp.MustCompile(`^(#{1,6}\s+|\*\*)?((?i:паспорт)|Введение|Ключевые показатели эффективности|Сведения по сущностям|Детализация группы процессов|План график|Сводный график|Планируемые для оцифровки|План интеграц|Потенциальные проекты|Потребности отрасли)`)

// sectionNumbers numbers the section titles in outline style: the
// document's ("1. Паспорт", "3. Ключевые показатели …") in one sequence,
// and a sphere's ("2.1 Сведения по сущностям сферы", "2.3 План график …")
// under the sphere's number.
func sectionNumbers(s Seed) ([]byte, []byte, bool) {
	ls := lines(s.Text)
	n, sub, sphere := 0, 0, 0
	for i, l := range ls {
		for sphere < len(s.Doc.Spheres) && s.Doc.Spheres[sphere].Line > 0 && s.Doc.Spheres[sphere].Line <= i+1 {
			sphere, sub = sphere+1, 0
		}
		m := sectionTitleRe.FindStringSubmatchIndex(l)
		if m == nil {
			continue
		}
		title := l[m[4]:m[5]]
		number := ""
		switch {
		case strings.HasPrefix(title, "Сведения") || strings.HasPrefix(title, "Детализация") || strings.HasPrefix(title, "План график"):
			if sphere == 0 {
				continue
			}
			sub++
			number = strconv.Itoa(sphere) + "." + strconv.Itoa(sub) + " "
		default:
			n++
			number = strconv.Itoa(n) + ". "
		}
		ls[i] = l[:m[4]] + number + l[m[4]:]
	}
	return join(ls), nil, n > 0
}

var groupNumberRe = regexp.MustCompile(`^(#{1,6}\s+|\*\*)?(\d{1,2})\.\s*(\S)`)

// groupParen writes process-group headings "1) Название".
func groupParen(s Seed) ([]byte, []byte, bool) {
	ls := lines(s.Text)
	n := 0
	for _, sp := range s.Doc.Spheres {
		for _, g := range sp.ProcessGroups {
			if g.Line < 1 || g.Line > len(ls) || strings.Contains(g.Code, ".") {
				continue
			}
			if l := ls[g.Line-1]; groupNumberRe.MatchString(l) {
				ls[g.Line-1] = groupNumberRe.ReplaceAllString(l, "${1}${2}) ${3}")
				n++
			}
		}
	}
	return join(ls), nil, n > 0
}

// synonymCells are header and label wordings of the seeds and another way
// to write each.
var synonymCells = map[string]string{
	"Предмет регулирования":            "Наименование сущности",
	"Предмет регулирования (субъекты)": "Наименование сущности (субъекты)",
	"Кол-во":               "Количество",
	"Кол -во":              "Количество",
	"Атрибуты*":            "Перечень атрибутов*",
	"Атрибут*":             "Перечень атрибутов*",
	"Атрибут":              "Перечень атрибутов",
	"Статус оцифровки":     "Статус цифровизации",
	"Состоит из процессов": "Процессы",
	"Статус автоматизации": "Уровень автоматизации",
	"Статус автоматизации (Связанные ИС)":     "Уровень автоматизации (связанные ИС)",
	"Статус автоматизации (связанные ИС)":     "Уровень автоматизации (связанные ИС)",
	"Связанные государственные услуги":        "Связанные госуслуги",
	"Статус реинжиниринга":                    "Реинжиниринг",
	"Ответственные структурные подразделения": "Ответственные подразделения",
	"Связанные функции ЦГО":                   "Функции ЦГО",
	"КРІ":                 "Наименование индикатора",
	"КПИ":                 "Наименование индикатора",
	"Показатель":          "Наименование индикатора",
	"ед. изм.":            "Единица измерения",
	"Ед. изм.":            "Единица измерения",
	"Всего услуг":         "Общее количество услуг",
	"Название сферы":      "Наименование сферы",
	"Наименование домена": "Домен",
	"Наим-ние домена":     "Домен",
	"ГО/организация – потребитель данных": "Орган-потребитель",
	"ИС - потребитель данных":             "ИС потребителя",
	"ИС - потребител ь данных":            "ИС потребителя",
	"ГО/Организация – источник Данных+":   "Поставщик данных",
	"ГО/Организация – источник данных":    "Поставщик данных",
	"ИС - источник данных":                "ИС поставщика",
	"Наименование группы БП":              "Группа процессов",
	"Потребность":                         "Описание потребности",
	"Сроки реализации":                    "Период реализации",
	"Основание для разработки":            "Правовое основание",
}

// synonyms writes header cells and row labels in other words.
func synonyms(s Seed) ([]byte, []byte, bool) {
	ls := lines(s.Text)
	n := 0
	for i, l := range ls {
		if !strings.Contains(l, "\t") {
			continue
		}
		cells := strings.Split(l, "\t")
		for k, c := range cells {
			if r, ok := synonymCells[strings.TrimSpace(c)]; ok {
				cells[k] = r
				n++
			}
		}
		ls[i] = strings.Join(cells, "\t")
	}
	return join(ls), nil, n > 0
}

// tableRows returns the indexes (0-based) of the rows of the table that
// has a row on line (1-based): tab lines, blank lines between them being
// page breaks.
func tableRows(ls []string, line int) []int {
	i := line - 1
	start := i
	for j := i - 1; j >= 0; j-- {
		if strings.Contains(ls[j], "\t") {
			start = j
		} else if strings.TrimSpace(ls[j]) != "" {
			break
		}
	}
	var rows []int
	for j := start; j < len(ls); j++ {
		if strings.Contains(ls[j], "\t") {
			rows = append(rows, j)
		} else if strings.TrimSpace(ls[j]) != "" {
			break
		}
	}
	return rows
}

// permute reorders the columns of a table's rows (order lists the old
// column of each new column) and appends an extra column: header label
// for the header, value(row) for the others.
func permute(ls []string, rows []int, order []int, label string, value func(k int) string) {
	for k, i := range rows {
		cells := strings.Split(ls[i], "\t")
		for len(cells) < len(order) {
			cells = append(cells, "")
		}
		out := make([]string, 0, len(cells)+1)
		for _, o := range order {
			out = append(out, cells[o])
		}
		out = append(out, cells[len(order):]...)
		switch {
		case k == 0:
			out = append(out, label)
		case separatorRe.MatchString(strings.Join(cells, "")):
			out = append(out, "---") // a markdown separator row stays one
		case strings.TrimSpace(cells[0]) != "":
			out = append(out, value(k))
		}
		ls[i] = strings.Join(out, "\t")
	}
}

// columns reorders the columns of the entity tables, the integration plan
// and the needs table, and adds a column the format does not have.
func columns(s Seed) ([]byte, []byte, bool) {
	ls := lines(s.Text)
	n := 0
	note := func(k int) string { return "примечание " + strconv.Itoa(k) }
	for _, sp := range s.Doc.Spheres {
		if len(sp.Entities) > 0 {
			// №, name, digitization, count, groups, attributes
			permute(ls, tableRows(ls, sp.Entities[0].Line), []int{0, 1, 4, 2, 5, 3}, "Примечание", note)
			n++
		}
	}
	if len(s.Doc.Integrations) > 0 {
		// №, domain, consumer body, consumer system, data, provider body,
		// provider system, deadline
		permute(ls, tableRows(ls, s.Doc.Integrations[0].Line), []int{0, 1, 3, 4, 2, 5, 6, 7}, "Комментарий", note)
		n++
	}
	if len(s.Doc.Needs) > 0 {
		// №, body, group, need
		permute(ls, tableRows(ls, s.Doc.Needs[0].Line), []int{0, 2, 1, 3}, "Статус", note)
		n++
	}
	return join(ls), nil, n > 0
}

// firstLine appends the line of a table's first row when it has rows.
func firstLine(starts []int, rows int, line func() int) []int {
	if rows == 0 {
		return starts
	}
	return append(starts, line())
}

// spacesForTabs writes the rows of the entity, integration and needs tables
// whose cells are all filled with runs of spaces instead of tabs.
func spacesForTabs(s Seed) ([]byte, []byte, bool) {
	ls := lines(s.Text)
	var starts []int
	for _, sp := range s.Doc.Spheres {
		starts = firstLine(starts, len(sp.Entities), func() int { return sp.Entities[0].Line })
	}
	starts = firstLine(starts, len(s.Doc.Integrations), func() int { return s.Doc.Integrations[0].Line })
	starts = firstLine(starts, len(s.Doc.Needs), func() int { return s.Doc.Needs[0].Line })
	n := 0
	for _, st := range starts {
		for k, i := range tableRows(ls, st) {
			cells := strings.Split(strings.TrimRight(ls[i], "\t "), "\t")
			full := len(cells) >= 3
			for _, c := range cells {
				if strings.TrimSpace(c) == "" || strings.Contains(c, "  ") {
					full = false
				}
			}
			if !full {
				continue
			}
			sep := []string{"  ", "   ", "    "}[k%3]
			ls[i] = strings.Join(cells, sep)
			n++
		}
	}
	return join(ls), nil, n > 0
}

// tabsAsSpaces writes the KPI table, the summary roadmap and the planned
// services with four spaces for every tab, as an editor replacing tabs
// would: empty cells become longer runs of spaces. Tables whose cells hold
// double spaces of their own are left alone (no reader could tell).
func tabsAsSpaces(s Seed) ([]byte, []byte, bool) {
	ls := lines(s.Text)
	var starts []int
	starts = firstLine(starts, len(s.Doc.KPIs), func() int { return s.Doc.KPIs[0].Line })
	starts = firstLine(starts, len(s.Doc.SummaryRoadmap), func() int { return s.Doc.SummaryRoadmap[0].Line })
	starts = firstLine(starts, len(s.Doc.PlannedServices), func() int { return s.Doc.PlannedServices[0].Line })
	n := 0
	for _, st := range starts {
		rows := tableRows(ls, st)
		clean := true
		for _, i := range rows {
			if strings.Contains(ls[i], "  ") {
				clean = false
			}
		}
		if !clean {
			continue
		}
		for _, i := range rows {
			ls[i] = strings.ReplaceAll(ls[i], "\t", "    ")
		}
		n++
	}
	return join(ls), nil, n > 0
}

// cp1251Lookalikes are the letters of the seeds Windows-1251 has no code
// for, and what an author saving the map in Windows-1251 gets instead.
var cp1251Lookalikes = strings.NewReplacer(
	"Қ", "К", "қ", "к", "Ғ", "Г", "ғ", "г", "Ң", "Н", "ң", "н", "Ө", "О", "ө", "о", "Ұ", "У", "ұ", "у",
	"Ү", "У", "ү", "у", "Һ", "Х", "һ", "х", "Ә", "А", "ә", "а", "→", "->", "←", "<-", "≥", ">=", "≤", "<=",
)

// windows1251 saves the map in Windows-1251, with the Kazakh letters it
// cannot hold replaced by Russian look-alikes (the variant must parse like
// the seed with the same replacement).
func windows1251(s Seed) ([]byte, []byte, bool) {
	expect := []byte(cp1251Lookalikes.Replace(string(s.Text)))
	out, err := charmap.Windows1251.NewEncoder().Bytes(expect)
	if err != nil {
		return nil, nil, false
	}
	return out, expect, true
}

var separatorRe = regexp.MustCompile(`^[-:\s]+$`)

var tagRe = regexp.MustCompile(`<(/?)(p|b|u|li|ol|ul|br)>`)

// htmlEntities encodes the cells' HTML tags as entities, every other row
// twice ("&amp;lt;p&amp;gt;").
func htmlEntities(s Seed) ([]byte, []byte, bool) {
	ls := lines(s.Text)
	n := 0
	for i, l := range ls {
		if !tagRe.MatchString(l) {
			continue
		}
		repl := "&lt;$1$2&gt;"
		if n%2 == 1 {
			repl = "&amp;lt;$1$2&amp;gt;"
		}
		ls[i] = tagRe.ReplaceAllString(l, repl)
		n++
	}
	return join(ls), nil, n > 0
}

// summaryTitleRe finds the title that follows the spheres.
var summaryTitleRe = regexp.MustCompile(`^(#{1,6}\s+|\*\*)?Сводный график`)

// Assemble builds a map from seed a with the spheres of seed b inserted
// after a's spheres: the text of b from its first sphere heading to the
// title that follows its spheres ("Сводный график …").
func Assemble(a, b Seed) ([]byte, error) {
	if len(b.Doc.Spheres) == 0 || len(a.Doc.Spheres) == 0 {
		return nil, fmt.Errorf("assemble %s + %s: both need spheres", a.Name, b.Name)
	}
	la, lb := lines(a.Text), lines(b.Text)
	from := b.Doc.Spheres[0].Line - 1
	to := -1
	for i := from; i < len(lb); i++ {
		if summaryTitleRe.MatchString(lb[i]) {
			to = i
			break
		}
	}
	at := -1
	for i := a.Doc.Spheres[len(a.Doc.Spheres)-1].Line; i < len(la); i++ {
		if summaryTitleRe.MatchString(la[i]) {
			at = i
			break
		}
	}
	if to < 0 || at < 0 {
		return nil, fmt.Errorf("assemble %s + %s: no summary roadmap title after the spheres", a.Name, b.Name)
	}
	out := append([]string{}, la[:at]...)
	out = append(out, lb[from:to]...)
	out = append(out, la[at:]...)
	return join(out), nil
}

// trailingSpaces ends the map with a line of spaces (a map cut
// mid-sentence gets spaces on its last line: a newline would end it).
func trailingSpaces(s Seed) ([]byte, []byte, bool) {
	out := append([]byte(nil), s.Text...)
	if strings.HasSuffix(string(s.Text), "\n") {
		return append(out, "   \n  "...), nil, true
	}
	return append(out, "   "...), nil, true
}
