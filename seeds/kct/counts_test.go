package kct

import (
	"path/filepath"
	"strings"
	"testing"
)

// docCounts are per-document element counts, counted by hand in the text
// (grep and reading), not taken from the parser's output:
//   - spheres: headings "N. Сфера …";
//   - entities: rows of the "Сведения по сущностям сферы" tables;
//   - attributes: numbered items of the "Атрибуты" cells, with the items on
//     continuation lines (000 line 467, 003 lines 140 and 434);
//   - process groups: lines "Состоит из процессов";
//   - processes: numbered items of those cells;
//   - services: items of the "Связанные государственные услуги" cells that are
//     not "Отсутствует"/"-" (003 group 3.3 has one on a continuation line);
//   - systems: names listed in the "Статус автоматизации" cells;
//   - KPIs: rows with a unit and values, plus the numbered strategic targets
//     of the rows without;
//   - roadmap items: rows "Группа бизнес-процессов: …", rows without that
//     prefix that carry codes or open a table (000 lines 415, 690, 900) and
//     the orphan tails after [illegible] (003 lines 349, 357, 670); the
//     rest of rows cut by page breaks are not items;
//   - integrations, needs, icebreakers: rows and projects.
type docCounts struct {
	spheres, entities, attributes, groups, processes, services, systems int
	kpis, strategic, roadmap, integrations, needs, icebreakers          int
}

var handCounts = map[string]docCounts{
	"000_ee3af2eb060adf23.txt": {spheres: 5, entities: 19, attributes: 112, groups: 29, processes: 54, services: 7, systems: 18,
		kpis: 37, strategic: 14, roadmap: 28, integrations: 0, needs: 5, icebreakers: 1},
	"003_7875826fde8fc762.txt": {spheres: 3, entities: 13, attributes: 85, groups: 27, processes: 47, services: 28, systems: 50,
		kpis: 27, strategic: 9, roadmap: 23, integrations: 2, needs: 8, icebreakers: 1},
	"004_09111345614503a4.txt": {spheres: 1, entities: 7, attributes: 13, groups: 18, processes: 18, services: 16, systems: 10,
		kpis: 19, strategic: 5, roadmap: 16, integrations: 31, needs: 0, icebreakers: 1},
}

func countDoc(d *Document) docCounts {
	c := docCounts{spheres: len(d.Spheres), kpis: len(d.KPIs), integrations: len(d.Integrations), needs: len(d.Needs), icebreakers: len(d.Icebreakers)}
	for _, k := range d.KPIs {
		if k.Strategic {
			c.strategic++
		}
	}
	for _, s := range d.Spheres {
		c.entities += len(s.Entities)
		for _, e := range s.Entities {
			c.attributes += len(e.Attributes)
		}
		c.groups += len(s.ProcessGroups)
		for _, g := range s.ProcessGroups {
			c.processes += len(g.Processes)
			c.services += len(g.Services)
			c.systems += len(g.Systems)
		}
		c.roadmap += len(s.Roadmap)
	}
	return c
}

