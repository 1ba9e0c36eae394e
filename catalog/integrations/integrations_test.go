package integrations_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/karta/karta/catalog/integrations"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/integration"
	"github.com/karta/karta/ent/ministry"
	"github.com/karta/karta/server/storagetest"
)

// web is a small catalog written by the test: three ministries (МТС with
// its committee КДСФК, МВД, МЦРИАП), their maps, spheres, entities,
// process groups, six systems and nine integrations:
//
//	I1 МЦРИАП/S5 → МТС/S2      «Место размещения»               2025-11
//	I2 МВД/S3    → МТС/S2      «Иностранный турист»             2025-11
//	I3 МТС/S2    → МВД/S3      «Сведения о туристах»            2026-06  (cycle S2 ⇄ S3)
//	I4 МЦРИАП/S4 → КДСФК/S1    «Сведения о лицензиях тренеров»  2026-03
//	I5 КДСФК/S1  → МЦРИАП/S4   «Данные о спортсменах»           2027-12  (cycle S1 ⇄ S4)
//	I6 МЦРИАП/S5 → МВД/S3      «Данные о физических лицах»      2025-06
//	I7 МВД       → МТС         «Сведения о судимости»           —        (bodies only)
//	I8 «Акимат»  → МТС/S1      «Спортивные объекты»             —        (provider unknown)
//	I9 МВД/S6    → МЦРИАП/S5   «Документы, удостоверяющие личность» 2027-03
type web struct {
	c     *ent.Client
	db    *storagetest.DB
	ctx   context.Context
	t     *testing.T
	body  map[string]*ent.Ministry
	sys   map[string]*ent.InformationSystem
	it    map[string]int
	label map[int]string
	maps  map[string]*ent.TransformationMap
	n     int
}

func (w *web) key(prefix string) string {
	w.n++
	return fmt.Sprintf("%s/%d", prefix, w.n)
}

func (w *web) ministry(label, key, name, short string, kind ministry.Kind, parent *ent.Ministry) *ent.Ministry {
	q := w.c.Ministry.Create().SetKey(key).SetName(name).SetShortName(short).SetKind(kind)
	if parent != nil {
		q.SetParent(parent)
	}
	m, err := q.Save(w.ctx)
	if err != nil {
		w.t.Fatal(err)
	}
	w.body[label], w.label[m.ID] = m, label
	mp, err := w.c.TransformationMap.Create().SetKey(key + "/map").SetTitle("Карта " + short).
		SetSourceDocument(key + ".txt").SetMinistry(m).Save(w.ctx)
	if err != nil {
		w.t.Fatal(err)
	}
	w.maps[label] = mp
	return m
}

func (w *web) system(label, name string, owner *ent.Ministry) *ent.InformationSystem {
	q := w.c.InformationSystem.Create().SetKey("is/" + strings.ToLower(label)).SetName(name).SetAliases([]string{label})
	if owner != nil {
		q.SetOwner(owner)
	}
	s, err := q.Save(w.ctx)
	if err != nil {
		w.t.Fatal(err)
	}
	w.sys[label], w.label[s.ID] = s, label
	return s
}

func (w *web) sphere(body string, number int, name string) *ent.Sphere {
	s, err := w.c.Sphere.Create().SetKey(w.key(body + "/sphere")).SetNumber(number).SetName(name).
		SetMap(w.maps[body]).SetMinistry(w.body[body]).Save(w.ctx)
	if err != nil {
		w.t.Fatal(err)
	}
	return s
}

func (w *web) entity(s *ent.Sphere, name string, attrs ...string) *ent.Entity {
	e, err := w.c.Entity.Create().SetKey(w.key("entity")).SetName(name).SetSphere(s).Save(w.ctx)
	if err != nil {
		w.t.Fatal(err)
	}
	for i, a := range attrs {
		if _, err := w.c.Attribute.Create().SetKey(w.key("attr")).SetName(a).SetPosition(i).SetEntity(e).Save(w.ctx); err != nil {
			w.t.Fatal(err)
		}
	}
	return e
}

func (w *web) group(s *ent.Sphere, code, name string, ents []*ent.Entity, systems ...string) {
	q := w.c.ProcessGroup.Create().SetKey(w.key("pg")).SetCode(code).SetName(name).SetSphere(s).AddEntities(ents...)
	for _, l := range systems {
		q.AddInformationSystems(w.sys[l])
	}
	if _, err := q.Save(w.ctx); err != nil {
		w.t.Fatal(err)
	}
}

