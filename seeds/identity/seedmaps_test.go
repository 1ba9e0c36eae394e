package identity_test

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/karta/karta/seeds"
	"github.com/karta/karta/seeds/identity"
)

var update = flag.Bool("update", false, "rewrite seeds/golden/merges.txt")

const goldenPath = "../golden/merges.txt"

// seedMention is one mention found in a seed map, with where it was found.
type seedMention struct {
	file  string
	line  int
	where string // which column or extraction found it
	m     identity.Mention
}

var (
	numRe      = regexp.MustCompile(`^\d+\.?$`)
	abbrevRe   = regexp.MustCompile(`^[А-ЯЁ]{2,}(?: [А-ЯЁ]{2,})*$`)
	codeRe     = regexp.MustCompile(`^(R|F|D)\*?$`)
	tagRe      = regexp.MustCompile(`</?[a-zA-Z][^>]*>`)
	typedRe    = regexp.MustCompile(`(?:^|[^\p{L}])(ИС|АИС|ИИС|ИАС|ЕИС|ГБД|СПП|АСУ|[Сс]истем[а-я]{0,3}|[Пп]латформ[а-я]{0,3}|[Пп]ортал[а-я]{0,3}|Приложение)\s+(«[^«»]{1,80}»)`)
	unitLabel  = regexp.MustCompile(`^(Ответственн|структурные подразделения)`)
	bodyLabel  = regexp.MustCompile(`^Государственные органы`)
	autoLabel  = regexp.MustCompile(`^Статус автоматизации`)
	iceHeading = regexp.MustCompile(`Потенциальные проекты «ледоколы»`)
)

func cellsOf(line string) []string {
	cells := strings.Split(line, "\t")
	for i, c := range cells {
		cells[i] = strings.TrimSpace(tagRe.ReplaceAllString(c, " "))
	}
	return cells
}

