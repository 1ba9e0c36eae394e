package search

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/karta/karta/catalog/textnorm"
)

// Names of the analysis components this package registers with bleve.
const (
	yoFilterName      = "karta_yo"       // ё → е
	foldFilterName    = "karta_fold"     // look-alike, Kazakh and ё folding
	skeletonTokenizer = "karta_skeleton" // the whole value as one folded token

	analyzerStem     = "karta_ru"       // Russian morphology
	analyzerFold     = "karta_words"    // folded words, no stemming, no stop words
	analyzerSkeleton = "karta_skeleton" // whole value, folded
)

// Index fields. Each source property (name, alt, text) is indexed three
// times (text only twice) under different analyzers; see doc.go.
const (
	fName   = "name"    // analyzerStem
	fNameW  = "name_w"  // analyzerFold
	fNameKW = "name_kw" // analyzerSkeleton
	fAlt    = "alt"
	fAltW   = "alt_w"
	fAltKW  = "alt_kw"
	fText   = "text"
	fTextW  = "text_w"
)

// registerOnce registers the package's token filters and tokenizer with
// bleve's process-wide registry, once, the first time a mapping is made.
var registerOnce sync.Once

func register() {
	must := func(err error) {
		if err != nil {
			panic(fmt.Sprintf("search: register analysis: %v", err))
		}
	}
	must(registry.RegisterTokenFilter(yoFilterName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return runeFilter(foldYo), nil
	}))
	must(registry.RegisterTokenFilter(foldFilterName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return runeFilter(foldRune), nil
	}))
	must(registry.RegisterTokenizer(skeletonTokenizer, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return skeletonTok{}, nil
	}))
}

// foldYo folds ё to е (and lower-cases), for the stemmed field.
func foldYo(r rune) rune {
	r = unicode.ToLower(r)
	if r == 'ё' {
		return 'е'
	}
	return r
}

// foldRune folds one rune for comparison with the rules of catalog/textnorm,
// per token so that term offsets, and so highlighting, keep pointing into
// the original text.
var foldRune = textnorm.FoldRune

// fold applies foldRune to every rune of s.
func fold(s string) string { return strings.Map(foldRune, s) }

// runeFilter is a token filter that maps every rune of each term.
type runeFilter func(rune) rune

func (f runeFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		t.Term = []byte(strings.Map(f, string(t.Term)))
	}
	return input
}

// skeleton is the exact-match form of a whole name: its words (runs of
// letters and digits) folded and joined by one space, so quotes, hyphens,
// case and look-alike letters do not matter: «ИС «Е-Архив»» and "ис e-архив"
// have the same skeleton.
//
// It folds rune by rune into one buffer (one allocation for most values):
// the catalog computes it for every name and alias of every build.
func skeleton(s string) string {
	var b strings.Builder
	word := false // the last rune was a word rune
	for _, r := range s {
		if !isWordRune(r) {
			word = false
			continue
		}
		if !word && b.Len() > 0 {
			b.WriteByte(' ')
		}
		word = true
		if b.Cap() == 0 {
			b.Grow(len(s))
		}
		if f := foldRune(r); f >= 0 { // as strings.Map: a negative rune is dropped
			b.WriteRune(f)
		}
	}
	return b.String()
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// skeletonTok emits the skeleton of its whole input as one token spanning
// the input.
type skeletonTok struct{}

func (skeletonTok) Tokenize(input []byte) analysis.TokenStream {
	s := skeleton(string(input))
	if s == "" {
		return nil
	}
	return analysis.TokenStream{{
		Term: []byte(s), Start: 0, End: len(input), Position: 1, Type: analysis.AlphaNumeric,
	}}
}

// newMapping returns the index mapping: one document shape for every node
// type, no dynamic fields, nothing stored (the texts stay in Go memory).
func newMapping() (*mapping.IndexMappingImpl, error) {
	registerOnce.Do(register)
	m := mapping.NewIndexMapping()
	if err := m.AddCustomAnalyzer(analyzerStem, map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     unicodetok.Name,
		"token_filters": []interface{}{lowercase.Name, yoFilterName, ru.StopName, ru.SnowballStemmerName},
	}); err != nil {
		return nil, err
	}
	if err := m.AddCustomAnalyzer(analyzerFold, map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     unicodetok.Name,
		"token_filters": []interface{}{foldFilterName},
	}); err != nil {
		return nil, err
	}
	if err := m.AddCustomAnalyzer(analyzerSkeleton, map[string]interface{}{
		"type":      custom.Name,
		"tokenizer": skeletonTokenizer,
	}); err != nil {
		return nil, err
	}
	// No field keeps term vectors: phrases are checked in the candidates'
	// own texts (phraseQuery) and snippets found again there (matcher).
	// Nothing goes to the composite _all field, which no query reads.
	field := func(name, analyzer string) *mapping.FieldMapping {
		return &mapping.FieldMapping{
			Name: name, Type: "text", Analyzer: analyzer,
			Index: true, IncludeTermVectors: false, IncludeInAll: false,
		}
	}
	doc := mapping.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fName, field(fName, analyzerStem), field(fNameW, analyzerFold), field(fNameKW, analyzerSkeleton))
	doc.AddFieldMappingsAt(fAlt, field(fAlt, analyzerStem), field(fAltW, analyzerFold), field(fAltKW, analyzerSkeleton))
	doc.AddFieldMappingsAt(fText, field(fText, analyzerStem), field(fTextW, analyzerFold))
	m.DefaultMapping = doc
	m.DefaultAnalyzer = analyzerStem
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m, m.Validate()
}

// runeLen is the number of runes of s.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
