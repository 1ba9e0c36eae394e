package kct

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// marker is a list number ("1.", "2)") found inside a text.
type marker struct {
	start, end int // byte offsets of the marker and of the text after it
	num        int
	delim      byte
}

// numberMarkers finds the candidates for inline list numbers: one to three
// digits after the start, a space or punctuation, followed by "." or ")" and
// not by another digit (so "7.2", "1.36-т." and "2 статьи" are not markers).
func numberMarkers(s string) []marker {
	var ms []marker
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			continue
		}
		if i > 0 {
			p := lastRune(s[:i])
			if !(unicode.IsSpace(p) || strings.ContainsRune(".;,:)>»\"", p)) {
				// inside a word or a number: skip the rest of the digits
				for i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
					i++
				}
				continue
			}
		}
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j-i > 3 || j >= len(s) || (s[j] != '.' && s[j] != ')') {
			i = j - 1
			continue
		}
		delim := s[j]
		k := j + 1
		rest := strings.TrimLeft(s[k:], " ")
		r := firstRune(rest)
		switch {
		case unicode.IsDigit(firstRune(s[k:])):
			i = j
			continue
		case delim == '.' && (r == 0 || unicode.IsSpace(r) || strings.ContainsRune(".,;:)»", r)):
			i = j
			continue
		case delim == ')' && rest == "":
			i = j
			continue
		}
		for k < len(s) && s[k] == ' ' {
			k++
		}
		num, _ := strconv.Atoi(s[i:j])
		ms = append(ms, marker{start: i, end: k, num: num, delim: delim})
		i = k - 1
	}
	return ms
}

// splitNumbered splits an inline numbered list ("1. A 2. B; 3. C") into its
// items, markers removed. Numbers must follow each other (1, 2, 3 …) with the
// same delimiter, so numbers inside the text are not taken for markers. The
// list starts at "1" or at the very start of s with any number; text before
// the first marker is returned as lead. Without a list, lead is s.
func splitNumbered(s string) (lead string, items []string) {
	lead, items, _ = splitNumberedWritten(s)
	return lead, items
}

// splitNumberedWritten is splitNumbered that also returns each item as
// written, with its marker ("1. A;").
func splitNumberedWritten(s string) (lead string, items, written []string) {
	ms := numberMarkers(s)
	var chain []marker
	for _, m := range ms {
		if len(chain) == 0 {
			if m.num == 1 || strings.TrimSpace(s[:m.start]) == "" {
				chain = append(chain, m)
			}
			continue
		}
		last := chain[len(chain)-1]
		if m.num == last.num+1 && m.delim == last.delim {
			chain = append(chain, m)
		}
	}
	if len(chain) == 0 {
		return s, nil, nil
	}
	lead = strings.TrimSpace(s[:chain[0].start])
	for i, m := range chain {
		end := len(s)
		if i+1 < len(chain) {
			end = chain[i+1].start
		}
		items = append(items, strings.TrimSpace(s[m.end:end]))
		written = append(written, strings.TrimSpace(s[m.start:end]))
	}
	return lead, items, written
}

var bulletRe = regexp.MustCompile(`(?:^|[;.:]\s*)[-–•]\s+`)

// splitBullets splits "- A; - B" into A and B. The list either starts the
// text or has at least two bullets after a stop ("Имеется. - A; - B"); text
// before the first bullet is the lead.
func splitBullets(s string) (lead string, items []string) {
	t := strings.TrimSpace(s)
	idx := bulletRe.FindAllStringIndex(t, -1)
	if len(idx) == 0 || (idx[0][0] > 0 && len(idx) < 2) {
		return s, nil
	}
	if idx[0][0] > 0 {
		lead = strings.TrimSpace(t[:idx[0][0]+1])
	}
	for i, m := range idx {
		end := len(t)
		if i+1 < len(idx) {
			end = idx[i+1][0] + 1 // keep the ";" or "." with the item
		}
		if item := strings.TrimSpace(t[m[1]:end]); item != "" {
			items = append(items, item)
		}
	}
	return lead, items
}

