package kct

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

// Each test feeds an excerpt of a real map (excerpts_test.go) to Parse and
// checks how one defect of the format is handled.

func parseText(t *testing.T, text string) *Document {
	t.Helper()
	doc, err := Parse("excerpt.txt", strings.NewReader(text))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return doc
}

func eq[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %#v\nwant %#v", what, got, want)
	}
}

func onlySphere(t *testing.T, doc *Document) *Sphere {
	t.Helper()
	if len(doc.Spheres) != 1 {
		t.Fatalf("spheres: got %d, want 1", len(doc.Spheres))
	}
	return &doc.Spheres[0]
}

func group(t *testing.T, s *Sphere, code string) *ProcessGroup {
	t.Helper()
	for i := range s.ProcessGroups {
		if s.ProcessGroups[i].Code == code {
			return &s.ProcessGroups[i]
		}
	}
	t.Fatalf("sphere %q has no process group %q", s.Name, code)
	return nil
}

func TestRowsContinuedOnTabLines(t *testing.T) {
	d := parseText(t, ex000CultureEntities)
	s := onlySphere(t, d)
	if len(s.Entities) != 9 {
		t.Fatalf("entities: got %d, want 9", len(s.Entities))
	}
	// "9. Субъект." + a page break + "\tТворческие кружки\t\t\t\tтворческих кружках …"
	e := s.Entities[8]
	eq(t, "kind", e.Kind, KindSubject)
	eq(t, "name", e.Name, "Творческие кружки")
	eq(t, "refs", e.ProcessGroupRefs, []string{"9. Государственный творческий заказ в творческих кружках для детей и юношества"})
	// "\t\t\t4. Признак национального праздника\t\t" continues the attribute cell
	eq(t, "attributes", s.Entities[1].Attributes, []string{"Признак профессиональных и иные праздники", "Тематическое направление", "Признак государственного праздника", "Признак национального праздника"})
	// "\t\t\t\t\tреспубликанского значения" continues the last ref
	refs := s.Entities[5].ProcessGroupRefs
	eq(t, "last ref", refs[len(refs)-1], "6.4 Предоставление в пользование памятников истории и культуры международного и республиканского значения")
	eq(t, "notes", s.EntityNotes, []string{"* - все сущности сферы указаны в концептуальной модели данных согласно приложению"})
	if len(d.Unattached) != 0 {
		t.Errorf("unattached: %v", d.Unattached)
	}
}

func TestWordCutByPageBreak(t *testing.T) {
	s := onlySphere(t, parseText(t, ex003SportEntities))
	trainer := s.Entities[1]
	eq(t, "attributes", trainer.Attributes, []string{"Вид спорта", "Опыт работы", "Спортивное звание", "Квалификационная категория", "Образование"})
	eq(t, "refs", trainer.ProcessGroupRefs, []string{"9. Аттестация тренеров/ спортивных судей", "10. Повышение квалификации кадров в области физической культуры и спорта"})
	eq(t, "entity name", s.Entities[0].Name, "Спортсмен")
	eq(t, "entity kind text", s.Entities[0].KindText, "Субъект")
	eq(t, "count", *s.Entities[0].Count.Number, 17688.0)
}

func TestHTMLToTextAndLists(t *testing.T) {
	d := parseText(t, ex003Passport)
	p := d.Passport
	if p == nil {
		t.Fatal("no passport")
	}
	eq(t, "spheres", p.Spheres, []string{"Физической культуры и спорта", "Туризма", "Игорного бизнеса, лотереи и лотерейной деятельности"})
	eq(t, "principles", len(p.Principles), 4)
	// "<li>4) внедрение … снижения</li> </ol>" + page break + "\tкоррупционных рисков …"
	eq(t, "principle 4", p.Principles[3], "внедрение цифрового контроля, с целью снижения коррупционных рисков и обеспечения достоверности сведений")
	// 15 <li> items, then 10 <p> items on the next page
	eq(t, "implementation bodies", len(p.ImplementationBodies), 25)
	eq(t, "body 16", p.ImplementationBodies[15], "Республиканское государственное казенное предприятие «Национальный антидопинговый центр»")
	eq(t, "basis", p.Basis, []string{"Поручение Президента Республики Казахстан (№ 24-01-7.2 (1.36-т.) от 7 февраля 2024 г.)", "Административный процедурно-процессуальный кодекс Республики Казахстан № 350-VI от 29 июня 2020 г.", "Правила цифровой трансформации государственного управления"})
	eq(t, "documents", len(p.StrategicDocuments), 4)
	eq(t, "period", p.Period, "2025-2027 годы.")
	for _, f := range p.Fields {
		if strings.ContainsAny(f.Value, "<>") {
			t.Errorf("field %q keeps HTML: %q", f.Label, f.Value)
		}
	}
	eq(t, "fields", len(p.Fields), 9)
}

