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