// seedMentions extracts the body, system and unit mentions of every seed map:
// passport bodies, "Статус автоматизации", responsible units (process groups,
// roadmaps, summary roadmap), planned services, the integration plan, needs,
// icebreakers, typed quoted names in the text, and every table name found in
// the text.
func seedMentions(t *testing.T, reg *identity.Registry) []seedMention {
	t.Helper()
	files, err := fs.Glob(seeds.Maps, "maps/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no seed maps: %v", err)
	}
	sort.Strings(files)
	var out []seedMention
	for _, f := range files {
		data, err := seeds.Maps.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimPrefix(f, "maps/")
		lines := strings.Split(string(data), "\n")
		var sc *identity.Scope
		for _, l := range lines {
			c := cellsOf(l)
			if len(c) > 1 && strings.HasPrefix(c[0], "Государственные органы, ответственные за разработку") {
				if bs := reg.SplitBodies(c[1]); len(bs) > 0 {
					sc = reg.Scope(bs[0].Key)
				}
				break
			}
		}
		if sc == nil {
			t.Fatalf("%s: no development body in the passport", name)
		}
		add := func(line int, where string, ms ...identity.Mention) {
			for _, m := range ms {
				out = append(out, seedMention{file: name, line: line, where: where, m: m})
			}
		}
		body := func(b identity.Body) identity.Mention {
			return identity.Mention{Text: b.Text, Type: identity.MentionBody, Body: &b}
		}
		system := func(s identity.System) identity.Mention {
			return identity.Mention{Text: s.Text, Type: identity.MentionSystem, System: &s}
		}
		section := ""
		inPassportBodies := false
		iceFirst := false // the next untabbed line of the icebreakers names a project
		for i, l := range lines {
			n := i + 1
			c := cellsOf(l)
			switch {
			case strings.Contains(l, "ИС - потребител"):
				section = "integration"
			case strings.Contains(l, "ЦГО, от которого требуется"):
				section = "needs"
			case strings.Contains(l, "Кол-во услуг с потенциалом"):
				section = "services"
			case strings.Contains(l, "Ответственное подразделение (Департамент"):
				section = "summary"
			case iceHeading.MatchString(l) && !strings.Contains(l, "\t"):
				section = "icebreakers"
				iceFirst = true
			case strings.HasPrefix(strings.TrimSpace(l), "R -"), strings.HasPrefix(strings.TrimSpace(l), "R –"):
				if section == "summary" {
					section = ""
				}
			}
			if strings.Contains(l, "Потребности отрасли") && section == "icebreakers" {
				section = ""
			}

			// Passport bodies, with continuation lines that start with a tab.
			if bodyLabel.MatchString(c[0]) && len(c) > 1 {
				inPassportBodies = true
				add(n, "passport", mentionsOfBodies(sc.SplitBodies(c[1]))...)
				continue
			}
			if inPassportBodies {
				if strings.TrimSpace(l) == "" {
					continue
				}
				if c[0] == "" && len(c) > 1 {
					add(n, "passport", mentionsOfBodies(sc.SplitBodies(c[1]))...)
					continue
				}
				inPassportBodies = false
			}

			switch {
			case autoLabel.MatchString(c[0]) && len(c) > 1:
				for _, s := range sc.SplitSystems(c[1]) {
					add(n, "automation", system(s))
				}
			case unitLabel.MatchString(c[0]) && len(c) > 1:
				add(n, "units", mentionsOfUnits(sc.SplitUnits(c[1]))...)
			case section == "integration" && len(c) >= 8 && numRe.MatchString(c[0]):
				add(n, "integration consumer", body(sc.Body(c[3])), system(sc.SystemOf(c[4], c[3])))
				add(n, "integration provider", body(sc.Body(c[5])), system(sc.SystemOf(c[6], c[5])))
			case section == "needs" && len(c) >= 4 && numRe.MatchString(c[0]):
				add(n, "needs", sc.SplitMentions(c[2])...)
			case section == "services" && len(c) >= 3 && numRe.MatchString(c[0]):
				add(n, "planned services", body(sc.Body(c[1])))
			case section == "summary" && len(c) >= 3 && c[0] != "" && !strings.HasPrefix(c[0], "Название"):
				add(n, "summary roadmap", mentionsOfUnits(sc.SplitUnits(c[1]))...)
			case section == "icebreakers" && strings.TrimSpace(l) != "" && !iceHeading.MatchString(l):
				if strings.Contains(l, "\t") {
					add(n, "icebreaker", sc.SplitMentions(c[0])...)
				} else if head, _, ok := strings.Cut(l, " – "); ok && iceFirst {
					add(n, "icebreaker", sc.SplitMentions(head)...)
				}
				iceFirst = false
			default:
				// Roadmap rows: unit abbreviations next to R/F/D codes.
				hasCode := false
				for _, x := range c {
					if codeRe.MatchString(x) || x == "R и F" {
						hasCode = true
					}
				}
				if hasCode {
					for _, x := range c {
						if abbrevRe.MatchString(x) {
							add(n, "roadmap units", mentionsOfUnits(sc.SplitUnits(x))...)
						}
					}
				}
			}
			// Quoted names after a system-type word ("системой «eQonaq»").
			for _, m := range typedRe.FindAllStringSubmatch(l, -1) {
				add(n, "typed name in text", system(sc.System(strings.Trim(m[2], "«»"))))
			}
			for _, m := range sc.Find(l) {
				add(n, "text", m)
			}
		}
	}
	return out
}

func mentionsOfBodies(bs []identity.Body) []identity.Mention {
	var out []identity.Mention
	for _, b := range bs {
		b := b
		out = append(out, identity.Mention{Text: b.Text, Type: identity.MentionBody, Body: &b})
	}
	return out
}

func mentionsOfUnits(us []identity.Unit) []identity.Mention {
	var out []identity.Mention
	for _, u := range us {
		u := u
		out = append(out, identity.Mention{Text: u.Text, Type: identity.MentionUnit, Unit: &u})
	}
	return out
}