func TestIllegibleKeptAndOrphanTails(t *testing.T) {
	s := onlySphere(t, parseText(t, ex003SportRoadmap))
	eq(t, "illegible blocks", len(s.Illegible), 2)
	eq(t, "illegible lines", []int{s.Illegible[0].Line, s.Illegible[1].Line}, []int{34, 40})
	var frags []RoadmapItem
	for _, it := range s.Roadmap {
		if it.Fragmentary {
			frags = append(frags, it)
		}
	}
	if len(frags) != 2 {
		t.Fatalf("fragments: got %d, want 2", len(frags))
	}
	for _, f := range frags {
		if !strings.HasPrefix(f.Technologies, IllegibleMarker+" ") || f.ProcessGroupName != "" {
			t.Errorf("fragment %+v: want the marker and no group name", f)
		}
	}
	// the tails match the technologies of groups 4 and 9 (the only ones here)
	eq(t, "fragment groups", []string{frags[0].ProcessGroup, frags[1].ProcessGroup}, []string{"4", "9"})
	// the row "Деятельность федераций … Перспективные технологии:" continues after a page break
	for _, it := range s.Roadmap {
		if it.ProcessGroupName == "Деятельность федераций" {
			if !strings.HasPrefix(it.Technologies, "1. Анализ и ведение реестра видов спорта") {
				t.Errorf("continued technologies: %q", it.Technologies)
			}
			eq(t, "codes", len(it.Quarters), 3)
		}
	}
	eq(t, "items", len(s.Roadmap), 11)
	eq(t, "notes", s.RoadmapNotes, []string{"R – реинжиниринг, F – реализация целевого варианта процесса, D – реализация оптимального варианта процесс", "*При наличии бюджетных средств"})
}

func TestRoadmapHeaderSwallowedByIllegible(t *testing.T) {
	d := parseText(t, ex003GamblingRoadmap)
	s := onlySphere(t, d)
	if len(s.Roadmap) != 5 {
		t.Fatalf("roadmap: got %d items, want 5", len(s.Roadmap))
	}
	first := s.Roadmap[0]
	if !first.Fragmentary || !strings.HasPrefix(first.Technologies, "[illegible] 2. Чат-бот на основе LLM") {
		t.Errorf("orphan tail: %+v", first)
	}
	eq(t, "orphan's group", first.ProcessGroup, "1")
	// the header is lost: quarters come from the passport's period
	second := s.Roadmap[1]
	eq(t, "quarters", second.Quarters, []Quarter{{Year: 2026, Quarter: 3, Codes: []string{"R"}, Text: "R"}, {Year: 2026, Quarter: 4, Codes: []string{"R"}, Text: "R"}})
	// "Группа бизнес-процессов:\tКРИБЛ…" + page break + "Самоограничение … \tДЦТРУ"
	fourth := s.Roadmap[3]
	eq(t, "continued name", fourth.ProcessGroupName, "Самоограничение в участии в азартных играх и (или) пари")
	eq(t, "continued units", fourth.Units, []string{"КРИБЛ", "ДЦТРУ"})
	eq(t, "budget", fourth.Quarters[0].BudgetDependent, true)
}

