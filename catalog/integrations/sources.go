package integrations

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/karta/karta/catalog/page"
	"github.com/karta/karta/catalog/ref"
	"github.com/karta/karta/ent"
)

// MatchKind is what a need matched.
type MatchKind string

// The kinds of matches, in the order a group lists equal scores.
const (
	// MatchEntity: the name of an entity of the body's map.
	MatchEntity MatchKind = "ENTITY"
	// MatchAttribute: the name of an attribute of such an entity.
	MatchAttribute MatchKind = "ATTRIBUTE"
	// MatchDataName: a data name of an integration the body provides.
	MatchDataName MatchKind = "DATA_NAME"
)

// Match is one name matching a need, and why.
type Match struct {
	Kind MatchKind
	// ID is the entity's, the attribute's or the integration's.
	ID int
	// Text is the matched name as written.
	Text string
	// Entity is the matched entity, or the attribute's entity; nil for a
	// data name.
	Entity *ref.Ref
	// Sphere is the entity's sphere; nil for a data name.
	Sphere *ref.Ref
	// Score adds up, per word of the need, 2 when the text has a word of
	// the same stem and 1 when only the first five letters agree.
	Score int
	Terms []TermMatch
	// Why says the same in words.
	Why string
}

// SourceSystem is a system of a body holding the data: it automates a
// process group managing a matched entity, or provides a matched data name.
type SourceSystem struct {
	System ref.Ref
	Owner  *ref.Ref
	// ProcessGroups are the process groups of the body's maps it
	// automates that manage matched entities.
	ProcessGroups []ProcessGroupRef
	// Entities are the matched entities those process groups manage.
	Entities []ref.Ref
	// IntegrationIDs are the matching integrations it provides.
	IntegrationIDs []int
	// Score is the best score of the matches it stands for.
	Score int
	Why   []string
}

// SourceGroup is one body holding data matching a need.
type SourceGroup struct {
	// Body is the body; for a data name whose provider is not a known
	// body, ID is 0 and Name the provider as written.
	Body   ref.Ref
	Parent *ref.Ref
	// Score is the group's best single score (matches and systems), Total
	// the sum of its matches' scores: groups are ranked by Score, then
	// Total, then name.
	Score, Total int
	// Matches are ordered by score, kind, then text.
	Matches []Match
	// Systems are ordered by score, then name.
	Systems []SourceSystem
	// Integrations already moving the data: matching integrations the body
	// or one of Systems provides, in ID order.
	Integrations []Integration
}

// DataSources finds the bodies and systems holding data that matches a
// need, e.g. «Медицинские данные о спортсменах»: entities and attributes
// by name, integration plans by data name, and the systems automating the
// process groups that manage the matched entities, grouped by body and
// ranked by strength of match.
//
// Matching is by word stems (see TermMatch), case-insensitive, with «ё» as
// «е»; words that only phrase a need («данные», «сведения», «получение»)
// are ignored unless nothing else is left. A need without words matches
// nothing. The candidates are loaded in a fixed number of queries (at most
// eleven) and matched in Go.
func DataSources(ctx context.Context, c *ent.Client, need string) ([]SourceGroup, error) {
	if len(needTerms(need)) == 0 {
		return nil, nil
	}
	return dataSources(ctx, dbSource{c}, need)
}

