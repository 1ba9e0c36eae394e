package importtest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/karta/karta/seeds/identity"
	"github.com/karta/karta/seeds/importtest"
	"github.com/karta/karta/seeds/kct"
	"github.com/karta/karta/seeds/load"
	"github.com/karta/karta/server/storagetest"
)

// Two maps of one ministry the alias table does not know, one developed by
// a committee of it (the ministry is read from the committee's qualifier
// "… Министерства …"), the other by the ministry itself, each writing the
// country its own way: both hang under one Ministry node, keyed the same
// whichever route named it, and the committee is that node's child.
func TestUnknownMinistryOneNodeWhateverRoute(t *testing.T) {
	reg, err := identity.Default()
	if err != nil {
		t.Fatal(err)
	}
	doc := func(file, title, owner string) *kct.Document {
		return &kct.Document{
			File: file, Title: title, Owner: owner,
			Passport: &kct.Passport{Line: 5, DevelopmentBodies: []string{owner}},
			Spheres: []kct.Sphere{{Line: 20, Order: 1, Name: title,
				ProcessGroups: []kct.ProcessGroup{{Line: 30, Code: "1", Name: "Лицензирование"}}}},
		}
	}
	for _, pair := range [][2]string{
		{"Комитет торговли Министерства торговли и интеграции Республики Казахстан", "Министерство торговли и интеграции РК"},
		{"Комитет торговли Министерства торговли и интеграции", "Министерство торговли и интеграции Республики Казахстан"},
		{"РГУ «Комитет торговли Министерства торговли и интеграции РК»", "Республиканское государственное учреждение «Министерство торговли и интеграции Республики Казахстан»"},
	} {
		t.Run(pair[0], func(t *testing.T) {
			docs := []*kct.Document{
				doc("trade-committee.txt", "Карта цифровой трансформации внутренней торговли", pair[0]),
				doc("trade-ministry.txt", "Карта цифровой трансформации внешней торговли", pair[1]),
			}
			c, db := storagetest.Open(t)
			ctx := context.Background()
			if _, err := load.Import(ctx, c, reg, docs, load.Options{}); err != nil {
				t.Fatal(err)
			}
			g, err := importtest.Dump(ctx, db.SQL)
			if err != nil {
				t.Fatal(err)
			}
			var ministries, committees []string
			for key, row := range g["ministries"] {
				if _, known := reg.BodyByKey(key); known {
					continue
				}
				switch row["kind"] {
				case "MINISTRY":
					ministries = append(ministries, key)
				case "COMMITTEE":
					committees = append(committees, key)
				}
			}
			if len(ministries) != 1 {
				t.Fatalf("new ministries %v, want one node for both maps", ministries)
			}
			if strings.Contains(ministries[0], "республики") || strings.Contains(ministries[0], "-рк") {
				t.Errorf("ministry key %q keeps the country qualifier", ministries[0])
			}
			if len(committees) != 1 || !strings.HasPrefix(committees[0], ministries[0]+"/") {
				t.Errorf("new committees %v, want one, child of %s", committees, ministries[0])
			}
			if n := len(g["transformation_maps"]); n != 2 {
				t.Fatalf("%d maps, want 2", n)
			}
			for key, row := range g["transformation_maps"] {
				owner := ""
				for _, v := range row {
					if k, ok := strings.CutPrefix(v, "→ ministries "); ok {
						owner = k
					}
				}
				if owner != ministries[0] || !strings.HasPrefix(key, ministries[0]+"/") {
					t.Errorf("map %s (%s) belongs to %q, want %s", key, row["source_document"], owner, ministries[0])
				}
			}
		})
	}
}