// renderMerges is the golden report: every node into which two or more
// spellings of the seed maps collapse, then everything that did not resolve
// to a table record.
func renderMerges(reg *identity.Registry, sms []seedMention) string {
	var ms []identity.Mention
	first := map[string]string{}
	for _, s := range sms {
		ms = append(ms, s.m)
		k := string(s.m.Type) + "\x00" + s.m.Key() + "\x00" + strings.TrimSpace(s.m.Text)
		if _, ok := first[k]; !ok {
			first[k] = fmt.Sprintf("%s:%d", strings.SplitN(s.file, "_", 2)[0], s.line)
			if (s.m.System != nil && s.m.System.Misspelling != "") || (s.m.Body != nil && s.m.Body.Misspelling != "") {
				first[k] += " (misspelling in the table)"
			}
		}
	}
	var b strings.Builder
	b.WriteString("# Merges of the seed maps: every node into which two or more spellings found\n")
	b.WriteString("# in seeds/maps collapse, with the first place (map:line) each spelling occurs.\n")
	b.WriteString("# Review every new line: a wrong merge joins two real bodies or systems.\n")
	b.WriteString("# Spellings the table lists as \"misspelling:\" are marked so.\n")
	b.WriteString("# Regenerate: go test ./seeds/identity -run TestSeedMerges -update\n")
	groups := identity.Groups(ms)
	merges := identity.Merges(ms)
	counts := map[identity.MentionType]int{}
	for _, g := range groups {
		counts[g.Type]++
	}
	fmt.Fprintf(&b, "#\n# nodes referenced by the maps: %d bodies, %d systems, %d units; merges: %d\n",
		counts[identity.MentionBody], counts[identity.MentionSystem], counts[identity.MentionUnit], len(merges))
	section := identity.MentionType("")
	for _, g := range merges {
		if g.Type != section {
			section = g.Type
			fmt.Fprintf(&b, "\n== %s merges\n", section)
		}
		fmt.Fprintf(&b, "\n%s  [%s]\n", g.Name, g.Key)
		for _, s := range g.Spellings {
			fmt.Fprintf(&b, "    %-60s %s\n", s, first[string(g.Type)+"\x00"+g.Key+"\x00"+s])
		}
	}
	b.WriteString("\n== nodes with one spelling\n")
	for _, g := range groups {
		if len(g.Spellings) == 1 {
			s := g.Spellings[0]
			fmt.Fprintf(&b, "    %-7s %-60s %s  [%s]\n", g.Type, s, first[string(g.Type)+"\x00"+g.Key+"\x00"+s], g.Key)
		}
	}
	list := func(title string, keep func(identity.Mention) bool) {
		fmt.Fprintf(&b, "\n== %s\n", title)
		seen := map[string]bool{}
		var lines []string
		for _, s := range sms {
			if !keep(s.m) {
				continue
			}
			l := fmt.Sprintf("    %-7s %-60s %s:%d %s", s.m.Type, strings.TrimSpace(s.m.Text), strings.SplitN(s.file, "_", 2)[0], s.line, s.where)
			k := string(s.m.Type) + strings.TrimSpace(s.m.Text)
			if !seen[k] {
				seen[k] = true
				lines = append(lines, l)
			}
		}
		if len(lines) == 0 {
			b.WriteString("    (none)\n")
		}
		for _, l := range lines {
			b.WriteString(l + "\n")
		}
	}
	list("not in the table (automatic keys; must stay empty for the seed maps)", func(m identity.Mention) bool {
		return m.Type != identity.MentionOther && m.Match() == identity.Unknown
	})
	list("ambiguous (must stay empty)", func(m identity.Mention) bool {
		return m.Match() == identity.Ambiguous
	})
	list("pieces of cells that name nothing (data fields, free words)", func(m identity.Mention) bool {
		return m.Type == identity.MentionOther
	})
	return b.String()
}

// TestSeedMerges extracts every mention of the seed maps, writes the merges
// to the golden file and checks that every mention is a table record.
func TestSeedMerges(t *testing.T) {
	reg, err := identity.Default()
	if err != nil {
		t.Fatal(err)
	}
	sms := seedMentions(t, reg)
	got := renderMerges(reg, sms)
	if *update {
		if err := os.WriteFile(goldenPath, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(goldenPath)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("merges differ from %s (review, then run with -update):\n%s", goldenPath, diff(string(want), got))
	}
	for _, s := range sms {
		if s.m.Type == identity.MentionOther {
			continue
		}
		switch s.m.Match() {
		case identity.Unknown, identity.Ambiguous, identity.Self:
			t.Errorf("%s:%d (%s): %s %q is %s: add it to seeds/aliases.txt", s.file, s.line, s.where, s.m.Type, s.m.Text, s.m.Match())
		}
	}
}

// diff returns the lines only in a and only in b.
func diff(a, b string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	ia, ib := in(a), in(b)
	var out []string
	for _, l := range strings.Split(a, "\n") {
		if !ib[l] {
			out = append(out, "- "+l)
		}
	}
	for _, l := range strings.Split(b, "\n") {
		if !ia[l] {
			out = append(out, "+ "+l)
		}
	}
	return strings.Join(out, "\n")
}
