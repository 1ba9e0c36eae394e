package search

import (
	"context"
	"fmt"
	"math"
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2/search/scorer"
	index "github.com/blevesearch/bleve_index_api"
)

// A text query is run term at a time: every term it reads is one postings
// list of bleve's snapshot, read once from start to end, and the scores
// are added up per document in dense arrays indexed by bleve's document
// number. The scores are bleve's TF-IDF as its searchers compute them for
// the same query (query.go describes its shape): a term scores
// sqrt(freq)·norm·idf · boost·idf·queryNorm, where idf = 1 + ln(docs /
// (docFreq+1)) and queryNorm = 1/sqrt(Σ (boost·idf)²) over every term of
// the query; a disjunction (a query word, a prefix's terms, the optional
// clauses) scores the sum of its matched clauses times matched/all; a
// conjunction (the query's words, a phrase's terms) the sum. bleve's
// searchers instead walk every term's postings in step (a heap of one
// iterator per term, a match object per term and document), which cost
// most of a search: a word expands to dozens of terms (prefixes, typos).
//
// A document's score is summed in the query's order, not in an order that
// depends on bleve's document numbers: two builds of one catalog number
// documents differently (a batch is a map), and bleve's sums then differed
// in their last bits, enough to swap hits of equal scores and break
// cursors. Here equal documents score equally, and ties go to the lower ID.

// clauseKind is what one clause of a group matches.
type clauseKind uint8

const (
	clauseTerm   clauseKind = iota // one term
	clausePrefix                   // the terms with a prefix: a disjunction of them
	clausePhrase                   // every term of a phrase, then the phrase in the node's texts
	clauseGroup                    // a nested group
)

// clause is one element of a group: a term, a prefix or a phrase in one
// field, or a nested group.
type clause struct {
	kind   clauseKind
	field  string
	term   string // the term or the prefix
	boost  float64
	phrase *phraseQuery
	group  *group

	leaves []leaf // the terms read, once planned
}

// group is a disjunction of clauses: a document matches it when it matches
// one clause, and scores the sum of its matched clauses' scores times the
// share of the group's clauses it matched (bleve's coordination factor).
type group struct {
	clauses []clause
}

// textPlan is a search text as a query: every must group has to match;
// should only adds to the score.
type textPlan struct {
	must   []*group
	should *group // nil: none
}

// leaf is one term read from the index: from bleve's snapshot, or from
// the exactIndex for a whole-value field.
type leaf struct {
	tfr    index.TermFieldReader
	exact  []exactPosting // when tfr is nil
	count  uint64         // documents of the term
	idf    float64
	boost  float64
	weight float64 // boost·idf·queryNorm (bleve's queryWeight)
}

// accum adds up scores per document: sum and the number of clauses
// matched, with the documents touched listed so that a reset costs only
// what was added.
type accum struct {
	sum     []float64
	cnt     []int32
	touched []uint32
}

func (a *accum) add(doc uint32, s float64) {
	if a.cnt[doc] == 0 {
		a.touched = append(a.touched, doc)
	}
	a.sum[doc] += s
	a.cnt[doc]++
}

func (a *accum) reset() {
	for _, d := range a.touched {
		a.sum[d], a.cnt[d] = 0, 0
	}
	a.touched = a.touched[:0]
}

// accums is the accumulators of one search: the query's result, one
// group's result, and one per nesting level below, each as long as the
// index has document numbers. Searches take them from a pool (a search at
// 40 maps would otherwise allocate a few hundred kilobytes).
type accums struct {
	tfd    index.TermFieldDoc
	levels []*accum
	size   int
}

// level returns the accumulator of nesting level i, made on first use.
func (s *accums) level(i int) *accum {
	for len(s.levels) <= i {
		s.levels = append(s.levels, &accum{})
	}
	a := s.levels[i]
	if len(a.cnt) < s.size {
		a.sum, a.cnt = make([]float64, s.size), make([]int32, s.size)
	}
	return a
}

// Levels of the scratch: 0 the query's must part, 1 the current group's
// result, 2 and up the groups and clauses below it.
const (
	levelQuery = 0
	levelGroup = 1
)

var accumPool = sync.Pool{New: func() any { return &accums{} }}

// getAccums returns clean accumulators for documents numbered below size.
func getAccums(size int) *accums {
	s := accumPool.Get().(*accums)
	s.size = size
	return s
}

