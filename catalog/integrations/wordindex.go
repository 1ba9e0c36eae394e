package integrations

import "slices"

// wordIndex finds the rows of a list (entities, attributes or integrations)
// that a need's terms may match: by a word's stem and by its stem's first
// prefixLen letters, the only two ways matchWords scores a word. A row it
// does not name scores 0 for those terms, so scoring only the rows it names
// finds the same matches with the same scores as scoring every row. Built
// once per catalog version with the tables; never changed after.
type wordIndex struct {
	byStem, byPre map[string][]int32 // row indices, ascending, each once
}

func newWordIndex() *wordIndex {
	return &wordIndex{byStem: map[string][]int32{}, byPre: map[string][]int32{}}
}

// add indexes the words of row i; rows are added in ascending order (a
// row's words may come in several calls).
func (x *wordIndex) add(i int, ws []word) {
	for _, w := range ws {
		x.byStem[w.stem] = appendRow(x.byStem[w.stem], i)
		if w.pre != "" {
			x.byPre[w.pre] = appendRow(x.byPre[w.pre], i)
		}
	}
}

func appendRow(rows []int32, i int) []int32 {
	if n := len(rows); n > 0 && rows[n-1] == int32(i) {
		return rows
	}
	return append(rows, int32(i))
}

// candidates are the indices, ascending, of the rows (of n) that may match
// terms: every row when x is nil (nothing indexed).
func (x *wordIndex) candidates(terms []term, n int) []int32 {
	if x == nil {
		all := make([]int32, n)
		for i := range all {
			all[i] = int32(i)
		}
		return all
	}
	var lists [][]int32
	for _, t := range terms {
		if rows := x.byStem[t.stem]; len(rows) > 0 {
			lists = append(lists, rows)
		}
		if tp, ok := prefix(t.stem); ok {
			if rows := x.byPre[tp]; len(rows) > 0 {
				lists = append(lists, rows)
			}
		}
	}
	switch len(lists) {
	case 0:
		return nil
	case 1:
		return lists[0] // shared: callers only read it
	}
	var out []int32
	for _, rows := range lists {
		out = append(out, rows...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// sourceIndex indexes the words of the names dataSources scores: entity
// and attribute names, and the data names of integrations (every one,
// as source.integrations returns them without a filter).
type sourceIndex struct {
	ents, attrs, rows *wordIndex
}

func newSourceIndex(ents []entRow, attrs []attrRow, rows []intRow) *sourceIndex {
	x := &sourceIndex{ents: newWordIndex(), attrs: newWordIndex(), rows: newWordIndex()}
	for i := range ents {
		x.ents.add(i, textWords(ents[i].words, ents[i].Name))
	}
	for i := range attrs {
		x.attrs.add(i, textWords(attrs[i].words, attrs[i].Name))
	}
	for i := range rows {
		for j, name := range rows[i].dataNames() {
			x.rows.add(i, rows[i].words(j, name))
		}
	}
	return x
}