func TestIrregularHeadingsAndNumberingGaps(t *testing.T) {
	s := onlySphere(t, parseText(t, ex003Headings))
	var codes, names []string
	for _, g := range s.ProcessGroups {
		codes = append(codes, g.Code)
		names = append(names, g.Name)
	}
	eq(t, "codes", codes, []string{"1", "3", "4", "5", "7"})
	eq(t, "names", names, []string{"Зачисление в спортивную секцию для детей и юношества", "Спортивная деятельность", "Поощрение высших достижений в спорте", "Присвоение спортивных званий/категорий", "Получение увечий"})
	eq(t, "sphere", s.Name, "Физическая культура и спорт")
	eq(t, "sphere heading", s.Heading, "Сфера «Физическая культура и спорт»")
}

func TestEntityKindLabels(t *testing.T) {
	s := onlySphere(t, parseText(t, ex000EthnoGroups))
	labels := map[string]string{}
	v, err := DefaultVocabulary()
	if err != nil {
		t.Fatal(err)
	}
	p := &parser{vocab: v}
	for _, g := range s.ProcessGroups {
		for _, f := range g.Fields {
			if p.groupLabel(f.Label) == "subject" {
				labels[g.Code] = f.Label
			}
		}
		if len(g.Entities) != 1 {
			t.Errorf("group %s: entities %v", g.Code, g.Entities)
		}
	}
	eq(t, "labels", labels, map[string]string{"1": "Субъект / объект", "2": "Субъект / объект", "3": "Субъект", "4": "Объект"})
	eq(t, "group 4 entity", group(t, s, "4").Entities, []string{"Премии"})
	eq(t, "entity 4 kind", s.Entities[3].Kind, KindObject)
	eq(t, "entity 4 count", s.Entities[3].Count, Value{Text: "Учет не ведется"})
}

func TestEntityLifecycleColumn(t *testing.T) {
	s := onlySphere(t, parseText(t, ex003GamblingEntities))
	eq(t, "refs", s.Entities[0].ProcessGroupRefs, []string{"1. Регистрация организаторов игорного бизнеса", "2. Осуществление деятельности организаторов игорного бизнеса", "3. Завершение деятельности организаторов игорного бизнеса"})
	eq(t, "count", s.Entities[1].Count, Value{Text: "-"})
	eq(t, "attributes", len(s.Entities[2].Attributes), 3)
}

func TestSubjectFromAnotherSphere(t *testing.T) {
	d := parseText(t, ex003OtherSphereSubject)
	if len(d.Spheres) != 2 {
		t.Fatalf("spheres: %d", len(d.Spheres))
	}
	g := d.Spheres[1].ProcessGroups[0]
	eq(t, "group", g.Name, "Туристический путь")
	eq(t, "entities", g.Entities, []string{"Турист"})
	if len(d.Spheres[1].Entities) != 0 {
		t.Errorf("the gambling sphere has no entity table here")
	}
	// and the merged count cell of the tourist row
	tourist := d.Spheres[0].Entities[3]
	if tourist.Count.Number != nil || !strings.HasPrefix(tourist.Count.Text, "10,4 млн. иностранных туристов/ 10,5 млн.") {
		t.Errorf("count: %+v", tourist.Count)
	}
	eq(t, "tourist refs", tourist.ProcessGroupRefs, []string{"5. Туристический путь", "6. Мониторинг и анализ потока туристов", "7. Обеспечение прав и гарантий туристов"})
}

func TestRoadmapRowsSplitByPageHeaders(t *testing.T) {
	s := onlySphere(t, parseText(t, ex000CultureRoadmap))
	eq(t, "items", len(s.Roadmap), 13)
	// row 690 has neither the "Группа бизнес-процессов:" prefix nor codes
	eq(t, "first", s.Roadmap[0].ProcessGroupName, "Получение разрешительных документов на прокат фильмов")
	eq(t, "first quarters", len(s.Roadmap[0].Quarters), 0)
	// the tail after the repeated header joins the row above
	if !strings.HasSuffix(s.Roadmap[4].Technologies, "Использование ИИ для автоматизированного анализа документации и исторических данных объекта") {
		t.Errorf("tail not joined: %q", s.Roadmap[4].Technologies)
	}
	if !strings.HasSuffix(s.Roadmap[7].Technologies, "позволяют осуществлять мониторинг и анализ использования памятников истории и культуры") {
		t.Errorf("tail not joined: %q", s.Roadmap[7].Technologies)
	}
	eq(t, "kpis", s.RoadmapKPIs, []string{"Полноценно функционирующая система ИС «Е-Архив»"})
	eq(t, "illegible", len(s.Illegible), 1)
	eq(t, "name from the roadmap title", s.Name, "Культура")
}

