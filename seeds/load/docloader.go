package load

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/entity"
	"github.com/karta/karta/ent/integration"
	"github.com/karta/karta/ent/ministry"
	"github.com/karta/karta/ent/processgroup"
	"github.com/karta/karta/ent/roadmapstep"
	"github.com/karta/karta/ent/schema"
	"github.com/karta/karta/ent/sphere"
	"github.com/karta/karta/ent/structuralunit"
	"github.com/karta/karta/ent/systemmention"
	"github.com/karta/karta/ent/transformationmap"
	"github.com/karta/karta/seeds/kct"
	"github.com/karta/karta/seeds/resolve"
)

// docLoader loads one document.
type docLoader struct {
	ctx context.Context
	c   *ent.Client
	s   *store
	res *resolve.Document
	doc *kct.Document
	now time.Time

	mapKey   string
	mapID    int
	ownerKey string
	ownerID  int
	nodes    map[string]int
	spheres  []sphereRef
}

type sphereRef struct {
	id, order int
	key, name string
	entityIDs []int // the sphere's entities, in document order
	groupIDs  []int // the sphere's process groups, in document order
}

func (l *docLoader) count(typ string) { l.nodes[typ]++ }

func (l *docLoader) load() error {
	if err := l.preload(); err != nil {
		return err
	}
	if err := l.loadMap(); err != nil {
		return err
	}
	for i := range l.doc.Spheres {
		if err := l.loadSphere(i); err != nil {
			return err
		}
	}
	for i := range l.doc.Spheres {
		if err := l.loadGroups(i); err != nil {
			return err
		}
	}
	for i := range l.doc.Spheres {
		if err := l.loadRoadmap(i); err != nil {
			return err
		}
	}
	steps := []func() error{l.loadKPIs, l.loadSchedules, l.loadServicePlans, l.loadIntegrations,
		l.loadIcebreakers, l.loadNeeds, l.loadFragments, l.loadMentions}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return l.s.flush(l.ctx)
}

// preload reads, in a few statements, the shared nodes the document names
// (bodies, systems, units, services, functions): the import reads what it
// will write, not the catalog.
func (l *docLoader) preload() error {
	want := map[string][]string{}
	for _, b := range l.res.Bodies {
		want["Ministry"] = append(want["Ministry"], b.Key)
	}
	for _, x := range l.res.Systems {
		want["InformationSystem"] = append(want["InformationSystem"], x.Key)
	}
	for _, u := range l.res.Units {
		want["StructuralUnit"] = append(want["StructuralUnit"], u.Key)
	}
	for _, sp := range l.doc.Spheres {
		for _, g := range sp.ProcessGroups {
			for _, n := range g.Services {
				want["Service"] = append(want["Service"], serviceKey(n))
			}
			for _, t := range g.Functions {
				want["StateFunction"] = append(want["StateFunction"], functionKey(l.res.Owner.Key, t))
			}
		}
	}
	for _, typ := range []string{"Ministry", "InformationSystem", "StructuralUnit", "Service", "StateFunction"} {
		if err := l.s.lookup(l.ctx, typ, want[typ]); err != nil {
			return err
		}
	}
	return nil
}

// serviceKey is the key of the public service named n (shared by maps).
func serviceKey(n string) string { return "service/" + hash8(n) }

// functionKey is the key of the state function t of the body owner.
func functionKey(owner, t string) string { return owner + "/fn-" + hash8(t) }

// ---- bodies, systems, units, functions, services (shared nodes) ----

type bodyIn struct {
	Name, Short, Kind string
	Aliases           []string
	Parent            string
}

// body puts the resolved document's body with key (and its parents) and
// returns its ID; 0 when the reference names nothing.
func (l *docLoader) body(r resolve.Ref) (int, error) { return l.bodyByKey(r.Key) }

func (l *docLoader) bodyByKey(key string) (int, error) {
	if key == "" {
		return 0, nil
	}
	b, ok := l.res.Body(key)
	if !ok {
		return 0, fmt.Errorf("body %q: not among the resolved document's bodies", key)
	}
	parentID := 0
	if b.Parent != "" && b.Parent != b.Key {
		id, err := l.bodyByKey(b.Parent)
		if err != nil {
			return 0, fmt.Errorf("body %q: parent: %w", b.Name, err)
		}
		parentID = id
	}
	in := bodyIn{Name: b.Name, Short: b.Short, Kind: b.Kind, Aliases: b.Aliases, Parent: b.Parent}
	if in.Aliases == nil {
		in.Aliases = []string{}
	}
	if in.Kind == "" || ministry.KindValidator(ministry.Kind(in.Kind)) != nil {
		in.Kind = "OTHER"
	}
	apply := func(m *ent.MinistryMutation, update bool) {
		m.SetName(in.Name)
		m.SetShortName(in.Short)
		m.SetKind(ministry.Kind(in.Kind))
		m.SetAliases(in.Aliases)
		m.SetAllNames(allNames(in.Name, in.Short, in.Aliases))
		if parentID != 0 {
			m.SetParentID(parentID)
		} else {
			m.ClearParent()
		}
	}
	return upsert(l, "Ministry", b.Key, in, l.c.Ministry.Create, l.c.Ministry.UpdateOneID, func(m *ent.MinistryMutation, update bool) {
		m.SetSourceLine(b.Line)
		apply(m, update)
	})
}

type systemIn struct {
	Name    string
	Short   string
	Aliases []string
	Owner   string
}

func (l *docLoader) system(r resolve.Ref) (int, error) {
	if r.Key == "" {
		return 0, nil
	}
	sys, ok := l.res.System(r.Key)
	if !ok {
		return 0, fmt.Errorf("system %q: not among the resolved document's systems", r.Key)
	}
	ownerID, err := l.bodyByKey(sys.Owner)
	if err != nil {
		return 0, fmt.Errorf("system %q: owner: %w", sys.Name, err)
	}
	aliases := sys.Aliases
	if aliases == nil {
		aliases = []string{}
	}
	in := systemIn{Name: sys.Name, Short: sys.Short, Aliases: aliases, Owner: sys.Owner}
	apply := func(m *ent.InformationSystemMutation, update bool) {
		m.SetName(in.Name)
		m.SetAliases(in.Aliases)
		m.SetAllNames(allNames(in.Name, in.Short, in.Aliases))
		if ownerID != 0 {
			m.SetOwnerID(ownerID)
		} else {
			m.ClearOwner()
		}
	}
	return upsert(l, "InformationSystem", sys.Key, in, l.c.InformationSystem.Create, l.c.InformationSystem.UpdateOneID, func(m *ent.InformationSystemMutation, update bool) {
		m.SetSourceLine(sys.Line)
		apply(m, update)
	})
}

// systems puts the referenced systems and returns their IDs, without
// duplicates, in order.
func (l *docLoader) systems(refs []resolve.Ref) ([]int, error) {
	var ids idList
	for _, r := range refs {
		id, err := l.system(r)
		if err != nil {
			return nil, err
		}
		ids.add(id)
	}
	return ids.ids, nil
}