// executor runs one textPlan.
type executor struct {
	ix   *Index
	ctx  context.Context
	s    *accums
	docs uint64 // documents in the snapshot
	// Only documents with keep[doc] == want are scored (want < 0: all):
	// once the first must group ran, the others and the optional part
	// only matter for the documents every group before matched.
	keep []int32
	want int32
	// The phrases of group deferIn (the optional one) wait in pending
	// until its other clauses ran (resolve): the documents the must
	// groups matched are in query (all of them: cnt == must), and c
	// keeps the page.
	deferIn *group
	pending []pendingPhrase
	query   *accum
	must    int32
	c       *collector
}

// pendingPhrase is a document that has every term of a phrase clause: it
// scores sum more if its texts have them in a row.
type pendingPhrase struct {
	cl  *clause
	doc uint32
	sum float64
}

// run scores the documents that match p and hands each to c.
func (ix *Index) run(ctx context.Context, p *textPlan, c *collector) (err error) {
	docs, err := ix.reader.DocCount()
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	e := &executor{ix: ix, ctx: ctx, s: getAccums(len(ix.byNum)), docs: docs, want: -1}
	defer accumPool.Put(e.s)
	defer func() {
		if cerr := p.close(); err == nil && cerr != nil {
			err = fmt.Errorf("search: %w", cerr)
		}
	}()
	// Open every term (prefixes expanded) and weigh it: the query norm
	// needs all of them before any score.
	var squares float64
	open := func(g *group) error {
		return g.walk(func(cl *clause) error { return e.open(cl, &squares) })
	}
	for _, g := range p.must {
		if err := open(g); err != nil {
			return err
		}
	}
	if p.should != nil {
		if err := open(p.should); err != nil {
			return err
		}
	}
	norm := 1 / math.Sqrt(squares)
	set := func(cl *clause) error {
		for i := range cl.leaves {
			l := &cl.leaves[i]
			l.weight = l.boost * l.idf * norm
		}
		return nil
	}
	for _, g := range p.must {
		_ = g.walk(set)
	}
	if p.should != nil {
		_ = p.should.walk(set)
	}

	// The must groups, the one with the fewest postings first: each
	// later group only scores the documents the earlier ones all matched.
	must := append([]*group(nil), p.must...)
	sort.SliceStable(must, func(i, j int) bool { return must[i].postings() < must[j].postings() })
	query := e.s.level(levelQuery)
	defer query.reset()
	word := e.s.level(levelGroup)
	for k, g := range must {
		if k > 0 {
			e.keep, e.want = query.cnt, int32(k)
		}
		if err := e.group(g, levelGroup+1, word); err != nil {
			word.reset()
			return err
		}
		for _, d := range word.touched {
			query.add(d, word.sum[d])
		}
		word.reset()
	}
	e.keep, e.want = query.cnt, int32(len(must))
	var should *accum
	if p.should != nil {
		should = word
		defer should.reset()
		e.query, e.must, e.c = query, int32(len(must)), c
		if trailingPhrases(p.should) {
			e.deferIn = p.should
		}
		if err := e.group(p.should, levelGroup+1, should); err != nil {
			return err
		}
	}
	for _, d := range query.touched {
		if query.cnt[d] != int32(len(must)) || int(d) >= len(ix.byNum) || ix.byNum[d] == nil {
			continue
		}
		score := query.sum[d]
		if should != nil && should.cnt[d] > 0 {
			score += should.sum[d]
		}
		c.add(ix.byNum[d], score)
	}
	return nil
}

// open expands a clause into the terms it reads and opens them, adding
// their squared weights (boost·idf)² to squares.
func (e *executor) open(cl *clause, squares *float64) error {
	terms := []string{cl.term}
	switch cl.kind {
	case clauseGroup:
		return nil
	case clausePhrase:
		terms = cl.phrase.terms
	case clausePrefix:
		// As bleve's prefix searcher: the dictionary's terms with the
		// prefix; none, or only the prefix itself, is a plain term.
		ts, err := e.prefixTerms(cl.field, cl.term)
		if err != nil {
			return err
		}
		if len(ts) == 0 || len(ts) == 1 && ts[0] == cl.term {
			cl.kind = clauseTerm
		} else {
			terms = ts
		}
	}
	cl.leaves = make([]leaf, 0, len(terms))
	if cl.kind == clauseTerm && exactField(cl.field) {
		ps := e.ix.exact.postings(cl.field, cl.term)
		idf := 1.0 + math.Log(float64(e.docs)/float64(uint64(len(ps))+1.0))
		cl.leaves = append(cl.leaves, leaf{exact: ps, count: uint64(len(ps)), idf: idf, boost: cl.boost})
		w := cl.boost * idf
		*squares += w * w
		return nil
	}
	for _, t := range terms {
		tfr, err := e.ix.reader.TermFieldReader(e.ctx, []byte(t), cl.field, true, true, false)
		if err != nil {
			return err
		}
		idf := 1.0 + math.Log(float64(e.docs)/float64(tfr.Count()+1.0))
		cl.leaves = append(cl.leaves, leaf{tfr: tfr, count: tfr.Count(), idf: idf, boost: cl.boost})
		w := cl.boost * idf
		*squares += w * w
	}
	return nil
}