// side is "BODY/SYSTEM", "BODY", "/SYSTEM" or "?text" (a body as written only).
func (w *web) integration(label, mapOf, domain, data, provider, consumer, deadline string, status integration.Status) {
	q := w.c.Integration.Create().SetKey(w.key("it")).SetMap(w.maps[mapOf]).SetDomain(domain).
		SetDataNames([]string{data}).SetDataText(data).SetStatus(status)
	if deadline != "" {
		d, err := time.Parse("2006-01-02", deadline)
		if err != nil {
			w.t.Fatal(err)
		}
		q.SetDeadline(d).SetDeadlineText(deadline)
	}
	set := func(side string, body func(*ent.Ministry), system func(*ent.InformationSystem), text func(string)) {
		if strings.HasPrefix(side, "?") {
			text(side[1:])
			return
		}
		b, s, _ := strings.Cut(side, "/")
		if b != "" {
			body(w.body[b])
			text(w.body[b].ShortName)
		}
		if s != "" {
			system(w.sys[s])
		}
	}
	set(provider, func(m *ent.Ministry) { q.SetProviderBody(m) }, func(s *ent.InformationSystem) { q.SetProviderSystem(s) },
		func(t string) { q.SetProviderBodyText(t) })
	set(consumer, func(m *ent.Ministry) { q.SetConsumerBody(m) }, func(s *ent.InformationSystem) { q.SetConsumerSystem(s) },
		func(t string) { q.SetConsumerBodyText(t) })
	it, err := q.Save(w.ctx)
	if err != nil {
		w.t.Fatal(err)
	}
	w.it[label], w.label[it.ID] = it.ID, label
}

func buildWeb(t *testing.T) *web {
	t.Helper()
	c, db := storagetest.Open(t)
	w := &web{c: c, db: db, ctx: context.Background(), t: t, body: map[string]*ent.Ministry{},
		sys: map[string]*ent.InformationSystem{}, it: map[string]int{}, label: map[int]string{},
		maps: map[string]*ent.TransformationMap{}}

	mts := w.ministry("MTS", "mts", "Министерство туризма и спорта Республики Казахстан", "МТС", ministry.KindMINISTRY, nil)
	kds := w.ministry("KDS", "mts/kdsfk", "Комитет по делам спорта и физической культуры", "КДСФК", ministry.KindCOMMITTEE, mts)
	mvd := w.ministry("MVD", "mvd", "Министерство внутренних дел Республики Казахстан", "МВД", ministry.KindMINISTRY, nil)
	mcr := w.ministry("MCRIAP", "mcriap", "Министерство цифрового развития, инноваций и аэрокосмической промышленности", "МЦРИАП", ministry.KindMINISTRY, nil)
	_ = kds

	w.system("S1", "ИС «Спорт»", mts)
	w.system("S2", "ИС «eQonaq»", mts)
	w.system("S3", "ЕИС «Беркут»", mvd)
	w.system("S4", "ГБД «Е-лицензирование»", mcr)
	w.system("S5", "ГБД ФЛ", mcr)
	w.system("S6", "ИС «Документирование»", nil)

	sport := w.sphere("MTS", 1, "Физическая культура и спорт")
	tourism := w.sphere("MTS", 2, "Туризм")
	migration := w.sphere("MVD", 1, "Миграция")
	digital := w.sphere("MCRIAP", 1, "Цифровые услуги")

	athlete := w.entity(sport, "Спортсмен", "ИИН", "Спортивный разряд/звание")
	coach := w.entity(sport, "Тренер", "Категория тренера", "Дата выдачи лицензии")
	w.entity(sport, "Спортивное сооружение", "Адрес", "Учётный номер")
	tourist := w.entity(tourism, "Турист", "Гражданство")
	operator := w.entity(tourism, "Туроператор", "Номер лицензии туроператора")
	foreigner := w.entity(migration, "Иностранный гражданин", "Номер визы")
	licence := w.entity(digital, "Лицензия", "Вид деятельности", "Дата выдачи")

	w.group(sport, "1", "Регистрация спортсменов", []*ent.Entity{athlete}, "S1", "S5")
	w.group(sport, "2", "Лицензирование тренеров", []*ent.Entity{coach}, "S1", "S4")
	w.group(tourism, "1", "Регистрация туроператоров", []*ent.Entity{operator, tourist}, "S2", "S4")
	w.group(migration, "1", "Учет иностранцев", []*ent.Entity{foreigner, tourist}, "S3", "S5")
	w.group(digital, "1", "Выдача лицензий", []*ent.Entity{licence}, "S4")

	const st, ti, dg, mg = "Спорт и туризм", "Спорт и туризм", "Цифровизация", "Миграция"
	w.integration("I1", "MTS", st, "Место размещения", "MCRIAP/S5", "MTS/S2", "2025-11-30", integration.StatusPLANNED)
	w.integration("I2", "MTS", ti, "Иностранный турист", "MVD/S3", "MTS/S2", "2025-11-30", integration.StatusPLANNED)
	w.integration("I3", "MVD", mg, "Сведения о туристах", "MTS/S2", "MVD/S3", "2026-06-30", integration.StatusIN_PROGRESS)
	w.integration("I4", "MTS", st, "Сведения о лицензиях тренеров", "MCRIAP/S4", "KDS/S1", "2026-03-31", integration.StatusPLANNED)
	w.integration("I5", "MCRIAP", dg, "Данные о спортсменах", "KDS/S1", "MCRIAP/S4", "2027-12-31", integration.StatusDONE)
	w.integration("I6", "MVD", mg, "Данные о физических лицах", "MCRIAP/S5", "MVD/S3", "2025-06-30", integration.StatusPLANNED)
	w.integration("I7", "MTS", st, "Сведения о судимости", "MVD", "MTS", "", integration.StatusUNKNOWN)
	w.integration("I8", "MTS", st, "Спортивные объекты", "?Акимат г. Астаны", "MTS/S1", "", integration.StatusPLANNED)
	w.integration("I9", "MCRIAP", dg, "Документы, удостоверяющие личность", "MVD/S6", "MCRIAP/S5", "2027-03-31", integration.StatusPLANNED)
	return w
}