func TestSummaryAndEmptyCells(t *testing.T) {
	d := parseText(t, ex000Summary)
	if len(d.SummaryRoadmap) != 5 {
		t.Fatalf("summary rows: %d", len(d.SummaryRoadmap))
	}
	last := d.SummaryRoadmap[4]
	eq(t, "years", last.Years, []YearCodes{{Year: 2026, Text: "R и F", Codes: []string{"R", "F"}}, {Year: 2027, Text: "F", Codes: []string{"F"}}})
	eq(t, "units", last.Units, []string{"КДМС"})
	eq(t, "notes", d.SummaryRoadmapNotes, []string{"R - реинжиниринг, F – реализация целевого варианта процесса, D – реализация оптимального варианта процесс"})
	if len(d.PlannedServices) != 1 {
		t.Fatalf("planned: %d", len(d.PlannedServices))
	}
	ps := d.PlannedServices[0]
	eq(t, "body", ps.Body, "МКИ")
	eq(t, "proactive (empty cell)", ps.Proactive, Value{})
	eq(t, "automation years", []int{ps.Automation[0].Year, ps.Automation[1].Year, ps.Automation[2].Year}, []int{2025, 2026, 2027})
	eq(t, "2026", *ps.Automation[1].Number, 47.0)
}

func num(f float64) *float64 { return &f }

func TestKPIRowWithColumnFewer(t *testing.T) {
	d := parseText(t, ex004KPI)
	if len(d.KPIs) != 19 {
		t.Fatalf("kpis: %d", len(d.KPIs))
	}
	strategic := 0
	for _, k := range d.KPIs {
		if k.Strategic {
			strategic++
		}
	}
	eq(t, "strategic", strategic, 5)
	// "\tКол-во гос. услуг, оказываемых проактивно\t%\t\t\t2": one column fewer
	k := d.KPIs[16]
	eq(t, "name", k.Name, "Кол-во гос. услуг, оказываемых проактивно")
	eq(t, "unit", k.Unit, "%")
	eq(t, "values", k.Values, []YearValue{{Year: 2027, Value: Value{Text: "2", Number: num(2)}}})
	eq(t, "group", k.Group, "Показатели цифровой грамотности")
	eq(t, "number", k.Number, "6")
	// a row with all three years
	eq(t, "2025 of row 93", d.KPIs[17].Values[0], YearValue{Year: 2025, Value: Value{Text: "64", Number: num(64)}})
}

func TestKPIEmptyColumnAndContinuation(t *testing.T) {
	d := parseText(t, ex000KPI)
	var names []string
	for _, k := range d.KPIs {
		if !k.Strategic {
			names = append(names, k.Name)
		}
	}
	eq(t, "continued name", names[5], "Количество культурных объектов и экспонатов, доступных в онлайн-формате (% от общего кол-ва, с ростом по годам)")
	for _, k := range d.KPIs {
		if k.Name == "Полноценно функционирующая система ИС «Е-Архив»" {
			eq(t, "values", k.Values, []YearValue{{Year: 2026, Value: Value{Text: "100", Number: num(100)}}})
		}
	}
	// the name as written, with its item number; NormName without it
	eq(t, "strategic of group 1", d.KPIs[0], KPI{Line: 6, Group: "Информация", Number: "1", Name: "1. Увеличение уровня удовлетворенности населения освещением государственной политики в СМИ (2025 - 69,2%, 2026 - 69,3%, 2027 - 69,4%)", NormName: "Увеличение уровня удовлетворенности населения освещением государственной политики в СМИ (2025 - 69,2%, 2026 - 69,3%, 2027 - 69,4%)", Strategic: true})
	eq(t, "KPI heading", d.KPIHeading != "", true)
}

