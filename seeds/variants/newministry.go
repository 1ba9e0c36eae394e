package variants

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/karta/karta/catalog/textnorm"
	"github.com/karta/karta/seeds/identity"
	"github.com/karta/karta/seeds/kct"
	"github.com/karta/karta/seeds/resolve"
)

// NewMinistry is a seed map rewritten as the map of a ministry the alias
// table does not know: the map's owner, its committees and subordinate
// bodies, its structural units and its own systems get names absent from
// the table. Text is the map; Aliases is the alias table without the
// records of that family, with which the seed imports like a map of an
// unknown ministry too; RenameBack turns the variant's names (in any
// text, keys included) back into the seed's.
type NewMinistry struct {
	Text []byte
	// Expect is the seed's text the variant renames: the seed with the
	// owner's abbreviation taught after the first mention of its full name
	// ("… Республики Казахстан (МТС)"), as a new ministry's map teaches
	// its own. Renamed words no longer make the initials of the renamed
	// name, so without it the abbreviation would name nothing in the
	// variant while it names the owner (its initials) in the seed.
	Expect     []byte
	Aliases    []byte
	RenameBack func(string) string
	// Renamed are the words renamed (seed's → variant's), lower case.
	Renamed map[string]string // stems
}

// RenameMinistry rewrites seed s as a new ministry's map. aliases is the
// alias table's text, vocabulary the format vocabulary's (words of either
// outside the family's records are never renamed: they are how the parser
// and the table read every map).
//
// Every word that spells the family's names in the table (canonical names,
// abbreviations, aliases, former names) and occurs in no other record is
// renamed everywhere in the map, in every form and derived word (by its
// stem, see isPrefix), consistently:
// its first letter is shifted within its class ("туризма" → "фуризма",
// "МТС" → "НТС"; further when that stem occurs in the table or the map), a
// word no table knows with the length and ending of the word it replaces,
// which a reader can read back. Words of fewer than four letters are
// renamed only when they are abbreviations ("gov" of "hydro.gov.kz" is
// nobody's name).
func RenameMinistry(s Seed, aliases, vocabulary []byte) (*NewMinistry, error) {
	reg, err := identity.Load(bytes.NewReader(aliases), "aliases")
	if err != nil {
		return nil, err
	}
	rd, err := resolve.Resolve(reg, s.Doc)
	if err != nil {
		return nil, err
	}
	owner := rd.Owner.Key
	family := map[string]bool{owner: true}
	bodies := reg.Bodies()
	expect := s.Text
	for _, b := range bodies {
		if b.Key != owner || b.Short == "" {
			continue
		}
		if i := bytes.Index(expect, []byte(b.Name)); i >= 0 {
			at := i + len(b.Name)
			rest := strings.TrimLeft(string(expect[at:]), " ")
			if !strings.HasPrefix(rest, "(") {
				expect = append(append(append([]byte{}, expect[:at]...), " ("+b.Short+")"...), expect[at:]...)
			}
		}
	}
	for grown := true; grown; {
		grown = false
		for _, b := range bodies {
			if !family[b.Key] && family[b.Parent] {
				family[b.Key], grown = true, true
			}
		}
	}
	var spellings []string
	records := map[int]bool{} // lines of the family's records
	for _, b := range bodies {
		if family[b.Key] {
			spellings = append(append(append(spellings, b.Name, b.Short), b.Aliases...), b.Former...)
			records[b.Line] = true
		}
	}
	for _, u := range reg.Units() {
		if family[u.Parent] {
			spellings = append(append(spellings, u.Name, u.Short), u.Aliases...)
			records[u.Line] = true
		}
	}
	for _, sy := range reg.Systems() {
		if family[sy.Owner] && !sy.Generic {
			spellings = append(append(append(spellings, sy.Name, sy.Short), sy.Aliases...), sy.Former...)
			records[sy.Line] = true
		}
	}
	if len(records) == 0 || records[0] {
		return nil, fmt.Errorf("%s: the owner %q is not a record of the alias table", s.Name, owner)
	}
	// The table without the family's records; the words of the rest (but
	// comments and notes) and of the vocabulary stay as they are.
	var kept bytes.Buffer
	keep := map[string]bool{}
	uses := map[string]int{} // how many times the other records use a word
	skipping := false
	for i, l := range strings.SplitAfter(string(aliases), "\n") {
		if l != "" && !strings.HasPrefix(l, " ") && !strings.HasPrefix(l, "\t") && strings.TrimSpace(l) != "" {
			skipping = records[i+1]
		}
		if skipping {
			continue
		}
		kept.WriteString(l)
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "#") || strings.HasPrefix(t, "note:") {
			continue
		}
		for _, w := range words(t) {
			keep[strings.ToLower(w)] = true
			uses[strings.ToLower(w)]++
		}
	}
	vocab := map[string]bool{} // never renamed: how the parser reads a map
	for _, w := range words(string(vocabulary)) {
		keep[strings.ToLower(w)] = true
		vocab[strings.ToLower(w)] = true
	}
	keepStems := map[string]bool{}
	for w := range keep {
		keepStems[textnorm.Stem(w)] = true
	}
	taken := map[string]bool{} // stems of every word of the table and the map
	for _, w := range words(string(aliases) + "\n" + string(expect)) {
		taken[textnorm.Stem(strings.ToLower(w))] = true
	}
	// renamed maps a stem to the stem that replaces it: the same letters
	// but the first, shifted within its class (vowel or consonant), so
	// every form of a word ("туризм", "туризма") is renamed alike and keeps
	// its ending and length.
	renamed := map[string]string{}
	renamable := func(w string) bool {
		rs := []rune(w)
		if len(rs) >= 4 {
			return true
		}
		return len(rs) >= 2 && strings.ToUpper(w) == w // an abbreviation
	}
	keepWords := make([]string, 0, len(keep))
	for w := range keep {
		keepWords = append(keepWords, w)
	}
	takenWords := make([]string, 0, len(taken))
	for w := range taken {
		takenWords = append(takenWords, w)
	}
	anyHasPrefix := func(ws []string, p string) bool {
		for _, w := range ws {
			if strings.HasPrefix(w, p) {
				return true
			}
		}
		return false
	}
	forced := map[string]string{} // renamed only inside the phrases below
	var phrases [][2]string
	rename := func(w string, force bool) bool {
		st := textnorm.Stem(strings.ToLower(w))
		if renamed[st] != "" || forced[st] != "" {
			return true
		}
		if !renamable(w) || !force && (keepStems[st] || isPrefix(st) && anyHasPrefix(keepWords, st)) {
			return false
		}
		rs := []rune(st)
		for k := 1; k < 20; k++ {
			f, ok := shift(rs[0], k)
			if !ok {
				return false
			}
			n := string(f) + string(rs[1:])
			if !taken[n] && !keepStems[n] && !(isPrefix(n) && anyHasPrefix(takenWords, n)) {
				taken[n] = true
				if force {
					forced[st] = n
				} else {
					renamed[st] = n
				}
				return true
			}
		}
		return false
	}
	var common [][]string // spellings none of whose words could be renamed
	for _, sp := range spellings {
		ws, own := words(sp), false
		for _, w := range ws {
			if !keep[strings.ToLower(w)] && rename(w, false) {
				own = true
			}
		}
		if !own && len(ws) > 0 {
			common = append(common, ws)
		}
	}
	// A spelling of common words only ("Национальная библиотека Республики
	// Казахстан") would still name the table's record: its longest word of
	// four letters or more is renamed too, inside that spelling only (other
	// names use it: "e-Библиотека"), but the first (the kind of body:
	// "Министерство", "Национальный"), the vocabulary's and those other
	// records use often ("Республики").
	for _, ws := range common {
		longest := ""
		for _, w := range ws[1:] {
			lw := strings.ToLower(w)
			if n := utf8.RuneCountInString(lw); n >= 4 && n > utf8.RuneCountInString(longest) && !vocab[lw] && uses[lw] <= 3 {
				longest = w
			}
		}
		if longest != "" && rename(longest, true) {
			st := textnorm.Stem(strings.ToLower(longest))
			sp := strings.Join(ws, " ")
			forms := []string{sp}
			if rk := strings.TrimSuffix(sp, " Республики Казахстан"); rk != sp {
				forms = append(forms, rk+" РК") // the table reads both alike
			}
			for _, f := range forms {
				phrases = append(phrases, [2]string{f, renameWords(f, map[string]string{st: forced[st]})})
			}
		}
	}
	// Spellings are replaced as written in the table (words joined by one
	// space), longest first.
	sort.Slice(phrases, func(i, j int) bool { return len(phrases[i][0]) > len(phrases[j][0]) })
	if len(renamed) == 0 {
		return nil, fmt.Errorf("%s: no word of the owner's family can be renamed", s.Name)
	}
	back := map[string]string{}
	all := map[string]string{}
	for a, b := range renamed {
		all[a] = b
	}
	for a, b := range forced {
		all[a] = b
	}
	for a, b := range all {
		back[b] = a
		// Keys fold Kazakh letters (қ → к), and the folded word may stem
		// shorter; only the first letter of a replacement is used.
		if fb := kazakhFold.Replace(b); fb != b {
			back[fb] = kazakhFold.Replace(a)
			back[textnorm.Stem(fb)] = kazakhFold.Replace(a)
		}
	}
	text := string(expect)
	for _, p := range phrases {
		text = strings.ReplaceAll(text, p[0], p[1])
	}
	text = renameWords(text, renamed)
	if b := renameWords(text, back); b != string(expect) {
		return nil, fmt.Errorf("%s: the renaming does not read back (%s)", s.Name, firstDiff(b, string(expect)))
	}
	// Every spelling of the family, renamed, must be unknown to the table.
	for _, sp := range spellings {
		if sp == "" {
			continue
		}
		n := sp
		for _, p := range phrases {
			n = strings.ReplaceAll(n, p[0], p[1])
		}
		n = renameWords(n, renamed)
		if b := reg.Body(n); b.Match != identity.Unknown && family[b.Key] {
			return nil, fmt.Errorf("%s: %q, renamed %q, still names %s", s.Name, sp, n, b.Key)
		}
		if sy := reg.System(n); sy.Match != identity.Unknown && family[sy.Owner] {
			return nil, fmt.Errorf("%s: %q, renamed %q, still names the system %s", s.Name, sp, n, sy.Key)
		}
	}
	// Nor may the variant name any of them in another way.
	vd, err := kct.Parse(s.Name, strings.NewReader(text))
	if err != nil {
		return nil, err
	}
	vr, err := resolve.Resolve(reg, vd)
	if err != nil {
		return nil, err
	}
	for _, b := range vr.Bodies {
		if b.Known && family[b.Key] && b.Key != "" {
			return nil, fmt.Errorf("%s: the renamed map still names %s", s.Name, b.Key)
		}
	}
	for _, u := range vr.Units {
		if u.Known && family[u.Body] {
			return nil, fmt.Errorf("%s: the renamed map still names the unit %s", s.Name, u.Key)
		}
	}
	for _, sy := range vr.Systems {
		if sy.Known && family[sy.Owner] {
			return nil, fmt.Errorf("%s: the renamed map still names the system %s", s.Name, sy.Key)
		}
	}
	return &NewMinistry{
		Text:       []byte(text),
		Expect:     expect,
		Aliases:    kept.Bytes(),
		RenameBack: func(t string) string { return renameWords(t, back) },
		Renamed:    renamed,
	}, nil
}

