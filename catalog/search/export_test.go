package search

// SetBatchSize makes builds index n documents per batch until the returned
// func restores the size, so that a small catalog is built in many
// batches (and the frequency maps of each are reused by the next).
func SetBatchSize(n int) (restore func()) {
	old := batchSize
	batchSize = n
	return func() { batchSize = old }
}
