package search_test

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/karta/karta/catalog/search"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/seeds/fixture"
	"github.com/karta/karta/seeds/synth"
	"github.com/karta/karta/server/storagetest"
)

// paragraphs gives every sphere of the fixture a few paragraphs of running
// text, as real spheres have, so that the text fields weigh in the numbers.
func paragraphs(b *testing.B, ctx context.Context, c *ent.Client) {
	b.Helper()
	text := []string{
		"Сфера физической культуры и спорта охватывает деятельность спортивных федераций, организаций и спортсменов.",
		"Отсутствие единой цифровой системы учета статистических данных затрудняет планирование и мониторинг.",
		"Информационные системы ведомства не интегрированы с государственными базами данных, сведения дублируются.",
		"Лицензирование и аккредитация спортивных организаций проводится на бумаге, сроки рассмотрения заявлений велики.",
	}
	for i := range text {
		text[i] = strings.Repeat(text[i]+" ", 3)
	}
	if err := c.Sphere.Update().SetOverview(text).SetProblems(text[1:3]).Exec(ctx); err != nil {
		b.Fatal(err)
	}
}

func benchClient(b *testing.B, copies int) *ent.Client {
	b.Helper()
	ctx := context.Background()
	client, _ := storagetest.Open(b)
	if err := fixture.Load(ctx, client, copies); err != nil {
		b.Fatal(err)
	}
	seed(b, ctx, client)
	paragraphs(b, ctx, client)
	return client
}

// BenchmarkBuild reads and indexes catalogs of 10 and 50 ministries
// (about 250 and 1 200 nodes).
func BenchmarkBuild(b *testing.B) {
	for _, copies := range []int{10, 50} {
		b.Run(fmt.Sprintf("copies=%d", copies), func(b *testing.B) {
			client := benchClient(b, copies)
			ctx := context.Background()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				ix, err := search.Build(ctx, client)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(ix.Len()), "nodes")
				ix.Close()
			}
		})
	}
}

// BenchmarkSearch runs typical queries on a catalog of 50 ministries.
func BenchmarkSearch(b *testing.B) {
	client := benchClient(b, 50)
	ctx := context.Background()
	ix, err := search.Build(ctx, client)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	for _, q := range []struct {
		name string
		q    search.Query
	}{
		{"word", search.Query{Text: "спортсмены"}},
		{"broad", search.Query{Text: "спорт"}},
		{"acronym", search.Query{Text: "МИИЦР"}},
		{"typo", search.Query{Text: "лицинзирования"}},
		{"phrase", search.Query{Text: "регистрация спортсмена в спорте высших достижений"}},
		{"filtered", search.Query{Text: "спорт", Types: []string{"Attribute"}, Ministries: []string{"fixture/1", "fixture/2"}}},
		{"page3", search.Query{Text: "данные", First: 10, After: "bzoyMA"}},
		{"browse", search.Query{Types: []string{"Entity"}}},
	} {
		b.Run(q.name, func(b *testing.B) {
			b.ReportAllocs()
			var total int
			for i := 0; i < b.N; i++ {
				res, err := ix.Search(ctx, q.q)
				if err != nil {
					b.Fatal(err)
				}
				total = res.Total
			}
			b.ReportMetric(float64(total), "hits")
		})
	}
}

// BenchmarkBuildMaps builds the index of 3 and 40 maps (seeds/synth, about
// 1 000 and 14 000 nodes). The goal at 40 maps: under 1 s and at most 100 MB
// allocated (B/op) per build; stmts/op is the SQL statements of one build.
func BenchmarkBuildMaps(b *testing.B) {
	for _, n := range []int{3, 40} {
		b.Run(fmt.Sprintf("maps=%d", n), func(b *testing.B) {
			ctx := context.Background()
			client, db := storagetest.Open(b)
			if err := synth.Load(ctx, client, n); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			db.Counter.Reset()
			var nodes int
			cpu := storagetest.ProcessCPU()
			for b.Loop() {
				ix, err := search.Build(ctx, client)
				if err != nil {
					b.Fatal(err)
				}
				nodes = ix.Len()
				ix.Close()
			}
			// Process CPU (GC included): steadier than wall time on a
			// shared machine.
			b.ReportMetric(float64(storagetest.ProcessCPU()-cpu)/1e6/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(nodes), "nodes")
			b.ReportMetric(float64(db.Counter.Queries())/float64(b.N), "stmts/op")
			b.ReportMetric(liveMB(b, ctx, client), "live-MB")
		})
	}
}

