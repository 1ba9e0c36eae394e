package kct

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

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
			var miss []Fragment
			for _, f := range doc.Unattached {
				if f.Reason == LostReason {
					miss = append(miss, f)
				}
			}
			if len(miss) > 0 {
				var b strings.Builder
				for i, m := range miss {
					if i == 30 {
						fmt.Fprintf(&b, "… %d more lines\n", len(miss)-30)
						break
					}
					fmt.Fprintf(&b, "line %d: %s\n", m.Line, m.Text)
				}
				t.Errorf("%d lines have words no element took (the accounting reported them):\n%s", len(miss), b.String())
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
	src, err := read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	for name, lose := range losses {
		t.Run(name, func(t *testing.T) {
			doc, err := ParseFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if miss := unaccounted(src.lines, doc); len(miss) != 0 {
				t.Fatalf("seed not accounted before the loss: %v", miss)
			}
			lose(doc)
			// what Parse does last: the lost words are reported
			p := &parser{src: src, doc: doc}
			p.reportLost()
			lost := 0
			for _, f := range doc.Unattached {
				if f.Reason == LostReason {
					lost++
				}
			}
			if lost == 0 {
				t.Errorf("losing the %s went unnoticed", name)
			}
		})
	}
}
