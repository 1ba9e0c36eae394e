package resolve

import (
	"fmt"

	"github.com/karta/karta/seeds/identity"
	"github.com/karta/karta/seeds/kct"
)

// Document is a parsed map with every name of it resolved. Doc is the parsed
// document as the parser gave it; the other fields say, element by element
// (same indexes as Doc's slices), which node each name means.
type Document struct {
	Doc  *kct.Document `json:"-"`
	File string        `json:"file"`
	// Owner is the body whose map this is: the ministry (or akimat), also when
	// one of its committees developed the map.
	Owner Ref `json:"owner"`
	// Development and Implementation are the passport's bodies.
	Development    []Ref `json:"development,omitempty"`
	Implementation []Ref `json:"implementation,omitempty"`
	// Abbreviations are those the document teaches ("… (КАЭНК)", initials of
	// a body it names in full) and that the alias table does not know.
	Abbreviations []Abbreviation `json:"abbreviations,omitempty"`
	Spheres       []Sphere       `json:"spheres,omitempty"`
	// KPIs are the spheres the KPI groups name (same index as Doc.KPIs).
	KPIs []SphereMatch `json:"kpis,omitempty"`
	// Summary is the summary roadmap (same index as Doc.SummaryRoadmap).
	Summary []SummaryRow `json:"summary,omitempty"`
	// PlannedServices are the bodies of the planned-services rows.
	PlannedServices []Ref         `json:"plannedServices,omitempty"`
	Integrations    []Integration `json:"integrations,omitempty"`
	Icebreakers     []Icebreaker  `json:"icebreakers,omitempty"`
	Needs           []Need        `json:"needs,omitempty"`
	// Mentions are the systems named in running text (sphere overviews and
	// problems, the introduction, icebreaker descriptions) with where.
	Mentions []Mention `json:"mentions,omitempty"`

	// Bodies, Systems and Units are the shared nodes the document names,
	// each once, in the order first met; parents and owners included.
	Bodies  []Body   `json:"bodies,omitempty"`
	Systems []System `json:"systems,omitempty"`
	Units   []Unit   `json:"units,omitempty"`

	bodyIdx, sysIdx, unitIdx map[string]int
}

// Ref is one name as written and the node it resolves to.
type Ref struct {
	Text string `json:"text"`
	// Key is the node's key ("" when the text names nothing).
	Key   string         `json:"key,omitempty"`
	Match identity.Match `json:"match"`
	// Via says how the match was made when not by the alias table alone:
	// "cell body МТСЗН", "document abbreviation", "map ministry", …
	Via string `json:"via,omitempty"`
	// Data is what the text names in parentheses after a system that is not
	// part of its name ("БДИК (ИИН, номер, IMEI)" → ИИН, номер, IMEI).
	Data []string `json:"data,omitempty"`
}

// Abbreviation is an abbreviation a document teaches.
type Abbreviation struct {
	Short string `json:"short"`
	// Name is the full name as written, Key the body it resolves to.
	Name string `json:"name"`
	Key  string `json:"key"`
	// Source is "parentheses" ("Комитет … (КАЭНК)"), "initials" (the
	// initials of a body the passport names), "KPI heading" or
	// "planned-services heading" (the abbreviation the heading names the
	// owner by), or "akimat" (another way to write an akimat's name).
	Source string `json:"source"`
}

// Body is a state body node.
type Body struct {
	Key     string   `json:"key"`
	Name    string   `json:"name"`
	Short   string   `json:"short,omitempty"`
	Kind    string   `json:"kind"`
	Parent  string   `json:"parent,omitempty"`
	Aliases []string `json:"aliases,omitempty"`
	// Line is the alias table's line (0 when the table does not know it).
	Line  int  `json:"line,omitempty"`
	Known bool `json:"known"`
	// Where is where the document first names a body the table does not
	// know ("line 27"), for the curator.
	Where string `json:"where,omitempty"`
}

// System is an information system node.
type System struct {
	Key     string   `json:"key"`
	Name    string   `json:"name"`
	Short   string   `json:"short,omitempty"`
	Owner   string   `json:"owner,omitempty"`
	Aliases []string `json:"aliases,omitempty"`
	Line    int      `json:"line,omitempty"`
	Known   bool     `json:"known"`
	Where   string   `json:"where,omitempty"`
}