func parseSeed(t *testing.T, base string) *Document {
	t.Helper()
	d, err := ParseFile(filepath.Join(mapsDir, base))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestHandCounts(t *testing.T) {
	for _, f := range seedMaps(t) {
		base := filepath.Base(f)
		want, ok := handCounts[base]
		if !ok {
			t.Errorf("no hand counts for %s", base)
			continue
		}
		if got := countDoc(parseSeed(t, base)); got != want {
			t.Errorf("%s:\n got %+v\nwant %+v", base, got, want)
		}
	}
}

// TestUnattached logs what each seed map leaves unattached; the seed maps
// leave nothing.
func TestUnattached(t *testing.T) {
	for _, f := range seedMaps(t) {
		d := parseSeed(t, filepath.Base(f))
		t.Logf("%s: %d unattached fragments", d.File, len(d.Unattached))
		for _, u := range d.Unattached {
			t.Logf("  line %d: %q (%s)", u.Line, truncate(u.Text, 80), u.Reason)
		}
		if len(d.Unattached) != 0 {
			t.Errorf("%s: unexpected unattached text", d.File)
		}
	}
}

func findSphere(t *testing.T, d *Document, name string) *Sphere {
	t.Helper()
	for i := range d.Spheres {
		if d.Spheres[i].Name == name {
			return &d.Spheres[i]
		}
	}
	t.Fatalf("%s: no sphere %q", d.File, name)
	return nil
}

func findItem(t *testing.T, s *Sphere, line int) RoadmapItem {
	t.Helper()
	for _, it := range s.Roadmap {
		if it.Line == line {
			return it
		}
	}
	t.Fatalf("no roadmap item at line %d", line)
	return RoadmapItem{}
}

// Spot checks: exact values of every kind of element, checked against the
// text.
func TestSpotChecks000(t *testing.T) {
	d := parseSeed(t, "000_ee3af2eb060adf23.txt")
	eq(t, "title", d.Title, "Карта цифровой трансформации государственного управления отрасли культуры и информации")
	eq(t, "owner", d.Owner, "Министерство культуры и информации Республики Казахстан")
	eq(t, "truncated", d.Truncated, true)
	eq(t, "passport spheres", d.Passport.Spheres, []string{"Информация", "Межэтнические отношения", "Культура", "Архивное дело", "Молодежная и семейная политика"})
	eq(t, "implementation bodies", len(d.Passport.ImplementationBodies), 24)
	eq(t, "target figure", d.TargetFigures[0], TargetFigure{Line: 29, Text: "уровень социального самочувствия этносов Казахстана, который должен достичь 77,5%"})
	eq(t, "kpi", d.KPIs[2], KPI{Line: 149, Group: "Информация", Number: "1", Name: "Доля контента, распространяемого через цифровые платформы (популярные соц. сети) (% от общего кол-ва, с ростом по годам)", NormName: "Доля контента, распространяемого через цифровые платформы (популярные соц. сети) (% от общего кол-ва, с ростом по годам)", Unit: "%",
		Values: []YearValue{{Year: 2026, Value: Value{Text: "80", Number: num(80)}}, {Year: 2027, Value: Value{Text: "85", Number: num(85)}}}})
	names := []string{}
	for _, s := range d.Spheres {
		names = append(names, s.Name)
	}
	eq(t, "spheres", names, []string{"Информация", "Межэтнические отношения", "Культура", "Архивное дело", "Молодежная и семейная политика"})

	culture := findSphere(t, d, "Культура")
	eq(t, "problem", culture.Problems[3], "Фрагментарность системы оценки эффективности культурных проектов, отсутствие единой цифровой платформы сбора и анализа данных о посещаемости, вовлечённости и культурных предпочтениях населения")
	e := culture.Entities[7]
	eq(t, "entity", Entity{Line: e.Line, Number: e.Number, Kind: e.Kind, KindText: e.KindText, Name: e.Name, Count: e.Count, DigitizationText: e.DigitizationText, Digitization: e.Digitization, ProcessGroups: e.ProcessGroups},
		Entity{Line: 475, Number: "8", Kind: KindObject, KindText: "Объект", Name: "Работники организаций культуры", Count: Value{Text: "более 62 тыс.", Number: num(62000)}, DigitizationText: "Отсутствует", Digitization: "NONE", ProcessGroups: []string{"8.1", "8.2"}})
	g := culture.ProcessGroups[15]
	eq(t, "group", []string{g.Code, g.Name, g.Automation, g.Reengineering, g.SubjectObject}, []string{"9", "Государственный творческий заказ в творческих кружках для детей и юношества", "AUTOMATED", "IN_PROGRESS", "Творческие кружки"})
	eq(t, "group systems", g.Systems, []string{"«artsport.edu.kz»", "«Damu Bala»", "«Dara Bala»"})
	eq(t, "functions", len(g.Functions), 4)
	eq(t, "roadmap", findItem(t, culture, 693).Quarters, []Quarter{{Year: 2025, Quarter: 4, Codes: []string{"R"}, Text: "R"}, {Year: 2027, Quarter: 4, Codes: []string{"F"}, Text: "F"}})
	archive := findSphere(t, d, "Архивное дело")
	eq(t, "experience", archive.InternationalExperience[1].Country, "Франция")
	eq(t, "experience links", archive.InternationalExperience[1].Links, []string{"https://fr.wikipedia.org/wiki/Open_Archival_Information_System"})
	eq(t, "summary", d.SummaryRoadmap[2].SphereOrder, 3)
	eq(t, "need", d.Needs[0].Systems, []string{"ГБД ЕЛ", "ЕГКН"})
	eq(t, "icebreaker", []string{d.Icebreakers[0].Name, d.Icebreakers[0].Body}, []string{"ИС «Единый медиапортал»", "Министерство культуры и информации"})
	eq(t, "icebreaker goals", len(d.Icebreakers[0].Goals), 3)
	eq(t, "icebreaker tasks", len(d.Icebreakers[0].Tasks), 6)
}

func TestSpotChecks003(t *testing.T) {
	d := parseSeed(t, "003_7875826fde8fc762.txt")
	eq(t, "title page", d.TitlePage, []string{"г. Астана", "2025 год"})
	eq(t, "owner", d.Owner, "Министерство туризма и спорта Республики Казахстан")
	sport := findSphere(t, d, "Физическая культура и спорт")
	eq(t, "roadmap kpis", sport.RoadmapKPIs, []string{"Доля электронных паспортов спортсменов, тренеров, судьи и методистов", "Доля оцифрованных объектов спортивной инфраструктуры", "Внедрение электронного календаря спортивно-массовых мероприятий"})
	it := findItem(t, sport, 349)
	eq(t, "orphan", []string{it.ProcessGroup, strings.SplitN(it.Technologies, ",", 2)[0]}, []string{"4", "[illegible] спортсменов и тренеров"})
	eq(t, "entity 1 groups", sport.Entities[0].ProcessGroups, []string{"1", "2", "3", "4", "5", "7", "8", "6"})
	g9 := sport.ProcessGroups[8]
	eq(t, "group 9", []string{g9.Code, g9.SubjectObject}, []string{"9", "Тренер/спортивный судья"})
	eq(t, "group 9 entities", g9.Entities, []string{"Тренер", "Спортивный судья"})
	tourism := findSphere(t, d, "Туризм")
	eq(t, "tourism group 4 subject", tourism.ProcessGroups[3].SubjectObject, "Турагент/гид/экскурсовод/инструктор туризма")
	eq(t, "tourism group 4 entities", tourism.ProcessGroups[3].Entities, []string{"Турагент", "Гид/экскурсовод/инструктор туризма"})
	gambling := findSphere(t, d, "Игорный бизнес и лотерейная деятельность")
	eq(t, "gambling group 3 services", len(gambling.ProcessGroups[2].Services), 4)
	eq(t, "kpi", d.KPIs[17], KPI{Line: 71, Group: "Игорный бизнес и лотерейная деятельность", Name: "Количество пользователей, использующих сервис по самоограничению от участия в азартных играх и пари", NormName: "Количество пользователей, использующих сервис по самоограничению от участия в азартных играх и пари", Unit: "Ед.",
		Values: []YearValue{{Year: 2025, Value: Value{Text: "-"}}, {Year: 2026, Value: Value{Text: "Не менее 2 тыс. человек", Number: num(2000)}}, {Year: 2027, Value: Value{Text: "Не менее 4 тыс. человек", Number: num(4000)}}}})
	eq(t, "planned", d.PlannedServices[0].Proactive, Value{Text: "0", Number: num(0)})
	eq(t, "summary", d.SummaryRoadmap[1].SphereOrder, 2)
	eq(t, "need", d.Needs[2], Need{Line: 732, Number: "3", ProcessGroupName: "Присвоение спортивных званий/категории", BodyText: "МТСЗН", Bodies: []string{"МТСЗН"}, Text: "Получения данных по стажу спортсменов/тренеров"})
}

func TestSpotChecks004(t *testing.T) {
	d := parseSeed(t, "004_09111345614503a4.txt")
	eq(t, "owner", d.Owner, "Комитет телекоммуникаций Министерства искусственного интеллекта и цифрового развития Республики Казахстан")
	eq(t, "passport title", d.Passport.Title, "Карта цифровой трансформации государственного управления отрасли телекоммуникаций")
	eq(t, "principles", len(d.Passport.Principles), 4)
	s := findSphere(t, d, "Телекоммуникации")
	eq(t, "entity 4", s.Entities[3].Count, Value{Text: "млн"})
	eq(t, "group 14 systems", s.ProcessGroups[13].Systems, []string{"ЦБДАН", "БДИК (ИИН, номер, IMEI)"})
	eq(t, "roadmap 377", findItem(t, s, 377).ProcessGroup, "7")
	in := d.Integrations[21]
	eq(t, "integration 22", []string{in.Number, in.Domain, in.ConsumerBody, in.ConsumerSystem, in.ProviderSystem, in.DeadlineText}, []string{"22", "Транспорт", "Министерство юстиции", "ГБД ЮЛ", "ИС ГБД ЕЛ", "Ноябрь 2025 г."})
	eq(t, "integration 30 month", d.Integrations[29].DeadlineMonth, 10)
	eq(t, "icebreaker tasks", d.Icebreakers[0].Tasks, []string{"Развитие проводной инфраструктуры связи", "Развитие беспроводной инфраструктуры связи", "Увеличение транзитного потенциала и создание регионального data хаба"})
	eq(t, "summary", d.SummaryRoadmap, []SummaryRoadmapRow{{Line: 431, Sphere: "Телекоммуникация", SphereOrder: 1, Units: []string{"Комитет телекоммуникации"},
		Years: []YearCodes{{Year: 2026, Text: "R", Codes: []string{"R"}}, {Year: 2027, Text: "F", Codes: []string{"F"}}}}})
}