func dataSources(ctx context.Context, src source, need string) ([]SourceGroup, error) {
	terms := needTerms(need)
	b, err := src.bodies(ctx)
	if err != nil {
		return nil, err
	}
	spheres, err := src.spheres(ctx, nil)
	if err != nil {
		return nil, err
	}
	ents, err := src.entities(ctx)
	if err != nil {
		return nil, err
	}
	attrs, err := src.attributes(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := src.integrations(ctx, intFilter{})
	if err != nil {
		return nil, err
	}

	// Only the rows the index names can match (all without an index).
	var ix sourceIndex
	if p := src.index(); p != nil {
		ix = *p
	}

	s := &sourceSet{b: b, groups: map[groupKey]*sourceGroup{}}
	// Entities and attributes belong to the body of their sphere's map.
	type entInfo struct {
		ref    ref.Ref
		sphere *sphereRow
	}
	info := func(e *entRow) entInfo {
		in := entInfo{ref: ref.Ref{ID: e.ID, Name: e.Name}}
		if e.Sphere != nil {
			in.sphere = spheres[*e.Sphere]
		}
		return in
	}
	// An entity by ID: ents are in ID order (both sources), so a search
	// rather than a map of every entity built for each need.
	entByID := func(id int) (entInfo, bool) {
		i, ok := slices.BinarySearchFunc(ents, id, func(e entRow, id int) int { return e.ID - id })
		if !ok {
			return entInfo{}, false
		}
		return info(&ents[i]), true
	}
	entScore := map[int]int{} // matched entities (directly or through an attribute): best score
	for _, i := range ix.ents.candidates(terms, len(ents)) {
		e := &ents[i]
		score, ms := matchWords(terms, textWords(e.words, e.Name))
		if score == 0 {
			continue
		}
		info := info(e)
		if info.sphere == nil || info.sphere.Ministry == nil {
			continue
		}
		entScore[e.ID] = max(entScore[e.ID], score)
		er := info.ref
		g := s.group(groupKey{id: *info.sphere.Ministry})
		g.matches = append(g.matches, Match{Kind: MatchEntity, ID: e.ID, Text: e.Name, Entity: &er,
			Sphere: &ref.Ref{ID: info.sphere.ID, Name: info.sphere.Name}, Score: score, Terms: ms,
			Why: "entity «" + e.Name + "»: " + why(ms)})
	}
	for _, i := range ix.attrs.candidates(terms, len(attrs)) {
		a := &attrs[i]
		if a.Entity == nil {
			continue
		}
		score, ms := matchWords(terms, textWords(a.words, a.Name))
		if score == 0 {
			continue
		}
		info, ok := entByID(*a.Entity)
		if !ok || info.sphere == nil || info.sphere.Ministry == nil {
			continue
		}
		entScore[info.ref.ID] = max(entScore[info.ref.ID], score)
		er := info.ref
		g := s.group(groupKey{id: *info.sphere.Ministry})
		g.matches = append(g.matches, Match{Kind: MatchAttribute, ID: a.ID, Text: a.Name, Entity: &er,
			Sphere: &ref.Ref{ID: info.sphere.ID, Name: info.sphere.Name}, Score: score, Terms: ms,
			Why: "attribute «" + a.Name + "» of «" + info.ref.Name + "»: " + why(ms)})
	}
	// Integration data names belong to the provider: the data's source.
	var matched []*intRow
	var sysIDs, mapIDs []int
	for _, i := range ix.rows.candidates(terms, len(rows)) {
		r := &rows[i]
		best := 0
		var found []Match
		for j, name := range r.dataNames() {
			score, ms := matchWords(terms, r.words(j, name))
			if score == 0 {
				continue
			}
			best = max(best, score)
			found = append(found, Match{Kind: MatchDataName, ID: r.ID, Text: name, Score: score, Terms: ms,
				Why: "data «" + name + "» of integration " + fmt.Sprint(r.ID) + ": " + why(ms)})
		}
		if best == 0 {
			continue
		}
		matched = append(matched, r)
		sysIDs = append(sysIDs, r.systemIDs()...)
		if r.Map != nil {
			mapIDs = append(mapIDs, *r.Map)
		}
		key := groupKey{text: strings.TrimSpace(r.ProviderBodyT)}
		if r.ProviderBody != nil {
			key = groupKey{id: *r.ProviderBody}
		}
		g := s.group(key)
		g.matches = append(g.matches, found...)
		g.provided = append(g.provided, r)
		if r.ProviderSystem != nil {
			ss := g.system(*r.ProviderSystem)
			ss.IntegrationIDs = append(ss.IntegrationIDs, r.ID)
			ss.Score = max(ss.Score, best)
			ss.Why = append(ss.Why, fmt.Sprintf("provides %s in integration %d", quoteAll(r.dataNames()), r.ID))
		}
	}
	// Systems automating the process groups that manage matched entities
	// hold their data, in the body of the process group's map.
	var pgs []*ent.ProcessGroup
	if len(entScore) > 0 {
		ids := keys(entScore)
		pgs, err = src.groupsManaging(ctx, ids)
		if err != nil {
			return nil, err
		}
		for _, pg := range pgs {
			for _, is := range pg.Edges.InformationSystems {
				sysIDs = append(sysIDs, is.ID)
			}
			if pg.Edges.Sphere != nil {
				if sp := spheres[pg.Edges.Sphere.ID]; sp != nil && sp.Map != nil {
					mapIDs = append(mapIDs, *sp.Map)
				}
			}
		}
	}
	sys, err := src.systems(ctx, sysIDs)
	if err != nil {
		return nil, err
	}
	maps, err := src.maps(ctx, mapIDs)
	if err != nil {
		return nil, err
	}
	for _, pg := range pgs {
		ref := groupRef(pg, b, spheres, maps)
		if ref.Ministry.ID == 0 {
			continue
		}
		g := s.group(groupKey{id: ref.Ministry.ID})
		for _, is := range pg.Edges.InformationSystems {
			ss := g.system(is.ID)
			ss.ProcessGroups = appendGroup(ss.ProcessGroups, ref)
			for _, e := range pg.Edges.Entities {
				info, _ := entByID(e.ID)
				er := info.ref
				ss.Entities = appendRef(ss.Entities, er)
				ss.Score = max(ss.Score, entScore[e.ID])
				ss.Why = append(ss.Why, "automates «"+pg.Name+"» ("+pg.Code+"), which manages «"+er.Name+"»")
			}
		}
	}
	return s.export(sys, maps, matched), nil
}

func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "«" + n + "»"
	}
	return strings.Join(q, ", ")
}

type groupKey struct {
	id   int
	text string
}

type sourceGroup struct {
	key      groupKey
	matches  []Match
	systems  map[int]*SourceSystem
	provided []*intRow
}

