package search

import (
	"math"
	"slices"
)

// exactIndex is the postings of the whole-value fields (name_kw, alt_kw:
// the skeleton of a name or of each alias as one term), kept in a Go map
// by skeleton rather than in bleve. These fields are only ever searched
// for one term (the query's skeleton), never by prefix or typo, and their
// terms are long (a whole name): in zap they cost a vellum node per byte
// beyond 64 and a postings list per distinct name, about a tenth of a
// build's allocations, for two lookups per search.
//
// A posting scores as zap's would: the same frequency (aliases with one
// skeleton count once each) and the same norm, 1/√(the field's number of
// terms) rounded to float32 as zap stores it; the document numbers are
// bleve's for the index's snapshot, so the executor adds them up with the
// bleve terms' scores (TestScoresAsBleve compares both with the fields
// indexed by bleve).
type exactIndex struct {
	name, alt map[string][]exactPosting
}

// exactPosting is one document of an exact term: its bleve number, the
// term's frequency in the field and the field's norm.
type exactPosting struct {
	num  uint32
	freq uint32
	norm float64
}

// fieldNorm is the norm zap gives a field of n terms (see zapx's
// Posting.Norm: the length is stored, the norm rounded to float32).
func fieldNorm(n int) float64 { return float64(float32(1 / math.Sqrt(float64(n)))) }

// newExactIndex indexes the skeletons of the nodes by their bleve numbers.
func newExactIndex(byNum []*node) exactIndex {
	x := exactIndex{name: map[string][]exactPosting{}, alt: map[string][]exactPosting{}}
	for num, n := range byNum {
		if n == nil {
			continue
		}
		if n.nameSkeleton != "" {
			x.name[n.nameSkeleton] = append(x.name[n.nameSkeleton], exactPosting{num: uint32(num), freq: 1, norm: 1})
		}
		terms := 0
		for _, s := range n.altSkeletons {
			if s != "" {
				terms++
			}
		}
		if terms == 0 {
			continue
		}
		norm := fieldNorm(terms)
		for i, s := range n.altSkeletons {
			if s == "" || slices.Index(n.altSkeletons, s) < i {
				continue
			}
			freq := uint32(0)
			for _, t := range n.altSkeletons[i:] {
				if t == s {
					freq++
				}
			}
			x.alt[s] = append(x.alt[s], exactPosting{num: uint32(num), freq: freq, norm: norm})
		}
	}
	return x
}

// exactField reports whether field is one of the whole-value fields the
// exactIndex holds.
func exactField(field string) bool { return field == fNameKW || field == fAltKW }

// postings returns the documents of term in the whole-value field field.
func (x exactIndex) postings(field, term string) []exactPosting {
	if field == fNameKW {
		return x.name[term]
	}
	return x.alt[term]
}