// bodies puts the referenced bodies and returns their IDs, in order.
func (l *docLoader) bodies(refs []resolve.Ref) ([]int, error) {
	var ids idList
	for _, r := range refs {
		id, err := l.body(r)
		if err != nil {
			return nil, err
		}
		ids.add(id)
	}
	return ids.ids, nil
}

type unitIn struct {
	Code, Name string
	Aliases    []string
	Ministry   string
}

// units puts the referenced structural units and returns their IDs.
func (l *docLoader) units(refs []resolve.Ref) ([]int, error) {
	var ids idList
	for _, r := range refs {
		if r.Key == "" {
			continue
		}
		u, ok := l.res.Unit(r.Key)
		if !ok {
			return nil, fmt.Errorf("unit %q: not among the resolved document's units", r.Key)
		}
		ownerID, err := l.bodyByKey(u.Body)
		if err != nil {
			return nil, fmt.Errorf("unit %q: body: %w", u.Name, err)
		}
		in := unitIn{Code: u.Code, Name: u.Name, Aliases: u.Aliases, Ministry: u.Body}
		apply := func(m *ent.StructuralUnitMutation, update bool) {
			m.SetCode(in.Code)
			m.SetName(in.Name)
			m.SetAliases(in.Aliases)
			m.SetMinistryID(ownerID)
		}
		id, err := upsert(l, "StructuralUnit", u.Key, in, l.c.StructuralUnit.Create, l.c.StructuralUnit.UpdateOneID, func(m *ent.StructuralUnitMutation, update bool) {
			m.SetSourceLine(u.Line)
			apply(m, update)
		})
		if err != nil {
			return nil, err
		}
		ids.add(id)
	}
	return ids.ids, nil
}

// prefunctions writes the state functions the process groups of sp list
// that are not in the catalog yet, in one statement; functions then finds
// them written.
func (l *docLoader) prefunctions(sp *kct.Sphere) error {
	for _, g := range sp.ProcessGroups {
		for _, t := range g.Functions {
			if strings.TrimSpace(t) == "" {
				continue
			}
			key := functionKey(l.ownerKey, t)
			in := struct{ Text, Ministry string }{t, l.ownerKey}
			err := upsertLeaf(l, "StateFunction", key, in, l.c.StateFunction.Create, l.c.StateFunction.CreateBulk, l.c.StateFunction.UpdateOneID, func(m *ent.StateFunctionMutation, _ bool) {
				m.SetSourceLine(g.Line)
				m.SetText(t)
				m.SetMinistryID(l.ownerID)
			})
			if err != nil {
				return err
			}
		}
	}
	return l.s.flushKind(l.ctx, "StateFunction")
}

func (l *docLoader) functions(texts []string, line int) ([]int, error) {
	var ids idList
	for _, t := range texts {
		if strings.TrimSpace(t) == "" {
			continue
		}
		key := functionKey(l.ownerKey, t)
		in := struct{ Text, Ministry string }{t, l.ownerKey}
		id, err := upsert(l, "StateFunction", key, in, l.c.StateFunction.Create, l.c.StateFunction.UpdateOneID, func(m *ent.StateFunctionMutation, _ bool) {
			m.SetSourceLine(line)
			m.SetText(t)
			m.SetMinistryID(l.ownerID)
		})
		if err != nil {
			return nil, err
		}
		ids.add(id)
	}
	return ids.ids, nil
}

func (l *docLoader) services(names []string, line int) ([]int, error) {
	var ids idList
	for _, n := range names {
		if strings.TrimSpace(n) == "" {
			continue
		}
		key := serviceKey(n)
		id, err := upsert(l, "Service", key, struct{ Name string }{n}, l.c.Service.Create, l.c.Service.UpdateOneID, func(m *ent.ServiceMutation, _ bool) {
			m.SetSourceLine(line)
			m.SetName(n)
		})
		if err != nil {
			return nil, err
		}
		ids.add(id)
	}
	return ids.ids, nil
}

// ---- the map ----

var yearRange = regexp.MustCompile(`(20\d\d)\s*[-–—]\s*(20\d\d)`)

func (l *docLoader) loadMap() error {
	d := l.doc
	oid, err := l.body(l.res.Owner)
	if err != nil {
		return err
	}
	l.ownerKey, l.ownerID = l.res.Owner.Key, oid
	title := d.Title
	p := d.Passport
	if p == nil {
		p = &kct.Passport{}
	}
	if title == "" {
		title = p.Title
	}
	if title == "" {
		return fmt.Errorf("line 1: map title: expected a title page or a passport «Наименование карты цифровой трансформации», found none")
	}
	l.mapKey = l.ownerKey + "/kct-" + hash8(title)
	if err := l.s.lookup(l.ctx, "TransformationMap", []string{l.mapKey}); err != nil {
		return err
	}
	if err := l.s.loadScope(l.ctx, l.mapKey+"/"); err != nil {
		return err
	}
	// Before the map is written: the shared nodes it links now may lose
	// their last link (pruneOrphans checks them).
	if err := l.s.mapLinked(l.ctx, l.mapKey); err != nil {
		return err
	}
	dev, err := l.bodies(l.res.Development)
	if err != nil {
		return err
	}
	impl, err := l.bodies(l.res.Implementation)
	if err != nil {
		return err
	}
	var start, end int
	if m := yearRange.FindStringSubmatch(p.Period); m != nil {
		start, _ = strconv.Atoi(m[1])
		end, _ = strconv.Atoi(m[2])
	}
	fields := make([]schema.PassportField, 0, len(p.Fields))
	for _, f := range p.Fields {
		fields = append(fields, schema.PassportField(f))
	}
	targets := make([]string, 0, len(d.TargetFigures))
	for _, t := range d.TargetFigures {
		targets = append(targets, t.Text)
	}
	in := struct {
		Title, PassportTitle      string
		File, Goal, Period        string
		Start, End                int
		Docs, Spheres, Principles []string
		DevText, ImplText, Basis  []string
		Fields                    []schema.PassportField
		Intro, Targets            []string
		Dev, Impl                 []int
		Owner                     string
		Approval                  string
		TitlePage, SummaryNotes   []string
		Truncated                 bool
		Line                      int
		Mentioned                 []int `json:",omitempty"`
		Source                    string
		KPIHeading, TitleOwner    string      `json:",omitempty"`
		Mentions                  []mentionIn `json:",omitempty"`
	}{title, p.Title, d.File, p.Goal, p.Period, start, end, p.StrategicDocuments, p.Spheres, p.Principles,
		p.DevelopmentBodies, p.ImplementationBodies, p.Basis, fields, d.Introduction, targets, dev, impl,
		l.ownerKey, d.Approval, d.TitlePage, d.SummaryRoadmapNotes, d.Truncated, p.Line, nil, textDigest(d.Source),
		d.KPIHeading, d.TitleOwner, nil}
	if in.Mentioned, err = l.mentioned(-1); err != nil {
		return err
	}
	if in.Mentions, err = l.mentions(); err != nil {
		return err
	}
	apply := func(m *ent.TransformationMapMutation, update bool) {
		m.SetTitle(in.Title)
		m.SetPassportTitle(in.PassportTitle)
		m.SetSourceDocument(in.File)
		m.SetGoal(in.Goal)
		m.SetPeriod(in.Period)
		if start != 0 {
			m.SetPeriodStart(start)
			m.SetPeriodEnd(end)
		}
		m.SetStrategicDocuments(in.Docs)
		m.SetCoveredSpheres(in.Spheres)
		m.SetPrinciples(in.Principles)
		m.SetDevelopmentBodiesText(in.DevText)
		m.SetImplementationBodiesText(in.ImplText)
		m.SetBasis(in.Basis)
		m.SetPassportFields(in.Fields)
		m.SetIntroduction(in.Intro)
		m.SetTargetFigures(in.Targets)
		m.SetApproval(in.Approval)
		m.SetTitlePage(in.TitlePage)
		m.SetSummaryRoadmapNotes(in.SummaryNotes)
		m.SetTruncated(in.Truncated)
		m.SetImportedAt(l.now)
		m.SetSourceLine(in.Line)
		m.SetSourceText(d.Source)
		m.SetKpiHeading(in.KPIHeading)
		m.SetTitleOwner(in.TitleOwner)
		m.SetMinistryID(l.ownerID)
		m.ClearDevelopmentBodies()
		m.AddDevelopmentBodyIDs(dev...)
		m.ClearImplementationBodies()
		m.AddImplementationBodyIDs(impl...)
		m.ClearMentionedSystems()
		m.AddMentionedSystemIDs(in.Mentioned...)
	}
	l.mapID, err = upsert(l, "TransformationMap", l.mapKey, in, l.c.TransformationMap.Create, l.c.TransformationMap.UpdateOneID, apply)
	l.count("TransformationMap")
	return err
}

