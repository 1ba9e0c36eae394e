package kct

import (
	"github.com/karta/karta/catalog/textnorm"
	"strings"
	"unicode"
)

// finish resolves names once the whole map is read: entity rows and roadmap
// rows to process groups, process groups' subjects to entities, summary rows
// to spheres; and fills the document's title and owner.
func (p *parser) finish() {
	if p.sec == secTitle {
		p.finishTitlePage()
	}
	doc := p.doc
	for _, st := range p.spheres {
		resolveEntityRefs(st.s)
		resolveRoadmap(st.s)
	}
	for _, st := range p.spheres {
		for i := range st.s.ProcessGroups {
			g := &st.s.ProcessGroups[i]
			g.Entities = resolveSubject(g.SubjectObject, st.s, p.spheres)
		}
	}
	for i := range doc.SummaryRoadmap {
		doc.SummaryRoadmap[i].SphereOrder = resolveSphere(doc.SummaryRoadmap[i].Sphere, p.spheres)
	}
	for _, st := range p.spheres {
		doc.Spheres = append(doc.Spheres, *st.s)
	}
	if doc.Passport != nil {
		if doc.Title == "" {
			doc.Title = doc.Passport.Title
		}
		if len(doc.Passport.DevelopmentBodies) > 0 {
			doc.Owner = doc.Passport.DevelopmentBodies[0]
		}
	}
	doc.TitleOwner = p.titleOwner
	if doc.Owner == "" {
		doc.Owner = p.titleOwner
	}
	if !p.src.endsWithNewline && p.src.lastLine != "" {
		doc.Truncated = !strings.ContainsRune(".!?…»)\"", lastRune(p.src.lastLine))
	}
}

// groupCandidates returns the groups that score best against name (by title,
// or slightly lower by one of their processes) and that score.
func groupCandidates(name string, groups []ProcessGroup) ([]int, float64) {
	best := 0.0
	var cands []int
	for i, g := range groups {
		s := textnorm.NameScore(name, g.Name)
		for _, pr := range g.Processes {
			if ps := 0.98 * textnorm.NameScore(name, pr); ps > s {
				s = ps
			}
		}
		switch {
		case s > best+1e-9:
			best, cands = s, []int{i}
		case s > best-1e-9 && s > 0:
			cands = append(cands, i)
		}
	}
	if best < matchThreshold {
		return nil, best
	}
	return cands, best
}

// resolveEntityRefs resolves each entity's process-group references by
// title (or process) first; the number decides between groups with the same
// title. A reference whose title matches nothing is resolved by its number
// only when the table's numbering agrees with the groups' codes everywhere
// else.
func resolveEntityRefs(s *Sphere) {
	groups := s.ProcessGroups
	if len(groups) == 0 {
		return
	}
	type res struct {
		code string
		idx  int
	}
	results := make([][]res, len(s.Entities))
	agree, conflict := 0, 0
	for ei, e := range s.Entities {
		for _, ref := range e.ProcessGroupRefs {
			code, title := splitRef(ref)
			cands, _ := groupCandidates(title, groups)
			idx := -1
			switch len(cands) {
			case 0:
			case 1:
				idx = cands[0]
			default:
				for _, c := range cands {
					if code != "" && groups[c].Code == code {
						idx = c
						break
					}
				}
			}
			if idx >= 0 && code != "" {
				if groups[idx].Code == code {
					agree++
				} else {
					conflict++
				}
			}
			results[ei] = append(results[ei], res{code, idx})
		}
	}
	for ei := range s.Entities {
		e := &s.Entities[ei]
		e.ProcessGroups = nil
		for _, r := range results[ei] {
			idx := r.idx
			if idx < 0 && r.code != "" && conflict == 0 && agree > 0 {
				for i, g := range groups {
					if g.Code == r.code {
						idx = i
						break
					}
				}
			}
			if idx >= 0 && !contains(e.ProcessGroups, groups[idx].Code) {
				e.ProcessGroups = append(e.ProcessGroups, groups[idx].Code)
			}
		}
	}
}

