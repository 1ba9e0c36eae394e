// Command variants writes the variant corpus of the seed maps into a
// directory, to read them or import them by hand:
//
//	go run ./seeds/variants/cmd/variants /tmp/variants
//	go run ./cmd/karta import -dry-run -strict /tmp/variants/*.txt
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/karta/karta/seeds"
	"github.com/karta/karta/seeds/variants"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: variants DIR")
		os.Exit(2)
	}
	if err := write(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "variants:", err)
		os.Exit(1)
	}
}

func write(dir string) error {
	ss, err := variants.LoadSeeds(seeds.Maps, "maps/*.txt")
	if err != nil {
		return err
	}
	vs, err := variants.Generate(ss)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, v := range vs {
		if err := os.WriteFile(filepath.Join(dir, v.Name), v.Text, 0o644); err != nil {
			return err
		}
	}
	fmt.Printf("%d variants written to %s\n", len(vs), dir)
	return nil
}