// liveMB is the heap a built index holds (texts, nodes, bleve's segments):
// the live heap with the index minus without it, each after two
// collections, so that what sync.Pools keep of the build (zap's, ours) is
// freed and not counted.
func liveMB(b *testing.B, ctx context.Context, client *ent.Client) float64 {
	b.Helper()
	before := heapMB()
	ix, err := search.Build(ctx, client)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	return heapMB() - before
}

// heapMB is the live heap in MiB after two collections (the second frees
// what the first moved to sync.Pools' victim caches).
func heapMB() float64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return float64(ms.HeapAlloc) / (1 << 20)
}

// BenchmarkSearchMaps runs the frontend's search (frontend-schema/operations/
// search.vars.json: «спортсмены», first 20) and other typical queries on the
// index of 40 maps (seeds/synth). The goal over HTTP at 8 clients is p50
// under 10 ms, so one search in-process must cost well under that.
func BenchmarkSearchMaps(b *testing.B) {
	ctx := context.Background()
	client, _ := storagetest.Open(b)
	if err := synth.Load(ctx, client, 40); err != nil {
		b.Fatal(err)
	}
	// The live heap the index holds (texts, nodes, bleve's segments).
	indexMB := liveMB(b, ctx, client)
	ix, err := search.Build(ctx, client)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	for _, q := range []struct {
		name string
		q    search.Query
	}{
		{"frontend", search.Query{Text: "спортсмены", First: 20}},
		{"broad", search.Query{Text: "данные"}},
		{"typo", search.Query{Text: "лицинзирования"}},
		{"two-words", search.Query{Text: "реестр лицензий"}},
		{"acronym", search.Query{Text: "ГБД ЮЛ"}},
		{"filtered", search.Query{Text: "спорт", Types: []string{"Attribute"}}},
		{"browse", search.Query{Types: []string{"Entity"}}},
		{"prefix", search.Query{Text: "лиценз"}},
		{"latin", search.Query{Text: "Mobile"}},
		{"code", search.Query{Text: "МИИЦР"}},
		{"two-typos", search.Query{Text: "министерство културы"}},
		{"long", search.Query{Text: "Министерство цифрового развития"}},
		{"ministry", search.Query{Text: "Министерство искусственного интеллекта и цифрового развития Республики Казахстан"}},
		{"committee", search.Query{Text: "Комитет индустрии туризма"}},
		{"sentence", search.Query{Text: "регистрация спортсмена в спорте высших достижений"}},
	} {
		b.Run(q.name, func(b *testing.B) {
			b.ReportAllocs()
			var total int
			cpu := storagetest.ProcessCPU()
			for b.Loop() {
				res, err := ix.Search(ctx, q.q)
				if err != nil {
					b.Fatal(err)
				}
				total = res.Total
			}
			b.ReportMetric(float64(storagetest.ProcessCPU()-cpu)/1e3/float64(b.N), "cpu-µs/op")
			b.ReportMetric(float64(total), "hits")
			b.ReportMetric(indexMB, "index-MB")
		})
	}
}

// BenchmarkRefreshMaps refreshes the index of 40 maps (seeds/synth) after
// an edit of one node, as after an import that changed it: the refresh
// reads the catalog again but indexes only the changed node (the
// "reindexed" metric); B/op is what one refresh allocates.
func BenchmarkRefreshMaps(b *testing.B) {
	ctx := context.Background()
	client, _ := storagetest.Open(b)
	if err := synth.Load(ctx, client, 40); err != nil {
		b.Fatal(err)
	}
	s := search.NewService(client)
	defer s.Close()
	if _, err := s.Refresh(ctx); err != nil {
		b.Fatal(err)
	}
	e, err := client.Entity.Query().First(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		b.StopTimer()
		if err := client.Entity.UpdateOne(e).SetName(fmt.Sprintf("%s %d", e.Name, i)).Exec(ctx); err != nil {
			b.Fatal(err)
		}
		if err := client.CatalogState.Update().AddVersion(1).Exec(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if rebuilt, err := s.Refresh(ctx); err != nil || !rebuilt {
			b.Fatalf("refresh: %v %v", rebuilt, err)
		}
	}
	b.ReportMetric(float64(s.Index().Reindexed()), "reindexed")
}