// prefixTerms returns the terms of field that start with prefix, in
// order, remembered per index as near terms are (query.go): its snapshot
// never changes, and reading the dictionary was a tenth of a one-word
// search's CPU. The slice is shared: callers only read it.
func (e *executor) prefixTerms(field, prefix string) ([]string, error) {
	ix := e.ix
	key := field + "\x00" + prefix
	ix.nearMu.Lock()
	terms, ok := ix.prefixCache[key]
	ix.nearMu.Unlock()
	if ok {
		return terms, nil
	}
	terms, err := e.readPrefix(field, prefix)
	if err != nil {
		return nil, err
	}
	ix.nearMu.Lock()
	if len(ix.prefixCache) >= maxNearCache || ix.prefixCache == nil {
		ix.prefixCache = make(map[string][]string)
	}
	ix.prefixCache[key] = terms
	ix.nearMu.Unlock()
	return terms, nil
}

// readPrefix reads the terms of field that start with prefix from the
// dictionary.
func (e *executor) readPrefix(field, prefix string) ([]string, error) {
	d, err := e.ix.reader.FieldDictPrefix(field, []byte(prefix))
	if err != nil {
		return nil, err
	}
	var terms []string
	for {
		t, err := d.Next()
		if err != nil {
			d.Close()
			return nil, err
		}
		if t == nil {
			break
		}
		if len(terms) == 0 || terms[len(terms)-1] != t.Term {
			terms = append(terms, t.Term)
		}
	}
	return terms, d.Close()
}

// group scores the documents matching g (of those kept) into out: one
// add per document, its sum of matched clauses times their share. lvl is
// the first scratch level g may use.
func (e *executor) group(g *group, lvl int, out *accum) error {
	if err := e.ctx.Err(); err != nil {
		return err
	}
	acc := e.s.level(lvl)
	defer acc.reset()
	for i := range g.clauses {
		cl := &g.clauses[i]
		switch cl.kind {
		case clauseTerm:
			if err := e.postings(&cl.leaves[0], acc); err != nil {
				return err
			}
		case clausePrefix, clausePhrase:
			sub := e.s.level(lvl + 1)
			for j := range cl.leaves {
				if err := e.postings(&cl.leaves[j], sub); err != nil {
					sub.reset()
					return err
				}
			}
			n := int32(len(cl.leaves))
			for _, d := range sub.touched {
				switch {
				case cl.kind == clausePrefix:
					acc.add(d, sub.sum[d]*(float64(sub.cnt[d])/float64(n)))
				case sub.cnt[d] != n:
				case e.deferIn == g:
					e.pending = append(e.pending, pendingPhrase{cl: cl, doc: d, sum: sub.sum[d]})
				case cl.phrase.matches(e.ix.byNum, d):
					acc.add(d, sub.sum[d])
				}
			}
			sub.reset()
		case clauseGroup:
			if err := e.group(cl.group, lvl+1, acc); err != nil {
				return err
			}
		}
	}
	n := float64(len(g.clauses))
	if e.deferIn == g {
		e.resolve(acc, e.s.level(lvl+1), n)
	}
	for _, d := range acc.touched {
		out.add(d, acc.sum[d]*(float64(acc.cnt[d])/n))
	}
	return nil
}

// trailingPhrases reports whether g's phrase clauses, if any, are its last
// ones: then a document's phrases are added to its sum after every other
// clause, in the same order, whether they are checked as they come or
// once the group's other clauses ran (resolve).
func trailingPhrases(g *group) bool {
	phrases := false
	for _, cl := range g.clauses {
		switch {
		case cl.kind == clausePhrase:
			phrases = true
		case phrases:
			return false
		}
	}
	return phrases
}