func (g *sourceGroup) system(id int) *SourceSystem {
	if g.systems[id] == nil {
		g.systems[id] = &SourceSystem{System: ref.Ref{ID: id}}
	}
	return g.systems[id]
}

type sourceSet struct {
	b      *bodies
	groups map[groupKey]*sourceGroup
}

func (s *sourceSet) group(k groupKey) *sourceGroup {
	if s.groups[k] == nil {
		s.groups[k] = &sourceGroup{key: k, systems: map[int]*SourceSystem{}}
	}
	return s.groups[k]
}

var kindOrder = map[MatchKind]int{MatchEntity: 0, MatchAttribute: 1, MatchDataName: 2}

func (s *sourceSet) export(sys map[int]*systemRow, maps map[int]*mapRow, matched []*intRow) []SourceGroup {
	out := make([]SourceGroup, 0, len(s.groups))
	for _, g := range s.groups {
		sg := SourceGroup{Body: ref.Ref{Name: g.key.text}}
		if g.key.id != 0 {
			sg.Body, sg.Parent = s.b.ref(g.key.id), s.b.parent(g.key.id)
		}
		sort.SliceStable(g.matches, func(i, j int) bool {
			a, b := g.matches[i], g.matches[j]
			if a.Score != b.Score {
				return a.Score > b.Score
			}
			if a.Kind != b.Kind {
				return kindOrder[a.Kind] < kindOrder[b.Kind]
			}
			if a.Text != b.Text {
				return a.Text < b.Text
			}
			return a.ID < b.ID
		})
		sg.Matches = g.matches
		for _, m := range g.matches {
			sg.Score = max(sg.Score, m.Score)
			sg.Total += m.Score
		}
		inGroup := map[int]bool{}
		for _, id := range keys(g.systems) {
			ss := g.systems[id]
			if r := sys[id]; r != nil {
				ss.System.Name, ss.Owner = r.Name, s.b.refPtr(r.Owner)
			}
			ss.IntegrationIDs = uniq(ss.IntegrationIDs)
			ss.Why = uniqStrings(ss.Why)
			sg.Score = max(sg.Score, ss.Score)
			sg.Systems = append(sg.Systems, *ss)
			inGroup[id] = true
		}
		sort.SliceStable(sg.Systems, func(i, j int) bool {
			a, b := sg.Systems[i], sg.Systems[j]
			if a.Score != b.Score {
				return a.Score > b.Score
			}
			if a.System.Name != b.System.Name {
				return a.System.Name < b.System.Name
			}
			return a.System.ID < b.System.ID
		})
		for _, r := range matched {
			mine := g.key.id != 0 && r.ProviderBody != nil && *r.ProviderBody == g.key.id
			if g.key.id == 0 {
				mine = r.ProviderBody == nil && strings.TrimSpace(r.ProviderBodyT) == g.key.text
			}
			if mine || (r.ProviderSystem != nil && inGroup[*r.ProviderSystem]) {
				sg.Integrations = append(sg.Integrations, r.export(s.b, sys, maps))
			}
		}
		out = append(out, sg)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.Total != b.Total {
			return a.Total > b.Total
		}
		if (a.Body.ID == 0) != (b.Body.ID == 0) {
			return a.Body.ID != 0
		}
		if a.Body.Name != b.Body.Name {
			return a.Body.Name < b.Body.Name
		}
		return a.Body.ID < b.Body.ID
	})
	return out
}

func appendRef(refs []ref.Ref, r ref.Ref) []ref.Ref {
	for _, x := range refs {
		if x.ID == r.ID {
			return refs
		}
	}
	return append(refs, r)
}

func appendGroup(gs []ProcessGroupRef, g ProcessGroupRef) []ProcessGroupRef {
	for _, x := range gs {
		if x.ID == g.ID {
			return gs
		}
	}
	return append(gs, g)
}

func uniqStrings(ss []string) []string {
	seen := map[string]bool{}
	out := ss[:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// MatchCount, SystemCount and IntegrationCount are the sizes of the
// group's lists.
func (g *SourceGroup) MatchCount() int       { return len(g.Matches) }
func (g *SourceGroup) SystemCount() int      { return len(g.Systems) }
func (g *SourceGroup) IntegrationCount() int { return len(g.Integrations) }

// MatchesHead, SystemsHead and IntegrationsHead return the first items of
// the group's lists (all when first is nil; page.ErrBadBound when negative).
func (g *SourceGroup) MatchesHead(first *int) ([]Match, error) { return page.Head(g.Matches, first) }
func (g *SourceGroup) SystemsHead(first *int) ([]SourceSystem, error) {
	return page.Head(g.Systems, first)
}
func (g *SourceGroup) IntegrationsHead(first *int) ([]Integration, error) {
	return page.Head(g.Integrations, first)
}

// SourcePage is one page of the data sources of a need.
type SourcePage struct {
	// TotalCount is the number of bodies in the whole answer.
	TotalCount int
	PageInfo   page.Info
	// Nodes are the page's bodies, in the whole answer's order.
	Nodes []*SourceGroup
}