// ---- spheres, entities, attributes, experiences ----

func (l *docLoader) loadSphere(i int) error {
	sp := &l.doc.Spheres[i]
	key := l.mapKey + "/sphere-" + hash8(sp.Name)
	illegible := make([]string, 0, len(sp.Illegible))
	for _, f := range sp.Illegible {
		illegible = append(illegible, fmt.Sprintf("line %d: %s", f.Line, f.Text))
	}
	in := struct {
		Number                         int
		Name, Heading                  string
		Overview, Problems, Notes, KPI []string
		RoadmapNotes, Illegible        []string
		Line                           int
		Mentioned                      []int `json:",omitempty"`
	}{sp.Order, sp.Name, sp.Heading, sp.Overview, sp.Problems, sp.EntityNotes, sp.RoadmapKPIs, sp.RoadmapNotes, illegible, sp.Line, nil}
	var err error
	if in.Mentioned, err = l.mentioned(i); err != nil {
		return err
	}
	apply := func(m *ent.SphereMutation, update bool) {
		m.SetNumber(in.Number)
		m.SetName(in.Name)
		m.SetHeading(in.Heading)
		m.SetOverview(in.Overview)
		m.SetProblems(in.Problems)
		m.SetEntityNotes(in.Notes)
		m.SetRoadmapKpis(in.KPI)
		m.SetRoadmapNotes(in.RoadmapNotes)
		m.SetIllegible(in.Illegible)
		m.SetSourceLine(in.Line)
		m.SetMapID(l.mapID)
		m.SetMinistryID(l.ownerID)
		m.ClearMentionedSystems()
		m.AddMentionedSystemIDs(in.Mentioned...)
	}
	sid, err := upsert(l, "Sphere", key, in, l.c.Sphere.Create, l.c.Sphere.UpdateOneID, apply)
	if err != nil {
		return err
	}
	l.count("Sphere")
	l.spheres = append(l.spheres, sphereRef{id: sid, order: sp.Order, key: key, name: sp.Name})

	ek := keyer{}
	for pos, x := range sp.InternationalExperience {
		k := ek.key(key + "/exp-" + hash8(x.Country, x.Text))
		in := struct {
			Pos, Line     int
			Country, Text string
			Links         []string
		}{pos, x.Line, x.Country, x.Text, x.Links}
		apply := func(m *ent.ExperienceMutation, update bool) {
			m.SetPosition(in.Pos)
			m.SetSourceLine(in.Line)
			m.SetCountry(in.Country)
			m.SetText(in.Text)
			m.SetLinks(in.Links)
			m.SetSphereID(sid)
		}
		if err := upsertLeaf(l, "Experience", k, in, l.c.Experience.Create, l.c.Experience.CreateBulk, l.c.Experience.UpdateOneID, apply); err != nil {
			return err
		}
		l.count("Experience")
	}

	// The sphere's entities in one statement, then their attributes.
	nk := keyer{}
	keys := make([]string, len(sp.Entities))
	for pos, e := range sp.Entities {
		keys[pos] = nk.key(key + "/entity-" + hash8(e.Name))
		if err := l.loadEntity(sid, keys[pos], pos, e); err != nil {
			return err
		}
	}
	if err := l.s.flushKind(l.ctx, "Entity"); err != nil {
		return err
	}
	for pos, e := range sp.Entities {
		eid := l.s.id("Entity", keys[pos])
		l.spheres[i].entityIDs = append(l.spheres[i].entityIDs, eid)
		if err := l.loadAttributes(eid, keys[pos], e); err != nil {
			return err
		}
	}
	return nil
}

func (l *docLoader) loadEntity(sid int, key string, pos int, e kct.Entity) error {
	in := struct {
		Pos, Line                       int
		Kind, KindText, Name, CountText string
		Count                           *float64
		Digitization, DigitizationText  string
		Refs                            []string
		Extra                           []schema.PassportField `json:",omitempty"`
	}{pos, e.Line, string(e.Kind), e.KindText, e.Name, e.Count.Text, e.Count.Number, e.Digitization, e.DigitizationText, e.ProcessGroupRefs, extra(e.Extra)}
	dig := entity.DigitizationUNKNOWN
	if e.Digitization != "" && entity.DigitizationValidator(entity.Digitization(e.Digitization)) == nil {
		dig = entity.Digitization(e.Digitization)
	}
	apply := func(m *ent.EntityMutation, update bool) {
		m.SetPosition(in.Pos)
		m.SetSourceLine(in.Line)
		if in.Kind != "" {
			m.SetKind(entity.Kind(in.Kind))
		} else if update {
			m.ClearKind()
		}
		m.SetKindText(in.KindText)
		m.SetName(in.Name)
		m.SetCountText(in.CountText)
		if in.Count != nil {
			m.SetCount(*in.Count)
		} else if update {
			m.ClearCount()
		}
		m.SetDigitization(dig)
		m.SetDigitizationText(in.DigitizationText)
		m.SetProcessGroupRefs(in.Refs)
		setExtra(in.Extra, update, m.SetExtra, m.ClearExtra)
		m.SetSphereID(sid)
	}
	if err := upsertLeaf(l, "Entity", key, in, l.c.Entity.Create, l.c.Entity.CreateBulk, l.c.Entity.UpdateOneID, apply); err != nil {
		return err
	}
	l.count("Entity")
	return nil
}

