package analytics

// Unexported helpers the reference implementations in the tests use.
var (
	Top         = top
	WithParents = withParents
	StemSet     = stemSet
	Alike       = alike
)
