package search_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/karta/karta/catalog/search"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/entity"
	"github.com/karta/karta/ent/ministry"
	"github.com/karta/karta/ent/processgroup"
	"github.com/karta/karta/seeds/fixture"
	"github.com/karta/karta/server/storagetest"
)

// seed writes a few nodes of the МИИЦР map next to the fixture's sports
// sphere: the names the issue asks to find.
func seed(t testing.TB, ctx context.Context, c *ent.Client) {
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	mts, err := c.Ministry.Query().Where(ministry.Key("fixture/0")).Only(ctx)
	must(err)
	m, err := c.Ministry.Create().SetKey("miicr").
		SetName("Министерство цифрового развития, инноваций и аэрокосмической промышленности Республики Казахстан").
		SetShortName("МИИЦР").SetKind(ministry.KindMINISTRY).SetAliases([]string{"МЦРИАП", "МИИЦР РК"}).Save(ctx)
	must(err)
	_, err = c.Ministry.Create().SetKey("kt").SetName("Комитет телекоммуникаций").SetShortName("КТ").
		SetKind(ministry.KindCOMMITTEE).SetParent(m).Save(ctx)
	must(err)
	tm, err := c.TransformationMap.Create().SetKey("miicr/map").SetMinistry(m).
		SetTitle("Карта цифровой трансформации отрасли связи").SetSourceDocument("test").
		SetGoal("Повышение доступности услуг связи").Save(ctx)
	must(err)
	sp, err := c.Sphere.Create().SetKey("miicr/sphere/4").SetNumber(4).SetName("Связь").SetMap(tm).SetMinistry(m).
		SetProblems([]string{
			"Низкое качество мобильной связи в сельских населенных пунктах",
			strings.Repeat("Длинный вводный текст о состоянии отрасли. ", 8) +
				"Отсутствует единый реестр выданных лицензий на деятельность в области связи, " +
				"сведения ведутся на бумаге. " + strings.Repeat("Длинный заключительный текст. ", 8),
		}).Save(ctx)
	must(err)
	elic, err := c.InformationSystem.Create().SetKey("is/e-licensing").SetName("ИС «Е-лицензирование»").
		SetAliases([]string{"E-License", "e-license", "ГБД ЕЛ"}).SetOwner(m).Save(ctx)
	must(err)
	pg, err := c.ProcessGroup.Create().SetKey("miicr/pg/4.1").SetCode("4.1").
		SetName("Лицензирование деятельности операторов связи").SetSphere(sp).
		AddInformationSystems(elic).Save(ctx)
	must(err)
	// A service of two bodies' groups: the fixture's first group, then МИИЦР's.
	fixtureGroup, err := c.ProcessGroup.Query().Where(processgroup.Key("fixture/0/sphere/1/pg/1")).Only(ctx)
	must(err)
	must(c.Service.Create().SetKey("service/12345678").SetCode("12345678").
		SetName("Выдача справки о спортивных достижениях и лицензиях").
		AddProcessGroups(pg, fixtureGroup).Exec(ctx))
	must(c.InformationSystem.Create().SetKey("is/eqonaq").SetName("eQonaq").SetOwner(mts).Exec(ctx))
	must(c.InformationSystem.Create().SetKey("is/e-archive").SetName("Е-Архив").Exec(ctx)) // Cyrillic Е
	must(c.StructuralUnit.Create().SetKey("mts/unit/kdsfk").SetCode("КДСФК").
		SetName("Комитет по делам спорта и физической культуры").SetMinistry(mts).Exec(ctx))
	must(c.Icebreaker.Create().SetKey("miicr/icebreaker/1").SetMap(tm).
		SetName("Платформа ИИ «OlympIQ»").SetDescription([]string{"Платформа анализа данных спортсменов"}).Exec(ctx))
}

type env struct {
	client *ent.Client
	db     *storagetest.DB
	ix     *search.Index
}

func open(t testing.TB, copies int, extra bool) *env {
	t.Helper()
	ctx := context.Background()
	client, db := storagetest.Open(t)
	if err := fixture.Load(ctx, client, copies); err != nil {
		t.Fatal(err)
	}
	if extra {
		seed(t, ctx, client)
	}
	ix, err := search.Build(ctx, client)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return &env{client: client, db: db, ix: ix}
}

func (e *env) search(t testing.TB, q search.Query) *search.Result {
	t.Helper()
	res, err := e.ix.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("search %+v: %v", q, err)
	}
	return res
}

