package load

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"path"
	"sort"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/seeds"
	"github.com/karta/karta/seeds/identity"
	"github.com/karta/karta/seeds/kct"
)

// SeedDocuments parses the seed maps embedded in the binary (seeds/maps),
// in file-name order.
func SeedDocuments() ([]*kct.Document, error) {
	names, err := fs.Glob(seeds.Maps, "maps/*.txt")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	docs := make([]*kct.Document, 0, len(names))
	for _, name := range names {
		b, err := seeds.Maps.ReadFile(name)
		if err != nil {
			return nil, err
		}
		d, err := kct.Parse(path.Base(name), bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("seed map: %w", err)
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// Seed imports the embedded seed maps with the embedded alias table.
func Seed(ctx context.Context, client *ent.Client, opts Options) (*Report, error) {
	reg, err := identity.Default()
	if err != nil {
		return nil, err
	}
	docs, err := SeedDocuments()
	if err != nil {
		return nil, err
	}
	return Import(ctx, client, reg, docs, opts)
}