func TestRoadmapColumnDrift(t *testing.T) {
	s := onlySphere(t, parseText(t, ex004Roadmap))
	want := map[string][]Quarter{
		// page 1: "Отв. подр" in column 2, the row's unit too
		"Лицензирование деятельности оператора связи": {{Year: 2026, Quarter: 4, Codes: []string{"R"}, Text: "R"}, {Year: 2027, Quarter: 1, Codes: []string{"R"}, Text: "R"}, {Year: 2027, Quarter: 4, Codes: []string{"F"}, Text: "F"}},
		// page 3: header has an extra empty column; this row's unit drifts one further
		"Подача заявления о прекращении деятельности": {{Year: 2026, Quarter: 1, Codes: []string{"R"}, Text: "R"}, {Year: 2027, Quarter: 2, Codes: []string{"F"}, Text: "F"}},
		// page 3, a row without a unit: the header decides
		"Управление телекоммуникационными услугами": {{Year: 2026, Quarter: 1, Codes: []string{"R"}, Text: "R"}, {Year: 2026, Quarter: 4, Codes: []string{"F"}, Text: "F"}},
		// last page: the header has the extra column, the rows do not
		"Учет национальных ресурсов в области связи":         {{Year: 2026, Quarter: 4, Codes: []string{"R"}, Text: "R"}, {Year: 2027, Quarter: 3, Codes: []string{"F"}, Text: "F"}},
		"Управление национальными ресурсами в области связи": {{Year: 2026, Quarter: 2, Codes: []string{"R"}, Text: "R"}, {Year: 2027, Quarter: 4, Codes: []string{"F"}, Text: "F"}},
	}
	seen := 0
	for _, it := range s.Roadmap {
		if q, ok := want[it.ProcessGroupName]; ok {
			seen++
			eq(t, it.ProcessGroupName, it.Quarters, q)
		}
	}
	eq(t, "rows checked", seen, len(want))
	// tails after the repeated headers join the rows above
	for _, it := range s.Roadmap {
		if it.ProcessGroupName == "Ввоз РЭС и ВЧУ" && !strings.HasSuffix(it.Technologies, "для ускоренного принятия решения о ввозе.") {
			t.Errorf("tail: %q", it.Technologies)
		}
	}
	eq(t, "kpis", len(s.RoadmapKPIs), 5)
	eq(t, "items", len(s.Roadmap), 8)
}

func TestRepeatedTitlesAndRefsNamingProcesses(t *testing.T) {
	s := onlySphere(t, parseText(t, ex004RepeatedTitles))
	eq(t, "codes", []string{s.ProcessGroups[0].Code, s.ProcessGroups[1].Code, s.ProcessGroups[2].Code}, []string{"1", "8", "9"})
	eq(t, "same title", s.ProcessGroups[0].Name, s.ProcessGroups[1].Name)
	// refs name processes ("1. Лицензирование …" is the process of group 1)
	eq(t, "entity 1 groups", s.Entities[0].ProcessGroups, []string{"1", "8"})
	eq(t, "entity 2 groups", s.Entities[1].ProcessGroups, []string{"8", "9"})
	eq(t, "~40 0", s.Entities[1].Count, Value{Text: "~40 0"})
	eq(t, "млн", s.Entities[3].Count, Value{Text: "млн"})
}

