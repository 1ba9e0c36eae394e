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

	"github.com/karta/karta/catalog/breadcrumb"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/registry"
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
	// Node is a stub of the node: its type with only the ID set (the
	// registry's Stub), which is all a page of hits usually shows; a caller
	// that needs more replaces it with the node loaded.
	Node ent.Noder
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

// Search runs q. One pass over the text's matches (exec.go) scores them, keeps the page's
// best and counts both facets in Go: the type and the top bodies of each
// node are held with the index, so filters and facets read no doc values and
// need no second search. An empty text lists the nodes in ID order without
// bleve at all.
func (ix *Index) Search(ctx context.Context, q Query) (*Result, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return nil, ErrClosed
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
	c, err := ix.newCollector(q, offset+first)
	if err != nil {
		return nil, err
	}

	text, m := ix.textQuery(q.Text)
	switch {
	case text != nil:
		if err := ix.run(ctx, text, c); err != nil {
			return nil, err
		}
	case strings.TrimSpace(q.Text) != "":
		// Words were typed but none is searchable (punctuation only).
		return &Result{Hits: []Hit{}, Facets: Facets{Types: []FacetCount{}, Ministries: []FacetCount{}}}, nil
	default:
		for _, n := range ix.sorted {
			c.add(n, 1)
		}
	}

	best := c.best()
	out := &Result{Total: c.total, Hits: make([]Hit, 0, max(0, len(best)-offset))}
	if offset < len(best) {
		for _, s := range best[offset:] {
			out.Hits = append(out.Hits, ix.hit(s.n, s.score, m))
		}
	}
	if len(out.Hits) > 0 {
		out.EndCursor = encodeCursor(offset + len(out.Hits))
	}
	out.HasNextPage = offset+len(out.Hits) < out.Total
	out.Facets = ix.facets(c)
	return out, nil
}

// scored is a match and its score.
type scored struct {
	n     *node
	score float64
}

// better orders matches by score, then by ID (the stable tie-break).
func (a scored) better(b scored) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return a.n.id < b.n.id
}

// collector counts the matches of a search that pass its filters, keeps the
// k best and counts the facets: the type facet honours only the ministry
// filter, the ministry facet only the type filter.
type collector struct {
	types      []bool       // by typeOrder; nil: every type
	ministries map[int]bool // top body IDs; nil: every body
	typeCounts []int
	minCounts  map[int]int
	total      int
	k          int
	top        []scored // a heap of the k best, the worst at the root
	unchecked  int      // phrases not checked: their documents could not be hits (exec.go)
}

func (ix *Index) newCollector(q Query, k int) (*collector, error) {
	c := &collector{typeCounts: make([]int, len(nodeTypes)), minCounts: map[int]int{}, k: k}
	if len(q.Types) > 0 {
		c.types = make([]bool, len(nodeTypes))
		for _, t := range q.Types {
			i, ok := typeOrder[t]
			if !ok {
				return nil, fmt.Errorf("%w %q", ErrUnknownType, t)
			}
			c.types[i] = true
		}
	}
	if len(q.Ministries) > 0 {
		c.ministries = map[int]bool{}
		for _, key := range q.Ministries {
			if id, ok := ix.ministryIDs[key]; ok {
				c.ministries[id] = true
			}
		}
	}
	return c, nil
}

// passes reports whether n passes both filters: whether it may be a hit.
func (c *collector) passes(n *node) bool {
	return c.typeOK(n) && c.ministryOK(n)
}

func (c *collector) typeOK(n *node) bool { return c.types == nil || c.types[n.typeIdx] }

func (c *collector) ministryOK(n *node) bool {
	ok := c.ministries == nil
	for _, m := range n.ministry {
		if ok {
			break
		}
		ok = c.ministries[m]
	}
	return ok
}

func (c *collector) add(n *node, score float64) {
	typeOK, minOK := c.typeOK(n), c.ministryOK(n)
	if minOK {
		c.typeCounts[n.typeIdx]++
	}
	if typeOK {
		for _, m := range n.ministry {
			c.minCounts[m]++
		}
	}
	if !typeOK || !minOK {
		return
	}
	c.total++
	s := scored{n, score}
	switch {
	case len(c.top) < c.k:
		c.top = append(c.top, s)
		c.up(len(c.top) - 1)
	case c.k > 0 && s.better(c.top[0]):
		c.top[0] = s
		c.down(0)
	}
}

// The heap keeps the worst of the kept matches at index 0.
func (c *collector) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !c.top[p].better(c.top[i]) {
			return
		}
		c.top[p], c.top[i] = c.top[i], c.top[p]
		i = p
	}
}

func (c *collector) down(i int) {
	for {
		w, l, r := i, 2*i+1, 2*i+2
		if l < len(c.top) && c.top[w].better(c.top[l]) {
			w = l
		}
		if r < len(c.top) && c.top[w].better(c.top[r]) {
			w = r
		}
		if w == i {
			return
		}
		c.top[w], c.top[i] = c.top[i], c.top[w]
		i = w
	}
}

// best returns the kept matches, best first.
func (c *collector) best() []scored {
	sort.Slice(c.top, func(i, j int) bool { return c.top[i].better(c.top[j]) })
	return c.top
}

func (ix *Index) facets(c *collector) Facets {
	out := Facets{Types: []FacetCount{}, Ministries: []FacetCount{}}
	for i, n := range c.typeCounts {
		if n > 0 {
			out.Types = append(out.Types, FacetCount{Key: nodeTypes[i], Name: nodeTypes[i], Count: n})
		}
	}
	// Types are listed in typeOrder, so a stable sort keeps that order
	// among equal counts.
	sort.SliceStable(out.Types, func(i, j int) bool { return out.Types[i].Count > out.Types[j].Count })
	for id, n := range c.minCounts {
		m := ix.ministryByID[id]
		out.Ministries = append(out.Ministries, FacetCount{Key: m.key, Name: m.name, ShortName: m.shortName, Count: n})
	}
	sort.Slice(out.Ministries, func(i, j int) bool {
		a, b := out.Ministries[i], out.Ministries[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Key < b.Key
	})
	return out
}

// hit makes the Hit of a match. The matched field is the element (name,
// one alt, one text) that matched the most query words — counted as
// distinct matched word positions, at most the query's words, plus a bonus
// for an exact whole-value match; on a tie the name wins over alt, alt over
// text, and the first element of a list over later ones.
func (ix *Index) hit(n *node, score float64, m *matcher) Hit {
	h := Hit{Type: n.typ, ID: n.id, Key: n.key, Name: n.name, Score: score, Breadcrumb: n.crumbs}
	if t := registry.Lookup(n.typ); t != nil && t.Stub != nil {
		h.Node = t.Stub(n.id)
	}
	if len(n.ministry) > 0 {
		mi := ix.ministryByID[n.ministry[0]]
		h.MinistryKey, h.MinistryName = mi.key, mi.name
	}
	best := part{Field: n.nameField, Value: n.name}
	var bestSpans [][2]int
	if m != nil {
		bestScore := 0
		consider := func(p part, skel string) {
			spans, words, whole := m.match(p.Value, skel)
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
		// A text scores at most nwords and an alias at most 2·nwords+1
		// (a whole match); on a tie the earlier element wins, so once the
		// best reaches that, the later elements need not be read.
		consider(part{Field: n.nameField, Value: n.name}, n.nameSkeleton)
		for i, p := range n.alt {
			if bestScore >= 2*m.nwords+1 {
				break
			}
			consider(p, n.altSkeletons[i])
		}
		for _, p := range n.text {
			if bestScore >= m.nwords {
				break
			}
			consider(p, "")
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
