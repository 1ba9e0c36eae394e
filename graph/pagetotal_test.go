package graph_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/informationsystem"
	"github.com/karta/karta/ent/process"
	"github.com/karta/karta/ent/processgroup"
	"github.com/karta/karta/graph"
	"github.com/karta/karta/seeds/load"
	"github.com/karta/karta/server/storagetest"
)

// A connection read without cursors counts its rows in its page's own
// statement (a window count; ent/template). Its totalCount must equal the
// one a separate COUNT statement gives — the path of first: 0 — at the
// root, nested one-to-many under many parents (parents with an empty page
// included), and many-to-many under one node; and it must be the number of
// rows, not of the page.
func TestTotalCountFromThePageEqualsACountStatement(t *testing.T) {
	ctx := context.Background()
	ec, db := storagetest.Open(t)
	if _, err := load.Seed(ctx, ec, load.Options{}); err != nil {
		t.Fatal(err)
	}
	c := client.New(graph.NewHandler(ec, graph.Options{MaxPageSize: 100, ComplexityLimit: 1 << 20}))
	type total struct{ TotalCount int }
	type group struct {
		ID                 string
		InformationSystems total
		Processes          total
	}
	type sphere struct {
		ID            string
		ProcessGroups struct {
			total
			Edges []struct{ Node group }
		}
	}
	type ministry struct {
		ID      string
		Spheres struct {
			total
			Edges []struct{ Node sphere }
		}
	}
	var counted struct {
		Ministries struct {
			total
			Edges []struct{ Node ministry }
		}
	}
	// Counted in the pages: every totalCount below, the informationSystems
	// of many groups (many-to-many under many parents) as a column of the
	// groups' own statement.
	db.Counter.Reset()
	post(t, c, `{ ministries(first: 100) { totalCount edges { node { id
  spheres(first: 2) { totalCount edges { node { id
    processGroups(first: 1) { totalCount edges { node { id
      informationSystems(first: 1) { totalCount edges { node { id } } }
      processes(first: 2) { totalCount edges { node { id } } } } } } } } } } } } }`, &counted)
	// ministries, spheres, process groups, processes and information systems.
	if got := db.Counter.Queries(); got != 5 {
		t.Errorf("the counted tree took %d statements, want 5", got)
	}
	var root struct{ Ministries total }
	post(t, c, `{ ministries(first: 0) { totalCount } }`, &root)
	if counted.Ministries.TotalCount != root.Ministries.TotalCount || root.Ministries.TotalCount <= 2 {
		t.Errorf("ministries: totalCount %d from the page, %d from COUNT", counted.Ministries.TotalCount, root.Ministries.TotalCount)
	}
	var bigger, empty, checked int
	check := func(what string, page, want int, size int) {
		t.Helper()
		checked++
		if page != want {
			t.Errorf("%s: totalCount %d from the page, %d from COUNT", what, page, want)
		}
		if want > size {
			bigger++
		}
		if want == 0 {
			empty++
		}
	}
	for _, m := range counted.Ministries.Edges {
		var r struct {
			Node struct {
				Spheres total
			}
		}
		post(t, c, `query($id: ID!) { node(id: $id) { ... on Ministry { spheres(first: 0) { totalCount } } } }`, &r, client.Var("id", m.Node.ID))
		check("spheres of "+m.Node.ID, m.Node.Spheres.TotalCount, r.Node.Spheres.TotalCount, 2)
		for _, s := range m.Node.Spheres.Edges {
			var r struct{ Node struct{ ProcessGroups total } }
			post(t, c, `query($id: ID!) { node(id: $id) { ... on Sphere { processGroups(first: 0) { totalCount } } } }`, &r, client.Var("id", s.Node.ID))
			check("process groups of "+s.Node.ID, s.Node.ProcessGroups.TotalCount, r.Node.ProcessGroups.TotalCount, 1)
			for _, g := range s.Node.ProcessGroups.Edges {
				var r struct{ Node group }
				post(t, c, `query($id: ID!) { node(id: $id) { ... on ProcessGroup {
  informationSystems(first: 0) { totalCount } processes(first: 0) { totalCount } } } }`, &r, client.Var("id", g.Node.ID))
				check("processes of "+g.Node.ID, g.Node.Processes.TotalCount, r.Node.Processes.TotalCount, 2)
				check("systems of "+g.Node.ID, g.Node.InformationSystems.TotalCount, r.Node.InformationSystems.TotalCount, 1)
				// Many-to-many under one node: counted in its page.
				var one struct{ Node group }
				db.Counter.Reset()
				post(t, c, `query($id: ID!) { node(id: $id) { ... on ProcessGroup { id
  informationSystems(first: 1) { totalCount edges { node { id } } } } } }`, &one, client.Var("id", g.Node.ID))
				if got := db.Counter.Queries(); got != 2 {
					t.Errorf("a group's systems took %d statements, want 2 (the group, its systems page)", got)
				}
				check("systems of the node "+g.Node.ID, one.Node.InformationSystems.TotalCount, r.Node.InformationSystems.TotalCount, 1)
			}
		}
	}
	t.Logf("%d totals checked: %d larger than their page, %d empty", checked, bigger, empty)
	if bigger == 0 || empty == 0 {
		t.Errorf("the seeds gave %d totals larger than the page and %d empty ones: the test needs both", bigger, empty)
	}
}