// loadAttributes puts the attributes of entity e (ID eid, key key).
func (l *docLoader) loadAttributes(eid int, key string, e kct.Entity) error {
	ak := keyer{}
	for apos, a := range e.Attributes {
		k := ak.key(key + "/attr-" + hash8(a))
		in := struct {
			Pos  int
			Name string
		}{apos, a}
		if err := upsertLeaf(l, "Attribute", k, in, l.c.Attribute.Create, l.c.Attribute.CreateBulk, l.c.Attribute.UpdateOneID, func(m *ent.AttributeMutation, _ bool) {
			m.SetSourceLine(e.Line)
			m.SetPosition(apos)
			m.SetName(a)
			m.SetEntityID(eid)
		}); err != nil {
			return err
		}
		l.count("Attribute")
	}
	return nil
}

// ---- process groups and processes ----

func (l *docLoader) loadGroups(si int) error {
	sp := &l.doc.Spheres[si]
	ref := &l.spheres[si]
	rs := &l.res.Spheres[si]
	if err := l.prefunctions(sp); err != nil {
		return err
	}
	gk := keyer{}
	keys := make([]string, len(sp.ProcessGroups))
	for pos, g := range sp.ProcessGroups {
		rg := &rs.Groups[pos]
		key := gk.key(ref.key + "/pg-" + g.Code)
		keys[pos] = key
		// Entities the group manages (matched by the resolve stage).
		var entIDs idList
		for _, m := range rg.Entities {
			entIDs.add(l.spheres[m.Sphere].entityIDs[m.Entity])
		}
		unitIDs, err := l.units(rg.Units)
		if err != nil {
			return err
		}
		fnIDs, err := l.functions(g.Functions, g.Line)
		if err != nil {
			return err
		}
		svcIDs, err := l.services(g.Services, g.Line)
		if err != nil {
			return err
		}
		sysIDs, err := l.systems(rg.Systems)
		if err != nil {
			return err
		}
		fields := make([]schema.PassportField, 0, len(g.Fields))
		for _, f := range g.Fields {
			fields = append(fields, schema.PassportField(f))
		}
		in := struct {
			Pos, Line                             int
			Code, Name, TechText                  string
			Tech                                  []string
			HasAI                                 *bool
			ServicesText, Automation, AutoText    string
			SubjectObject, Reeng, ReengText       string
			Fields                                []schema.PassportField
			Units, Functions, Services, Sys, Ents []int
		}{pos, g.Line, g.Code, g.Name, g.TechnologiesText, g.Technologies, g.HasAI, g.ServicesText,
			g.Automation, g.AutomationText, g.SubjectObject, g.Reengineering, g.ReengineeringText, fields,
			unitIDs, fnIDs, svcIDs, sysIDs, entIDs.ids}
		auto := processgroup.AutomationUNKNOWN
		if processgroup.AutomationValidator(processgroup.Automation(g.Automation)) == nil && g.Automation != "" {
			auto = processgroup.Automation(g.Automation)
		}
		reeng := processgroup.ReengineeringUNKNOWN
		if processgroup.ReengineeringValidator(processgroup.Reengineering(g.Reengineering)) == nil && g.Reengineering != "" {
			reeng = processgroup.Reengineering(g.Reengineering)
		}
		apply := func(m *ent.ProcessGroupMutation, update bool) {
			m.SetPosition(in.Pos)
			m.SetSourceLine(in.Line)
			m.SetCode(in.Code)
			m.SetName(in.Name)
			m.SetTechnologiesText(in.TechText)
			m.SetTechnologies(in.Tech)
			if in.HasAI != nil {
				m.SetHasAi(*in.HasAI)
			} else if update {
				m.ClearHasAi()
			}
			m.SetServicesText(in.ServicesText)
			m.SetAutomation(auto)
			m.SetAutomationText(in.AutoText)
			m.SetSubjectObjectText(in.SubjectObject)
			m.SetReengineering(reeng)
			m.SetReengineeringText(in.ReengText)
			m.SetFields(in.Fields)
			m.SetSphereID(ref.id)
			m.ClearUnits()
			m.AddUnitIDs(in.Units...)
			m.ClearFunctions()
			m.AddFunctionIDs(in.Functions...)
			m.ClearServices()
			m.AddServiceIDs(in.Services...)
			m.ClearInformationSystems()
			m.AddInformationSystemIDs(in.Sys...)
			m.ClearEntities()
			m.AddEntityIDs(in.Ents...)
		}
		if err := upsertLeaf(l, "ProcessGroup", key, in, l.c.ProcessGroup.Create, l.c.ProcessGroup.CreateBulk, l.c.ProcessGroup.UpdateOneID, apply); err != nil {
			return err
		}
		l.count("ProcessGroup")
	}
	// The sphere's groups in one statement, then their processes.
	if err := l.s.flushKind(l.ctx, "ProcessGroup"); err != nil {
		return err
	}
	for pos, g := range sp.ProcessGroups {
		key := keys[pos]
		gid := l.s.id("ProcessGroup", key)
		ref.groupIDs = append(ref.groupIDs, gid)
		pk := keyer{}
		for ppos, p := range g.Processes {
			k := pk.key(key + "/p-" + hash8(p))
			in := struct {
				Pos  int
				Name string
			}{ppos, p}
			if err := upsertLeaf(l, "Process", k, in, l.c.Process.Create, l.c.Process.CreateBulk, l.c.Process.UpdateOneID, func(m *ent.ProcessMutation, _ bool) {
				m.SetSourceLine(g.Line)
				m.SetPosition(ppos)
				m.SetName(p)
				m.SetProcessGroupID(gid)
			}); err != nil {
				return err
			}
			l.count("Process")
		}
	}
	return nil
}

// ---- roadmap ----