// words are the runs of letters of s.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
}

// kazakhFold folds Kazakh letters as node keys do.
var kazakhFold = strings.NewReplacer("ә", "а", "ө", "о", "ү", "у", "ұ", "у", "қ", "к", "ғ", "г", "ң", "н", "һ", "х", "і", "и")

// classes are the letters a first letter is shifted within.
var classes = []string{"бвгджзклмнпрстфхцчшщ", "аеиоуыэюя", "bcdfghjklmnpqrstvwxz", "aeiou"}

// shift is r moved k places within its class, and false for a letter of
// no class.
func shift(r rune, k int) (rune, bool) {
	for _, c := range classes {
		rs := []rune(c)
		for i, x := range rs {
			if x == r {
				return rs[(i+k)%len(rs)], true
			}
		}
	}
	return r, false
}

// isPrefix reports whether a renamed stem renames every word it begins
// (four letters or more: "молодеж" renames "молодежи" and "молодежная"
// alike) rather than only the words of that stem (abbreviations: "мтс"
// is not "мтсзн").
func isPrefix(stem string) bool { return utf8.RuneCountInString(stem) >= 4 }

// renameWords replaces the first letter of every run of letters of s
// whose stem m renames, or that begins with a stem m renames (isPrefix),
// keeping its case.
func renameWords(s string, m map[string]string) string {
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if !unicode.IsLetter(rs[i]) {
			b.WriteRune(rs[i])
			i++
			continue
		}
		j := i
		for j < len(rs) && unicode.IsLetter(rs[j]) {
			j++
		}
		w := string(rs[i:j])
		lw := strings.ToLower(w)
		n, ok := m[textnorm.Stem(lw)]
		if !ok {
			best := "" // the longest renamed stem the word begins with
			for p, np := range m {
				if isPrefix(p) && strings.HasPrefix(lw, p) && len(p) > len(best) {
					best, n, ok = p, np, true
				}
			}
		}
		if !ok {
			b.WriteString(w)
			i = j
			continue
		}
		f := []rune(n)[0]
		if unicode.IsUpper(rs[i]) {
			f = unicode.ToUpper(f)
		}
		b.WriteRune(f)
		b.WriteString(string(rs[i+1 : j]))
		i = j
	}
	return b.String()
}

// firstDiff shows where a and b first differ.
func firstDiff(a, b string) string {
	ra, rb := []rune(a), []rune(b)
	i := 0
	for i < len(ra) && i < len(rb) && ra[i] == rb[i] {
		i++
	}
	from := max(0, i-20)
	return fmt.Sprintf("%q for %q", string(ra[from:min(len(ra), i+20)]), string(rb[from:min(len(rb), i+20)]))
}