// A nested connection read with first: 1, or for its totalCount only, or
// many-to-many under many parents, counts its rows in a column of its
// parents' statement (ent/template, karta_count_column): its where filter
// applied, per parent, equal to ent's own COUNT of the edge — one-to-many
// and many-to-many, filtered and not, under parents read through a page
// limited per parent.
func TestNestedTotalCountsAreColumnsOfTheParents(t *testing.T) {
	ctx := context.Background()
	ec, db := storagetest.Open(t)
	if _, err := load.Seed(ctx, ec, load.Options{}); err != nil {
		t.Fatal(err)
	}
	c := client.New(graph.NewHandler(ec, graph.Options{MaxPageSize: 100, ComplexityLimit: 1 << 20}))
	type total struct{ TotalCount int }
	var r struct {
		Spheres struct {
			Edges []struct {
				Node struct {
					ID            string
					ProcessGroups struct {
						Edges []struct {
							Node struct {
								ID                                  string
								Systems, FilteredSystems, Processes total
								FilteredProcesses                   total
								Entities                            total
								LongAlias                           total `json:"entitiesCountedUnderAnAliasLongerThanPostgresKeepsOfAnIdentifier"`
							}
						}
					}
				}
			}
		}
	}
	db.Counter.Reset()
	post(t, c, `{ spheres(first: 100) { edges { node { id
  processGroups(first: 3) { edges { node { id
    systems: informationSystems(first: 0) { totalCount }
    filteredSystems: informationSystems(first: 0, where: {nameContainsFold: "а"}) { totalCount }
    processes(first: 0) { totalCount }
    filteredProcesses: processes(first: 1, where: {nameContainsFold: "и"}) { totalCount edges { node { id } } }
    entities { totalCount }
    entitiesCountedUnderAnAliasLongerThanPostgresKeepsOfAnIdentifier: entities { totalCount } } } } } } } }`, &r)
	// spheres, process groups (limited per sphere): every count a column.
	// The filtered processes' page is a third statement.
	if got := db.Counter.Queries(); got != 3 {
		t.Errorf("the tree took %d statements, want 3", got)
	}
	var checked, nonzero, filtered int
	for _, s := range r.Spheres.Edges {
		for _, e := range s.Node.ProcessGroups.Edges {
			g := e.Node
			id, err := strconv.Atoi(g.ID)
			if err != nil {
				t.Fatal(err)
			}
			q := func() *ent.ProcessGroupQuery { return ec.ProcessGroup.Query().Where(processgroup.ID(id)) }
			want := map[string]int{
				"systems":           q().QueryInformationSystems().CountX(ctx),
				"filteredSystems":   q().QueryInformationSystems().Where(informationsystem.NameContainsFold("а")).CountX(ctx),
				"processes":         q().QueryProcesses().CountX(ctx),
				"filteredProcesses": q().QueryProcesses().Where(process.NameContainsFold("и")).CountX(ctx),
				"entities":          q().QueryEntities().CountX(ctx),
			}
			got := map[string]int{
				"systems": g.Systems.TotalCount, "filteredSystems": g.FilteredSystems.TotalCount,
				"processes": g.Processes.TotalCount, "filteredProcesses": g.FilteredProcesses.TotalCount,
				"entities": g.Entities.TotalCount,
			}
			if g.LongAlias != g.Entities {
				t.Errorf("group %s: entities counted under a long alias %d, under its name %d", g.ID, g.LongAlias.TotalCount, g.Entities.TotalCount)
			}
			for k, w := range want {
				checked++
				if got[k] != w {
					t.Errorf("group %s, %s: totalCount %d, ent counts %d", g.ID, k, got[k], w)
				}
				if w > 0 {
					nonzero++
				}
			}
			if want["filteredSystems"] != want["systems"] {
				filtered++
			}
		}
	}
	t.Logf("%d totals checked, %d not zero, %d filters that changed a count", checked, nonzero, filtered)
	if nonzero == 0 || filtered == 0 {
		t.Errorf("the seeds gave %d non-zero totals and %d filtered ones: the test needs both", nonzero, filtered)
	}
}