func (l *docLoader) loadRoadmap(si int) error {
	sp := &l.doc.Spheres[si]
	ref := &l.spheres[si]
	rs := &l.res.Spheres[si]
	rk := keyer{}
	keys := make([]string, len(sp.Roadmap))
	for pos, it := range sp.Roadmap {
		name := it.ProcessGroupName
		if name == "" {
			name = it.Technologies
		}
		key := rk.key(ref.key + "/rm-" + hash8(name))
		keys[pos] = key
		unitIDs, err := l.units(rs.Roadmap[pos].Units)
		if err != nil {
			return err
		}
		gid := 0
		if gi := rs.Roadmap[pos].Group; gi >= 0 {
			gid = ref.groupIDs[gi]
		}
		in := struct {
			Pos, Line   int
			Name, Tech  string
			Units       []string
			UnitIDs     []int
			Group       int
			Fragmentary bool
			Extra       []schema.PassportField `json:",omitempty"`
		}{pos, it.Line, it.ProcessGroupName, it.Technologies, it.Units, unitIDs, gid, it.Fragmentary, extra(it.Extra)}
		apply := func(m *ent.RoadmapItemMutation, update bool) {
			m.SetPosition(in.Pos)
			m.SetSourceLine(in.Line)
			m.SetProcessGroupName(in.Name)
			m.SetTechnologies(in.Tech)
			m.SetUnitsText(in.Units)
			m.SetFragmentary(in.Fragmentary)
			setExtra(in.Extra, update, m.SetExtra, m.ClearExtra)
			m.SetSphereID(ref.id)
			if gid != 0 {
				m.SetProcessGroupID(gid)
			} else {
				m.ClearProcessGroup()
			}
			m.ClearUnits()
			m.AddUnitIDs(in.UnitIDs...)
		}
		if err := upsertLeaf(l, "RoadmapItem", key, in, l.c.RoadmapItem.Create, l.c.RoadmapItem.CreateBulk, l.c.RoadmapItem.UpdateOneID, apply); err != nil {
			return err
		}
		l.count("RoadmapItem")
	}
	// The sphere's roadmap items in one statement, then their steps.
	if err := l.s.flushKind(l.ctx, "RoadmapItem"); err != nil {
		return err
	}
	for pos, it := range sp.Roadmap {
		key := keys[pos]
		iid := l.s.id("RoadmapItem", key)
		for _, q := range it.Quarters {
			for _, code := range q.Codes {
				k := fmt.Sprintf("%s/%dq%d%s", key, q.Year, q.Quarter, code)
				in := struct {
					Year, Quarter int
					Code, Text    string
					Budget        bool
				}{q.Year, q.Quarter, code, q.Text, q.BudgetDependent}
				if roadmapstep.CodeValidator(roadmapstep.Code(code)) != nil {
					return fmt.Errorf("line %d: roadmap quarter %d/%d: expected codes R, F or D, got %q", it.Line, q.Quarter, q.Year, q.Text)
				}
				apply := func(m *ent.RoadmapStepMutation, update bool) {
					m.SetYear(in.Year)
					m.SetQuarter(in.Quarter)
					m.SetPeriod(in.Year*10 + in.Quarter)
					m.SetCode(roadmapstep.Code(in.Code))
					m.SetText(in.Text)
					m.SetBudgetDependent(in.Budget)
					m.SetSourceLine(it.Line)
					m.SetItemID(iid)
				}
				if err := upsertLeaf(l, "RoadmapStep", k, in, l.c.RoadmapStep.Create, l.c.RoadmapStep.CreateBulk, l.c.RoadmapStep.UpdateOneID, apply); err != nil {
					return err
				}
				l.count("RoadmapStep")
			}
		}
	}
	return nil
}

// ---- KPIs ----

// mentioned puts the systems the running text of sphere si (-1: the map's
// own text) names and returns their IDs.
func (l *docLoader) mentioned(si int) ([]int, error) {
	var ids idList
	for _, m := range l.res.Mentions {
		if m.Sphere != si {
			continue
		}
		id, err := l.system(m.System)
		if err != nil {
			return nil, err
		}
		ids.add(id)
	}
	return ids.ids, nil
}

// sphereID is the ID of the sphere a resolve.SphereMatch names (0: none).
func (l *docLoader) sphereID(m resolve.SphereMatch) int {
	if m.Sphere < 0 {
		return 0
	}
	return l.spheres[m.Sphere].id
}

func (l *docLoader) loadKPIs() error {
	kk := keyer{}
	keys := make([]string, len(l.doc.KPIs))
	for pos, k := range l.doc.KPIs {
		// Keyed by the name without its item number and final stop, so a
		// renumbered KPI keeps its node (and keys stay those of earlier imports).
		keyName := k.NormName
		if keyName == "" {
			keyName = k.Name
		}
		key := kk.key(l.mapKey + "/kpi-" + hash8(k.Group, keyName))
		keys[pos] = key
		sid := l.sphereID(l.res.KPIs[pos])
		in := struct {
			Pos, Line                 int
			Group, Number, Name, Unit string
			Strategic                 bool
			Sphere                    int
			Extra                     []schema.PassportField `json:",omitempty"`
		}{pos, k.Line, k.Group, k.Number, k.Name, k.Unit, k.Strategic, sid, extra(k.Extra)}
		apply := func(m *ent.KPIMutation, update bool) {
			m.SetPosition(in.Pos)
			m.SetSourceLine(in.Line)
			m.SetGroup(in.Group)
			m.SetNumber(in.Number)
			m.SetName(in.Name)
			m.SetUnit(in.Unit)
			m.SetStrategic(in.Strategic)
			setExtra(in.Extra, update, m.SetExtra, m.ClearExtra)
			m.SetMapID(l.mapID)
			if sid != 0 {
				m.SetSphereID(sid)
			} else {
				m.ClearSphere()
			}
		}
		if err := upsertLeaf(l, "KPI", key, in, l.c.KPI.Create, l.c.KPI.CreateBulk, l.c.KPI.UpdateOneID, apply); err != nil {
			return err
		}
		l.count("KPI")
	}
	// The KPIs in one statement, then their targets.
	if err := l.s.flushKind(l.ctx, "KPI"); err != nil {
		return err
	}
	for pos, k := range l.doc.KPIs {
		key := keys[pos]
		kid := l.s.id("KPI", key)
		for _, v := range k.Values {
			tk := fmt.Sprintf("%s/%d", key, v.Year)
			in := struct {
				Year  int
				Text  string
				Value *float64
			}{v.Year, v.Text, v.Number}
			apply := func(m *ent.KPITargetMutation, update bool) {
				m.SetYear(in.Year)
				m.SetText(in.Text)
				if in.Value != nil {
					m.SetValue(*in.Value)
				} else if update {
					m.ClearValue()
				}
				m.SetSourceLine(k.Line)
				m.SetKpiID(kid)
			}
			if err := upsertLeaf(l, "KPITarget", tk, in, l.c.KPITarget.Create, l.c.KPITarget.CreateBulk, l.c.KPITarget.UpdateOneID, apply); err != nil {
				return err
			}
			l.count("KPITarget")
		}
	}
	return nil
}

// ---- summary roadmap ----

func (l *docLoader) loadSchedules() error {
	pos := 0
	sphereUnits := map[int][]int{} // sphere → units the summary roadmap names
	for ri, r := range l.doc.SummaryRoadmap {
		sid := l.sphereID(l.res.Summary[ri].Sphere)
		unitIDs, err := l.units(l.res.Summary[ri].Units)
		if err != nil {
			return err
		}
		if sid != 0 {
			sphereUnits[sid] = append(sphereUnits[sid], unitIDs...)
		}
		for _, y := range r.Years {
			key := fmt.Sprintf("%s/sched-%s/%d", l.mapKey, hash8(r.Sphere), y.Year)
			in := struct {
				Pos, Line, Year int
				Sphere, Text    string
				Units, Codes    []string
				SphereID        int
				UnitIDs         []int
				Extra           []schema.PassportField `json:",omitempty"`
			}{pos, r.Line, y.Year, r.Sphere, y.Text, r.Units, y.Codes, sid, unitIDs, extra(r.Extra)}
			pos++
			apply := func(m *ent.SphereScheduleMutation, update bool) {
				m.SetPosition(in.Pos)
				m.SetSourceLine(in.Line)
				m.SetYear(in.Year)
				m.SetSphereText(in.Sphere)
				m.SetText(in.Text)
				m.SetUnitsText(in.Units)
				m.SetCodes(in.Codes)
				setExtra(in.Extra, update, m.SetExtra, m.ClearExtra)
				m.SetMapID(l.mapID)
				if sid != 0 {
					m.SetSphereID(sid)
				} else {
					m.ClearSphere()
				}
				m.ClearUnits()
				m.AddUnitIDs(in.UnitIDs...)
			}
			if err := upsertLeaf(l, "SphereSchedule", key, in, l.c.SphereSchedule.Create, l.c.SphereSchedule.CreateBulk, l.c.SphereSchedule.UpdateOneID, apply); err != nil {
				return err
			}
			l.count("SphereSchedule")
		}
	}
	return l.setSphereUnits(sphereUnits)
}