func TestSameTitlesInOneSphere(t *testing.T) {
	s := onlySphere(t, parseText(t, ex000InfoSphere))
	eq(t, "entity groups", [][]string{s.Entities[0].ProcessGroups, s.Entities[1].ProcessGroups}, [][]string{{"1.1"}, {"2.1", "2.2", "2.3"}})
	var got []string
	for _, it := range s.Roadmap {
		got = append(got, it.ProcessGroup)
	}
	eq(t, "roadmap groups", got, []string{"1.1", "2.1", "2.2", "2.3"})
	eq(t, "units (merged cell)", s.Roadmap[3].Units, []string{"КИ"})
	g := group(t, s, "1.1")
	eq(t, "systems", g.Systems, []string{"eGov", "e-license"})
	eq(t, "automation", g.Automation, "AUTOMATED")
	eq(t, "services", g.Services, []string{"Постановка на учет, переучет, выдача дубликата свидетельства отечественного теле-, радиоканала", "Выдача лицензии для занятия деятельностью по распространению теле-, радиоканалов"})
	eq(t, "reengineering", g.Reengineering, "PLANNED")
	eq(t, "subject", g.Entities, []string{"Телеканалы / Радиоканалы"})
	eq(t, "2.1 subject", group(t, s, "2.1").Entities, []string{"Периодические печатные издания, информационные агентства и интернет-издания (газеты/журналы)"})
}

func TestRefsInAnotherOrder(t *testing.T) {
	s := onlySphere(t, parseText(t, ex003RefsOrder))
	// the row numbers "6. Получение увечий 7. Допинг-контроль 8. Формирование …"
	// while the blocks are 6 Формирование, 7 Получение увечий, 8 Допинг-контроль;
	// refs 1–5 name groups that are not in the excerpt and stay unresolved
	eq(t, "groups", s.Entities[0].ProcessGroups, []string{"7", "8", "6"})
}

func TestSplitLabelsAndPrefixedValues(t *testing.T) {
	s := onlySphere(t, parseText(t, ex003SplitLabels))
	g1 := group(t, s, "1")
	eq(t, "automation", g1.Automation, "PARTIAL")
	eq(t, "systems", g1.Systems, []string{"ИС «Artsport.edu.kz»", "ИС «Damu Bala»", "ИС «Dara Bala»", "ИС «НОБД»"})
	eq(t, "automation text", g1.AutomationText, "Частично автоматизировано в информационных системах: ИС «Artsport.edu.kz», ИС «Damu Bala», ИС «Dara Bala», ИС «НОБД»")
	eq(t, "technologies", g1.Technologies, []string{"Анализ нагрузки и прогнозирование: ИИ оценивает доступные мощности спортивных секций и автоматически прогнозирует уровень загруженности при выдаче новых ваучеров, чтобы избежать перегрузки отдельно взятого объекта"})
	if !strings.HasPrefix(g1.TechnologiesText, "Имеется.") {
		t.Errorf("text keeps the prefix: %q", g1.TechnologiesText)
	}
	eq(t, "hasAI", *g1.HasAI, true)
	g2 := group(t, s, "2")
	eq(t, "services after '<b>Имеется.</b> -'", len(g2.Services), 2)
	g4 := group(t, s, "4")
	eq(t, "services after '<p><b>Имеется</b></p>'", g4.Services, []string{"Выплата пожизненного ежемесячного материального обеспечения спортсменам и тренерам", "Предоставление жилища чемпионам и призерам Олимпийских, Паралимпийских и Сурдлимпийских игр и пользования им"})
	g11 := group(t, s, "11")
	eq(t, "label 'Ответственные' / 'структурные подразделения'", g11.Fields[2].Label, "Ответственные структурные подразделения")
	eq(t, "units", g11.ResponsibleUnits, []string{"КДСФК", "ДЦТРУ"})
	g15 := group(t, s, "15")
	eq(t, "label 'Связанные государственные' / 'услуги'", g15.Fields[4].Label, "Связанные государственные услуги")
	eq(t, "services text", g15.ServicesText, "Отсутствует")
	eq(t, "automation", g15.Automation, "NONE")
	eq(t, "fields", len(g15.Fields), 8)
	eq(t, "subject", g15.SubjectObject, "Спортивные сооружения/объекты")
	g4b := s.ProcessGroups[len(s.ProcessGroups)-1]
	eq(t, "'-' services", g4b.Services, []string(nil))
	eq(t, "'-' services text", g4b.ServicesText, "-")
	eq(t, "eGov Mobile", g4b.Systems, []string{"Приложение «eGov Mobile»"})
}

