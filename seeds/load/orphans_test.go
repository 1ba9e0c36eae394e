package load_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/informationsystem"
	"github.com/karta/karta/ent/ministry"
	"github.com/karta/karta/ent/service"
	"github.com/karta/karta/ent/statefunction"
	"github.com/karta/karta/ent/structuralunit"
	"github.com/karta/karta/seeds"
	"github.com/karta/karta/seeds/identity"
	"github.com/karta/karta/seeds/kct"
	"github.com/karta/karta/seeds/load"
	"github.com/karta/karta/server/storagetest"
)

// cascadeTable adds to the seed alias table a system whose owner is an
// agency under a ministry that no seed map names: what links the agency
// and the ministry is the system alone.
const cascadeTable = `

body: Тестовое министерство каскада
  kind: ministry
  short: ТМК

body: Тестовое агентство каскада
  kind: agency
  short: ТАК
  parent: ТМК

system: Тестовая система каскада
  short: ТСК
  owner: ТАК
`

func cascadeRegistry(t *testing.T) *identity.Registry {
	t.Helper()
	text := append(append([]byte(nil), seeds.Aliases...), cascadeTable...)
	reg, err := identity.Load(bytes.NewReader(text), "aliases+cascade")
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

// shared names of a system, a service, a unit and a function that a
// process group of a map may list.
const (
	sharedSystem   = "Тестовая общая система сверки"
	sharedService  = "Выдача тестовой общей справки"
	sharedUnit     = "Департамент тестовой общей сверки"
	sharedFunction = "Тестовая общая функция сверки"
)

// twoMaps returns the first seed map and a second map of the same ministry
// (the seed under another title), the first process group of each listing
// the shared system, service, unit and function when with is set.
func twoMaps(t *testing.T, withA, withB bool) []*kct.Document {
	t.Helper()
	a, b := docs(t)[0], docs(t)[0]
	b.File = "second-" + b.File
	b.Title += " (вторая карта)"
	if b.Passport != nil {
		b.Passport.Title += " (вторая карта)"
	}
	for _, x := range []struct {
		d    *kct.Document
		with bool
	}{{a, withA}, {b, withB}} {
		if !x.with {
			continue
		}
		g := &x.d.Spheres[0].ProcessGroups[0]
		g.Systems = append(g.Systems, sharedSystem)
		g.Services = append(g.Services, sharedService)
		g.ResponsibleUnits = append(g.ResponsibleUnits, sharedUnit)
		g.Functions = append(g.Functions, sharedFunction)
	}
	return []*kct.Document{a, b}
}

// sharedNodes counts the nodes of the shared system, service, unit and
// function.
func sharedNodes(t *testing.T, c *ent.Client) [4]int {
	t.Helper()
	ctx := context.Background()
	return [4]int{
		c.InformationSystem.Query().Where(informationsystem.Name(sharedSystem)).CountX(ctx),
		c.Service.Query().Where(service.Name(sharedService)).CountX(ctx),
		c.StructuralUnit.Query().Where(structuralunit.Name(sharedUnit)).CountX(ctx),
		c.StateFunction.Query().Where(statefunction.Text(sharedFunction)).CountX(ctx),
	}
}

func orphansRemoved(rep *load.Report) []string {
	var out []string
	for _, ch := range rep.Changes {
		if ch.Op == "remove" && !strings.Contains(ch.Key, "/kct-") {
			out = append(out, ch.Type+" "+ch.Key)
		}
	}
	return out
}

// A system, service, unit and function two maps share stay while one map
// still links them, and go with the last link: re-importing the first map
// without them keeps them, re-importing the second without them removes
// them (and nothing else).
func TestSharedNodeGoesWithItsLastLink(t *testing.T) {
	c, _ := storagetest.Open(t)
	importDocs(t, c, twoMaps(t, true, true), load.Options{})
	if got := sharedNodes(t, c); got != [4]int{1, 1, 1, 1} {
		t.Fatalf("after importing both maps: system, service, unit, function nodes %v, want one each", got)
	}
	rep := importDocs(t, c, twoMaps(t, false, true)[:1], load.Options{})
	if got := sharedNodes(t, c); got != [4]int{1, 1, 1, 1} {
		t.Fatalf("the second map still links them, yet after re-importing the first without them: %v", got)
	}
	if r := orphansRemoved(rep); len(r) != 0 {
		t.Fatalf("re-importing the first map removed shared nodes %v", r)
	}
	rep = importDocs(t, c, twoMaps(t, false, false)[1:], load.Options{})
	if got := sharedNodes(t, c); got != [4]int{} {
		t.Fatalf("no map links them, yet after re-importing the second without them: %v", got)
	}
	if r := orphansRemoved(rep); len(r) != 4 {
		t.Fatalf("re-importing the second map removed %v, want the system, service, unit and function", r)
	}
}

// Removing a system exposes its owner, and removing the owner its parent:
// an agency and its ministry that only the removed system linked go too.
func TestOrphanRemovalCascades(t *testing.T) {
	ctx := context.Background()
	c, _ := storagetest.Open(t)
	reg := cascadeRegistry(t)
	with := docs(t)[:1]
	g := &with[0].Spheres[0].ProcessGroups[0]
	g.Systems = append(g.Systems, "ТСК")
	if _, err := load.Import(ctx, c, reg, with, load.Options{}); err != nil {
		t.Fatal(err)
	}
	sys := c.InformationSystem.Query().Where(informationsystem.Name("Тестовая система каскада")).OnlyX(ctx)
	owner := sys.QueryOwner().OnlyX(ctx)
	if owner.Name != "Тестовое агентство каскада" || owner.QueryParent().OnlyX(ctx).Name != "Тестовое министерство каскада" {
		t.Fatalf("system owner %q", owner.Name)
	}
	bodies := c.Ministry.Query().CountX(ctx)
	rep, err := load.Import(ctx, c, reg, docs(t)[:1], load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := c.InformationSystem.Query().Where(informationsystem.Name("Тестовая система каскада")).CountX(ctx); n != 0 {
		t.Fatal("the system no map names is still there")
	}
	if n := c.Ministry.Query().Where(ministry.NameHasPrefix("Тестов")).CountX(ctx); n != 0 {
		t.Fatalf("%d of the agency and its ministry are still there, linked by nothing", n)
	}
	if got := c.Ministry.Query().CountX(ctx); got != bodies-2 {
		t.Fatalf("%d bodies after the edit, want %d (only the agency and its ministry removed)", got, bodies-2)
	}
	if r := orphansRemoved(rep); len(r) != 3 {
		t.Fatalf("removed %v, want the system, the agency and the ministry", r)
	}
}

// A shared node whose link changes in an import (a system given another
// owner) exposes what it linked before: the former owner, linked by
// nothing else, goes.
func TestFormerOwnerOfAnUpdatedSystemGoes(t *testing.T) {
	ctx := context.Background()
	c, _ := storagetest.Open(t)
	d := docs(t)[:1]
	g := &d[0].Spheres[0].ProcessGroups[0]
	g.Systems = append(g.Systems, "ТСК")
	if _, err := load.Import(ctx, c, cascadeRegistry(t), d, load.Options{}); err != nil {
		t.Fatal(err)
	}
	// The same system, now owned by nobody (the table without the owner).
	table := strings.Replace(cascadeTable, "  owner: ТАК\n", "", 1)
	text := append(append([]byte(nil), seeds.Aliases...), table...)
	reg, err := identity.Load(bytes.NewReader(text), "aliases+cascade-no-owner")
	if err != nil {
		t.Fatal(err)
	}
	d = docs(t)[:1]
	g = &d[0].Spheres[0].ProcessGroups[0]
	g.Systems = append(g.Systems, "ТСК")
	if _, err := load.Import(ctx, c, reg, d, load.Options{}); err != nil {
		t.Fatal(err)
	}
	sys := c.InformationSystem.Query().Where(informationsystem.Name("Тестовая система каскада")).OnlyX(ctx)
	if sys.QueryOwner().ExistX(ctx) {
		t.Fatal("the system kept its owner")
	}
	if n := c.Ministry.Query().Where(ministry.NameHasPrefix("Тестов")).CountX(ctx); n != 0 {
		t.Fatalf("%d of the former owner and its ministry are still there, linked by nothing", n)
	}
}
