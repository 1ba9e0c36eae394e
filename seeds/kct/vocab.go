package kct

import (
	"bufio"
	"bytes"
	"fmt"
	"github.com/karta/karta/catalog/textnorm"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/karta/karta/seeds"
)

// The vocabulary: the wordings of section titles, sphere headings, table
// columns and row labels, read from seeds/vocabulary.txt (its header
// documents the format). The interpreter asks it what a wording means and
// records every recognition that needed a synonym or a fallback.

// How a wording was recognised.
const (
	// HowExact: one of the format's own wordings ("=" entries).
	HowExact = "exact"
	// HowSynonym: a synonym ("~" entries).
	HowSynonym = "synonym"
	// HowFallback: no pattern matched; the wording was close to one (word
	// similarity), or the position in the document decided.
	HowFallback = "fallback"
)

// Vocabulary is a parsed vocabulary file.
type Vocabulary struct {
	byKind map[string][]vpattern
	// keys are the key concepts ("name!") of each column kind; multi the
	// concepts that may take several columns ("automation+").
	keys  map[string][]string
	multi map[string]bool
}

type vpattern struct {
	concept string
	synonym bool
	text    string
	words   []string
	// lead/trail: "..." before/after the words
	lead, trail bool
	line        int
}

// ParseVocabulary reads a vocabulary file; file names it in errors.
func ParseVocabulary(data []byte, file string) (*Vocabulary, error) {
	v := &Vocabulary{byKind: map[string][]vpattern{}, keys: map[string][]string{}, multi: map[string]bool{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		op := "="
		i := strings.Index(line, "=")
		if j := strings.Index(line, "~"); j >= 0 && (i < 0 || j < i) {
			i, op = j, "~"
		}
		if i < 0 {
			return nil, fmt.Errorf("%s:%d: expected \"KIND CONCEPT = PATTERN | …\" or \"KIND CONCEPT ~ PATTERN | …\", got %q", file, n, line)
		}
		head := strings.Fields(line[:i])
		if len(head) != 2 {
			return nil, fmt.Errorf("%s:%d: expected a kind and a concept before %q, got %q", file, n, op, strings.TrimSpace(line[:i]))
		}
		kind, concept := head[0], head[1]
		if strings.HasSuffix(concept, "+") {
			concept = strings.TrimSuffix(concept, "+")
			v.multi[kind+" "+concept] = true
		}
		key := strings.HasSuffix(concept, "!")
		concept = strings.TrimSuffix(concept, "!")
		if key && !contains(v.keys[kind], concept) {
			v.keys[kind] = append(v.keys[kind], concept)
		}
		for _, alt := range strings.Split(line[i+1:], "|") {
			alt = strings.TrimSpace(alt)
			if alt == "" {
				return nil, fmt.Errorf("%s:%d: empty pattern for %s %s", file, n, kind, concept)
			}
			p := vpattern{concept: concept, synonym: op == "~", text: alt, line: n}
			f := strings.Fields(alt)
			if len(f) > 0 && f[0] == "..." {
				p.lead, f = true, f[1:]
			}
			if len(f) > 0 && f[len(f)-1] == "..." {
				p.trail, f = true, f[:len(f)-1]
			}
			for _, w := range f {
				star := strings.HasSuffix(w, "*")
				for _, t := range vocabTokens(strings.TrimSuffix(w, "*")) {
					p.words = append(p.words, t.fold)
				}
				if star && len(p.words) > 0 {
					p.words[len(p.words)-1] += "*"
				}
			}
			if len(p.words) == 0 {
				return nil, fmt.Errorf("%s:%d: pattern %q has no words", file, n, alt)
			}
			v.byKind[kind] = append(v.byKind[kind], p)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	// A section title leads to a section the interpreter reads
	// (sectionSpecs): a concept it has no spec for would be read as no
	// section at all.
	for _, p := range v.byKind["section"] {
		if _, ok := sectionConcepts[p.concept]; !ok {
			return nil, fmt.Errorf("%s:%d: section concept %q: expected one the interpreter reads (%s)", file, p.line, p.concept, strings.Join(sectionConceptNames(), ", "))
		}
	}
	return v, nil
}

// sectionConceptNames are the section concepts of sectionSpecs, in order.
func sectionConceptNames() []string {
	var out []string
	for _, sp := range sectionSpecs {
		if sp.concept != "" {
			out = append(out, sp.concept)
		}
	}
	return out
}

var (
	defaultVocab    *Vocabulary
	defaultVocabErr error
	defaultOnce     sync.Once
)

// DefaultVocabulary is the built-in seeds/vocabulary.txt.
func DefaultVocabulary() (*Vocabulary, error) {
	defaultOnce.Do(func() {
		defaultVocab, defaultVocabErr = ParseVocabulary(seeds.Vocabulary, seeds.VocabularyFile)
	})
	return defaultVocab, defaultVocabErr
}

// vtoken is one word of a wording: its folded form and where it is in the
// original text.
type vtoken struct {
	fold       string
	start, end int
}

// outlineRe is a leading outline number: "1.", "1.2", "1.2.", "2)", "II.",
// "IV)", "(3)", "§ 2". Roman numerals need their "." or ")".
var outlineRe = regexp.MustCompile(`^\s*(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]?|[IVXLC]{1,6}[.)]|[ІVХ]{1,6}[.)]|§\s*\d{1,3}\.?)(?:\s+|$)`)

// stripOutline removes a leading outline number and returns it as written.
func stripOutline(s string) (number, rest string) {
	s = strings.TrimSpace(s)
	m := outlineRe.FindString(s)
	if m == "" {
		// "1.Название": a number glued to the word
		if g := gluedNumberRe.FindStringSubmatch(s); g != nil {
			return g[1], strings.TrimSpace(s[len(g[1])+1:])
		}
		return "", s
	}
	number = strings.Trim(strings.TrimSpace(m), ".()§ ")
	return number, strings.TrimSpace(s[len(m):])
}

var gluedNumberRe = regexp.MustCompile(`^(\d{1,3}(?:\.\d{1,3})*)[.)]\p{L}`)

// vocabTokens splits a wording into folded words without stop words:
// lowercase, ё as е, look-alike letters fixed, "і" as "и". "№" is a word.
func vocabTokens(s string) []vtoken {
	var out []vtoken
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := foldWord(s[start:end])
		if w != "" && !textnorm.StopWord(w) {
			out = append(out, vtoken{fold: w, start: start, end: end})
		}
		start = -1
	}
	for i, r := range s {
		switch {
		case r == '№':
			flush(i)
			out = append(out, vtoken{fold: "№", start: i, end: i + utf8.RuneLen(r)})
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if start < 0 {
				start = i
			}
		default:
			flush(i)
		}
	}
	flush(len(s))
	return out
}

func foldWord(w string) string {
	return strings.ReplaceAll(textnorm.Lower(textnorm.FixLookalikes(w)), "і", "и")
}

// vmatch is the result of matching a wording.
type vmatch struct {
	concept string
	how     string
	// end is the byte offset in the wording after the last matched word.
	end int
	// score orders matches: longer patterns first, then exact before synonym.
	score int
}

// wordMatches compares a pattern word with a wording word.
func wordMatches(pw, w string) bool {
	if strings.HasSuffix(pw, "*") {
		return strings.HasPrefix(w, strings.TrimSuffix(pw, "*"))
	}
	return textnorm.SameWord(pw, w)
}

// matchPattern matches p against the tokens; it returns the end of the
// match in the wording.
func matchPattern(p vpattern, toks []vtoken) (int, bool) {
	n := len(p.words)
	if n > len(toks) {
		return 0, false
	}
	last := 0
	if p.lead {
		last = len(toks) - n
	}
	for s := 0; s <= last; s++ {
		ok := true
		for k, pw := range p.words {
			if !wordMatches(pw, toks[s+k].fold) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		if !p.trail && s+n != len(toks) {
			continue
		}
		return toks[s+n-1].end, true
	}
	return 0, false
}

// match finds what a wording means among the entries of kind: the best
// pattern that matches, else (when fuzzy) the closest pattern by word
// similarity. It returns false when nothing fits.
func (v *Vocabulary) match(kind, wording string, fuzzy bool) (vmatch, bool) {
	_, rest := stripOutline(wording)
	offset := strings.Index(wording, rest)
	toks := vocabTokens(rest)
	if len(toks) == 0 {
		return vmatch{}, false
	}
	best, found := vmatch{}, false
	for _, p := range v.byKind[kind] {
		end, ok := matchPattern(p, toks)
		if !ok {
			continue
		}
		// the most specific pattern wins: more words, then the format's
		// own wording, then a pattern without "..."
		score := len(p.words) * 10
		if !p.synonym {
			score += 5
		}
		if !p.lead && !p.trail {
			score += 2
		}
		if !found || score > best.score {
			how := HowExact
			if p.synonym {
				how = HowSynonym
			}
			best, found = vmatch{concept: p.concept, how: how, end: end + offset, score: score}, true
		}
	}
	if found || !fuzzy || len(toks) < 2 {
		return best, found
	}
	// fallback: the pattern whose words are closest to the wording's
	bestSim := 0.0
	for _, p := range v.byKind[kind] {
		if len(p.words) < 2 {
			continue
		}
		sim := wordSimilarity(p.words, toks)
		if sim > bestSim {
			bestSim = sim
			best = vmatch{concept: p.concept, how: HowFallback, end: len(wording)}
		}
	}
	return best, bestSim >= fallbackSimilarity
}

// fallbackSimilarity is the least word similarity that recognises a wording
// no pattern matches.
const fallbackSimilarity = 0.75

func wordSimilarity(pw []string, toks []vtoken) float64 {
	used := make([]bool, len(toks))
	common := 0
	for _, w := range pw {
		for j, t := range toks {
			if !used[j] && wordMatches(w, t.fold) {
				used[j] = true
				common++
				break
			}
		}
	}
	return 2 * float64(common) / float64(len(pw)+len(toks))
}

// keyConcepts are the key columns of a table kind ("column.kpi").
func (v *Vocabulary) keyConcepts(kind string) []string { return v.keys[kind] }

// Recognition records how a wording of the document was understood when it
// took more than the format's own wording: a synonym, a fallback, or nothing
// at all (How "unknown": the text is kept raw on its element).
type Recognition struct {
	Line int `json:"line"`
	// Kind is what was being recognised: "section", "sphere",
	// "column.integration", "label.group", "table", …
	Kind string `json:"kind"`
	// Wording is the text as written; Matched the concept it was taken for
	// ("" when not understood).
	Wording string `json:"wording"`
	Matched string `json:"matched,omitempty"`
	// How is synonym, fallback or unknown.
	How string `json:"how"`
}

// HowUnknown marks a column or label that was not understood: its text is
// kept as a raw field on the element it belongs to.
const HowUnknown = "unknown"

type matchKey struct {
	kind, wording string
	fuzzy         bool
}

type matchResult struct {
	m  vmatch
	ok bool
}

// match is Vocabulary.match, remembered for the document (the same header
// and label wordings come back on every page and in every sphere).
func (p *parser) match(kind, wording string, fuzzy bool) (vmatch, bool) {
	k := matchKey{kind, wording, fuzzy}
	if r, ok := p.matches[k]; ok {
		return r.m, r.ok
	}
	m, ok := p.vocab.match(kind, wording, fuzzy)
	if p.matches == nil {
		p.matches = map[matchKey]matchResult{}
	}
	p.matches[k] = matchResult{m, ok}
	return m, ok
}

// recognize asks the vocabulary what wording means and records the
// recognition when it needed a synonym or a fallback.
func (p *parser) recognize(line int, kind, wording string, fuzzy bool) (vmatch, bool) {
	m, ok := p.match(kind, wording, fuzzy)
	if ok && m.how != HowExact {
		p.recognized(line, kind, wording, m.concept, m.how)
	}
	return m, ok
}

func (p *parser) recognized(line int, kind, wording, concept, how string) {
	for _, r := range p.doc.Recognitions {
		if r.Line == line && r.Kind == kind && r.Wording == wording {
			return
		}
	}
	p.doc.Recognitions = append(p.doc.Recognitions, Recognition{Line: line, Kind: kind, Wording: wording, Matched: concept, How: how})
}

// columnMap maps a header row's cells to the concepts of a column kind:
// each concept takes the first cell that means it; cells that mean nothing
// (or a concept already taken) are returned as extra columns.
type columnMap struct {
	col map[string]int
	// all lists every column of a concept that may take several.
	all   map[string][]int
	extra []int
}

func (c columnMap) at(concept string) int {
	if i, ok := c.col[concept]; ok {
		return i
	}
	return -1
}

// mapColumns maps header cells; skip reports cells the caller reads itself
// (year columns). When rec is true it records the recognitions and accepts
// fallbacks (a wording close to a pattern); otherwise only patterns count.
func (p *parser) mapColumns(line int, kind string, cells []string, skip func(i int, c string) bool, rec bool) columnMap {
	cm := columnMap{col: map[string]int{}, all: map[string][]int{}}
	for i, c := range cells {
		if strings.TrimSpace(c) == "" || (skip != nil && skip(i, c)) {
			continue
		}
		var m vmatch
		var ok bool
		if rec {
			m, ok = p.recognize(line, kind, c, true)
		} else {
			m, ok = p.match(kind, c, false)
		}
		if ok {
			_, taken := cm.col[m.concept]
			if !taken {
				cm.col[m.concept] = i
			}
			if p.vocab.multi[kind+" "+m.concept] {
				cm.all[m.concept] = append(cm.all[m.concept], i)
				continue
			}
			if !taken {
				continue
			}
		}
		cm.extra = append(cm.extra, i)
		if rec {
			p.recognized(line, kind, c, "", HowUnknown)
		}
	}
	return cm
}

// hasKeys reports whether the map found every key column of kind.
func (p *parser) hasKeys(kind string, cm columnMap) bool {
	keys := p.vocab.keyConcepts(kind)
	if len(keys) == 0 {
		return false
	}
	for _, k := range keys {
		if cm.at(k) < 0 {
			return false
		}
	}
	return true
}

// extraFields keeps the cells of a row under columns that were not
// understood, labelled with their header.
func extraFields(line int, header, cells []string, cols []int) []Field {
	var out []Field
	for _, i := range cols {
		if i >= len(cells) || strings.TrimSpace(cells[i]) == "" {
			continue
		}
		label := ""
		if i < len(header) {
			label = header[i]
		}
		out = append(out, Field{Line: line, Label: label, Value: cells[i]})
	}
	return out
}

// isRepeatedHeader reports a row that repeats the header (a table continued
// on a new page): at least half of its non-empty cells are header cells.
func isRepeatedHeader(header, cells []string) bool {
	hs := map[string]bool{}
	for _, h := range header {
		if n := textnorm.Letters(h); n != "" {
			hs[n] = true
		}
	}
	same, all := 0, 0
	for _, c := range cells {
		n := textnorm.Letters(c)
		if n == "" {
			continue
		}
		all++
		if hs[n] {
			same++
		}
	}
	return all > 0 && 2*same >= all && same >= 2
}

// rowLabel recognises the label of a label/value row, consumes it as
// structure and reports it when it needed a synonym or a fallback, or was
// not understood (the row stays in Fields as written). It returns the
// concept, "" when unknown.
func (p *parser) rowLabel(line int, kind, label string) string {
	p.consume(line, label)
	if m, ok := p.recognize(line, kind, label, true); ok {
		return m.concept
	}
	p.recognized(line, kind, label, "", HowUnknown)
	return ""
}
