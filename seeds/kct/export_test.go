package kct

import "testing"

// VariantCorpus returns the variant maps (file name → bytes) the accounting
// checks besides the seeds; variants_test.go (package kct_test, which may
// import seeds/variants) sets it.
var VariantCorpus func(t testing.TB) map[string][]byte

func variantCorpus(t *testing.T) map[string][]byte {
	if VariantCorpus == nil {
		t.Fatal("the variant corpus is not wired (variants_test.go)")
	}
	return VariantCorpus(t)
}
