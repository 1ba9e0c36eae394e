package kct

import (
	"reflect"
	"strings"
	"unicode"
)

// LostReason is the reason of an unattached fragment the accounting found:
// words of a line that no element of the document took.
const LostReason = "words of this line that no element took (reported by the accounting)"

// The accounting: every word of a document ends in a node field, in the
// structure the parser consumed (titles, headers, labels) or in the
// unattached report. It compares, line by line, the multiset of the
// source's words with the words of the parsed document. Parse runs it last:
// words no element took are reported unattached (LostReason), so a defect
// of the interpreter can never lose text silently.

// derivedFields are fields computed from other fields (normalised values,
// resolved references, duplicates of a raw field): they do not account for
// source text.
var derivedFields = map[string]bool{
	"Document.File": true, "Document.Source": true, "Document.Owner": true, "Document.Recognitions": true, "Document.Encoding": true,
	"Passport.Title": true, "Passport.Goal": true, "Passport.StrategicDocuments": true, "Passport.Spheres": true,
	"Passport.Principles": true, "Passport.DevelopmentBodies": true, "Passport.ImplementationBodies": true,
	"Passport.Basis": true, "Passport.Period": true,
	"KPI.NormName": true, "Entity.Kind": true, "Entity.Digitization": true, "Entity.ProcessGroups": true,
	"ProcessGroup.Processes": true, "ProcessGroup.TechnologiesText": true, "ProcessGroup.Technologies": true,
	"ProcessGroup.ResponsibleUnits": true, "ProcessGroup.Functions": true, "ProcessGroup.ServicesText": true,
	"ProcessGroup.Services": true, "ProcessGroup.AutomationText": true, "ProcessGroup.Automation": true,
	"ProcessGroup.Systems": true, "ProcessGroup.SubjectObject": true, "ProcessGroup.Entities": true,
	"ProcessGroup.ReengineeringText": true, "ProcessGroup.Reengineering": true,
	"RoadmapItem.ProcessGroup": true, "Quarter.Codes": true, "YearCodes.Codes": true,
	"Need.Bodies": true, "Need.Systems": true, "Icebreaker.Systems": true, "Sphere.Name": true,
	"Sphere.Number": true, "Experience.Country": true,
	// resolved after parsing: the words come from the text they were
	// resolved from
	"SummaryRoadmapRow.SphereOrder": true,
}

// attachedWords collects the words of every source-carrying string of v.
func attachedWords(v reflect.Value, owner string, add func(string)) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			attachedWords(v.Elem(), owner, add)
		}
	case reflect.String:
		add(v.String())
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			attachedWords(v.Index(i), owner, add)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() || derivedFields[t.Name()+"."+f.Name] {
				continue
			}
			attachedWords(v.Field(i), t.Name(), add)
		}
	}
}

// accountWords are the words of a text as the accounting counts them:
// folded letters-and-digits runs; list numbers (one or two digits) are
// markup, not words.
func accountWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		// the lines and the document's text are already normalised
		// (look-alike letters fixed): case and ё are all that differ
		w = strings.ToLower(w)
		if strings.ContainsAny(w, "ёі") {
			w = strings.NewReplacer("ё", "е", "і", "и").Replace(w)
		}
		if len(w) <= 2 && strings.Trim(w, "0123456789") == "" {
			continue
		}
		out = append(out, w)
	}
	return out
}

// accountLines are the reader's lines (decoded, normalised, entities
// decoded) as the accounting reads them: tags and markdown removed.
func accountLines(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		l = tagRe.ReplaceAllString(l, " ")
		out[i] = stripMarkdown(strings.ReplaceAll(l, "\t", " "))
	}
	return out
}

// unaccounted returns the words of the reader's lines that are neither
// attached nor reported, by line.
func unaccounted(lines []string, doc *Document) []Fragment {
	pool := map[string]int{}
	add := func(s string) {
		for _, w := range accountWords(s) {
			pool[w]++
		}
	}
	attachedWords(reflect.ValueOf(doc), "Document", add)
	for _, f := range doc.structure {
		add(f.Text)
	}
	// the source's words in order, with their lines
	type word struct {
		w    string
		line int
	}
	var words []word
	for i, l := range accountLines(lines) {
		for _, w := range accountWords(l) {
			words = append(words, word{w, i + 1})
		}
	}
	var missing []Fragment
	glued := make([]bool, len(words))
	for k := 0; k < len(words); k++ {
		w := words[k]
		if glued[k] {
			continue
		}
		if pool[w.w] > 0 {
			pool[w.w]--
			continue
		}
		// a word cut by a line or page break (the rest of a table cell comes
		// after the other cells of its row), glued again by the parser
		found := false
		for j := k + 1; j < len(words) && j <= k+60 && !found; j++ {
			if !glued[j] && pool[w.w+words[j].w] > 0 {
				pool[w.w+words[j].w]--
				glued[j], found = true, true
			}
		}
		if found {
			continue
		}
		if n := len(missing); n > 0 && missing[n-1].Line == w.line {
			missing[n-1].Text += " " + w.w
			continue
		}
		missing = append(missing, Fragment{Line: w.line, Text: w.w})
	}
	return missing
}

// reportLost adds the words no element took to the unattached report.
func (p *parser) reportLost() {
	for _, f := range unaccounted(p.src.lines, p.doc) {
		p.doc.Unattached = append(p.doc.Unattached, Fragment{Line: f.Line, Text: f.Text, Reason: LostReason})
	}
}
