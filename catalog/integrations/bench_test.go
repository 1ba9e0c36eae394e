package integrations_test

import (
	"context"
	"testing"
	"time"

	"github.com/karta/karta/catalog/analytics"
	"github.com/karta/karta/catalog/integrations"
	"github.com/karta/karta/catalog/versioned"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/seeds/synth"
	"github.com/karta/karta/server/storagetest"
)

// BenchmarkAnalyticsQuestions answers the frontend operations' questions on
// the 40-map catalog from the database (db/…: the package functions, every
// request reads and aggregates its rows) and from the memo (memo/…: a
// request of a version already computed reads the version and filters the
// kept tables), without GraphQL.
func BenchmarkAnalyticsQuestions(b *testing.B) {
	ctx := context.Background()
	c, db := storagetest.Open(b)
	if err := synth.Load(ctx, c, 40); err != nil {
		b.Fatal(err)
	}
	memo := &versioned.Memo{}
	in, an := integrations.Memoized{Memo: memo}, analytics.Memoized{Memo: memo}
	dbIn, dbAn := integrations.Memoized{}, analytics.Memoized{}
	oct, dec := time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
	questions := []struct {
		name string
		run  func(integrations.Memoized, analytics.Memoized, *ent.Client) error
	}{
		{"duplicate-candidates", func(_ integrations.Memoized, a analytics.Memoized, c *ent.Client) error {
			_, err := a.DuplicateCandidates(ctx, c)
			return err
		}},
		{"summaries", func(_ integrations.Memoized, a analytics.Memoized, c *ent.Client) error {
			if _, err := a.Ministries(ctx, c, 0); err != nil {
				return err
			}
			_, err := a.Spheres(ctx, c, 0)
			return err
		}},
		{"integration-matrix", func(_ integrations.Memoized, a analytics.Memoized, c *ent.Client) error {
			_, err := a.IntegrationMatrix(ctx, c, true)
			return err
		}},
		{"roadmap", func(_ integrations.Memoized, a analytics.Memoized, c *ent.Client) error {
			_, err := a.RoadmapAcross(ctx, c, analytics.RoadmapFilter{From: 20251, To: 20274})
			return err
		}},
		{"data-sources", func(i integrations.Memoized, _ analytics.Memoized, c *ent.Client) error {
			_, err := i.DataSources(ctx, c, "медицинские данные о спортсменах")
			return err
		}},
		{"system-usage", func(i integrations.Memoized, _ analytics.Memoized, c *ent.Client) error {
			if _, err := i.System(ctx, c, "eQonaq"); err != nil {
				return err
			}
			_, err := i.SharedSystems(ctx, c, 2)
			return err
		}},
		{"integration-graph", func(i integrations.Memoized, _ analytics.Memoized, c *ent.Client) error {
			_, err := i.Graph(ctx, c, integrations.Filter{Ministry: "МИИЦР", DeadlineFrom: oct, DeadlineTo: dec})
			return err
		}},
		{"integration-traversal", func(i integrations.Memoized, _ analytics.Memoized, c *ent.Client) error {
			_, err := i.Traverse(ctx, c, integrations.TraverseOptions{Start: "ГБД ЕЛ", Direction: integrations.Upstream, Depth: 2})
			return err
		}},
	}
	for _, q := range questions {
		for _, mode := range []string{"db", "memo"} {
			i, a := dbIn, dbAn
			if mode == "memo" {
				i, a = in, an
			}
			b.Run(mode+"/"+q.name, func(b *testing.B) {
				if err := q.run(i, a, c); err != nil { // the memo's first request of the version
					b.Fatal(err)
				}
				b.ReportAllocs()
				db.Counter.Reset()
				cpu := storagetest.ProcessCPU()
				for b.Loop() {
					if err := q.run(i, a, c); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(db.Counter.Queries())/float64(b.N), "stmts/op")
				b.ReportMetric(float64(storagetest.ProcessCPU()-cpu)/1e6/float64(b.N), "cpu-ms/op")
			})
		}
	}
}
