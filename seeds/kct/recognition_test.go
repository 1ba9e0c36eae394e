package kct

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// Tests of issue 8's parser half: recognition by vocabulary and structure,
// columns by header, encodings and markup.

const entityHeaderSynonyms = "## 1. Сфера «Туризм»\n\n" +
	"Сведения по сущностям сферы\n\n" +
	"№\tНаименование сущности\tСтатус цифровизации\tКоличество\tПеречень атрибутов\tИсточник\tПроцессы\n" +
	"1.\tСубъект. Туроператор\tЧастично\t1 200\t1. БИН 2. Лицензия\tреестр МТС\t1. Регистрация туроператора\n"

func TestEntityHeaderSynonymsAndExtraColumn(t *testing.T) {
	d := parseText(t, entityHeaderSynonyms)
	e := onlySphere(t, d).Entities
	if len(e) != 1 {
		t.Fatalf("entities: %+v", e)
	}
	eq(t, "name", e[0].Name, "Туроператор")
	eq(t, "digitization", e[0].Digitization, "PARTIAL")
	eq(t, "count", e[0].Count.Text, "1 200")
	eq(t, "attributes", e[0].Attributes, []string{"БИН", "Лицензия"})
	eq(t, "groups", e[0].ProcessGroupRefs, []string{"1. Регистрация туроператора"})
	eq(t, "extra", e[0].Extra, []Field{{Line: 6, Label: "Источник", Value: "реестр МТС"}})
	got := map[string]string{}
	for _, r := range d.Recognitions {
		got[r.Wording] = r.How + ":" + r.Matched
	}
	eq(t, "recognitions", got, map[string]string{
		"Наименование сущности": "synonym:name", "Статус цифровизации": "synonym:digitization",
		"Перечень атрибутов": "synonym:attributes",
		"Источник":           "unknown:", "Процессы": "synonym:groups",
	})
	eq(t, "unattached", len(d.Unattached), 0)
}

func TestKPIIndicatorHeader(t *testing.T) {
	d := parseText(t, "3. Ключевые показатели эффективности карты МЗ РК\n\n"+
		"№\tСфера\tНаименование индикатора\tЕдиница измерения\t2025\t2026\n"+
		"1.\tЗдравоохранение\tДоля электронных рецептов.\t%\t50\t70\n")
	if len(d.KPIs) != 1 {
		t.Fatalf("kpis: %+v", d.KPIs)
	}
	k := d.KPIs[0]
	eq(t, "name as written", k.Name, "Доля электронных рецептов.")
	eq(t, "unit", k.Unit, "%")
	eq(t, "values", len(k.Values), 2)
	eq(t, "heading", d.KPIHeading, "3. Ключевые показатели эффективности карты МЗ РК")
}

func TestGroupLabelSynonymsAndParenHeading(t *testing.T) {
	d := parseText(t, "## 1. Сфера «Туризм»\n\nДетализация группы процессов:\n\n1) Регистрация туроператора\n\n"+
		"Процессы\t1. Подача заявления 2. Выдача лицензии\n"+
		"Уровень автоматизации\tАвтоматизирован в ИС «eQonaq»\n"+
		"Связанные госуслуги\t1. Выдача лицензии туроператору\n"+
		"Реинжиниринг\tВ работе\n"+
		"Особые отметки\tнет\n")
	g := onlySphere(t, d).ProcessGroups
	if len(g) != 1 {
		t.Fatalf("groups: %+v", g)
	}
	eq(t, "code", g[0].Code, "1")
	eq(t, "name", g[0].Name, "Регистрация туроператора")
	eq(t, "processes", g[0].Processes, []string{"Подача заявления", "Выдача лицензии"})
	eq(t, "automation", g[0].Automation, "AUTOMATED")
	eq(t, "services", g[0].Services, []string{"Выдача лицензии туроператору"})
	eq(t, "reengineering", g[0].Reengineering, "IN_PROGRESS")
	eq(t, "unknown label kept", g[0].Fields[4], Field{Line: 11, Label: "Особые отметки", Value: "нет"})
	last := d.Recognitions[len(d.Recognitions)-1]
	eq(t, "unknown label reported", last, Recognition{Line: 11, Kind: "label.group", Wording: "Особые отметки", How: HowUnknown})
}

