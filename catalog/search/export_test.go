package search

import (
	"context"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// SetBatchSize makes builds index n documents per batch until the returned
// func restores the size, so that a small catalog is built in many
// batches (and the frequency maps of each are reused by the next).
func SetBatchSize(n int) (restore func()) {
	old := batchSize
	batchSize = n
	return func() { batchSize = old }
}

// SetSkeletonsInBleve makes builds index the whole-value fields in bleve
// too (BleveScores reads them there) until the returned func restores it.
func SetSkeletonsInBleve() (restore func()) {
	old := skeletonsInBleve
	skeletonsInBleve = true
	return func() { skeletonsInBleve = old }
}

// Scores returns the score of every node matching text, by node ID, as
// this package's executor computes them (exec.go).
func (ix *Index) Scores(ctx context.Context, text string) (map[int]float64, error) {
	p, _ := ix.textQuery(text)
	out := map[int]float64{}
	if p == nil {
		return out, nil
	}
	c, err := ix.newCollector(Query{}, 1<<30)
	if err != nil {
		return nil, err
	}
	if err := ix.run(ctx, p, c); err != nil {
		return nil, err
	}
	for _, s := range c.top {
		out[s.n.id] = s.score
	}
	return out, nil
}

// BleveScores returns the score of every node matching text as bleve's own
// searchers compute them for the same query: the reference the executor
// must agree with.
func (ix *Index) BleveScores(ctx context.Context, text string) (map[int]float64, error) {
	p, _ := ix.textQuery(text)
	out := map[int]float64{}
	if p == nil {
		return out, nil
	}
	var must []query.Query
	for _, g := range p.must {
		must = append(must, ix.bleveGroup(g))
	}
	var should []query.Query
	if p.should != nil {
		for _, cl := range p.should.clauses {
			should = append(should, ix.bleveClause(cl))
		}
	}
	s, err := query.NewBooleanQuery(must, should, nil).Searcher(ctx, ix.reader, ix.bleve.Mapping(), bsearch.SearcherOptions{})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	sctx := &bsearch.SearchContext{DocumentMatchPool: bsearch.NewDocumentMatchPool(s.DocumentMatchPoolSize()+1, 0), IndexReader: ix.reader}
	for {
		dm, err := s.Next(sctx)
		if err != nil {
			return nil, err
		}
		if dm == nil {
			return out, nil
		}
		out[ix.byNum[dm.IndexInternalID.Value()].id] = dm.Score
		sctx.DocumentMatchPool.Put(dm)
	}
}

func (ix *Index) bleveGroup(g *group) query.Query {
	var qs []query.Query
	for _, cl := range g.clauses {
		qs = append(qs, ix.bleveClause(cl))
	}
	return query.NewDisjunctionQuery(qs)
}

func (ix *Index) bleveClause(cl clause) query.Query {
	switch cl.kind {
	case clauseTerm:
		q := query.NewTermQuery(cl.term)
		q.SetField(cl.field)
		q.SetBoost(cl.boost)
		return q
	case clausePrefix:
		q := query.NewPrefixQuery(cl.term)
		q.SetField(cl.field)
		q.SetBoost(cl.boost)
		return q
	case clausePhrase:
		return &blevePhrase{ix: ix, cl: cl}
	default:
		return ix.bleveGroup(cl.group)
	}
}

// blevePhrase is a phrase clause as bleve's phrase searcher runs it: a
// conjunction of its terms' searchers, filtered.
type blevePhrase struct {
	ix *Index
	cl clause
}

func (q *blevePhrase) Searcher(ctx context.Context, r index.IndexReader, _ mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	var ss []bsearch.Searcher
	for _, t := range q.cl.phrase.terms {
		s, err := searcher.NewTermSearcher(ctx, r, t, q.cl.field, q.cl.boost, options)
		if err != nil {
			return nil, err
		}
		ss = append(ss, s)
	}
	conj, err := searcher.NewConjunctionSearcher(ctx, r, ss, options)
	if err != nil {
		return nil, err
	}
	return searcher.NewFilteringSearcher(ctx, conj, func(_ *bsearch.SearchContext, d *bsearch.DocumentMatch) bool {
		return q.cl.phrase.matches(q.ix.byNum, uint32(d.IndexInternalID.Value()))
	}), nil
}

// Ranking returns every hit of q (its filters, not its page) best first as
// IDs and scores, every phrase checked, and how many phrases the search of
// q's page left unchecked.
func (ix *Index) Ranking(ctx context.Context, q Query) (ids []int, scores []float64, unchecked int, err error) {
	p, _ := ix.textQuery(q.Text)
	all, err := ix.newCollector(Query{Types: q.Types, Ministries: q.Ministries}, 1<<30)
	if err != nil {
		return nil, nil, 0, err
	}
	if err := ix.run(ctx, p, all); err != nil {
		return nil, nil, 0, err
	}
	for _, s := range all.best() {
		ids = append(ids, s.n.id)
		scores = append(scores, s.score)
	}
	offset, err := decodeCursor(q.After)
	if err != nil {
		return nil, nil, 0, err
	}
	first := q.First
	if first == 0 {
		first = DefaultFirst
	}
	page, err := ix.newCollector(q, offset+first)
	if err != nil {
		return nil, nil, 0, err
	}
	if err := ix.run(ctx, p, page); err != nil {
		return nil, nil, 0, err
	}
	return ids, scores, page.unchecked, nil
}