func describe(hs []search.Hit) string {
	var b strings.Builder
	for i, h := range hs {
		fmt.Fprintf(&b, "\n  %d. %s %q field=%s score=%.3f snippet=%s", i+1, h.Type, h.Name, h.Field, h.Score, h.Snippet)
	}
	return b.String()
}

func find(hs []search.Hit, typ, name string) int {
	for i, h := range hs {
		if h.Type == typ && h.Name == name {
			return i
		}
	}
	return -1
}

// TestFind pins what each kind of query finds: morphology, prefixes,
// acronyms, look-alike letters and typos; "rank" is the position the node
// must have (0 = first), -1 when it only has to be on the first page.
func TestFind(t *testing.T) {
	e := open(t, 1, true)
	type want struct {
		typ, name string
		rank      int
		field     string // "" = not checked
	}
	cases := []struct {
		name  string
		query string
		want  []want
	}{
		// Morphology: the Russian stemmer.
		{"plural finds singular", "спортсмены", []want{{"Entity", "Спортсмен", 0, "name"}}},
		{"same form first, then other forms", "спортсменов", []want{{"Attribute", "Данные спортсменов", 0, "name"}, {"Entity", "Спортсмен", -1, "name"}}},
		{"noun finds group and system", "лицензирование", []want{
			{"ProcessGroup", "Лицензирование деятельности операторов связи", -1, "name"},
			{"InformationSystem", "ИС «Е-лицензирование»", -1, "name"}}},
		// Different stem: found by the prefix «лиценз».
		{"prefix: лицензии", "лицензии", []want{
			{"ProcessGroup", "Лицензирование деятельности операторов связи", -1, "name"},
			{"InformationSystem", "ИС «Е-лицензирование»", -1, "name"},
			{"Sphere", "Связь", -1, "problems"}}},
		// Acronyms and short names, exact, any case.
		{"acronym short name", "МИИЦР", []want{{"Ministry", "Министерство цифрового развития, инноваций и аэрокосмической промышленности Республики Казахстан", 0, "shortName"}}},
		{"acronym lower case", "миицр", []want{{"Ministry", "Министерство цифрового развития, инноваций и аэрокосмической промышленности Республики Казахстан", 0, "shortName"}}},
		{"two-word alias", "ГБД ЕЛ", []want{{"InformationSystem", "ИС «Е-лицензирование»", 0, "aliases"}}},
		{"unit code", "КДСФК", []want{{"StructuralUnit", "Комитет по делам спорта и физической культуры", 0, "code"}}},
		{"latin name", "eQonaq", []want{{"InformationSystem", "eQonaq", 0, "name"}}},
		// Look-alike letters.
		{"cyrillic е in latin name", "еQonaq", []want{{"InformationSystem", "eQonaq", 0, "name"}}},
		{"latin E in cyrillic name", "E-Архив", []want{{"InformationSystem", "Е-Архив", 0, "name"}}},
		{"latin alias", "e-license", []want{{"InformationSystem", "ИС «Е-лицензирование»", 0, "aliases"}}},
		// Typos.
		{"typo, 1 edit, 9 letters", "спартсмен", []want{{"Entity", "Спортсмен", 0, "name"}}},
		{"typo, 1 edit, 6 letters", "тринер", []want{{"Entity", "Тренер", 0, "name"}}},
		{"typo in the first letter", "зпортсмен", []want{{"Entity", "Спортсмен", 0, "name"}}},
		{"typo in an inflected word", "спартсмены", []want{{"Entity", "Спортсмен", 0, "name"}}},
		{"typo, 2 edits, 14 letters", "лицинзирования", []want{{"ProcessGroup", "Лицензирование деятельности операторов связи", -1, "name"}}},
		// Ranking: the exact name first.
		{"exact name first", "Спортсмен", []want{{"Entity", "Спортсмен", 0, "name"}}},
		{"exact phrase first", "Регистрация спортсмена", []want{
			{"Process", "Регистрация спортсмена", 0, "name"},
			{"ProcessGroup", "Регистрация спортсмена в спорте высших достижений", 1, "name"}}},
		{"name before text", "платформа", []want{{"Icebreaker", "Платформа ИИ «OlympIQ»", 0, "name"}}},
		// Text fields.
		{"text field", "реестр лицензий", []want{{"Sphere", "Связь", 0, "problems"}}},
		{"stop words do not matter", "зачисление в секцию", []want{{"ProcessGroup", "Зачисление в спортивную секцию для детей и юношества", -1, "name"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := e.search(t, search.Query{Text: tc.query, First: 50})
			for _, w := range tc.want {
				i := find(res.Hits, w.typ, w.name)
				switch {
				case i < 0:
					t.Errorf("%q: %s %q not found; hits:%s", tc.query, w.typ, w.name, describe(res.Hits))
					continue
				case w.rank >= 0 && i != w.rank:
					t.Errorf("%q: %s %q at rank %d, want %d; hits:%s", tc.query, w.typ, w.name, i, w.rank, describe(res.Hits))
				}
				h := res.Hits[i]
				if w.field != "" && h.Field != w.field {
					t.Errorf("%q: %s %q matched field %q, want %q (snippet %s)", tc.query, w.typ, w.name, h.Field, w.field, h.Snippet)
				}
				if !strings.Contains(h.Snippet, "<mark>") {
					t.Errorf("%q: %s %q snippet has no mark: %s", tc.query, w.typ, w.name, h.Snippet)
				}
			}
		})
	}
}

// TestNotFound: unrelated words and too distant typos find nothing, and
// every word of a query must match.
func TestNotFound(t *testing.T) {
	e := open(t, 1, true)
	for _, q := range []string{"вертолёт", "спрцмнн", "спортсмен вертолёт", "«»—"} {
		if res := e.search(t, search.Query{Text: q}); res.Total != 0 {
			t.Errorf("%q: %d hits, want none:%s", q, res.Total, describe(res.Hits))
		}
	}
}

// TestHit checks the facts a hit carries: ent ID, key, top body (a
// committee's nodes count under its ministry), snippet marks and escaping.
func TestHit(t *testing.T) {
	e := open(t, 1, true)
	ctx := context.Background()
	athlete, err := e.client.Entity.Query().Where(entity.Name("Спортсмен")).Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	res := e.search(t, search.Query{Text: "спортсмен"})
	h := res.Hits[0]
	if h.Type != "Entity" || h.ID != athlete.ID || h.Key != athlete.Key {
		t.Errorf("hit = %+v, want Entity %d %s", h, athlete.ID, athlete.Key)
	}
	if h.MinistryKey != "fixture/0" || h.MinistryName != "Министерство туризма и спорта Республики Казахстан" {
		t.Errorf("ministry = %q %q", h.MinistryKey, h.MinistryName)
	}
	if h.Snippet != "<mark>Спортсмен</mark>" || h.Score <= 0 {
		t.Errorf("snippet %q score %v", h.Snippet, h.Score)
	}

	// A committee belongs to its ministry.
	res = e.search(t, search.Query{Text: "Комитет телекоммуникаций"})
	if len(res.Hits) == 0 || res.Hits[0].MinistryKey != "miicr" {
		t.Errorf("committee: %s", describe(res.Hits))
	}

	// A long text is cut around the match; quotes are escaped.
	res = e.search(t, search.Query{Text: "реестр"})
	i := find(res.Hits, "Sphere", "Связь")
	if i < 0 {
		t.Fatalf("sphere not found:%s", describe(res.Hits))
	}
	s := res.Hits[i].Snippet
	if !strings.HasPrefix(s, "…") || !strings.HasSuffix(s, "…") || !strings.Contains(s, "<mark>реестр</mark>") {
		t.Errorf("long snippet = %q", s)
	}
	if n := len([]rune(s)); n > search.SnippetRunes+40 {
		t.Errorf("snippet is %d runes", n)
	}
	// A service counts under the bodies of all its groups and is reported
	// under its first group's.
	for _, m := range []string{"", "fixture/0", "miicr"} {
		q := search.Query{Text: "12345678"}
		if m != "" {
			q.Ministries = []string{m}
		}
		res = e.search(t, q)
		if res.Total != 1 || res.Hits[0].Type != "Service" || res.Hits[0].Field != "code" || res.Hits[0].MinistryKey != "fixture/0" {
			t.Errorf("service code, ministry %q:%s", m, describe(res.Hits))
		}
		if len(res.Facets.Ministries) != 2 {
			t.Errorf("service facets: %+v", res.Facets.Ministries)
		}
	}
	res = e.search(t, search.Query{Text: "OlympIQ"})
	if len(res.Hits) == 0 || res.Hits[0].Snippet != "Платформа ИИ «<mark>OlympIQ</mark>»" {
		t.Errorf("OlympIQ: %s", describe(res.Hits))
	}
}

// TestFacetsAndFilters: facets count every match by type and by top body;
// the type facet ignores the type filter, the ministry facet the ministry
// filter; filters keep only the asked types and bodies.
func TestFacetsAndFilters(t *testing.T) {
	e := open(t, 3, false)
	all := e.search(t, search.Query{Text: "спортсмен"})
	count := func(fs []search.FacetCount, key string) int {
		for _, f := range fs {
			if f.Key == key {
				return f.Count
			}
		}
		return 0
	}
	sum := func(fs []search.FacetCount) int {
		n := 0
		for _, f := range fs {
			n += f.Count
		}
		return n
	}
	if sum(all.Facets.Types) != all.Total {
		t.Errorf("type facets sum to %d, total %d: %+v", sum(all.Facets.Types), all.Total, all.Facets.Types)
	}
	// Per copy: the entity, attributes «Данные спортсменов» and «Этап
	// подготовки спортсмена», the group and process «Регистрация спортсмена».
	for typ, want := range map[string]int{"Entity": 3, "Attribute": 6, "ProcessGroup": 3, "Process": 3} {
		if got := count(all.Facets.Types, typ); got != want {
			t.Errorf("type facet %s = %d, want %d (%+v)", typ, got, want, all.Facets.Types)
		}
	}
	if len(all.Facets.Ministries) != 3 {
		t.Fatalf("ministry facets: %+v", all.Facets.Ministries)
	}
	for _, f := range all.Facets.Ministries {
		if f.Count != all.Total/3 || !strings.HasPrefix(f.Name, "Министерство туризма и спорта") || !strings.HasPrefix(f.ShortName, "МТС") {
			t.Errorf("ministry facet %+v, want a third of %d", f, all.Total)
		}
	}

	cases := []struct {
		name       string
		types      []string
		ministries []string
		total      int
	}{
		{"one type", []string{"Entity"}, nil, 3},
		{"two types", []string{"Entity", "Process"}, nil, 6},
		{"one ministry", nil, []string{"fixture/1"}, all.Total / 3},
		{"type and ministry", []string{"Attribute"}, []string{"fixture/1", "fixture/2"}, 4},
		{"nothing of that type", []string{"KPI"}, nil, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := e.search(t, search.Query{Text: "спортсмен", Types: tc.types, Ministries: tc.ministries, First: 100})
			if res.Total != tc.total || len(res.Hits) != tc.total {
				t.Errorf("total %d, %d hits, want %d:%s", res.Total, len(res.Hits), tc.total, describe(res.Hits))
			}
			for _, h := range res.Hits {
				if len(tc.types) > 0 && !contains(tc.types, h.Type) {
					t.Errorf("hit of type %s", h.Type)
				}
				if len(tc.ministries) > 0 && !contains(tc.ministries, h.MinistryKey) {
					t.Errorf("hit of ministry %s", h.MinistryKey)
				}
			}
			// The type facet ignores the type filter, honours the other.
			if tc.ministries == nil && sum(res.Facets.Types) != all.Total {
				t.Errorf("type facets %+v, want all %d", res.Facets.Types, all.Total)
			}
			if tc.types == nil && len(res.Facets.Ministries) != 3 {
				t.Errorf("ministry facets %+v, want all three", res.Facets.Ministries)
			}
			if tc.types != nil && tc.ministries != nil {
				if got := sum(res.Facets.Types); got != all.Total/3*2 {
					t.Errorf("type facets within two ministries sum to %d", got)
				}
				if got := count(res.Facets.Ministries, "fixture/0"); got != 2 {
					t.Errorf("ministry facet of attributes in fixture/0 = %d, want 2", got)
				}
			}
		})
	}

	// No text: browse by filter.
	res := e.search(t, search.Query{Types: []string{"Sphere"}})
	if res.Total != 3 || len(res.Hits) != 3 {
		t.Fatalf("browse spheres: %d", res.Total)
	}
	for i := 1; i < len(res.Hits); i++ {
		if res.Hits[i-1].ID >= res.Hits[i].ID {
			t.Errorf("browse is not in ID order:%s", describe(res.Hits))
		}
	}
	// Unknown type.
	if _, err := e.ix.Search(context.Background(), search.Query{Text: "x", Types: []string{"Nope"}}); !errors.Is(err, search.ErrUnknownType) {
		t.Errorf("unknown type: %v", err)
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// TestPagination walks the pages of a result and gets every hit once, in
// the order of one big page.
func TestPagination(t *testing.T) {
	e := open(t, 5, false)
	whole := e.search(t, search.Query{Text: "спорт", First: 100})
	if whole.Total < 20 || whole.HasNextPage {
		t.Fatalf("whole: total %d, next %v", whole.Total, whole.HasNextPage)
	}
	for _, size := range []int{1, 3, 7} {
		var got []search.Hit
		after := ""
		for pages := 0; ; pages++ {
			if pages > whole.Total {
				t.Fatal("pagination does not end")
			}
			res := e.search(t, search.Query{Text: "спорт", First: size, After: after})
			if res.Total != whole.Total {
				t.Errorf("total %d on a page, %d in all", res.Total, whole.Total)
			}
			got = append(got, res.Hits...)
			if !res.HasNextPage {
				break
			}
			if len(res.Hits) != size || res.EndCursor == "" {
				t.Fatalf("page of %d hits, cursor %q", len(res.Hits), res.EndCursor)
			}
			after = res.EndCursor
		}
		if len(got) != whole.Total {
			t.Fatalf("size %d: %d hits over pages, total %d", size, len(got), whole.Total)
		}
		for i := range got {
			if got[i].ID != whole.Hits[i].ID {
				t.Fatalf("size %d: hit %d is %d, want %d", size, i, got[i].ID, whole.Hits[i].ID)
			}
		}
	}
	// Past the end, bad cursors and sizes.
	last := e.search(t, search.Query{Text: "спорт", First: 100})
	res := e.search(t, search.Query{Text: "спорт", After: last.EndCursor})
	if len(res.Hits) != 0 || res.HasNextPage || res.Total != whole.Total {
		t.Errorf("past the end: %d hits, next %v", len(res.Hits), res.HasNextPage)
	}
	for _, c := range []string{"garbage!", "YWJj", "bzotMQ"} {
		if _, err := e.ix.Search(context.Background(), search.Query{Text: "спорт", After: c}); !errors.Is(err, search.ErrBadCursor) {
			t.Errorf("cursor %q: %v", c, err)
		}
	}
	for _, f := range []int{-1, 101} {
		if _, err := e.ix.Search(context.Background(), search.Query{Text: "спорт", First: f}); !errors.Is(err, search.ErrBadFirst) {
			t.Errorf("first %d: %v", f, err)
		}
	}
}

// TestBuildQueries: Build sends the same number of SQL queries whatever the
// size of the catalog, and indexes every node.
func TestBuildQueries(t *testing.T) {
	counts := map[int]int64{}
	for _, copies := range []int{1, 4} {
		e := open(t, copies, false)
		e.db.Counter.Reset()
		ix, err := search.Build(context.Background(), e.client)
		if err != nil {
			t.Fatal(err)
		}
		counts[copies] = e.db.Counter.Queries()
		// Per copy: ministry, map, sphere, 3 entities, 12 attributes, 2
		// groups, 5 processes; plus 3 shared systems.
		if want := copies*(1+1+1+3+12+2+5) + 3; ix.Len() != want {
			t.Errorf("copies %d: %d nodes indexed, want %d", copies, ix.Len(), want)
		}
		ix.Close()
	}
	if counts[1] != counts[4] || counts[1] > int64(2*len(search.Types())) {
		t.Errorf("queries: %v, want equal and at most %d", counts, 2*len(search.Types()))
	}
}

// TestService: the service builds on first use, rebuilds only when the
// catalog version changes, and keeps answering during a rebuild.
func TestService(t *testing.T) {
	ctx := context.Background()
	client, _ := storagetest.Open(t)
	if err := fixture.Load(ctx, client, 1); err != nil {
		t.Fatal(err)
	}
	s := search.NewService(client)
	s.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	t.Cleanup(func() { s.Close() })
	if s.Index() != nil {
		t.Fatal("index before first use")
	}
	res, err := s.Search(ctx, search.Query{Text: "тренер"})
	if err != nil || res.Total != 1 {
		t.Fatalf("first search: %v %+v", err, res)
	}
	first := s.Index()
	if first.Reindexed() != first.Len() {
		t.Errorf("first build indexed %d of %d nodes", first.Reindexed(), first.Len())
	}
	if rebuilt, err := s.Refresh(ctx); err != nil || rebuilt || s.Index() != first {
		t.Fatalf("refresh without change: rebuilt %v, err %v", rebuilt, err)
	}

	// Search continuously while the catalog changes and the index rebuilds.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var searchErr error
	var once sync.Once
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := s.Search(ctx, search.Query{Text: "тренер"}); err != nil {
					once.Do(func() { searchErr = err })
				}
			}
		}()
	}

	sp, err := client.Sphere.Query().First(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Imports bump the catalog version in their transaction; these hand
	// edits do it themselves.
	bump := func() {
		t.Helper()
		if err := client.CatalogState.Update().AddVersion(1).Exec(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if err := client.Entity.Create().SetKey("new/entity").SetName("Тренер-преподаватель").SetSphere(sp).SetDigest("d1").Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if rebuilt, err := s.Refresh(ctx); err != nil || rebuilt {
		t.Fatalf("refresh before the version moved: rebuilt %v, err %v", rebuilt, err)
	}
	// A search that meets a stale index starts a refresh itself, so the
	// searches running beside may rebuild it before Refresh does.
	fresh := func(what string) {
		t.Helper()
		if _, err := s.Refresh(ctx); err != nil {
			t.Fatalf("refresh after %s: %v", what, err)
		}
		if v, _ := search.Version(ctx, client); s.Index().Version() != v || s.Index() == first {
			t.Fatalf("after %s the index is at version %q, the catalog at %q", what, s.Index().Version(), v)
		}
	}
	// A refresh updates the index: only what changed is indexed again.
	reindexed := func(what string, want int) {
		t.Helper()
		if n := s.Index().Reindexed(); n != want {
			t.Errorf("after %s %d documents were indexed again, want %d", what, n, want)
		}
	}
	bump()
	fresh("insert")
	reindexed("insert", 1)
	if res, _ := s.Search(ctx, search.Query{Text: "тренер"}); res.Total != 2 {
		t.Errorf("after insert: %d hits", res.Total)
	}
	if err := client.Entity.Update().Where().SetDigest("d2").Exec(ctx); err != nil {
		t.Fatal(err)
	}
	bump()
	fresh("digest change")
	reindexed("digest change", 0)
	if err := client.Entity.Update().Where(entity.Key("new/entity")).SetName("Тренер-наставник").SetDigest("d3").Exec(ctx); err != nil {
		t.Fatal(err)
	}
	bump()
	fresh("rename")
	reindexed("rename", 1)
	if res, _ := s.Search(ctx, search.Query{Text: "наставник"}); res.Total != 1 {
		t.Errorf("after rename: %d hits for the new name", res.Total)
	}
	if res, _ := s.Search(ctx, search.Query{Text: "преподаватель"}); res.Total != 0 {
		t.Errorf("after rename: %d hits for the old name", res.Total)
	}
	// Run polls; a deleted node disappears.
	if _, err := client.Entity.Delete().Where(entity.Key("new/entity")).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	bump()
	// Before any refresh, the stale index still finds the deleted node:
	// the search skips it instead of failing.
	res, err = s.Search(ctx, search.Query{Text: "тренер"})
	if err != nil || res.Total != 1 || len(res.Hits) != 1 || res.Hits[0].Name == "Тренер-наставник" {
		t.Fatalf("search right after a removal: %v %+v", err, res)
	}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- s.Run(runCtx, 20*time.Millisecond) }()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if res, err := s.Search(ctx, search.Query{Text: "тренер"}); err == nil && res.Total == 1 {
			break
		}
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("run: %v", err)
	}
	if res, _ := s.Search(ctx, search.Query{Text: "тренер"}); res.Total != 1 {
		t.Errorf("after delete and poll: %d hits", res.Total)
	}
	reindexed("delete", 1)
	if err := s.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	if ix := s.Index(); ix.Reindexed() != ix.Len() {
		t.Errorf("Rebuild indexed %d of %d nodes", ix.Reindexed(), ix.Len())
	}
	if res, _ := s.Search(ctx, search.Query{Text: "тренер"}); res.Total != 1 {
		t.Errorf("after a full rebuild: %d hits", res.Total)
	}
	close(stop)
	wg.Wait()
	if searchErr != nil {
		t.Errorf("search during rebuilds: %v", searchErr)
	}
	if err := first.Close(); err != nil {
		t.Errorf("close old index: %v", err)
	}
	if _, err := first.Search(ctx, search.Query{Text: "тренер"}); !errors.Is(err, search.ErrClosed) {
		t.Errorf("search on a closed index: %v", err)
	}
}