// setSphereUnits makes each sphere's responsible units those the summary
// roadmap names, changing only the spheres whose units differ.
func (l *docLoader) setSphereUnits(units map[int][]int) error {
	for _, sp := range l.spheres {
		want := map[int]bool{}
		for _, id := range units[sp.id] {
			want[id] = true
		}
		var have []int // a sphere this import created has none yet
		if !l.s.tables["Sphere"].created[sp.key] {
			var err error
			if have, err = l.c.StructuralUnit.Query().Where(structuralunit.HasSpheresWith(sphere.ID(sp.id))).IDs(l.ctx); err != nil {
				return fmt.Errorf("sphere %s units: %w", sp.name, err)
			}
		}
		same := len(have) == len(want)
		for _, id := range have {
			same = same && want[id]
		}
		if same {
			continue
		}
		ids := make([]int, 0, len(want))
		for id := range want {
			ids = append(ids, id)
		}
		if err := l.c.Sphere.UpdateOneID(sp.id).ClearResponsibleUnits().AddResponsibleUnitIDs(ids...).Exec(l.ctx); err != nil {
			return fmt.Errorf("sphere %s units: %w", sp.name, err)
		}
		l.s.counts["Sphere"].Updated++
		l.s.changes = append(l.s.changes, Change{"update", "Sphere", sp.key})
	}
	return nil
}

// ---- planned services ----

func (l *docLoader) loadServicePlans() error {
	for pi, p := range l.doc.PlannedServices {
		key := l.mapKey + "/services-" + hash8(p.Body)
		bid, err := l.body(l.res.PlannedServices[pi])
		if err != nil {
			return err
		}
		auto := make([]schema.YearFigure, 0, len(p.Automation))
		for _, a := range p.Automation {
			auto = append(auto, schema.YearFigure{Year: a.Year, Text: a.Text, Value: a.Number})
		}
		in := struct {
			Line                                 int
			Body                                 string
			Total, Potential, Digital, Proactive kct.Value
			Automation                           []schema.YearFigure
			BodyID                               int
			Extra                                []schema.PassportField `json:",omitempty"`
		}{p.Line, p.Body, p.Total, p.Potential, p.Digital, p.Proactive, auto, bid, extra(p.Extra)}
		apply := func(m *ent.ServicePlanMutation, update bool) {
			m.SetSourceLine(in.Line)
			m.SetBodyText(in.Body)
			set := func(v kct.Value, text func(string), num func(float64), clear func()) {
				text(v.Text)
				if v.Number != nil {
					num(*v.Number)
				} else if update {
					clear()
				}
			}
			set(in.Total, m.SetTotalText, m.SetTotal, m.ClearTotal)
			set(in.Potential, m.SetPotentialText, m.SetPotential, m.ClearPotential)
			set(in.Digital, m.SetDigitalText, m.SetDigital, m.ClearDigital)
			set(in.Proactive, m.SetProactiveText, m.SetProactive, m.ClearProactive)
			m.SetAutomation(in.Automation)
			setExtra(in.Extra, update, m.SetExtra, m.ClearExtra)
			m.SetMapID(l.mapID)
			if bid != 0 {
				m.SetBodyID(bid)
			} else if update {
				m.ClearBody()
			}
		}
		if err := upsertLeaf(l, "ServicePlan", key, in, l.c.ServicePlan.Create, l.c.ServicePlan.CreateBulk, l.c.ServicePlan.UpdateOneID, apply); err != nil {
			return err
		}
		l.count("ServicePlan")
	}
	return nil
}

// ---- integrations ----

func (l *docLoader) loadIntegrations() error {
	ik := keyer{}
	for pos, it := range l.doc.Integrations {
		key := ik.key(l.mapKey + "/int-" + hash8(it.Domain, strings.Join(it.DataNames, "|"), it.ConsumerSystem, it.ProviderSystem))
		ri := l.res.Integrations[pos]
		cb, err := l.body(ri.ConsumerBody)
		if err != nil {
			return err
		}
		pb, err := l.body(ri.ProviderBody)
		if err != nil {
			return err
		}
		cs, err := l.system(ri.ConsumerSystem)
		if err != nil {
			return err
		}
		ps, err := l.system(ri.ProviderSystem)
		if err != nil {
			return err
		}
		var deadline *time.Time
		if it.DeadlineYear != 0 && it.DeadlineMonth >= 1 && it.DeadlineMonth <= 12 {
			t := time.Date(it.DeadlineYear, time.Month(it.DeadlineMonth)+1, 0, 0, 0, 0, 0, time.UTC)
			deadline = &t
		}
		status := integration.StatusPLANNED
		if it.Status != "" {
			status = integrationStatus(it.Status)
		}
		in := struct {
			Pos, Line                    int
			Number, Domain               string
			Data                         []string
			CB, CS, PB, PS, DeadlineText string
			Deadline                     *time.Time
			Status, StatusText           string
			IDs                          [4]int
			Extra                        []schema.PassportField `json:",omitempty"`
		}{pos, it.Line, it.Number, it.Domain, it.DataNames, it.ConsumerBody, it.ConsumerSystem, it.ProviderBody,
			it.ProviderSystem, it.DeadlineText, deadline, string(status), it.Status, [4]int{cb, cs, pb, ps}, extra(it.Extra)}
		apply := func(m *ent.IntegrationMutation, update bool) {
			m.SetPosition(in.Pos)
			m.SetSourceLine(in.Line)
			m.SetNumber(in.Number)
			m.SetDomain(in.Domain)
			m.SetDataNames(in.Data)
			m.SetDataText(strings.Join(in.Data, "; "))
			m.SetConsumerBodyText(in.CB)
			m.SetConsumerSystemText(in.CS)
			m.SetProviderBodyText(in.PB)
			m.SetProviderSystemText(in.PS)
			m.SetDeadlineText(in.DeadlineText)
			if deadline != nil {
				m.SetDeadline(*deadline)
			} else if update {
				m.ClearDeadline()
			}
			m.SetStatus(status)
			m.SetStatusText(in.StatusText)
			setExtra(in.Extra, update, m.SetExtra, m.ClearExtra)
			m.SetMapID(l.mapID)
			setOrClear(cb, m.SetConsumerBodyID, m.ClearConsumerBody)
			setOrClear(cs, m.SetConsumerSystemID, m.ClearConsumerSystem)
			setOrClear(pb, m.SetProviderBodyID, m.ClearProviderBody)
			setOrClear(ps, m.SetProviderSystemID, m.ClearProviderSystem)
		}
		if err := upsertLeaf(l, "Integration", key, in, l.c.Integration.Create, l.c.Integration.CreateBulk, l.c.Integration.UpdateOneID, apply); err != nil {
			return err
		}
		l.count("Integration")
	}
	return nil
}

