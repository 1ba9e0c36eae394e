package integrations

import (
	"context"

	"github.com/karta/karta/ent"
)

// DataSourcesScoringEveryRow is Memoized.DataSources over the same tables
// without their word index: every entity, attribute and integration data
// name scored, as before the index. It also says how many rows the index
// let the indexed answer score, and how many there are.
func (m Memoized) DataSourcesScoringEveryRow(ctx context.Context, c *ent.Client, need string) (groups []SourceGroup, scored, rows int, err error) {
	src, err := m.source(ctx, c)
	if err != nil {
		return nil, 0, 0, err
	}
	ts := src.(tableSource)
	t := *ts.t
	t.index = nil
	if len(needTerms(need)) > 0 {
		terms := needTerms(need)
		x := ts.t.index
		scored = len(x.ents.candidates(terms, len(t.ents))) + len(x.attrs.candidates(terms, len(t.attrs))) +
			len(x.rows.candidates(terms, len(t.rows)))
		groups, err = dataSources(ctx, tableSource{t: &t, c: c}, need)
	}
	return groups, scored, len(t.ents) + len(t.attrs) + len(t.rows), err
}