// resolveRoadmap resolves roadmap rows to process groups by name; rows with
// the same name take the groups in order. An orphan tail is matched by its
// text against the groups' technologies, among the groups between the rows
// around it.
func resolveRoadmap(s *Sphere) {
	groups := s.ProcessGroups
	if len(groups) == 0 {
		return
	}
	used := map[int]bool{}
	pos := make([]int, len(s.Roadmap)) // group index per row, -1 if none
	for i := range s.Roadmap {
		it := &s.Roadmap[i]
		pos[i] = -1
		if it.Fragmentary || it.ProcessGroupName == "" {
			continue
		}
		cands, _ := groupCandidates(it.ProcessGroupName, groups)
		if len(cands) == 0 {
			continue
		}
		pick := cands[0]
		if len(cands) > 1 {
			pick = -1
			bestTech := -1.0
			for _, c := range cands {
				if used[c] {
					continue
				}
				if ts := textnorm.Similarity(it.Technologies, groups[c].TechnologiesText); ts > bestTech+1e-9 {
					pick, bestTech = c, ts
				}
			}
			if pick < 0 {
				pick = cands[0]
			}
		}
		used[pick] = true
		pos[i] = pick
		it.ProcessGroup = groups[pick].Code
	}
	for i := range s.Roadmap {
		it := &s.Roadmap[i]
		if !it.Fragmentary {
			continue
		}
		lo, hi := -1, len(groups)
		for j := i - 1; j >= 0; j-- {
			if pos[j] >= 0 {
				lo = pos[j]
				break
			}
		}
		for j := i + 1; j < len(s.Roadmap); j++ {
			if pos[j] >= 0 {
				hi = pos[j]
				break
			}
		}
		tail := textnorm.Letters(strings.TrimPrefix(it.Technologies, IllegibleMarker))
		if len([]rune(tail)) > 80 {
			tail = string([]rune(tail)[:80])
		}
		if len([]rune(tail)) < 20 {
			continue
		}
		found := -1
		for g := lo + 1; g < hi && g < len(groups); g++ {
			if g < 0 {
				continue
			}
			text := textnorm.Letters(groups[g].TechnologiesText + " " + groups[g].Name + " " + strings.Join(groups[g].Processes, " "))
			if strings.Contains(text, tail) {
				if found >= 0 {
					found = -2 // ambiguous
					break
				}
				found = g
			}
		}
		if found >= 0 {
			it.ProcessGroup = groups[found].Code
			pos[i] = found
		}
	}
}

// resolveSubject resolves a "Субъект / объект" value to entity names: the
// whole value, else its "/"-separated parts, matched in the group's sphere
// first, then in the whole map.
func resolveSubject(text string, own *Sphere, all []*sphereState) []string {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	find := func(name string) string {
		if e := bestEntity(name, own.Entities); e != "" {
			return e
		}
		var pool []Entity
		for _, st := range all {
			if st.s != own {
				pool = append(pool, st.s.Entities...)
			}
		}
		return bestEntity(name, pool)
	}
	if e := find(text); e != "" {
		return []string{e}
	}
	parts := strings.FieldsFunc(text, func(r rune) bool { return r == '/' || r == ';' })
	var out []string
	for i := 0; i < len(parts); {
		matched := false
		for j := len(parts); j > i; j-- {
			if e := find(strings.Join(parts[i:j], "/")); e != "" {
				if !contains(out, e) {
					out = append(out, e)
				}
				i, matched = j, true
				break
			}
		}
		if !matched {
			i++
		}
	}
	return out
}

func bestEntity(name string, ents []Entity) string {
	best, bestName, tie := 0.0, "", false
	for _, e := range ents {
		s := coverScore(name, e.Name)
		switch {
		case s > best+1e-9:
			best, bestName, tie = s, e.Name, false
		case s > best-1e-9 && e.Name != bestName:
			tie = true
		}
	}
	if best < matchThreshold || tie {
		return ""
	}
	return bestName
}

// resolveSphere finds the sphere a summary row names ("Сфера Молодежи и
// семьи" → "Молодежная и семейная политика"), by the words of its name and
// heading; the best match wins when it is unique.
func resolveSphere(text string, spheres []*sphereState) int {
	t := dropSphereWord(text)
	best, order, tie := 0.0, 0, false
	for _, st := range spheres {
		s := max(textnorm.Similarity(t, dropSphereWord(st.s.Name)), textnorm.Similarity(t, dropSphereWord(st.s.Heading)))
		switch {
		case s > best+1e-9:
			best, order, tie = s, st.s.Order, false
		case s > best-1e-9 && s > 0:
			tie = true
		}
	}
	if best < 0.4 || tie {
		return 0
	}
	return order
}

func dropSphereWord(s string) string {
	f := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	out := f[:0]
	for _, w := range f {
		l := strings.ToLower(w)
		if l != "сфера" && l != "сферы" {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// coverScore scores how well a span of a "Субъект / объект" value names an
// entity: 1 for the same letters; otherwise the words must cover each other
// (85% of the span's words found in the entity's name, 60% the other way),
// so "Тренер/спортивный судья" as a whole does not name "Спортивный судья".
func coverScore(span, entity string) float64 {
	if a, b := textnorm.Letters(span), textnorm.Letters(entity); a != "" && a == b {
		return 1
	}
	ta, tb := textnorm.ContentWords(span), textnorm.ContentWords(entity)
	if len(ta) == 0 || len(tb) == 0 {
		return 0
	}
	used := make([]bool, len(tb))
	common := 0
	for _, x := range ta {
		for j, y := range tb {
			if !used[j] && textnorm.SameWord(x, y) {
				used[j], common = true, common+1
				break
			}
		}
	}
	cs, ce := float64(common)/float64(len(ta)), float64(common)/float64(len(tb))
	if cs < 0.85 || ce < 0.6 {
		return 0
	}
	return (cs + ce) / 2
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// matchThreshold is the least textnorm.NameScore that resolves a name.
const matchThreshold = 0.75
