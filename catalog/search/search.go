package search

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"html"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/karta/karta/catalog/breadcrumb"
)

// Query is one search request.
type Query struct {
	// Text is what the user typed. Empty lists every node (with the
	// filters), in ID order.
	Text string
	// Types keeps only nodes of these GraphQL types (any of them); see Types().
	Types []string
	// Ministries keeps only nodes of these top bodies (any of them), by key.
	Ministries []string
	// First is the page size: 20 when 0, at most 100.
	First int
	// After is the EndCursor of the previous page; "" for the first page.
	After string
}

// Result is one page of hits, with the facets of the whole result.
type Result struct {
	// Total is the number of nodes that match (all pages).
	Total       int
	Hits        []Hit
	Facets      Facets
	EndCursor   string // cursor of the page's last hit; pass as After
	HasNextPage bool
}

// Hit is one matching node.
type Hit struct {
	Type  string // GraphQL type name (Entity, ProcessGroup, …)
	ID    int    // ent ID, unique across types
	Key   string // natural key
	Name  string // display name (title, text or country for types without a name)
	Field string // GraphQL field of the best match (name, shortName, aliases, problems, …)
	// Snippet is the matched field's text, HTML-escaped, cut to about
	// SnippetRunes around the first match, with the matched words wrapped in
	// <mark>…</mark> and "…" where the text was cut.
	Snippet      string
	Score        float64
	MinistryKey  string // the top body the node belongs to ("" when none)
	MinistryName string
	// Breadcrumb is the node's path from its top body (package breadcrumb),
	// as of the index build.
	Breadcrumb []breadcrumb.Crumb
}

// Facets counts the matches by type and by top body.
type Facets struct {
	Types      []FacetCount
	Ministries []FacetCount
}

// FacetCount is one value of a facet: for types Key and Name are the type
// name; for ministries the body's key and full name (ShortName when known).
type FacetCount struct {
	Key       string
	Name      string
	ShortName string
	Count     int
}

// Page sizes.
const (
	DefaultFirst = 20
	MaxFirst     = 100
)

// SnippetRunes is the length a snippet is cut to (not counting marks).
const SnippetRunes = 200

// Errors of Search.
var (
	ErrClosed      = errors.New("search: index closed")
	ErrBadCursor   = errors.New("search: invalid cursor")
	ErrUnknownType = errors.New("search: unknown node type")
	ErrBadFirst    = errors.New("search: first must be between 0 and 100")
)

// Cursors are opaque to clients; they encode the offset of the next hit in
// the result list ("o:<offset>", base64url). An offset is only meaningful
// for the index that produced it: after a rebuild the next page may repeat
// or skip hits if the catalog changed.
func encodeCursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("o:" + strconv.Itoa(offset)))
}

func decodeCursor(c string) (int, error) {
	if c == "" {
		return 0, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || !strings.HasPrefix(string(b), "o:") {
		return 0, ErrBadCursor
	}
	n, err := strconv.Atoi(string(b[2:]))
	if err != nil || n < 0 {
		return 0, ErrBadCursor
	}
	return n, nil
}

// Search runs q. Facet counts of one dimension ignore that dimension's own
// filter and honour the other's (with Types set, the type facet still counts
// every type), so up to three bleve searches run per call.
func (ix *Index) Search(ctx context.Context, q Query) (*Result, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return nil, ErrClosed
	}
	for _, t := range q.Types {
		if _, ok := typeOrder[t]; !ok {
			return nil, fmt.Errorf("%w %q", ErrUnknownType, t)
		}
	}
	first := q.First
	switch {
	case first == 0:
		first = DefaultFirst
	case first < 0 || first > MaxFirst:
		return nil, ErrBadFirst
	}
	offset, err := decodeCursor(q.After)
	if err != nil {
		return nil, err
	}

	text, m := ix.textQuery(q.Text)
	if text == nil {
		if strings.TrimSpace(q.Text) != "" {
			// Words were typed but none is searchable (punctuation only).
			return &Result{Hits: []Hit{}, Facets: Facets{Types: []FacetCount{}, Ministries: []FacetCount{}}}, nil
		}
		text = query.NewMatchAllQuery()
	}
	withFilter := func(types, ministries []string) query.Query {
		f := filterQuery(types, ministries)
		if f == nil {
			return text
		}
		b := query.NewBooleanQuery([]query.Query{text}, nil, nil)
		b.AddFilter(f)
		return b
	}

	req := bleve.NewSearchRequestOptions(withFilter(q.Types, q.Ministries), first, offset, false)
	req.SortBy([]string{"-_score", "_id"})
	if len(q.Types) == 0 {
		req.AddFacet(fType, bleve.NewFacetRequest(fType, len(nodeTypes)))
	}
	if len(q.Ministries) == 0 {
		req.AddFacet(fMinistry, bleve.NewFacetRequest(fMinistry, len(ix.ministryKeys)+1))
	}
	res, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	facets := map[string]*search.FacetResult{}
	for k, v := range res.Facets {
		facets[k] = v
	}
	facetOnly := func(name string, types, ministries []string, size int) error {
		r := bleve.NewSearchRequestOptions(withFilter(types, ministries), 0, 0, false)
		r.Score = "none"
		r.AddFacet(name, bleve.NewFacetRequest(name, size))
		fr, err := ix.bleve.SearchInContext(ctx, r)
		if err != nil {
			return fmt.Errorf("search facets: %w", err)
		}
		facets[name] = fr.Facets[name]
		return nil
	}
	if len(q.Types) > 0 {
		if err := facetOnly(fType, nil, q.Ministries, len(nodeTypes)); err != nil {
			return nil, err
		}
	}
	if len(q.Ministries) > 0 {
		if err := facetOnly(fMinistry, q.Types, nil, len(ix.ministryKeys)+1); err != nil {
			return nil, err
		}
	}

	out := &Result{Total: int(res.Total), Hits: make([]Hit, 0, len(res.Hits))}
	for _, dm := range res.Hits {
		n := ix.nodes[dm.ID]
		if n == nil {
			continue
		}
		out.Hits = append(out.Hits, ix.hit(n, dm, m))
	}
	if len(out.Hits) > 0 {
		out.EndCursor = encodeCursor(offset + len(out.Hits))
	}
	out.HasNextPage = offset+len(res.Hits) < out.Total
	out.Facets = ix.facets(facets)
	return out, nil
}