func integrationStatus(text string) integration.Status {
	t := norm(text)
	switch {
	case strings.Contains(t, "реализован") || strings.Contains(t, "выполнен") || strings.Contains(t, "заверш"):
		return integration.StatusDONE
	case strings.Contains(t, "в работе") || strings.Contains(t, "реализуется"):
		return integration.StatusIN_PROGRESS
	case strings.Contains(t, "план") || strings.Contains(t, "подтвержд"):
		return integration.StatusPLANNED
	}
	return integration.StatusUNKNOWN
}

func setOrClear(id int, set func(int), clear func()) {
	if id != 0 {
		set(id)
	} else {
		clear()
	}
}

// ---- icebreakers, needs, unattached text ----

func (l *docLoader) loadIcebreakers() error {
	ik := keyer{}
	for pos, ib := range l.doc.Icebreakers {
		key := ik.key(l.mapKey + "/ice-" + hash8(ib.Name))
		ri := l.res.Icebreakers[pos]
		bodyIDs, err := l.bodies(ri.Bodies)
		if err != nil {
			return err
		}
		sysIDs, err := l.systems(ri.Systems)
		if err != nil {
			return err
		}
		in := struct {
			Pos, Line          int
			Name, Body         string
			Desc, Goals, Tasks []string
			Bodies, Sys        []int
			Extra              []schema.PassportField `json:",omitempty"`
		}{pos, ib.Line, ib.Name, ib.Body, ib.Description, ib.Goals, ib.Tasks, bodyIDs, sysIDs, extra(ib.Extra)}
		apply := func(m *ent.IcebreakerMutation, update bool) {
			m.SetPosition(in.Pos)
			m.SetSourceLine(in.Line)
			m.SetName(in.Name)
			m.SetBodyText(in.Body)
			m.SetDescription(in.Desc)
			m.SetGoals(in.Goals)
			m.SetTasks(in.Tasks)
			setExtra(in.Extra, update, m.SetExtra, m.ClearExtra)
			m.SetMapID(l.mapID)
			m.ClearBodies()
			m.AddBodyIDs(in.Bodies...)
			m.ClearSystems()
			m.AddSystemIDs(in.Sys...)
		}
		if err := upsertLeaf(l, "Icebreaker", key, in, l.c.Icebreaker.Create, l.c.Icebreaker.CreateBulk, l.c.Icebreaker.UpdateOneID, apply); err != nil {
			return err
		}
		l.count("Icebreaker")
	}
	return nil
}

func (l *docLoader) loadNeeds() error {
	nk := keyer{}
	for pos, n := range l.doc.Needs {
		key := nk.key(l.mapKey + "/need-" + hash8(n.ProcessGroupName, n.BodyText, n.Text))
		rn := l.res.Needs[pos]
		bodyIDs, err := l.bodies(rn.Bodies)
		if err != nil {
			return err
		}
		sysIDs, err := l.systems(rn.Systems)
		if err != nil {
			return err
		}
		gid := 0
		if rn.Group >= 0 {
			gid = l.spheres[rn.GroupSphere].groupIDs[rn.Group]
		}
		in := struct {
			Pos, Line                 int
			Number, Group, Body, Text string
			GroupID                   int
			Bodies, Sys               []int
			Extra                     []schema.PassportField `json:",omitempty"`
		}{pos, n.Line, n.Number, n.ProcessGroupName, n.BodyText, n.Text, gid, bodyIDs, sysIDs, extra(n.Extra)}
		apply := func(m *ent.NeedMutation, update bool) {
			m.SetPosition(in.Pos)
			m.SetSourceLine(in.Line)
			m.SetNumber(in.Number)
			m.SetProcessGroupName(in.Group)
			m.SetBodyText(in.Body)
			m.SetText(in.Text)
			setExtra(in.Extra, update, m.SetExtra, m.ClearExtra)
			m.SetMapID(l.mapID)
			setOrClear(gid, m.SetProcessGroupID, m.ClearProcessGroup)
			m.ClearBodies()
			m.AddBodyIDs(in.Bodies...)
			m.ClearSystems()
			m.AddSystemIDs(in.Sys...)
		}
		if err := upsertLeaf(l, "Need", key, in, l.c.Need.Create, l.c.Need.CreateBulk, l.c.Need.UpdateOneID, apply); err != nil {
			return err
		}
		l.count("Need")
	}
	return nil
}

func (l *docLoader) loadFragments() error {
	fk := keyer{}
	for _, f := range l.doc.Unattached {
		key := fk.key(l.mapKey + "/frag-" + hash8(f.Text))
		in := struct {
			Line         int
			Text, Reason string
		}{f.Line, f.Text, f.Reason}
		if err := upsertLeaf(l, "SourceFragment", key, in, l.c.SourceFragment.Create, l.c.SourceFragment.CreateBulk, l.c.SourceFragment.UpdateOneID, func(m *ent.SourceFragmentMutation, _ bool) {
			m.SetSourceLine(f.Line)
			m.SetText(f.Text)
			m.SetReason(f.Reason)
			m.SetMapID(l.mapID)
		}); err != nil {
			return err
		}
		l.count("SourceFragment")
	}
	return nil
}

// extra converts the cells kept under columns that were not understood.
func extra(fs []kct.Field) []schema.PassportField {
	if len(fs) == 0 {
		return nil
	}
	out := make([]schema.PassportField, len(fs))
	for i, f := range fs {
		out[i] = schema.PassportField(f)
	}
	return out
}

// setExtra stores the raw cells of a row, clearing them on update when the
// row has none any more.
func setExtra(x []schema.PassportField, update bool, set func([]schema.PassportField), clear func()) {
	if len(x) > 0 {
		set(x)
	} else if update {
		clear()
	}
}

// mentionIn is one system named in running text, as the map's digest sees it.
type mentionIn struct {
	System, Sphere, Line int
	Field, Text          string
}

// mentions puts the systems the document's running text names and returns
// each mention (Sphere is the sphere's index, -1 for the map's own text).
func (l *docLoader) mentions() ([]mentionIn, error) {
	out := make([]mentionIn, 0, len(l.res.Mentions))
	for _, m := range l.res.Mentions {
		id, err := l.system(m.System)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", m.Line, err)
		}
		if id == 0 {
			continue
		}
		out = append(out, mentionIn{System: id, Sphere: m.Sphere, Line: m.Line, Field: m.Field, Text: m.System.Text})
	}
	return out, nil
}