func TestSphereHeadingStyles(t *testing.T) {
	body := "\n\nОписание сферы.\n\nСведения по сущностям сферы\n\n№\tПредмет регулирования\tКол-во\n1.\tОбъект. Лицензии\t5\n\n"
	cases := map[string]string{
		"II. Здравоохранение":                 "Здравоохранение",
		"2) Сфера «Здравоохранение»":          "Здравоохранение",
		"Сфера деятельности: Здравоохранение": "Здравоохранение",
		"Отрасль «Здравоохранение»":           "Здравоохранение",
		"## Здравоохранение":                  "Здравоохранение",
	}
	for heading, name := range cases {
		t.Run(heading, func(t *testing.T) {
			d := parseText(t, "Введение\n\nТекст введения.\n\n"+heading+body+"I. Образование"+body)
			if len(d.Spheres) != 2 {
				t.Fatalf("spheres: %d (%+v)", len(d.Spheres), d.Spheres)
			}
			eq(t, "name", d.Spheres[0].Name, name)
			eq(t, "second", d.Spheres[1].Name, "Образование")
			eq(t, "entities", len(d.Spheres[0].Entities), 1)
			eq(t, "overview", d.Spheres[0].Overview, []string{"Описание сферы."})
		})
	}
}

func TestPlainSphereLineNamedByTheKPITable(t *testing.T) {
	body := "\n\nОписание сферы.\n\nСведения по сущностям сферы\n\n№\tПредмет регулирования\tКол-во\n1.\tОбъект. Лицензии\t5\n\n"
	d := parseText(t, "Ключевые показатели эффективности\n\nСфера\tПоказатель\tЕд. изм.\t2025\n"+
		"Здравоохранение\tДоля электронных рецептов\t%\t50\nОбразование\tДоля школ с доступом к интернету\t%\t60\n\n"+
		"Здравоохранение"+body+"Образование"+body+"Не сфера"+body)
	if len(d.Spheres) != 2 {
		t.Fatalf("spheres: %d", len(d.Spheres))
	}
	eq(t, "names", [2]string{d.Spheres[0].Name, d.Spheres[1].Name}, [2]string{"Здравоохранение", "Образование"})
	eq(t, "a line no map names stays text", d.Spheres[1].Overview, []string{"Описание сферы.", "Не сфера", "Описание сферы."})
}

func TestOutlineNumberedSectionTitles(t *testing.T) {
	d := parseText(t, "**Карта цифровой трансформации отрасли здравоохранения**\n\n1. Паспорт\n\n"+
		"Наименование карты цифровой трансформации\tКарта\nЦель\tЦифровизация\n\n2. Введение\n\nТекст введения.\n\n"+
		"7. Потенциальные проекты «ледоколы»\n\nПроект А – описание проекта.\n")
	if d.Passport == nil || d.Passport.Goal != "Цифровизация" {
		t.Fatalf("passport: %+v", d.Passport)
	}
	eq(t, "introduction", d.Introduction, []string{"Текст введения."})
	eq(t, "title page", len(d.TitlePage), 0)
	eq(t, "icebreakers", len(d.Icebreakers), 1)
}

func TestIntegrationColumnsByHeader(t *testing.T) {
	d := parseText(t, "План интеграции информационных систем\n\n"+
		"№\tДомен\tИС потребителя\tОрган-потребитель\tНаименование данных\tПримечание\tПоставщик данных\tИС поставщика\tСрок\n"+
		"1.\tЗдоровье\tИС «ДАМУ»\tМЗ РК\tРецепт\tсрочно\tМФ РК\tИС «Казна»\tНоябрь 2025 г.\n")
	if len(d.Integrations) != 1 {
		t.Fatalf("integrations: %+v", d.Integrations)
	}
	in := d.Integrations[0]
	eq(t, "row", [6]string{in.Domain, in.ConsumerBody, in.ConsumerSystem, in.ProviderBody, in.ProviderSystem, in.DeadlineText},
		[6]string{"Здоровье", "МЗ РК", "ИС «ДАМУ»", "МФ РК", "ИС «Казна»", "Ноябрь 2025 г."})
	eq(t, "data", in.DataNames, []string{"Рецепт"})
	eq(t, "extra", in.Extra, []Field{{Line: 4, Label: "Примечание", Value: "срочно"}})
}

func TestNeedsColumnsByHeader(t *testing.T) {
	d := parseText(t, "Потребности отрасли\n\n№\tЦГО, от которого требуется реализация\tНаименование группы БП\tПотребность\n"+
		"1.\tМФ РК (ГБД ЕЛ)\tРегистрация\tИнтеграция с ГБД ЕЛ\n")
	if len(d.Needs) != 1 {
		t.Fatalf("needs: %+v", d.Needs)
	}
	n := d.Needs[0]
	eq(t, "need", [3]string{n.ProcessGroupName, n.BodyText, n.Text}, [3]string{"Регистрация", "МФ РК (ГБД ЕЛ)", "Интеграция с ГБД ЕЛ"})
}