// Unit is a structural unit node (or a body named in a unit column, then
// Key is "unit/" + the body's key).
type Unit struct {
	Key     string   `json:"key"`
	Code    string   `json:"code"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
	// Body is the key of the body the unit belongs to.
	Body  string `json:"body"`
	Line  int    `json:"line,omitempty"`
	Known bool   `json:"known"`
	Where string `json:"where,omitempty"`
}

// Sphere holds the matches of one sphere (same index as Doc.Spheres).
type Sphere struct {
	Name    string        `json:"name"`
	Groups  []Group       `json:"groups,omitempty"`
	Roadmap []RoadmapItem `json:"roadmap,omitempty"`
}

// Group holds the matches of one process group (same index as the sphere's
// ProcessGroups).
type Group struct {
	Code string `json:"code"`
	// Entities are the entities the group manages: named by the entity rows
	// of the sphere (by code) and by the group's subject/object cell (by
	// name, possibly in another sphere).
	Entities []EntityMatch `json:"entities,omitempty"`
	Units    []Ref         `json:"units,omitempty"`
	Systems  []Ref         `json:"systems,omitempty"`
}

// EntityMatch is an entity of the document (sphere and entity index into
// Doc) and how it was found.
type EntityMatch struct {
	Sphere int    `json:"sphere"`
	Entity int    `json:"entity"`
	Name   string `json:"name"`
	// Via is "entity row" (the row lists the group's code) or "name «…»"
	// (the group's subject/object cell names it).
	Via string `json:"via"`
}

// RoadmapItem holds the matches of one roadmap row.
type RoadmapItem struct {
	Units []Ref `json:"units,omitempty"`
	// Group is the index of the sphere's process group (-1: none).
	Group int `json:"group"`
}

// SphereMatch is a sphere named by text (-1: none), with the score of the
// match (the share of the sphere's word stems the text has).
type SphereMatch struct {
	Text   string  `json:"text"`
	Sphere int     `json:"sphere"`
	Score  float64 `json:"score,omitempty"`
	Via    string  `json:"via,omitempty"`
}

// SummaryRow holds the matches of one summary roadmap row.
type SummaryRow struct {
	Sphere SphereMatch `json:"sphere"`
	Units  []Ref       `json:"units,omitempty"`
}

// Integration holds the four names of an integration row.
type Integration struct {
	ConsumerBody   Ref `json:"consumerBody"`
	ConsumerSystem Ref `json:"consumerSystem"`
	ProviderBody   Ref `json:"providerBody"`
	ProviderSystem Ref `json:"providerSystem"`
}

// Icebreaker holds the names of a flagship project.
type Icebreaker struct {
	Bodies  []Ref `json:"bodies,omitempty"`
	Systems []Ref `json:"systems,omitempty"`
}

// Need holds the matches of one need row.
type Need struct {
	// Group is the process group the row names (sphere, index; -1 none).
	GroupSphere int    `json:"groupSphere"`
	Group       int    `json:"group"`
	GroupVia    string `json:"groupVia,omitempty"`
	Bodies      []Ref  `json:"bodies,omitempty"`
	Systems     []Ref  `json:"systems,omitempty"`
}

// Mention is a system named in running text.
type Mention struct {
	System Ref `json:"system"`
	Line   int `json:"line"`
	// Sphere is the index of the sphere whose text names it (-1: the map's
	// own text).
	Sphere int    `json:"sphere"`
	Field  string `json:"field"`
}

// Body returns the body node with key.
func (d *Document) Body(key string) (Body, bool) {
	i, ok := d.bodyIdx[key]
	if !ok {
		return Body{}, false
	}
	return d.Bodies[i], true
}

// System returns the system node with key.
func (d *Document) System(key string) (System, bool) {
	i, ok := d.sysIdx[key]
	if !ok {
		return System{}, false
	}
	return d.Systems[i], true
}

// Unit returns the unit node with key.
func (d *Document) Unit(key string) (Unit, bool) {
	i, ok := d.unitIdx[key]
	if !ok {
		return Unit{}, false
	}
	return d.Units[i], true
}

// New lists the bodies, systems and units of the document that the alias
// table does not know, one line each ("body «…» [key] line 27, parent …"),
// for a curator to confirm.
func (d *Document) New() []string {
	var out []string
	for _, b := range d.Bodies {
		if !b.Known {
			s := fmt.Sprintf("body «%s» [%s] %s", b.Name, b.Key, b.Where)
			if b.Parent != "" {
				s += ", parent " + b.Parent
			}
			out = append(out, s)
		}
	}
	for _, u := range d.Units {
		if !u.Known {
			out = append(out, fmt.Sprintf("unit «%s» [%s] %s, of %s", u.Name, u.Key, u.Where, u.Body))
		}
	}
	for _, s := range d.Systems {
		if !s.Known {
			l := fmt.Sprintf("system «%s» [%s] %s", s.Name, s.Key, s.Where)
			if s.Owner != "" {
				l += ", owner " + s.Owner
			}
			out = append(out, l)
		}
	}
	return out
}
