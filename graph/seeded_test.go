package graph_test

import (
	"context"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/karta/karta/graph"
	"github.com/karta/karta/seeds/load"
	"github.com/karta/karta/server/storagetest"
)

// seeded returns a GraphQL client over a fresh database holding the three
// seed maps, imported as on a first start.
func seeded(t *testing.T) *client.Client {
	t.Helper()
	ec, _ := storagetest.Open(t)
	if _, err := load.Seed(context.Background(), ec, load.Options{}); err != nil {
		t.Fatalf("seed: %v", err)
	}
	return client.New(graph.NewHandler(ec, graph.Options{MaxPageSize: 100, ComplexityLimit: 500000}))
}

type named struct{ Name string }

// The questions of the import issue, answered from the seeds and checked
// by hand against the documents.
func TestSeededCatalogAnswers(t *testing.T) {
	c := seeded(t)

	t.Run("process groups of the telecom map automated by E-License", func(t *testing.T) {
		var r struct {
			ProcessGroups struct {
				Edges []struct{ Node struct{ Code, Name string } }
			}
		}
		post(t, c, `{ processGroups(
		    where: {hasSphereWith: {hasMapWith: {passportTitleContainsFold: "телекоммуникаций"}},
		            hasInformationSystemsWith: {allNamesContainsFold: "e-license"}},
		    orderBy: [{field: POSITION}]) { edges { node { code name } } } }`, &r)
		var got []string
		for _, e := range r.ProcessGroups.Edges {
			got = append(got, e.Node.Code+" "+e.Node.Name)
		}
		// 004, «Статус автоматизации	E-License» at lines 148, 160, 173, 223, 234, 350.
		want := []string{
			"1 Получение разрешительных документов",
			"2 Ввоз РЭС и ВЧУ",
			"3 Присвоение радиочастотного спектра",
			"7 Прекращение деятельности операторов связи",
			"8 Получение разрешительных документов",
			"18 Управление национальными ресурсами в области связи",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})

	t.Run("attributes of the entity Спортсмен", func(t *testing.T) {
		var r struct {
			Entities struct {
				Edges []struct {
					Node struct {
						CountText  string
						Count      float64
						Kind       string
						Attributes struct{ Edges []struct{ Node named } }
					}
				}
			}
		}
		post(t, c, `{ entities(where: {name: "Спортсмен"}) { edges { node { countText count kind
		    attributes(orderBy: [{field: POSITION}]) { edges { node { name } } } } } } }`, &r)
		if len(r.Entities.Edges) != 1 {
			t.Fatalf("%d entities named Спортсмен", len(r.Entities.Edges))
		}
		e := r.Entities.Edges[0].Node
		var got []string
		for _, a := range e.Attributes.Edges {
			got = append(got, a.Node.Name)
		}
		// 003, line 137.
		want := []string{"Данные спортсменов", "Спортивный разряд/звание",
			"Медицинские данные о психологическом и физическом состоянии здоровья", "Этап подготовки спортсмена",
			"Данные о тренере", "Вид спорта", "Статистические данные выступления", "Завоеванные медали в чемпионатах",
			"Состояние физического здоровья", "Классификация спортсмена с инвалидностью"}
		if strings.Join(got, "|") != strings.Join(want, "|") || e.CountText != "17 688" || e.Count != 17688 || e.Kind != "SUBJECT" {
			t.Fatalf("got %+v", e)
		}
	})

	t.Run("KPI targets of the culture map for 2026", func(t *testing.T) {
		var r struct {
			KpiTargets struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						Text  string
						Value *float64
						Kpi   struct{ Name, Group, Unit string }
					}
				}
			}
		}
		post(t, c, `{ kpiTargets(first: 100, where: {year: 2026, hasKpiWith: {hasMapWith: {hasMinistryWith: {shortName: "МКИ"}}}}) {
		    totalCount edges { node { text value kpi { name group unit } } } } }`, &r)
		// 000, lines 147–177: 23 indicators have a 2026 value.
		if r.KpiTargets.TotalCount != 23 {
			t.Fatalf("%d targets for 2026", r.KpiTargets.TotalCount)
		}
		want := map[string]string{
			"Доля этнокультурных объединений, включенных в Единый электронный реестр": "85",
			"Полноценно функционирующая система ИС «Е-Архив»":                         "100",
			"Кол-во гос. услуг, оказываемых в автоматическом режиме":                  "71,4",
			"Кол-во негативных отзывов":                                               "35",
		}
		found := 0
		for _, e := range r.KpiTargets.Edges {
			for prefix, text := range want {
				if strings.HasPrefix(e.Node.Kpi.Name, prefix) {
					found++
					if e.Node.Text != text {
						t.Errorf("%s: %q, want %q", prefix, e.Node.Text, text)
					}
				}
			}
			if e.Node.Kpi.Name == "Кол-во гос. услуг, оказываемых в автоматическом режиме" && (e.Node.Value == nil || *e.Node.Value != 71.4) {
				t.Errorf("71,4 as a number: %v", e.Node.Value)
			}
		}
		if found != len(want) {
			t.Fatalf("found %d of %d spot-checked targets", found, len(want))
		}
	})

	t.Run("bodies providing data to ИС ГБД ЕЛ and by when", func(t *testing.T) {
		var r struct {
			Integrations struct {
				Edges []struct {
					Node struct {
						Number         string
						DeadlineText   string
						Deadline       string
						ProviderBody   named
						ProviderSystem named
					}
				}
			}
		}
		post(t, c, `{ integrations(first: 100, where: {hasConsumerSystemWith: {allNamesContainsFold: "ГБД ЕЛ"}}, orderBy: [{field: POSITION}]) {
		    edges { node { number deadlineText deadline providerBody { name } providerSystem { name } } } } }`, &r)
		var got []string
		for _, e := range r.Integrations.Edges {
			n := e.Node
			got = append(got, n.Number+" "+n.ProviderBody.Name+" | "+n.Deadline[:10])
		}
		// 004, lines 439–473: rows whose consumer system is ИС ГБД ЕЛ.
		want := []string{
			"2 Национальный центр экспертизы лекарственных средств и медицинских изделий | 2025-10-31",
			"3 Министерство здравоохранения Республики Казахстан | 2025-11-30",
			"6 Министерство просвещения Республики Казахстан | 2025-11-30",
			"7 Верховный Суд Республики Казахстан | 2025-11-30",
			"9 Министерство труда и социальной защиты населения Республики Казахстан | 2025-11-30",
			"10 Министерство экологии и природных ресурсов Республики Казахстан | 2025-11-30",
			"11 Министерство водных ресурсов и ирригации Республики Казахстан | 2025-11-30",
			"12 Министерство сельского хозяйства Республики Казахстан | 2025-11-30",
			"13 Министерство промышленности и строительства Республики Казахстан | 2025-11-30",
			"29 Комитет транспорта Министерства транспорта Республики Казахстан | 2025-11-30",
			"31 Комитет государственных доходов Министерства финансов Республики Казахстан | 2025-11-30",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}

func statusCounts(cs []struct {
	Status string
	Count  int
}) map[string]int {
	m := map[string]int{}
	for _, c := range cs {
		m[c.Status] = c.Count
	}
	return m
}

type statusList = []struct {
	Status string
	Count  int
}

// Analytics and the roadmap across maps, checked by hand against the
// documents.
func TestSeededAnalytics(t *testing.T) {
	c := seeded(t)

	t.Run("summary of the МИИЦР map", func(t *testing.T) {
		var r struct {
			MinistrySummaries []struct {
				Name                                                              string
				Spheres, Entities, ProcessGroups, Kpis                            int
				EntitiesByDigitization, GroupsByAutomation, GroupsByReengineering statusList
			}
		}
		post(t, c, `{ ministrySummaries { name spheres entities processGroups kpis
		    entitiesByDigitization { status count } groupsByAutomation { status count } groupsByReengineering { status count } } }`, &r)
		if len(r.MinistrySummaries) != 3 {
			t.Fatalf("%d summaries, want one per map owner", len(r.MinistrySummaries))
		}
		m := r.MinistrySummaries[0]
		if m.Name != "Министерство искусственного интеллекта и цифрового развития Республики Казахстан" {
			t.Fatalf("first summary: %s", m.Name)
		}
		// 004: 1 sphere; 7 entities (Частично ×4, Отсутствует ×3); 18 groups
		// (E-License ×6, ЕРАП, ЦБДАН и БДИК, Egov: 9 automated; 9 «Отсутствует»;
		// «В работе» ×3, «Планируется» ×15); 19 KPI rows.
		if m.Spheres != 1 || m.Entities != 7 || m.ProcessGroups != 18 || m.Kpis != 19 {
			t.Fatalf("%+v", m)
		}
		dig, auto, reeng := statusCounts(m.EntitiesByDigitization), statusCounts(m.GroupsByAutomation), statusCounts(m.GroupsByReengineering)
		if dig["PARTIAL"] != 4 || dig["NONE"] != 3 || auto["AUTOMATED"] != 9 || auto["NONE"] != 9 || reeng["IN_PROGRESS"] != 3 || reeng["PLANNED"] != 15 {
			t.Fatalf("digitization %v automation %v reengineering %v", dig, auto, reeng)
		}
	})

	t.Run("integration matrix", func(t *testing.T) {
		var r struct {
			IntegrationMatrix struct {
				Cells []struct {
					Provider, Consumer struct{ Short string }
					Count              int
				}
			}
		}
		post(t, c, `{ integrationMatrix { cells { provider { short } consumer { short } count } } }`, &r)
		// 004 rows 9, 16–21: МТСЗН provides to МИИЦР seven times, the largest cell.
		top := r.IntegrationMatrix.Cells[0]
		if top.Provider.Short != "МТСЗН" || top.Consumer.Short != "МИИЦР" || top.Count != 7 {
			t.Fatalf("largest cell: %+v", top)
		}
		total := 0
		for _, cell := range r.IntegrationMatrix.Cells {
			total += cell.Count
		}
		if total != 33 { // 31 rows in 004, 2 in 003, none in 000
			t.Fatalf("%d integrations in the matrix, want 33", total)
		}
	})

	t.Run("duplicate candidates", func(t *testing.T) {
		var r struct {
			DuplicateCandidates []struct {
				Ministries []struct{ Short string }
				Holdings   []struct{ Kind, Name string }
			}
		}
		post(t, c, `{ duplicateCandidates { ministries { short } holdings { kind name } } }`, &r)
		var got []string
		for _, d := range r.DuplicateCandidates {
			var ms []string
			for _, m := range d.Ministries {
				ms = append(ms, m.Short)
			}
			got = append(got, strings.Join(ms, "+")+": "+d.Holdings[0].Name)
		}
		// МТС's entity «Организации образования» and МП's «Внешкольная
		// организация дополнительного образования»; МКИ's periodicals and the
		// certificates of periodicals МИИЦР provides: no integration links them.
		want := []string{
			"МП+МТС: Организации образования",
			"МИИЦР+МКИ: Периодические печатные издания, информационные агентства и интернет-издания (газеты/журналы)",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})

	t.Run("roadmap of tourism in the first half of 2026", func(t *testing.T) {
		var r struct {
			Roadmap struct {
				Total   int
				Spheres []struct {
					SphereName   string
					Year, Groups int
					SummaryCodes []string
					StepCounts   statusList
				}
				Quarters []struct {
					Year, Quarter int
					Steps         []struct{ Code, ProcessGroupName string }
				}
			}
		}
		post(t, c, `query($s: ID!) { roadmap(from: 20261, to: 20262, sphere: $s) { total
		    spheres { sphereName year groups summaryCodes stepCounts { status count } }
		    quarters { year quarter steps { code processGroupName } } } }`, &r, client.Var("s", sphereID(t, c, "Туризм")))
		// 003 lines 533–539: R in 2026 Q1 for «Туристический путь» and
		// «Мониторинг и анализ потока туристов», in Q2 for «Деятельность
		// турагентов…»; the summary roadmap says «R и F» for 2026.
		if r.Roadmap.Total != 3 || len(r.Roadmap.Spheres) != 1 {
			t.Fatalf("%+v", r.Roadmap)
		}
		s := r.Roadmap.Spheres[0]
		if s.Year != 2026 || s.Groups != 3 || statusCounts(s.StepCounts)["R"] != 3 || strings.Join(s.SummaryCodes, " ") != "R F" {
			t.Fatalf("%+v", s)
		}
		if len(r.Roadmap.Quarters) != 2 || len(r.Roadmap.Quarters[0].Steps) != 2 || len(r.Roadmap.Quarters[1].Steps) != 1 {
			t.Fatalf("quarters: %+v", r.Roadmap.Quarters)
		}
	})
}

func sphereID(t *testing.T, c *client.Client, name string) string {
	t.Helper()
	var r struct {
		Spheres struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	post(t, c, `query($n: String!) { spheres(where: {name: $n}) { edges { node { id } } } }`, &r, client.Var("n", name))
	if len(r.Spheres.Edges) != 1 {
		t.Fatalf("sphere %q: %d found", name, len(r.Spheres.Edges))
	}
	return r.Spheres.Edges[0].Node.ID
}

// The integration planner's questions, checked by hand against the maps.
func TestSeededIntegrationQueries(t *testing.T) {
	c := seeded(t)

	t.Run("who provides data to ГБД ЕЛ, one hop upstream", func(t *testing.T) {
		var r struct {
			IntegrationTraversal struct {
				IsPartial bool
				Hops      []struct{ Hop, Nodes, Edges int }
				Nodes     []struct {
					Name string
					Hop  int
				}
			}
		}
		post(t, c, `{ integrationTraversal(start: "ГБД ЕЛ", direction: UPSTREAM, depth: 2) {
		    isPartial hops { hop nodes edges } nodes { name hop } } }`, &r)
		tr := r.IntegrationTraversal
		// 004: eleven rows (2, 3, 6, 7, 9–13, 29, 31) feed ИС ГБД ЕЛ from
		// eleven different systems, none of which is fed by another.
		if tr.IsPartial || len(tr.Hops) != 2 || tr.Hops[1].Nodes != 11 || tr.Hops[1].Edges != 11 {
			t.Fatalf("%+v", tr)
		}
		if tr.Nodes[0].Name != "Государственная база данных «Е-лицензирование»" || tr.Nodes[0].Hop != 0 {
			t.Fatalf("start: %+v", tr.Nodes[0])
		}
	})

	t.Run("eQonaq across maps", func(t *testing.T) {
		var r struct {
			SystemUsage struct {
				Owner         struct{ Short string }
				ProcessGroups []struct{ Code, Name string }
				Consumes      []struct {
					Provider  struct{ SystemText string }
					DataNames []string
				}
			}
		}
		post(t, c, `{ systemUsage(system: "eQonaq") { owner { short } processGroups { code name }
		    consumes { provider { systemText } dataNames } } }`, &r)
		u := r.SystemUsage
		var codes []string
		for _, g := range u.ProcessGroups {
			codes = append(codes, g.Code)
		}
		// 003: «ИС eQonaq» automates tourism groups 2, 5, 6, 7 (lines 457, 496,
		// 509, 520) and consumes ЕГКН and ЕИС «Беркут» (lines 699, 700).
		if u.Owner.Short != "МТС" || strings.Join(codes, ",") != "2,5,6,7" || len(u.Consumes) != 2 ||
			u.Consumes[0].Provider.SystemText != "ЕГКН" || u.Consumes[1].DataNames[0] != "Иностранный турист" {
			t.Fatalf("%+v", u)
		}
	})

	t.Run("integration graph of a domain", func(t *testing.T) {
		var r struct {
			IntegrationGraph struct {
				Counts struct{ Nodes, Edges int }
			}
		}
		post(t, c, `{ integrationGraph(domain: "спорт и туризм") { counts { nodes edges } } }`, &r)
		if r.IntegrationGraph.Counts.Nodes != 3 || r.IntegrationGraph.Counts.Edges != 2 {
			t.Fatalf("%+v", r.IntegrationGraph)
		}
	})

	t.Run("systems several ministries use", func(t *testing.T) {
		var r struct {
			SharedSystems []struct {
				System     named
				Ministries []struct{ Body struct{ Short string } }
			}
		}
		post(t, c, `{ sharedSystems(minMinistries: 3) { system { name } ministries { body { short } } } }`, &r)
		var got []string
		for _, s := range r.SharedSystems {
			var ms []string
			for _, m := range s.Ministries {
				ms = append(ms, m.Body.Short)
			}
			got = append(got, s.System.Name+": "+strings.Join(ms, ","))
		}
		want := []string{
			"Государственная база данных «Е-лицензирование»: МИИЦР,МКИ,МТС",
			"Портал «электронного правительства»: МИИЦР,МКИ,МТС",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("got\n%s", strings.Join(got, "\n"))
		}
	})

	t.Run("data sources for medical data about athletes", func(t *testing.T) {
		var r struct {
			DataSources []struct {
				Body    struct{ Short string }
				Matches []struct{ Kind, Text string }
			}
		}
		post(t, c, `{ dataSources(need: "медицинские данные о спортсменах") { body { short } matches { kind text } } }`, &r)
		if len(r.DataSources) < 2 || r.DataSources[0].Body.Short != "МТС" {
			t.Fatalf("%+v", r.DataSources)
		}
		found := false
		for _, m := range r.DataSources[0].Matches {
			if m.Kind == "ENTITY" && m.Text == "Спортсмен" {
				found = true
			}
		}
		if !found {
			t.Fatalf("МТС's entity Спортсмен not among %+v", r.DataSources[0].Matches)
		}
	})

	t.Run("unknown system is NOT_FOUND", func(t *testing.T) {
		resp, err := c.RawPost(`{ systemUsage(system: "нет такой системы") { key } }`)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(resp.Errors), `"NOT_FOUND"`) {
			t.Fatalf("%s", resp.Errors)
		}
	})
}

func TestSeededSearch(t *testing.T) {
	c := seeded(t)
	type hit struct {
		Type, Name, Field, Snippet string
		Node                       struct{ ID string }
		Breadcrumb                 []named
	}
	type result struct {
		Search struct {
			TotalCount int
			Hits       []hit
			Facets     struct {
				Types []struct {
					Key   string
					Count int
				}
				Ministries []struct {
					ShortName string
					Count     int
				}
			}
		}
	}
	find := func(q string, extra string) result {
		var r result
		post(t, c, `query($q: String!) { search(query: $q, first: 5`+extra+`) { totalCount
		    hits { type name field snippet node { id } breadcrumb { name } }
		    facets { types { key count } ministries { shortName count } } } }`, &r, client.Var("q", q))
		return r
	}
	for _, tc := range []struct{ query, typ, name, field string }{
		{"спортсмены", "Entity", "Спортсмен", "name"}, // morphology
		{"лицензирование", "InformationSystem", "Государственная база данных «Е-лицензирование»", "name"},
		{"МИИЦР", "StructuralUnit", "Министерство искусственного интеллекта и цифрового развития Республики Казахстан", "code"},
		{"ГБД ЕЛ", "InformationSystem", "Государственная база данных «Е-лицензирование»", "aliases"}, // acronym
		{"еQonaq", "InformationSystem", "ИС «eQonaq»", "aliases"},                                    // Cyrillic е
		{"спортсмин", "Entity", "Спортсмен", "name"},                                                 // a typo
	} {
		r := find(tc.query, "")
		if r.Search.TotalCount == 0 {
			t.Errorf("%q: nothing found", tc.query)
			continue
		}
		h := r.Search.Hits[0]
		if h.Type != tc.typ || h.Name != tc.name || h.Field != tc.field || !strings.Contains(h.Snippet, "<mark>") || h.Node.ID == "" {
			t.Errorf("%q: first hit %+v", tc.query, h)
		}
		if len(h.Breadcrumb) == 0 || !strings.HasPrefix(h.Breadcrumb[0].Name, "Министерство") {
			t.Errorf("%q: breadcrumb %+v", tc.query, h.Breadcrumb)
		}
	}
	// Every node type with names or texts is searchable: summary roadmap rows,
	// roadmap rows, process groups by code.
	for _, tc := range []struct{ query, typ, name string }{
		{"индустрии туризма", "SphereSchedule", "Сфера индустрии туризма"},
		{"Регистрация туроператора", "RoadmapItem", "Регистрация туроператора"},
		{"2.2", "ProcessGroup", "Ведение деятельности"},
	} {
		r := find(tc.query, `, types: ["`+tc.typ+`"]`)
		if r.Search.TotalCount == 0 || r.Search.Hits[0].Name != tc.name {
			t.Errorf("%q in %s: %+v", tc.query, tc.typ, r.Search.Hits)
		}
	}
	// Facets by type and ministry; a type filter keeps the type facet whole.
	r := find("лицензирование", `, types: ["InformationSystem"]`)
	if r.Search.TotalCount != 1 || r.Search.Hits[0].Type != "InformationSystem" {
		t.Fatalf("type filter: %+v", r.Search)
	}
	if len(r.Search.Facets.Types) < 3 {
		t.Fatalf("the type facet must ignore the type filter: %+v", r.Search.Facets.Types)
	}
	byMinistry := map[string]int{}
	for _, f := range find("лицензирование", "").Search.Facets.Ministries {
		byMinistry[f.ShortName] = f.Count
	}
	if byMinistry["МИИЦР"] == 0 || byMinistry["МТС"] == 0 || byMinistry["МКИ"] == 0 {
		t.Fatalf("facets: %+v", r.Search.Facets)
	}
	// A page whose nodes select more than their ID gets them loaded (the
	// other pages answer from stubs of the index's types and IDs).
	var loaded struct {
		Search struct {
			Hits []struct {
				Type, Name string
				Node       struct {
					Typename string `json:"__typename"`
					ID, Name string
				}
			}
		}
	}
	post(t, c, `{ search(query: "лицензирование", first: 30) { hits { type name
	    node { __typename id ... on Entity { name } ... on InformationSystem { name } ... on ProcessGroup { name } } } } }`, &loaded)
	names := 0
	for _, h := range loaded.Search.Hits {
		if h.Node.Typename != h.Type || h.Node.ID == "" {
			t.Errorf("hit %s %q: node %+v", h.Type, h.Name, h.Node)
		}
		if h.Node.Name != "" {
			names++
			if h.Node.Name != h.Name {
				t.Errorf("hit %s %q: node named %q", h.Type, h.Name, h.Node.Name)
			}
		}
	}
	if names == 0 {
		t.Errorf("no node loaded: %+v", loaded.Search.Hits)
	}
}