// splitSentences splits a list written as sentences without markers
// ("A – 98%. B – 100%.") at a full stop followed by a capital letter.
func splitSentences(s string) []string {
	var out []string
	start := 0
	rs := []rune(s)
	for i := 0; i+2 < len(rs); i++ {
		if rs[i] != '.' || rs[i+1] != ' ' || !unicode.IsUpper(rs[i+2]) {
			continue
		}
		// the word before the stop must not be an abbreviation
		j := i
		for j > 0 && unicode.IsLetter(rs[j-1]) {
			j--
		}
		word := rs[j:i]
		if len(word) < 3 && !(i > 0 && (unicode.IsDigit(rs[i-1]) || rs[i-1] == '%' || rs[i-1] == ')')) {
			continue
		}
		out = append(out, strings.TrimSpace(string(rs[start:i+1])))
		start = i + 2
	}
	out = append(out, strings.TrimSpace(string(rs[start:])))
	return out
}

// listItem is one item of a cell's list; marked is true when it carried a
// list number or bullet (or was an <li>), false for a lead paragraph.
// written is the item as written: with its number or bullet and its final
// punctuation (only a list separator ";" or "," and spaces trimmed).
type listItem struct {
	text    string
	marked  bool
	written string
}

// writtenItems is markedItems: each item's clean text and its wording as
// written.
func writtenItems(raw string) []listItem { return markedItems(raw) }

// listItems turns a cell into list items: paragraphs and <li> of its HTML,
// each split further on inline numbers ("1. A 2. B") or bullets ("- A; - B");
// an <ol> of bare sentences is split into sentences. Markers and list
// punctuation are removed; a piece that starts in lowercase (a sentence cut
// by a page break) is joined to the item before it.
func listItems(raw string) []string {
	items := markedItems(raw)
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.text
	}
	return out
}

// numberedItems is listItems keeping only the numbered items when the cell
// has a list, so a lead paragraph ("При разработке … являются:") is left out.
func numberedItems(raw string) []string {
	items := markedItems(raw)
	var out []string
	for _, it := range items {
		if it.marked {
			out = append(out, it.text)
		}
	}
	if len(out) == 0 {
		return listItems(raw)
	}
	return out
}

func markedItems(raw string) []listItem {
	var items []listItem
	add := func(t, written string, marked bool) {
		t = strings.TrimSpace(t)
		if t == "" {
			return
		}
		if !marked && len(items) > 0 && continuesSentence(t) {
			last := &items[len(items)-1]
			last.text = joinText(last.text, t)
			last.written = joinText(last.written, t)
			return
		}
		items = append(items, listItem{t, marked, written})
	}
	for _, b := range htmlBlocks(raw) {
		if lead, its, wr := splitNumberedWritten(b.text); len(its) > 0 {
			add(lead, lead, false)
			for i, it := range its {
				add(it, wr[i], true)
			}
			continue
		}
		if lead, bs := splitBullets(b.text); len(bs) > 0 {
			add(lead, lead, false)
			for _, it := range bs {
				add(it, it, true)
			}
			continue
		}
		if b.list && !b.item {
			if ss := splitSentences(b.text); len(ss) > 1 {
				for _, it := range ss {
					add(it, it, true)
				}
				continue
			}
		}
		add(b.text, b.text, b.item)
	}
	out := items[:0]
	for _, it := range items {
		if it.text = trimPunct(it.text); it.text != "" {
			it.written = strings.TrimRight(strings.TrimSpace(it.written), ";, ")
			out = append(out, it)
		}
	}
	return out
}

// stripLead removes a leading status word ("Имеется", "<b>Имеется</b>", "-")
// from a list: an item that is only that word is dropped, an item starting
// with "Имеется." loses the prefix.
func stripLead(items []string, words ...string) []string {
	for len(items) > 0 {
		first := items[0]
		l := lowerTrim(first)
		changed := false
		for _, w := range words {
			if l == w || l == w+"." || l == w+":" {
				items = items[1:]
				changed = true
				break
			}
			for _, sep := range []string{". ", ": ", " "} {
				if strings.HasPrefix(l, w+sep) {
					items[0] = strings.TrimSpace(first[len(w+sep):])
					return items
				}
			}
		}
		if !changed {
			break
		}
	}
	return items
}

// splitTop splits s at the separators sep reports (the separator's length at
// byte i, 0 for none), outside «», "" and ().
func splitTop(s string, sep func(s string, i int) int) []string {
	var out []string
	depth, quote, dq := 0, 0, false
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		case '«':
			quote++
		case '»':
			if quote > 0 {
				quote--
			}
		case '"':
			dq = !dq
		}
		if depth == 0 && quote == 0 && !dq {
			if n := sep(s, i); n > 0 {
				out = append(out, s[start:i])
				i += n
				start = i
				continue
			}
		}
		i += size
	}
	out = append(out, s[start:])
	res := out[:0]
	for _, p := range out {
		if p = strings.TrimSpace(p); p != "" {
			res = append(res, p)
		}
	}
	return res
}