// resolve checks the pending phrases of the optional group whose other
// clauses added up to acc, and adds those found to acc in the clauses'
// order, as group would have. Checking a phrase means reading the
// document's texts, the bulk of a long query's cost, and only changes
// scores: it is skipped for a document that cannot be on the page anyway
// — one the page's filters drop, or whose score with every pending phrase
// found stays below the score that at least k documents reach without
// any (k: the hits up to the page's end). Such a document is then scored
// without its phrases, which can only lower its score: it stays off the
// page, and the page, its scores and order, the total and the facets are
// exactly as with every phrase checked. scratch is a clean accumulator.
func (e *executor) resolve(acc, scratch *accum, n float64) {
	byNum := e.ix.byNum
	page := func(d uint32) bool {
		return e.query.cnt[d] == e.must && int(d) < len(byNum) && byNum[d] != nil && e.c.passes(byNum[d])
	}
	// score is what the document scores with its optional clauses summing
	// to sum over cnt of them, as run scores it.
	score := func(d uint32, sum float64, cnt int32) float64 {
		s := e.query.sum[d]
		if cnt > 0 {
			s += sum * (float64(cnt) / n)
		}
		return s
	}
	// The least score k documents reach without their pending phrases.
	var lows []float64
	for _, d := range e.query.touched {
		if page(d) {
			lows = append(lows, score(d, acc.sum[d], acc.cnt[d]))
		}
	}
	floor := math.Inf(-1)
	if k := e.c.k; k > 0 && len(lows) >= k {
		sort.Sort(sort.Reverse(sort.Float64Slice(lows)))
		floor = lows[k-1]
	}
	// scratch: every pending phrase of a document, summed and counted.
	defer scratch.reset()
	for _, p := range e.pending {
		scratch.add(p.doc, p.sum)
	}
	for _, d := range scratch.touched {
		high := score(d, acc.sum[d]+scratch.sum[d], acc.cnt[d]+scratch.cnt[d])
		// A margin for rounding: skip only what stays clearly below.
		if !page(d) || high*(1+1e-9) < floor {
			scratch.cnt[d] = -1
		}
	}
	for _, p := range e.pending {
		switch {
		case scratch.cnt[p.doc] < 0:
			e.c.unchecked++
		case p.cl.phrase.matches(byNum, p.doc):
			acc.add(p.doc, p.sum)
		}
	}
}

// postings adds a term's score in every kept document it is in to acc.
func (e *executor) postings(l *leaf, acc *accum) error {
	if l.tfr == nil {
		for _, p := range l.exact {
			if p.num >= uint32(len(acc.cnt)) || e.want >= 0 && e.keep[p.num] != e.want {
				continue
			}
			acc.add(p.num, tfScore(uint64(p.freq))*p.norm*l.idf*l.weight)
		}
		return nil
	}
	tfd := &e.s.tfd
	for {
		m, err := l.tfr.Next(tfd.Reset())
		if err != nil {
			return err
		}
		if m == nil {
			return nil
		}
		num := m.ID.Value()
		if num >= uint64(len(acc.cnt)) {
			continue
		}
		d := uint32(num)
		if e.want >= 0 && e.keep[d] != e.want {
			continue
		}
		acc.add(d, tfScore(m.Freq)*m.Norm*l.idf*l.weight)
	}
}

// tfScore is bleve's term frequency factor, √freq.
func tfScore(freq uint64) float64 {
	if freq < scorer.MaxSqrtCache {
		return scorer.SqrtCache[int(freq)]
	}
	return math.Sqrt(float64(freq))
}

// walk calls f for every clause of g and of the groups below it.
func (g *group) walk(f func(*clause) error) error {
	for i := range g.clauses {
		cl := &g.clauses[i]
		if err := f(cl); err != nil {
			return err
		}
		if cl.kind == clauseGroup {
			if err := cl.group.walk(f); err != nil {
				return err
			}
		}
	}
	return nil
}

// postings is the number of postings g's terms have: what running it costs.
func (g *group) postings() uint64 {
	var n uint64
	_ = g.walk(func(cl *clause) error {
		for _, l := range cl.leaves {
			n += l.count
		}
		return nil
	})
	return n
}

// close closes every term reader p opened.
func (p *textPlan) close() error {
	var first error
	f := func(cl *clause) error {
		for _, l := range cl.leaves {
			if l.tfr != nil {
				if err := l.tfr.Close(); err != nil && first == nil {
					first = err
				}
			}
		}
		cl.leaves = nil
		return nil
	}
	for _, g := range p.must {
		_ = g.walk(f)
	}
	if p.should != nil {
		_ = p.should.walk(f)
	}
	return first
}
