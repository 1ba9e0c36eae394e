package kct

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode"
)

// The accounting: every word of a document ends in a node field, in the
// structure the parser consumed (titles, headers, labels) or in the
// unattached report. It compares, line by line, the multiset of the
// source's words with the words of the parsed document.

// derivedFields are fields computed from other fields (normalised values,
// resolved references, duplicates of a raw field): they do not account for
// source text.
var derivedFields = map[string]bool{
	"Document.File": true, "Document.Owner": true, "Document.Recognitions": true, "Document.Encoding": true,
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
		w = foldWord(w)
		if len(w) <= 2 && strings.Trim(w, "0123456789") == "" {
			continue
		}
		out = append(out, w)
	}
	return out
}

// sourceLines are the document's lines as the accounting reads them:
// decoded, normalised, HTML entities decoded, tags and markdown removed.
func sourceLines(t testing.TB, data []byte) []string {
	t.Helper()
	text, _, err := decode(data)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		l = decodeEntities(normalizeLine(l))
		l = tagRe.ReplaceAllString(l, " ")
		lines[i] = stripMarkdown(strings.ReplaceAll(l, "\t", " "))
	}
	return lines
}

// unaccounted returns the source words that are neither attached nor
// reported, by line.
func unaccounted(t testing.TB, data []byte, doc *Document) []Fragment {
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
	for i, l := range sourceLines(t, data) {
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

// corpus is every document the accounting checks: the seed maps and every
// variant the generator writes.
func corpus(t *testing.T) map[string][]byte {
	docs := map[string][]byte{}
	for _, f := range seedMaps(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs[filepath.Base(f)] = data
	}
	for name, data := range variantCorpus(t) {
		docs[name] = data
	}
	return docs
}

func TestAccounting(t *testing.T) {
	docs := corpus(t)
	names := make([]string, 0, len(docs))
	for n := range docs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			doc, err := Parse(name, strings.NewReader(string(docs[name])))
			if err != nil {
				t.Fatal(err)
			}
			if miss := unaccounted(t, docs[name], doc); len(miss) > 0 {
				var b strings.Builder
				for i, m := range miss {
					if i == 30 {
						fmt.Fprintf(&b, "… %d more lines\n", len(miss)-30)
						break
					}
					fmt.Fprintf(&b, "line %d: %s\n", m.Line, m.Text)
				}
				t.Errorf("%d lines have words neither attached nor reported:\n%s", len(miss), b.String())
			}
		})
	}
}

// TestAccountingDetectsLoss proves the accounting fails when text is lost:
// dropping one element's text from a parsed seed leaves its words
// unaccounted.
func TestAccountingDetectsLoss(t *testing.T) {
	f := seedMaps(t)[0]
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	losses := map[string]func(d *Document){
		"entity attributes": func(d *Document) { d.Spheres[0].Entities[0].Attributes = nil },
		"sphere overview":   func(d *Document) { d.Spheres[1].Overview = d.Spheres[1].Overview[1:] },
		"a KPI":             func(d *Document) { d.KPIs = d.KPIs[1:] },
		"a header row":      func(d *Document) { d.structure = d.structure[1:] },
	}
	for name, lose := range losses {
		t.Run(name, func(t *testing.T) {
			doc, err := ParseFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if miss := unaccounted(t, data, doc); len(miss) != 0 {
				t.Fatalf("seed not accounted before the loss: %v", miss)
			}
			lose(doc)
			if miss := unaccounted(t, data, doc); len(miss) == 0 {
				t.Errorf("losing the %s went unnoticed", name)
			}
		})
	}
}