// upperAt reports whether the text at i (after spaces) starts with an
// uppercase letter or a quote.
func upperAt(s string, i int) bool {
	r := firstRune(strings.TrimLeft(s[i:], " "))
	return unicode.IsUpper(r) || r == '«'
}

// splitBodies splits a run-on list of bodies: at ";", and at ", ", "» " or
// ": " before a capital letter (outside quotes). Pieces ending with ":"
// are captions ("Перечень … ведомств:") and are dropped.
func splitBodies(s string) []string {
	parts := splitTop(s, func(s string, i int) int {
		switch {
		case s[i] == ';':
			return 1
		case strings.HasPrefix(s[i:], ", ") && upperAt(s, i+2):
			return 2
		case s[i] == ' ' && i > 0 && s[i-1] == ':' && upperAt(s, i+1):
			return 1 // the caption keeps its colon and is dropped below
		}
		return 0
	})
	// "РГУ «A» РГУ «B»": split after a closing quote before a capital
	var out []string
	for _, p := range parts {
		start := 0
		for i := 0; i < len(p); {
			j := strings.Index(p[i:], "» ")
			if j < 0 {
				break
			}
			at := i + j + len("» ")
			if upperAt(p, at) && balancedQuotes(p[start:i+j+len("»")]) {
				out = append(out, p[start:i+j+len("»")])
				start = at
			}
			i = at
		}
		out = append(out, p[start:])
	}
	res := out[:0]
	for _, p := range out {
		p = trimPunct(p)
		if p == "" || strings.HasSuffix(p, ":") {
			continue
		}
		res = append(res, p)
	}
	return res
}

func balancedQuotes(s string) bool {
	return strings.Count(s, "«") == strings.Count(s, "»")
}

// splitCommaCapital splits at ", " before a capital letter, outside quotes
// and parentheses ("Постановление …, Приказ …").
func splitCommaCapital(s string) []string {
	return splitTop(s, func(s string, i int) int {
		if strings.HasPrefix(s[i:], ", ") && upperAt(s, i+2) {
			return 2
		}
		if s[i] == ';' {
			return 1
		}
		return 0
	})
}

var refCodeRe = regexp.MustCompile(`^(\d{1,3}(?:\.\d{1,3})*)(\.?)\s*`)

// splitRefs splits an entity row's process-group column into the references
// as written, each with its number ("1.1 Получение …", "9. Аттестация …").
// A number starts a reference when it ends with a dot or is hierarchical and
// is followed by a capital letter.
func splitRefs(raw string) []string {
	var out []string
	for _, b := range htmlBlocks(raw) {
		t := b.text
		var starts []int
		for i := 0; i < len(t); i++ {
			if t[i] < '0' || t[i] > '9' {
				continue
			}
			if i > 0 {
				p := lastRune(t[:i])
				if !(unicode.IsSpace(p) || p == ';' || p == '.' || p == ',') {
					for i+1 < len(t) && t[i+1] >= '0' && t[i+1] <= '9' {
						i++
					}
					continue
				}
			}
			m := refCodeRe.FindStringSubmatch(t[i:])
			if m == nil {
				continue
			}
			hier := strings.Contains(m[1], ".")
			if (m[2] == "." || hier) && upperAt(t, i+len(m[0])) {
				starts = append(starts, i)
				i += len(m[0]) - 1
			} else {
				i += len(m[1]) - 1
			}
		}
		if len(starts) == 0 || strings.TrimSpace(t[:starts[0]]) != "" {
			starts = append([]int{0}, starts...)
		}
		for k, s := range starts {
			end := len(t)
			if k+1 < len(starts) {
				end = starts[k+1]
			}
			piece := trimPunct(t[s:end])
			if piece == "" {
				continue
			}
			if len(out) > 0 && continuesSentence(piece) {
				out[len(out)-1] = joinText(out[len(out)-1], piece)
				continue
			}
			out = append(out, piece)
		}
	}
	return out
}

// splitRef separates a reference's number from its title.
func splitRef(ref string) (code, title string) {
	m := refCodeRe.FindStringSubmatch(ref)
	if m == nil {
		return "", strings.TrimSpace(ref)
	}
	return m[1], strings.TrimSpace(ref[len(m[0]):])
}