func TestSpacesForTabs(t *testing.T) {
	d := parseText(t, "## 1. Сфера «Туризм»\n\nСведения по сущностям сферы\n\n"+
		"№   Предмет регулирования   Кол-во   Статус оцифровки\n"+
		"1.  Объект. Лицензии   5   Частично\n"+
		"2.  Субъект. Гиды  12  Отсутствует\n\n"+
		"Обычный абзац  с двойным пробелом.\n")
	s := onlySphere(t, d)
	eq(t, "entities", len(s.Entities), 2)
	eq(t, "second", [3]string{s.Entities[1].Name, s.Entities[1].Count.Text, s.Entities[1].Digitization}, [3]string{"Гиды", "12", "NONE"})
	eq(t, "prose stays prose", s.EntityNotes == nil && len(s.Overview) == 1, true)
	eq(t, "reported", d.Recognitions, []Recognition{{Line: 5, Kind: "table", Wording: "runs of spaces read as tabs, lines 5–7", Matched: "table", How: HowFallback}})
}

func TestSpacesForTabsWithEmptyCells(t *testing.T) {
	// a tab became four spaces: an empty cell is a run of eight
	d := parseText(t, "Ключевые показатели эффективности\n\n"+
		"Сфера    Показатель    Ед. изм.    2025    2026\n"+
		"Туризм    Доля туристов с электронной визой    %        40\n"+
		"        Доля гостиниц в системе «eQonaq»    %    90    95\n")
	eq(t, "kpis", len(d.KPIs), 2)
	eq(t, "empty 2025 kept", d.KPIs[0].Values, []YearValue{{Year: 2026, Value: Value{Text: "40", Number: num(40)}}})
	eq(t, "group carried", d.KPIs[1].Group, "Туризм")
	// runs of any length: a row with fewer cells is read left to right, and
	// reported
	d = parseText(t, "Потребности отрасли\n\n№  Наименование группы БП   ЦГО  Потребность\n"+
		"1.  Регистрация  МФ РК   Интеграция\n2.  Учет   Интеграция с ГБД\n")
	found := false
	for _, r := range d.Recognitions {
		found = found || r == Recognition{Line: 5, Kind: "table",
			Wording: "row written with spaces, fewer cells than the widest row: cells read left to right", Matched: "table", How: HowFallback}
	}
	eq(t, "short row reported", found, true)
}

func TestEntityEncodedTags(t *testing.T) {
	d := parseText(t, "## 1. Сфера «Туризм»\n\nДетализация группы процессов:\n\n1. Регистрация\n\n"+
		"Состоит из процессов\t&lt;p&gt;1. Подача заявления&lt;/p&gt;&amp;lt;p&amp;gt;2. Выдача лицензии&amp;lt;/p&amp;gt;\n")
	g := onlySphere(t, d).ProcessGroups[0]
	eq(t, "processes", g.Processes, []string{"Подача заявления", "Выдача лицензии"})
}

func TestEncodings(t *testing.T) {
	text := "Паспорт\n\nЦель\tЦифровизация отрасли\n"
	cp, err := charmap.Windows1251.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"utf-8": []byte(text), "bom": append([]byte("\ufeff"), text...),
		"crlf": []byte(strings.ReplaceAll(text, "\n", "\r\n")), "windows-1251": cp,
	} {
		d, err := Parse("m.txt", bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if d.Passport == nil || d.Passport.Goal != "Цифровизация отрасли" {
			t.Errorf("%s: passport %+v", name, d.Passport)
		}
		if name == "windows-1251" && d.Encoding != "windows-1251" {
			t.Errorf("encoding %q", d.Encoding)
		}
	}
	koi, err := charmap.KOI8R.NewEncoder().Bytes([]byte("Abc\nПаспорт карты\nЦель\tцифровизация отрасли\n"))
	if err != nil {
		t.Fatal(err)
	}
	noise := []byte("ok\n\x80\x81\x82\x83\x84\x85")
	for name, c := range map[string]struct {
		data []byte
		want string
	}{
		"binary":  {[]byte("PK\x03\x04\x00\x00binary"), "m.txt: line 1 (byte 4): not a text map: the file holds binary data"},
		"koi8-r":  {koi, "m.txt: line 2 (byte 4): the text looks like KOI8-R"},
		"unknown": {noise, "m.txt: line 2 (byte 3): the text is neither UTF-8 nor Windows-1251"},
	} {
		_, err := Parse("m.txt", bytes.NewReader(c.data))
		var ee *EncodingError
		if !errors.As(err, &ee) || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
	}
}

func TestTrailingBlankLineIsNotTruncation(t *testing.T) {
	for _, end := range []string{"\n", "\n   ", "\n\t \n  "} {
		d := parseText(t, "Введение\n\nТекст без точки"+end)
		eq(t, "truncated "+strings.ReplaceAll(end, "\n", `\n`), d.Truncated, false)
	}
	eq(t, "cut mid-sentence", parseText(t, "Введение\n\nТекст без точки").Truncated, true)
}

