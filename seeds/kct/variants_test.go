package kct_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/karta/karta/seeds/kct"
	"github.com/karta/karta/seeds/variants"
)

func init() {
	kct.VariantCorpus = func(t testing.TB) map[string][]byte {
		out := map[string][]byte{}
		for _, v := range corpusVariants(t) {
			out[v.Name] = v.Text
		}
		return out
	}
}

func loadSeeds(t testing.TB) []variants.Seed {
	t.Helper()
	seeds, err := variants.LoadSeeds(os.DirFS("../maps"), "*.txt")
	if err != nil {
		t.Fatal(err)
	}
	return seeds
}

func corpusVariants(t testing.TB) []variants.Variant {
	t.Helper()
	vs, err := variants.Generate(loadSeeds(t))
	if err != nil {
		t.Fatal(err)
	}
	return vs
}

// ignoredKeys are what a variant may change: line numbers, the wording of
// headings, labels and section titles, the recognition report, the encoding
// and the raw cells of extra columns (checked on their own).
var ignoredKeys = map[string]bool{"line": true, "introductionLines": true, "overviewLines": true, "problemLines": true, "descriptionLines": true, "recognitions": true, "encoding": true, "extra": true, "label": true}

var outlineNumberRe = regexp.MustCompile(`^\d+\.\s+`)

// comparable is the document as a variant must keep it.
func comparable(t testing.TB, d *kct.Document) map[string]any {
	t.Helper()
	data, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	var strip func(v any) any
	strip = func(v any) any {
		switch x := v.(type) {
		case map[string]any:
			for k := range x {
				if ignoredKeys[k] {
					delete(x, k)
					continue
				}
				x[k] = strip(x[k])
			}
		case []any:
			for i := range x {
				x[i] = strip(x[i])
			}
		}
		return v
	}
	strip(m)
	if sp, ok := m["spheres"].([]any); ok {
		for _, s := range sp {
			s := s.(map[string]any)
			delete(s, "number")
			delete(s, "heading")
		}
	}
	for _, k := range []string{"kpiHeading", "plannedServicesHeading"} {
		if h, ok := m[k].(string); ok {
			m[k] = outlineNumberRe.ReplaceAllString(h, "")
		}
	}
	delete(m, "file")
	return m
}

// firstDifference names the first path where a and b differ.
func firstDifference(path string, a, b any) string {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			return path
		}
		keys := map[string]bool{}
		for k := range x {
			keys[k] = true
		}
		for k := range y {
			keys[k] = true
		}
		sorted := make([]string, 0, len(keys))
		for k := range keys {
			sorted = append(sorted, k)
		}
		sort.Strings(sorted)
		for _, k := range sorted {
			if d := firstDifference(path+"."+k, x[k], y[k]); d != "" {
				return d
			}
		}
		return ""
	case []any:
		y, ok := b.([]any)
		if !ok {
			return path
		}
		for i := 0; i < len(x) && i < len(y); i++ {
			if d := firstDifference(fmt.Sprintf("%s[%d]", path, i), x[i], y[i]); d != "" {
				return d
			}
		}
		if len(x) != len(y) {
			return fmt.Sprintf("%s: %d elements, want %d", path, len(y), len(x))
		}
		return ""
	}
	if !reflect.DeepEqual(a, b) {
		return fmt.Sprintf("%s: got %s, want %s", path, short(b), short(a))
	}
	return ""
}

// renameStrings applies rename to every string of a decoded JSON value.
func renameStrings(v any, rename func(string) string) any {
	switch x := v.(type) {
	case map[string]any:
		for k := range x {
			x[k] = renameStrings(x[k], rename)
		}
	case []any:
		for i := range x {
			x[i] = renameStrings(x[i], rename)
		}
	case string:
		return rename(x)
	}
	return v
}

func short(v any) string {
	s := fmt.Sprint(v)
	if r := []rune(s); len(r) > 140 {
		return string(r[:140]) + "…"
	}
	return s
}

// TestVariants parses every variant of the corpus and compares it with its
// seed's parse: the same elements, values and links.
func TestVariants(t *testing.T) {
	seeds := loadSeeds(t)
	byName := map[string]variants.Seed{}
	for _, s := range seeds {
		byName[s.Name] = s
	}
	vs, err := variants.Generate(seeds)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) < len(seeds)*len(variants.Rewrites)-len(seeds) {
		t.Fatalf("only %d variants generated", len(vs))
	}
	for _, v := range vs {
		t.Run(v.Name, func(t *testing.T) {
			got, err := kct.Parse(v.Name, bytes.NewReader(v.Text))
			if err != nil {
				t.Fatal(err)
			}
			want := byName[v.Seed].Doc
			if v.Expect != nil {
				if want, err = kct.Parse(v.Seed, bytes.NewReader(v.Expect)); err != nil {
					t.Fatal(err)
				}
			}
			if len(v.Parts) > 0 {
				assembled := *byName[v.Parts[0]].Doc
				assembled.Spheres = nil
				for _, part := range v.Parts {
					assembled.Spheres = append(assembled.Spheres, byName[part].Doc.Spheres...)
				}
				for i := range assembled.Spheres {
					assembled.Spheres[i].Order = i + 1
				}
				want = &assembled
			}
			if len(got.Unattached) > 0 {
				t.Errorf("unattached: %+v", got.Unattached)
			}
			gotC := comparable(t, got)
			if v.RenameBack != nil {
				gotC = renameStrings(gotC, v.RenameBack).(map[string]any)
			}
			if d := firstDifference("", comparable(t, want), gotC); d != "" {
				t.Errorf("differs from its seed at %s", d)
			}
			checkRewrite(t, v, got)
		})
	}
}

// checkRewrite checks what a rewrite must leave visible: the synonyms and
// fallbacks it caused are reported, extra columns are kept, the encoding is
// named.
func checkRewrite(t *testing.T, v variants.Variant, got *kct.Document) {
	switch v.Rewrite {
	case "windows-1251":
		if got.Encoding != "windows-1251" {
			t.Errorf("encoding %q, want windows-1251", got.Encoding)
		}
	case "header-synonyms", "sphere-roman", "sphere-bare", "sphere-activity", "sphere-industry":
		if len(got.Recognitions) == 0 {
			t.Errorf("the %s rewrite needed synonyms or fallbacks, but none is reported", v.Rewrite)
		}
	case "columns":
		extra := 0
		for _, s := range got.Spheres {
			for _, e := range s.Entities {
				extra += len(e.Extra)
			}
		}
		for _, in := range got.Integrations {
			extra += len(in.Extra)
		}
		for _, n := range got.Needs {
			extra += len(n.Extra)
		}
		unknown := 0
		for _, r := range got.Recognitions {
			if r.How == kct.HowUnknown {
				unknown++
			}
		}
		if extra == 0 || unknown == 0 {
			t.Errorf("the extra column is not kept (%d cells) or not reported (%d)", extra, unknown)
		}
		for _, s := range got.Spheres {
			for _, e := range s.Entities {
				if len(e.Extra) > 0 && !strings.HasPrefix(e.Extra[0].Value, "примечание ") {
					t.Errorf("entity %q extra %+v", e.Name, e.Extra)
				}
			}
		}
	}
}