func TestSplitLabelsLowercaseHalf(t *testing.T) {
	s := onlySphere(t, parseText(t, ex000SplitLabels))
	g := group(t, s, "2.1")
	eq(t, "label", g.Fields[1].Label, "Перспективное технологии, в т.ч. использование искусственного интеллекта")
	eq(t, "technologies", g.TechnologiesText, "ИИ в части анализа и обработки данных для ускорения проверки документов, анализ законодательства и мониторинга текущей деятельности СМИ")
	g43 := group(t, s, "4.3")
	eq(t, "label", g43.Fields[3].Label, "Связанные функции центрального государственного органа")
	eq(t, "functions", len(g43.Functions), 4)
	eq(t, "subject label 'Субъект /объект'", group(t, s, "2.1").Fields[6].Label, "Субъект /объект")
}

func TestLookalikeLetters(t *testing.T) {
	s := onlySphere(t, parseText(t, ex000Lookalike))
	eq(t, "attributes", s.Entities[1].Attributes[1], "Фио")
	eq(t, "count", *s.Entities[1].Count.Number, 5759781.0)
}

func TestDocumentEndsMidSentence(t *testing.T) {
	d := parseText(t, ex000Tail)
	if !d.Truncated {
		t.Error("Truncated should be set")
	}
	if len(d.Needs) != 5 {
		t.Fatalf("needs: %d", len(d.Needs))
	}
	last := d.Needs[4]
	if !strings.HasSuffix(last.Text, "наличии профильного образования,") {
		t.Errorf("text: %q", last.Text)
	}
	eq(t, "bodies", last.Bodies, []string{"МВО РК"})
	eq(t, "systems", last.Systems, []string{"ГБД ЕЛ", "ЕПВО", "НОБД"})
	if d2 := parseText(t, ex000Tail+".\n"); d2.Truncated {
		t.Error("a complete text is not truncated")
	}
}

func TestIntegrationDeadlines(t *testing.T) {
	d := parseText(t, ex003Integration)
	eq(t, "rows", len(d.Integrations), 2)
	in := d.Integrations[1]
	eq(t, "row", in, Integration{Line: 5, Number: "2", Domain: "Спорт и туризм", DataNames: []string{"Иностранный турист"}, ConsumerBody: "Министерство туризма и спорта", ConsumerSystem: "ИС «eQonaq»", ProviderBody: "Комитет национальной безопасности", ProviderSystem: "ЕИС «Беркут»", DeadlineText: "Ноябрь 2025 г.", DeadlineYear: 2025, DeadlineMonth: 11})
}

func TestIcebreakerParagraphs(t *testing.T) {
	d := parseText(t, ex003Icebreaker)
	if len(d.Icebreakers) != 1 {
		t.Fatalf("icebreakers: %d", len(d.Icebreakers))
	}
	ib := d.Icebreakers[0]
	eq(t, "name", ib.Name, "Платформа ИИ «OlympIQ»")
	eq(t, "goals", ib.Goals, []string{"Рост спортивных результатов", "Развитие талантов", "Прозрачный и честный отбор", "Снижение операционных затрат"})
	eq(t, "tasks", len(ib.Tasks), 5)
	eq(t, "systems", ib.Systems, []string{"Платформа ИИ «OlympIQ»"})
	eq(t, "description", len(ib.Description), 2)
}

func TestProblemsAndExperience(t *testing.T) {
	s := onlySphere(t, parseText(t, ex000Experience))
	eq(t, "problems", len(s.Problems), 6)
	eq(t, "experience", len(s.InternationalExperience), 5)
	e := s.InternationalExperience[0]
	eq(t, "country", e.Country, "Норвегия")
	eq(t, "links", e.Links, []string{"https://www.nordicom.gu.se/en/facts-analysis/nordic/factsheets/direct-media-subsidies-news-media-nordic-overview", "https://www.medietilsynet.no/english/"})
	eq(t, "Швеция", s.InternationalExperience[4].Country, "Швеция")
	eq(t, "overview", len(s.Overview), 4)
}