func TestVocabularyErrors(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"section passport паспорт\n", "v.txt:1: expected \"KIND CONCEPT = PATTERN"},
		{"# c\nsection = паспорт\n", "v.txt:2: expected a kind and a concept"},
		{"section passport = паспорт ||\n", "v.txt:1: empty pattern for section passport"},
		{"section passport = паспорт\nsection annex = приложение ...\n", "v.txt:2: section concept \"annex\": expected one the interpreter reads (passport, intro"},
	} {
		_, err := ParseVocabulary([]byte(c.text), "v.txt")
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.text, err, c.want)
		}
	}
	if _, err := DefaultVocabulary(); err != nil {
		t.Fatal(err)
	}
}

func TestIcebreakersWithHeader(t *testing.T) {
	d := parseText(t, "Потенциальные проекты «ледоколы»\n\n"+
		"Наименование проекта\tОписание\tОтветственный орган\tСрок\n"+
		"Единая платформа\t<p>Проект объединяет данные.</p><p>Цели проекта: 1. Прозрачность 2. Скорость</p>\tМЗ РК\t2026\n")
	if len(d.Icebreakers) != 1 {
		t.Fatalf("icebreakers: %+v", d.Icebreakers)
	}
	ib := d.Icebreakers[0]
	eq(t, "project", [2]string{ib.Name, ib.Body}, [2]string{"Единая платформа", "МЗ РК"})
	eq(t, "description", ib.Description, []string{"Проект объединяет данные."})
	eq(t, "goals", ib.Goals, []string{"Прозрачность", "Скорость"})
	eq(t, "extra", ib.Extra, []Field{{Line: 4, Label: "Срок", Value: "2026"}})
}

func TestRoadmapExtraColumn(t *testing.T) {
	d := parseText(t, "## 1. Сфера «Туризм»\n\n**План график сферы «Туризм» (диаграмма Ганта)**\n\n"+
		"Реинжиниринг процессов\t\t2025\t\t\t\t2026\t\t\t\t2027\t\t\t\t\n"+
		"Группа процессов и процессы\tОтв. Подр.\tI кв\tII кв\tIII кв\tIV кв\tI кв\tII кв\tIII кв\tIV кв\tI кв\tII кв\tIII кв\tIV кв\tПримечание\n"+
		"<b>Группа бизнес-процессов:</b> Регистрация туроператора\tКИТ ДЦТРГУ\t\tR\t\t\t\tF\t\t\t\t\t\t\tпри наличии средств\n")
	rm := onlySphere(t, d).Roadmap
	if len(rm) != 1 {
		t.Fatalf("roadmap: %+v", rm)
	}
	eq(t, "quarters", len(rm[0].Quarters), 2)
	eq(t, "extra", rm[0].Extra, []Field{{Line: 7, Label: "Примечание", Value: "при наличии средств"}})
	eq(t, "reported", d.Recognitions, []Recognition{{Line: 6, Kind: "column.roadmap", Wording: "Примечание", How: HowUnknown}})
}

func TestGroupTableWithUnknownFirstLabel(t *testing.T) {
	d := parseText(t, "## 1. Сфера «Туризм»\n\nДетализация группы процессов:\n\n1. Регистрация туроператора\n\n"+
		"Этапы работы\t1. Подача заявления\n"+
		"Ответственные структурные подразделения\tДЦТ\n"+
		"Статус автоматизации\tНе автоматизирован\n"+
		"Статус реинжиниринга\tВ работе\n")
	g := onlySphere(t, d).ProcessGroups
	if len(g) != 1 {
		t.Fatalf("groups: %+v, unattached %+v", g, d.Unattached)
	}
	eq(t, "name", g[0].Name, "Регистрация туроператора")
	eq(t, "first row kept", g[0].Fields[0].Value, "1. Подача заявления")
	eq(t, "units", g[0].ResponsibleUnits, []string{"ДЦТ"})
}

func TestIcebreakerBodyWithoutProjectIsReported(t *testing.T) {
	d := parseText(t, "Потенциальные проекты «ледоколы»\n\nМинистерство здравоохранения\t\nЕдиная платформа\tПроект объединяет данные.\nМинистерство финансов\t\n")
	eq(t, "projects", len(d.Icebreakers), 1)
	eq(t, "unattached", d.Unattached, []Fragment{{Line: 5, Text: "Министерство финансов", Reason: "a body named in the icebreaker table with no project under it"}})
}

// A copy cut in the middle of a Cyrillic letter is a truncated UTF-8 map,
// not an unknown encoding: it reads up to the cut and is marked truncated.
func TestCutInsideALetterIsTruncation(t *testing.T) {
	text := []byte("Введение\n\nТекст без точки")
	d, err := Parse("m.txt", bytes.NewReader(text[:len(text)-1]))
	if err != nil {
		t.Fatalf("a map cut inside a letter: %v", err)
	}
	eq(t, "truncated", d.Truncated, true)
	eq(t, "encoding", d.Encoding, "")
}