// loadMentions writes the map's SystemMention rows. They follow the map's
// text: when the map node is unchanged (same text, same systems), so are
// they; otherwise the map's mentions are replaced.
func (l *docLoader) loadMentions() error {
	ms, err := l.mentions()
	if err != nil {
		return err
	}
	l.nodes["SystemMention"] += len(ms)
	if !l.s.changed("TransformationMap", l.mapKey) {
		return nil
	}
	if _, err := l.c.SystemMention.Delete().Where(systemmention.HasMapWith(transformationmap.ID(l.mapID))).Exec(l.ctx); err != nil {
		return fmt.Errorf("replace the map's system mentions: %w", err)
	}
	for i := 0; i < len(ms); i += keysChunk {
		part := ms[i:min(i+keysChunk, len(ms))]
		err := l.c.SystemMention.MapCreateBulk(part, func(c *ent.SystemMentionCreate, j int) {
			m := part[j]
			c.SetPosition(i + j).SetSourceLine(m.Line).SetText(m.Text).SetField(m.Field).
				SetMapID(l.mapID).SetSystemID(m.System)
			if m.Sphere >= 0 {
				c.SetSphereID(l.spheres[m.Sphere].id)
			}
		}).Exec(l.ctx)
		if err != nil {
			return fmt.Errorf("line %d: write the map's system mentions: %w", part[0].Line, err)
		}
	}
	return nil
}

// allNames joins every spelling of a body or system for filtering.
func allNames(name, short string, aliases []string) string {
	var parts []string
	seen := map[string]bool{}
	for _, n := range append([]string{name, short}, aliases...) {
		if n != "" && !seen[n] {
			seen[n] = true
			parts = append(parts, n)
		}
	}
	return strings.Join(parts, " | ")
}

// keyedMutation is what every node's mutation offers the loader.
type keyedMutation interface {
	SetKey(string)
	SetDigest(string)
	ID() (int, bool)
	SourceLine() (int, bool)
}

// writeError names what failed to be written and, as "line N: ", the line
// of the document element it came from (located turns it into file:line).
func writeError(op, typ, key string, m keyedMutation, err error) error {
	if line, ok := m.SourceLine(); ok && line > 0 {
		return fmt.Errorf("line %d: %s %s %s: %w", line, op, typ, key, err)
	}
	return fmt.Errorf("%s %s %s: %w", op, typ, key, err)
}

// upsert puts one node through the store with ent's typed builders: create
// and update are the client's Create and UpdateOneID, apply sets the content
// on both (update is true on update, where absent optional values are
// cleared).
func upsert[M keyedMutation, N any, C interface {
	Mutation() M
	Save(context.Context) (N, error)
}, U interface {
	Mutation() M
	Exec(context.Context) error
}](l *docLoader, typ, key string, in any, create func() C, update func(int) U, apply func(m M, update bool)) (int, error) {
	return l.s.put(l.ctx, typ, key, in, func(dg string) (int, error) {
		c := create()
		m := c.Mutation()
		m.SetKey(key)
		m.SetDigest(dg)
		apply(m, false)
		if _, err := c.Save(l.ctx); err != nil {
			return 0, writeError("create", typ, key, m, err)
		}
		id, ok := m.ID()
		if !ok {
			return 0, fmt.Errorf("%s %s: saved without an ID", typ, key)
		}
		return id, nil
	}, updater(l, typ, key, update, apply))
}

// updater writes an update of the node typ/key at once, for upsert and
// upsertLeaf: the new digest and the content (apply with update true).
func updater[M keyedMutation, U interface {
	Mutation() M
	Exec(context.Context) error
}](l *docLoader, typ, key string, update func(int) U, apply func(m M, update bool)) func(id int, dg string) error {
	return func(id int, dg string) error {
		u := update(id)
		m := u.Mutation()
		m.SetDigest(dg)
		apply(m, true)
		if err := u.Exec(l.ctx); err != nil {
			return writeError("update", typ, key, m, err)
		}
		return nil
	}
}

// upsertLeaf is upsert without the ID: a new node is not written at once
// but queued, and the store writes the queued nodes of a kind together, in
// one statement per keysChunk nodes (with their edges' join rows batched
// per table). The loader calls it for nodes no other node points at
// (attributes, processes, …), written at the end of the document
// (store.flush), and for nodes whose children it writes after flushing
// their kind (store.flushKind, then store.id: a sphere's entities, process
// groups and roadmap items, the KPIs, the functions of a sphere's groups). An update
// is written at once, as by upsert.
func upsertLeaf[M keyedMutation, N any, C interface {
	Mutation() M
	Save(context.Context) (N, error)
}, B interface {
	Exec(context.Context) error
}, U interface {
	Mutation() M
	Exec(context.Context) error
}](l *docLoader, typ, key string, in any, create func() C, bulk func(...C) B, update func(int) U, apply func(m M, update bool)) error {
	_, err := l.s.put(l.ctx, typ, key, in, func(dg string) (int, error) {
		c := create()
		m := c.Mutation()
		m.SetKey(key)
		m.SetDigest(dg)
		apply(m, false)
		l.s.queue(typ, key, c, func(ctx context.Context, items []queued) ([]int, error) {
			return createBulk(ctx, typ, items, bulk)
		})
		return 0, nil
	}, updater(l, typ, key, update, apply))
	return err
}

// createBulk writes the queued nodes items of kind typ (their builders are
// Cs) in one statement and returns their IDs. A validation error is found
// before anything is sent: the nodes are then saved one by one, so that the
// error names the node (and line) that failed.
func createBulk[M keyedMutation, N any, C interface {
	Mutation() M
	Save(context.Context) (N, error)
}, B interface {
	Exec(context.Context) error
}](ctx context.Context, typ string, items []queued, bulk func(...C) B) ([]int, error) {
	cs := make([]C, len(items))
	for i, it := range items {
		cs[i] = it.builder.(C)
	}
	if err := bulk(cs...).Exec(ctx); err != nil {
		var v *ent.ValidationError
		if errors.As(err, &v) {
			for i, c := range cs {
				if _, err := c.Save(ctx); err != nil {
					return nil, writeError("create", typ, items[i].key, c.Mutation(), err)
				}
			}
		}
		what := items[0].key
		if len(items) > 1 {
			what = fmt.Sprintf("%s and %d more", what, len(items)-1)
		}
		return nil, writeError("create", typ, what, cs[0].Mutation(), err)
	}
	ids := make([]int, len(cs))
	for i, c := range cs {
		id, ok := c.Mutation().ID()
		if !ok {
			return nil, fmt.Errorf("%s %s: saved without an ID", typ, items[i].key)
		}
		ids[i] = id
	}
	return ids, nil
}

// idList collects node IDs in order, without repeats or zeros (names that
// resolved to nothing).
type idList struct {
	ids  []int
	seen map[int]bool
}

func (l *idList) add(id int) {
	if id == 0 || l.seen[id] {
		return
	}
	if l.seen == nil {
		l.seen = map[int]bool{}
	}
	l.seen[id] = true
	l.ids = append(l.ids, id)
}