func TestTitlePage(t *testing.T) {
	d := parseText(t, ex004TitlePage)
	eq(t, "approval", d.Approval, "«УТВЕРЖДЕН» приказом Министра искусственного интеллекта цифрового развития Республики Казахстан от «__» ____ 2025 года №_____")
	eq(t, "title", d.Title, "Карта цифровой трансформации государственного управления отрасли телеинформатики")
	eq(t, "title page", d.TitlePage, []string{"Астана 2025"})
	eq(t, "unattached", len(d.Unattached), 0)
}

func TestParseErrors(t *testing.T) {
	header := "### План интеграции информационных систем\n\n№\tНаименование домена\tНаименование данных (сущность)\tГО/организация – потребитель данных\tИС - потребитель данных\tГО/Организация – источник Данных+\tИС - источник данных\tСрок исполнения/ подтверждение ГО\n"
	cases := []struct {
		name, text string
		want       ParseError
	}{
		{
			"integration row with 5 columns",
			header + "1.\tСпорт и туризм\tМесто размещения\tМинистерство туризма и спорта\tИС «eQonaq»\n",
			ParseError{File: "004.txt", Line: 4, Field: "integration plan row", Expected: integrationColumns(8), Got: "5"},
		},
		{
			"roadmap quarter cell that is not a code",
			"## 1. Сфера «Туризм»\n\n**План график сферы «Туризм» (диаграмма Ганта)**\n\nРеинжиниринг процессов\t\t2025\t\t\t\t2026\t\t\t\t2027\t\t\t\nГруппа процессов и процессы\tОтв. Подр.\tI кв\tII кв\tIII кв\tIV кв\tI кв\tII кв\tIII кв\tIV кв\tI кв\tII кв\tIII кв\tIV кв\n<b>Группа бизнес-процессов:</b> Регистрация туроператора\tКИТ ДЦТРГУ\t\tR\tв работе\t\t\t\t\t\t\t\t\t\n",
			ParseError{File: "004.txt", Line: 7, Field: "roadmap row", Expected: "R/F/D codes in the quarter cells", Got: `"в работе"`},
		},
		{
			"entity table without a recognisable header",
			"1. Сфера информации\n\nСведения по сущностям сферы\n\n1.\tОбъект. Телеканалы / Радиоканалы\t221 /91\n",
			ParseError{File: "004.txt", Line: 5, Field: "entity table", Expected: "a header (№, Предмет регулирования, Кол-во, Атрибуты, Статус оцифровки, Группа процессов)", Got: `"1. | Объект. Телеканалы / Радиоканалы | 221 /91"`},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("maps/004.txt", strings.NewReader(c.text))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("want a *ParseError, got %v", err)
			}
			eq(t, "error", *pe, c.want)
		})
	}
	e := &ParseError{File: "004.txt", Line: 438, Field: "integration plan row", Expected: integrationColumns(8), Got: "5"}
	eq(t, "message", e.Error(), "004.txt:438: integration plan row: expected 8 columns as in the header (№, domain, data, consumer body, consumer system, provider body, provider system, deadline), got 5")
}

// A title written as a plain line, followed by a line starting in
// lowercase, stays a title: the reader joins the two lines (the second
// continues a paragraph), and the interpreter splits the title off again.
// From map 003: its KPI title without markdown and a subtitle under it.
func TestTitleDoesNotSwallowNextLine(t *testing.T) {
	data, err := os.ReadFile("../maps/003_7875826fde8fc762.txt")
	if err != nil {
		t.Fatal(err)
	}
	seed := parseText(t, string(data))
	const title = "Ключевые показатели эффективности реализации карты цифровой трансформации МТС РК до 2027 года"
	const sub = "по данным уполномоченных органов на 1 января 2025 года"
	text := strings.Replace(string(data), "## "+title+"\n", title+"\n"+sub+"\n", 1)
	if text == string(data) {
		t.Fatal("the KPI title is not in map 003")
	}
	doc := parseText(t, text)
	eq(t, "KPI heading", doc.KPIHeading, title)
	eq(t, "KPIs", len(doc.KPIs), len(seed.KPIs))
	js, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(js), sub) {
		t.Errorf("the line under the title is lost")
	}
}