// nodes prints nodes as sorted "label@hop" (with "+" when HasMore).
func (w *web) nodes(ns []integrations.Node) string {
	var out []string
	for _, n := range ns {
		s := fmt.Sprintf("%s@%d", w.label[n.ID], n.Hop)
		if n.HasMore {
			s += "+"
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

// edges prints edges as sorted "label:from>to".
func (w *web) edges(es []integrations.Edge) string {
	var out []string
	for _, e := range es {
		out = append(out, fmt.Sprintf("%s:%s>%s", w.label[e.ID], w.label[e.From], w.label[e.To]))
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func (w *web) id(label string) string {
	if b := w.body[label]; b != nil {
		return strconv.Itoa(b.ID)
	}
	return strconv.Itoa(w.sys[label].ID)
}

func day(s string) time.Time {
	d, _ := time.Parse("2006-01-02", s)
	return d
}

func TestGraph(t *testing.T) {
	w := buildWeb(t)
	all := "I1:S5>S2 I2:S3>S2 I3:S2>S3 I4:S4>S1 I5:S1>S4 I6:S5>S3 I7:MVD>MTS I9:S6>S5"
	for _, c := range []struct {
		name       string
		f          integrations.Filter
		nodes      string
		edges      string
		unresolved int
	}{
		{"all", integrations.Filter{}, "MTS@0 MVD@0 S1@0 S2@0 S3@0 S4@0 S5@0 S6@0", all, 1},
		{"ministry by key takes its committee", integrations.Filter{Ministry: "mts"},
			"MTS@0 MVD@0 S1@0 S2@0 S3@0 S4@0 S5@0",
			"I1:S5>S2 I2:S3>S2 I3:S2>S3 I4:S4>S1 I5:S1>S4 I7:MVD>MTS", 1},
		{"committee by short name", integrations.Filter{Ministry: "кдсфк"}, "S1@0 S4@0", "I4:S4>S1 I5:S1>S4", 0},
		{"ministry by ID", integrations.Filter{Ministry: w.id("MVD")}, "MTS@0 MVD@0 S2@0 S3@0 S5@0 S6@0",
			"I2:S3>S2 I3:S2>S3 I6:S5>S3 I7:MVD>MTS I9:S6>S5", 0},
		{"domain, any case", integrations.Filter{Domain: "  спорт И ТУРИЗМ "}, "MTS@0 MVD@0 S1@0 S2@0 S3@0 S4@0 S5@0",
			"I1:S5>S2 I2:S3>S2 I4:S4>S1 I7:MVD>MTS", 1},
		{"system by name", integrations.Filter{System: "ЕИС «Беркут»"}, "S2@0 S3@0 S5@0", "I2:S3>S2 I3:S2>S3 I6:S5>S3", 0},
		{"system by key", integrations.Filter{System: "is/s6"}, "S5@0 S6@0", "I9:S6>S5", 0},
		{"deadline range", integrations.Filter{DeadlineFrom: day("2026-01-01"), DeadlineTo: day("2026-12-31")},
			"S1@0 S2@0 S3@0 S4@0", "I3:S2>S3 I4:S4>S1", 0},
		{"deadline bound inclusive, in another zone", integrations.Filter{
			DeadlineFrom: time.Date(2026, 3, 31, 5, 0, 0, 0, time.FixedZone("Astana", 5*3600))},
			"S1@0 S2@0 S3@0 S4@0 S5@0 S6@0", "I3:S2>S3 I4:S4>S1 I5:S1>S4 I9:S6>S5", 0},
		{"ministry and deadline", integrations.Filter{Ministry: "МТС", DeadlineTo: day("2025-12-31")},
			"S2@0 S3@0 S5@0", "I1:S5>S2 I2:S3>S2", 0},
		{"nothing", integrations.Filter{Domain: "Космос"}, "", "", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			w.db.Counter.Reset()
			g, err := integrations.Graph(w.ctx, w.c, c.f)
			if err != nil {
				t.Fatal(err)
			}
			if q := w.db.Counter.Queries(); q > 5 {
				t.Errorf("%d queries, want at most 5", q)
			}
			if got := w.nodes(g.Nodes); got != c.nodes {
				t.Errorf("nodes\n got %s\nwant %s", got, c.nodes)
			}
			if got := w.edges(g.Edges); got != c.edges {
				t.Errorf("edges\n got %s\nwant %s", got, c.edges)
			}
			if g.Counts.Unresolved != c.unresolved || g.Counts.Nodes != len(g.Nodes) || g.Counts.Edges != len(g.Edges) ||
				g.Counts.Bodies+g.Counts.Systems != g.Counts.Nodes {
				t.Errorf("counts %+v (unresolved want %d)", g.Counts, c.unresolved)
			}
		})
	}

	g, err := integrations.Graph(w.ctx, w.c, integrations.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if g.Counts != (integrations.Counts{Nodes: 8, Bodies: 2, Systems: 6, Edges: 8, Unresolved: 1}) {
		t.Errorf("counts %+v", g.Counts)
	}
	for _, n := range g.Nodes {
		switch w.label[n.ID] {
		case "S2":
			if n.Kind != integrations.KindSystem || n.Name != "ИС «eQonaq»" || n.Key != "is/s2" || n.In != 2 || n.Out != 1 ||
				n.Owner == nil || n.Owner.Short != "МТС" {
				t.Errorf("S2: %+v", n)
			}
		case "S6":
			if n.Owner != nil {
				t.Errorf("S6 has no owner: %+v", n.Owner)
			}
		case "MTS":
			if n.Kind != integrations.KindBody || n.Short != "МТС" || n.In != 1 || n.Out != 0 || n.Parent != nil {
				t.Errorf("MTS: %+v", n)
			}
		}
	}
	for _, e := range g.Edges {
		if w.label[e.ID] != "I4" {
			continue
		}
		if e.Provider.Body == nil || e.Provider.Body.Short != "МЦРИАП" || e.Provider.System.Name != "ГБД «Е-лицензирование»" ||
			e.Consumer.Body.Short != "КДСФК" || e.Consumer.System.Name != "ИС «Спорт»" || e.Map.Name != "Карта МТС" ||
			e.Domain != "Спорт и туризм" || len(e.DataNames) != 1 || e.DataNames[0] != "Сведения о лицензиях тренеров" ||
			e.Status != integration.StatusPLANNED || e.Deadline == nil || !e.Deadline.Equal(day("2026-03-31")) {
			t.Errorf("I4: %+v", e)
		}
	}

	if _, err := integrations.Graph(w.ctx, w.c, integrations.Filter{Ministry: "нет такого"}); !errors.Is(err, integrations.ErrNotFound) {
		t.Errorf("unknown ministry: %v", err)
	}
	if _, err := integrations.Graph(w.ctx, w.c, integrations.Filter{System: "нет такой"}); !errors.Is(err, integrations.ErrNotFound) {
		t.Errorf("unknown system: %v", err)
	}
}

func TestTraverse(t *testing.T) {
	w := buildWeb(t)
	for _, c := range []struct {
		name    string
		o       integrations.TraverseOptions
		nodes   string
		edges   string
		hops    string
		limits  string
		queries int64
	}{
		{"upstream one hop: cycle edge drawn, more beyond S5",
			integrations.TraverseOptions{Start: "is/s2", Direction: integrations.Upstream, Depth: 1},
			"S2@0 S3@1 S5@1+", "I1:S5>S2 I2:S3>S2 I3:S2>S3 I6:S5>S3", "0:1/0 1:2/4", "DEPTH", 6},
		{"upstream two hops: complete",
			integrations.TraverseOptions{Start: "is/s2", Direction: integrations.Upstream, Depth: 2},
			"S2@0 S3@1 S5@1 S6@2", "I1:S5>S2 I2:S3>S2 I3:S2>S3 I6:S5>S3 I9:S6>S5", "0:1/0 1:2/4 2:1/1", "", 7},
		{"depth is capped", integrations.TraverseOptions{Start: w.id("S2"), Direction: "upstream", Depth: 40},
			"S2@0 S3@1 S5@1 S6@2", "I1:S5>S2 I2:S3>S2 I3:S2>S3 I6:S5>S3 I9:S6>S5", "0:1/0 1:2/4 2:1/1", "", 7},
		{"per-node limit", integrations.TraverseOptions{Start: "is/s2", Direction: integrations.Upstream, Depth: 1, PerNodeLimit: 1},
			"S2@0+ S5@1+", "I1:S5>S2", "0:1/0 1:1/1", "DEPTH PER_NODE", 6},
		{"node cap", integrations.TraverseOptions{Start: "is/s2", Direction: integrations.Upstream, Depth: 3, MaxNodes: 2},
			"S2@0+ S5@1+", "I1:S5>S2", "0:1/0 1:1/1", "NODES", 6},
		{"both ways around a cycle, unknown provider left out",
			integrations.TraverseOptions{Start: "ИС «Спорт»", Direction: integrations.Both, Depth: 1},
			"S1@0 S4@1", "I4:S4>S1 I5:S1>S4", "0:1/0 1:1/2", "", 6},
		{"both ways, cycles terminate", integrations.TraverseOptions{Start: "is/s2", Depth: 4},
			"S2@0 S3@1 S5@1 S6@2", "I1:S5>S2 I2:S3>S2 I3:S2>S3 I6:S5>S3 I9:S6>S5", "0:1/0 1:2/4 2:1/1", "", 7},
		{"downstream from a body", integrations.TraverseOptions{Start: "mvd", Direction: integrations.Downstream, Depth: 1},
			"MTS@1+ MVD@0 S2@1+ S5@1+", "I1:S5>S2 I2:MVD>S2 I7:MVD>MTS I9:MVD>S5", "0:1/0 1:3/4", "DEPTH", 5},
		{"upstream from a ministry takes its committee",
			integrations.TraverseOptions{Start: "МТС", Direction: integrations.Upstream, Depth: 1},
			"MTS@0 MVD@1 S3@1+ S4@1+ S5@1+", "I1:S5>MTS I2:S3>MTS I4:S4>MTS I6:S5>S3 I7:MVD>MTS", "0:1/0 1:4/5", "DEPTH", 5},
	} {
		t.Run(c.name, func(t *testing.T) {
			w.db.Counter.Reset()
			tr, err := integrations.Traverse(w.ctx, w.c, c.o)
			if err != nil {
				t.Fatal(err)
			}
			if q := w.db.Counter.Queries(); q != c.queries || q > int64(tr.Depth+5) {
				t.Errorf("%d queries, want %d (bound %d)", q, c.queries, tr.Depth+5)
			}
			if got := w.nodes(tr.Nodes); got != c.nodes {
				t.Errorf("nodes\n got %s\nwant %s", got, c.nodes)
			}
			if got := w.edges(tr.Edges); got != c.edges {
				t.Errorf("edges\n got %s\nwant %s", got, c.edges)
			}
			var hops, limits []string
			for _, h := range tr.Hops {
				hops = append(hops, fmt.Sprintf("%d:%d/%d", h.Hop, h.Nodes, h.Edges))
			}
			for _, l := range tr.Limits {
				limits = append(limits, string(l))
			}
			if got := strings.Join(hops, " "); got != c.hops {
				t.Errorf("hops %s, want %s", got, c.hops)
			}
			if got := strings.Join(limits, " "); got != c.limits || tr.IsPartial != (c.limits != "") {
				t.Errorf("limits %q partial %v, want %q", got, tr.IsPartial, c.limits)
			}
			if tr.Start.Hop != 0 || tr.Start.ID == 0 || tr.Depth > integrations.MaxDepth {
				t.Errorf("start %+v depth %d", tr.Start, tr.Depth)
			}
		})
	}

	tr, err := integrations.Traverse(w.ctx, w.c, integrations.TraverseOptions{Start: "is/s1", Direction: integrations.Upstream, Depth: 1})
	if err != nil {
		t.Fatal(err)
	}
	if tr.Counts.Unresolved != 1 || tr.Start.Name != "ИС «Спорт»" {
		t.Errorf("S1 upstream: unresolved %d, start %+v", tr.Counts.Unresolved, tr.Start)
	}
	for _, o := range []integrations.TraverseOptions{{Start: "is/s1", Direction: "SIDEWAYS"}, {}, {Start: "is/s1", Depth: -1}} {
		if _, err := integrations.Traverse(w.ctx, w.c, o); err == nil {
			t.Errorf("%+v: expected an error", o)
		}
	}
	if _, err := integrations.Traverse(w.ctx, w.c, integrations.TraverseOptions{Start: "nowhere"}); !errors.Is(err, integrations.ErrNotFound) {
		t.Errorf("unknown start: %v", err)
	}
}

// TestTraverseQueriesPerHop proves the traversal makes one query per hop
// whatever the number of nodes: ten arms of five systems each feed S2, and
// the number of queries stays depth+5 while the nodes grow.
func TestTraverseQueriesPerHop(t *testing.T) {
	w := buildWeb(t)
	small := map[int]int64{}
	for d := 1; d <= integrations.MaxDepth; d++ {
		w.db.Counter.Reset()
		if _, err := integrations.Traverse(w.ctx, w.c, integrations.TraverseOptions{Start: "is/s2", Direction: integrations.Upstream, Depth: d}); err != nil {
			t.Fatal(err)
		}
		small[d] = w.db.Counter.Queries()
	}
	for arm := 0; arm < 10; arm++ {
		prev := "S2"
		for i := 1; i <= 5; i++ {
			l := fmt.Sprintf("A%d.%d", arm, i)
			w.system(l, "ИС «Плечо "+l+"»", w.body["MCRIAP"])
			w.integration("I"+l, "MCRIAP", "Цифровизация", "Данные "+l, "MCRIAP/"+l, "MTS/"+prev, "", integration.StatusPLANNED)
			prev = l
		}
	}
	for d := 1; d <= integrations.MaxDepth; d++ {
		w.db.Counter.Reset()
		tr, err := integrations.Traverse(w.ctx, w.c, integrations.TraverseOptions{Start: "is/s2", Direction: integrations.Upstream, Depth: d})
		if err != nil {
			t.Fatal(err)
		}
		q := w.db.Counter.Queries()
		// bodies, start, one per hop, the hop after the last, systems, maps.
		if q != int64(d+5) {
			t.Errorf("depth %d: %d queries, want %d", d, q, d+5)
		}
		// Without the arms the walk may stop early (nothing left), never later.
		if small[d] > q || (d <= 2 && small[d] != q) {
			t.Errorf("depth %d: %d queries with the arms, %d without", d, q, small[d])
		}
		// Hop 1: S3, S5 and ten arms; each further hop: ten arm systems (+S6 at hop 2).
		wantNodes := 1 + 12 + 10*(d-1)
		if d >= 2 {
			wantNodes++
		}
		if len(tr.Nodes) != wantNodes || len(tr.Hops) != d+1 || tr.Hops[1].Nodes != 12 {
			t.Errorf("depth %d: %d nodes, want %d; hops %+v", d, len(tr.Nodes), wantNodes, tr.Hops)
		}
		if !tr.IsPartial || tr.Limits[0] != integrations.LimitDepth {
			t.Errorf("depth %d: the arms go on, want DEPTH: %v", d, tr.Limits)
		}
	}
}

func TestDataSources(t *testing.T) {
	w := buildWeb(t)
	type group struct {
		body, parent  string
		score, total  int
		matches       string // "KIND:text:score" in order
		systems       string // labels in order
		integrations  string // labels in order
		systemDetails map[string]string
	}
	for _, c := range []struct {
		need   string
		groups []group
	}{
		{"данные о спортсменах", []group{
			{body: "МТС", score: 2, total: 4,
				matches: "ENTITY:Спортсмен:2 ENTITY:Спортивное сооружение:1 ATTRIBUTE:Спортивный разряд/звание:1",
				systems: "S5 S1", integrations: "I5",
				systemDetails: map[string]string{"S1": "Регистрация спортсменов|Спортсмен|"}},
			{body: "КДСФК", parent: "МТС", score: 2, total: 2, matches: "DATA_NAME:Данные о спортсменах:2",
				systems: "S1", integrations: "I5", systemDetails: map[string]string{"S1": "||I5"}},
			{body: "Акимат г. Астаны", score: 1, total: 1, matches: "DATA_NAME:Спортивные объекты:1", integrations: "I8"},
		}},
		// The strongest single match wins over many weaker ones.
		{"Лицензия тренера", []group{
			{body: "МЦРИАП", score: 4, total: 6, matches: "DATA_NAME:Сведения о лицензиях тренеров:4 ENTITY:Лицензия:2",
				systems: "S4", integrations: "I4", systemDetails: map[string]string{"S4": "Выдача лицензий|Лицензия|I4"}},
			{body: "МТС", score: 2, total: 8,
				matches: "ENTITY:Тренер:2 ATTRIBUTE:Дата выдачи лицензии:2 ATTRIBUTE:Категория тренера:2 ATTRIBUTE:Номер лицензии туроператора:2",
				systems: "S4 S2 S1", integrations: "I4",
				systemDetails: map[string]string{"S4": "Лицензирование тренеров,Регистрация туроператоров|Тренер,Туроператор|"}},
		}},
		// A process group of МВД's map manages МТС's entity «Турист»: its
		// systems hold the data for МВД.
		{"сведения о туристах", []group{
			{body: "МТС", score: 2, total: 4, matches: "ENTITY:Турист:2 DATA_NAME:Сведения о туристах:2",
				systems: "S4 S2", integrations: "I3", systemDetails: map[string]string{"S2": "Регистрация туроператоров|Турист|I3"}},
			{body: "МВД", score: 2, total: 2, matches: "DATA_NAME:Иностранный турист:2",
				systems: "S5 S3", integrations: "I2", systemDetails: map[string]string{"S5": "Учет иностранцев|Турист|"}},
		}},
		{"учётный номер", []group{
			{body: "МТС", score: 4, total: 6, matches: "ATTRIBUTE:Учётный номер:4 ATTRIBUTE:Номер лицензии туроператора:2",
				systems: "S4 S2"},
			{body: "МВД", score: 2, total: 2, matches: "ATTRIBUTE:Номер визы:2", systems: "S5 S3"},
		}},
		{"космические снимки", nil},
		{"", nil},
	} {
		t.Run(c.need, func(t *testing.T) {
			w.db.Counter.Reset()
			gs, err := integrations.DataSources(w.ctx, w.c, c.need)
			if err != nil {
				t.Fatal(err)
			}
			if q := w.db.Counter.Queries(); q > 11 {
				t.Errorf("%d queries, want at most 11", q)
			}
			if len(gs) != len(c.groups) {
				for _, g := range gs {
					t.Logf("group %s %d/%d %+v", g.Body.Name, g.Score, g.Total, g.Matches)
				}
				t.Fatalf("%d groups, want %d", len(gs), len(c.groups))
			}
			for i, want := range c.groups {
				g := gs[i]
				name := g.Body.Short
				if g.Body.ID == 0 {
					name = g.Body.Name
				}
				parent := ""
				if g.Parent != nil {
					parent = g.Parent.Short
				}
				var ms, ss, is []string
				for _, m := range g.Matches {
					ms = append(ms, fmt.Sprintf("%s:%s:%d", m.Kind, m.Text, m.Score))
					if m.Why == "" || len(m.Terms) == 0 {
						t.Errorf("%s: match without why: %+v", name, m)
					}
				}
				for _, s := range g.Systems {
					l := w.label[s.System.ID]
					ss = append(ss, l)
					if d, ok := want.systemDetails[l]; ok {
						var pgs, ents, its []string
						for _, pg := range s.ProcessGroups {
							pgs = append(pgs, pg.Name)
						}
						for _, e := range s.Entities {
							ents = append(ents, e.Name)
						}
						for _, id := range s.IntegrationIDs {
							its = append(its, w.label[id])
						}
						if got := strings.Join(pgs, ",") + "|" + strings.Join(ents, ",") + "|" + strings.Join(its, ","); got != d {
							t.Errorf("%s system %s: %s, want %s", name, l, got, d)
						}
						if len(s.Why) == 0 || s.System.Name == "" {
							t.Errorf("%s system %s: %+v", name, l, s)
						}
					}
				}
				for _, it := range g.Integrations {
					is = append(is, w.label[it.ID])
				}
				if name != want.body || parent != want.parent || g.Score != want.score || g.Total != want.total ||
					strings.Join(ms, " ") != want.matches || strings.Join(ss, " ") != want.systems ||
					strings.Join(is, " ") != want.integrations {
					t.Errorf("group %d\n got %s(%s) %d/%d [%s] systems [%s] integrations [%s]\nwant %s(%s) %d/%d [%s] systems [%s] integrations [%s]",
						i, name, parent, g.Score, g.Total, strings.Join(ms, " "), strings.Join(ss, " "), strings.Join(is, " "),
						want.body, want.parent, want.score, want.total, want.matches, want.systems, want.integrations)
				}
			}
		})
	}

	gs, err := integrations.DataSources(w.ctx, w.c, "данные о спортсменах")
	if err != nil {
		t.Fatal(err)
	}
	it := gs[1].Integrations[0]
	if it.Consumer.Body.Short != "МЦРИАП" || it.Consumer.System.Name != "ГБД «Е-лицензирование»" ||
		it.Status != integration.StatusDONE || !it.Deadline.Equal(day("2027-12-31")) {
		t.Errorf("I5 as a flow: %+v", it)
	}
	m := gs[0].Matches[0]
	if m.Entity == nil || m.Entity.Name != "Спортсмен" || m.Sphere.Name != "Физическая культура и спорт" ||
		!m.Terms[0].Strong || m.Terms[0].Common != "спортсмен" || m.Terms[0].Need != "спортсменах" {
		t.Errorf("Спортсмен match: %+v", m)
	}
	if w := gs[0].Matches[2].Terms[0]; w.Strong || w.Common != "спорт" {
		t.Errorf("weak match: %+v", w)
	}
}

func TestSystem(t *testing.T) {
	w := buildWeb(t)
	for _, c := range []struct {
		system, owner, groups, consumes, provides, bodies string
	}{
		{"is/s4", "МЦРИАП",
			"МТС:Физическая культура и спорт:Лицензирование тренеров МТС:Туризм:Регистрация туроператоров МЦРИАП:Цифровые услуги:Выдача лицензий",
			"I5", "I4", "МТС[PROCESS_GROUP]2/0 МЦРИАП[OWNER,PROCESS_GROUP,CONSUMER,PROVIDER]1/2"},
		{w.id("S1"), "МТС",
			"МТС:Физическая культура и спорт:Регистрация спортсменов МТС:Физическая культура и спорт:Лицензирование тренеров",
			"I4 I8", "I5", "КДСФК(МТС)[CONSUMER,PROVIDER]0/2 МТС[OWNER,PROCESS_GROUP,CONSUMER]2/1"},
		{"ИС «Документирование»", "", "", "", "I9", "МВД[PROVIDER]0/1"},
	} {
		t.Run(c.system, func(t *testing.T) {
			w.db.Counter.Reset()
			u, err := integrations.System(w.ctx, w.c, c.system)
			if err != nil {
				t.Fatal(err)
			}
			if q := w.db.Counter.Queries(); q > 8 {
				t.Errorf("%d queries, want at most 8", q)
			}
			owner := ""
			if u.Owner != nil {
				owner = u.Owner.Short
			}
			var groups, cons, prov, bodies []string
			for _, g := range u.ProcessGroups {
				groups = append(groups, g.Ministry.Short+":"+g.Sphere.Name+":"+g.Name)
				if g.Map.Name != "Карта "+g.Ministry.Short {
					t.Errorf("group %s in map %q", g.Name, g.Map.Name)
				}
			}
			for _, it := range u.Consumes {
				cons = append(cons, w.label[it.ID])
			}
			for _, it := range u.Provides {
				prov = append(prov, w.label[it.ID])
			}
			for _, b := range u.Bodies {
				s := b.Body.Short
				if b.Parent != nil {
					s += "(" + b.Parent.Short + ")"
				}
				var roles []string
				for _, r := range b.Roles {
					roles = append(roles, string(r))
				}
				bodies = append(bodies, fmt.Sprintf("%s[%s]%d/%d", s, strings.Join(roles, ","), b.ProcessGroups, b.Integrations))
			}
			got := []string{owner, strings.Join(groups, " "), strings.Join(cons, " "), strings.Join(prov, " "), strings.Join(bodies, " ")}
			want := []string{c.owner, c.groups, c.consumes, c.provides, c.bodies}
			for i, label := range []string{"owner", "process groups", "consumes", "provides", "bodies"} {
				if got[i] != want[i] {
					t.Errorf("%s\n got %s\nwant %s", label, got[i], want[i])
				}
			}
		})
	}
	u, err := integrations.System(w.ctx, w.c, "is/s1")
	if err != nil {
		t.Fatal(err)
	}
	if u.Key != "is/s1" || len(u.Aliases) != 1 || u.Aliases[0] != "S1" || u.Consumes[1].Provider.BodyText != "Акимат г. Астаны" ||
		u.Consumes[1].Provider.Body != nil {
		t.Errorf("S1: %+v", u)
	}
	if _, err := integrations.System(w.ctx, w.c, "is/none"); !errors.Is(err, integrations.ErrNotFound) {
		t.Errorf("unknown system: %v", err)
	}
}

func TestSharedSystems(t *testing.T) {
	w := buildWeb(t)
	for _, c := range []struct {
		min  int
		want string
	}{
		// S1 is used by МТС and its committee КДСФК: one ministry.
		{0, "S5:МВД[PROCESS_GROUP]1/0,МТС[PROCESS_GROUP]1/0,МЦРИАП[CONSUMER,PROVIDER]0/3 S4:МТС[PROCESS_GROUP]2/0,МЦРИАП[PROCESS_GROUP,CONSUMER,PROVIDER]1/2"},
		{2, "S5:МВД[PROCESS_GROUP]1/0,МТС[PROCESS_GROUP]1/0,МЦРИАП[CONSUMER,PROVIDER]0/3 S4:МТС[PROCESS_GROUP]2/0,МЦРИАП[PROCESS_GROUP,CONSUMER,PROVIDER]1/2"},
		{3, "S5:МВД[PROCESS_GROUP]1/0,МТС[PROCESS_GROUP]1/0,МЦРИАП[CONSUMER,PROVIDER]0/3"},
		{4, ""},
	} {
		t.Run(strconv.Itoa(c.min), func(t *testing.T) {
			w.db.Counter.Reset()
			ss, err := integrations.SharedSystems(w.ctx, w.c, c.min)
			if err != nil {
				t.Fatal(err)
			}
			if q := w.db.Counter.Queries(); q > 8 {
				t.Errorf("%d queries, want at most 8", q)
			}
			var got []string
			for _, s := range ss {
				var ms []string
				for _, m := range s.Ministries {
					var roles []string
					for _, r := range m.Roles {
						roles = append(roles, string(r))
					}
					ms = append(ms, fmt.Sprintf("%s[%s]%d/%d", m.Body.Short, strings.Join(roles, ","), m.ProcessGroups, m.Integrations))
				}
				got = append(got, w.label[s.System.ID]+":"+strings.Join(ms, ","))
				if s.System.Name == "" || s.Owner == nil || s.Owner.Short != "МЦРИАП" {
					t.Errorf("%+v", s)
				}
			}
			if g := strings.Join(got, " "); g != c.want {
				t.Errorf("\n got %s\nwant %s", g, c.want)
			}
		})
	}
}