func (ix *Index) facets(fs map[string]*search.FacetResult) Facets {
	out := Facets{Types: []FacetCount{}, Ministries: []FacetCount{}}
	if f := fs[fType]; f != nil && f.Terms != nil {
		for _, t := range f.Terms.Terms() {
			out.Types = append(out.Types, FacetCount{Key: t.Term, Name: t.Term, Count: t.Count})
		}
	}
	sort.SliceStable(out.Types, func(i, j int) bool {
		a, b := out.Types[i], out.Types[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return typeOrder[a.Key] < typeOrder[b.Key]
	})
	if f := fs[fMinistry]; f != nil && f.Terms != nil {
		for _, t := range f.Terms.Terms() {
			m := ix.ministryKeys[t.Term]
			out.Ministries = append(out.Ministries, FacetCount{Key: t.Term, Name: m.name, ShortName: m.shortName, Count: t.Count})
		}
	}
	sort.SliceStable(out.Ministries, func(i, j int) bool {
		a, b := out.Ministries[i], out.Ministries[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Name < b.Name
	})
	return out
}

// hit makes the Hit of a match. The matched field is the element (name,
// one alt, one text) that matched the most query words — counted as
// distinct matched word positions, at most the query's words, plus a bonus
// for an exact whole-value match; on a tie the name wins over alt, alt over
// text, and the first element of a list over later ones.
func (ix *Index) hit(n *node, dm *search.DocumentMatch, m *matcher) Hit {
	h := Hit{Type: n.typ, ID: n.id, Key: n.key, Name: n.name, Score: dm.Score, Breadcrumb: n.crumbs}
	if len(n.ministry) > 0 {
		mi := ix.ministryByID[n.ministry[0]]
		h.MinistryKey, h.MinistryName = mi.key, mi.name
	}
	best := part{Field: n.nameField, Value: n.name}
	var bestSpans [][2]int
	if m != nil {
		bestScore := 0
		consider := func(p part, exact bool) {
			spans, words, whole := m.match(ix, p.Value, exact)
			if len(spans) == 0 {
				return
			}
			score := min(words, m.nwords)
			if whole {
				score += m.nwords + 1
			}
			if bestSpans == nil || score > bestScore {
				best, bestSpans, bestScore = p, spans, score
			}
		}
		consider(part{Field: n.nameField, Value: n.name}, true)
		for _, p := range n.alt {
			consider(p, true)
		}
		for _, p := range n.text {
			consider(p, false)
		}
	}
	h.Field = best.Field
	h.Snippet = snippet(best.Value, bestSpans, SnippetRunes)
	return h
}

// snippet cuts text to about max runes around its first span and marks the
// spans (byte offsets into text) with <mark>; the rest is HTML-escaped.
func snippet(text string, spans [][2]int, limit int) string {
	// Keep valid spans, sorted and merged.
	valid := spans[:0:0]
	for _, s := range spans {
		if s[0] >= 0 && s[1] <= len(text) && s[0] < s[1] {
			valid = append(valid, s)
		}
	}
	sort.Slice(valid, func(i, j int) bool { return valid[i][0] < valid[j][0] })
	var merged [][2]int
	for _, s := range valid {
		if k := len(merged) - 1; k >= 0 && s[0] <= merged[k][1] {
			merged[k][1] = max(merged[k][1], s[1])
			continue
		}
		merged = append(merged, s)
	}

	from, to := 0, len(text)
	if utf8.RuneCountInString(text) > limit {
		anchor := 0
		if len(merged) > 0 {
			anchor = merged[0][0]
		}
		// Start up to a fifth of the window before the first match, at a
		// word boundary; end max runes later, at a word boundary.
		from = back(text, anchor, limit/5)
		to = forward(text, from, limit)
		if from > 0 {
			if i := strings.IndexByte(text[from:anchor], ' '); i >= 0 {
				from += i + 1
			}
		}
		if to < len(text) {
			if i := strings.LastIndexByte(text[from:to], ' '); i > 0 && from+i > anchor {
				to = from + i
			}
		}
	}
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	pos := from
	for _, s := range merged {
		if s[1] <= from || s[0] >= to {
			continue
		}
		st, en := max(s[0], from), min(s[1], to)
		b.WriteString(html.EscapeString(text[pos:st]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[st:en]))
		b.WriteString("</mark>")
		pos = en
	}
	b.WriteString(html.EscapeString(text[pos:to]))
	if to < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

// back returns the byte offset n runes before i (not before 0).
func back(s string, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return i
}

// forward returns the byte offset n runes after i (not past the end).
func forward(s string, i, n int) int {
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}
