package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/karta/karta/seeds/identity"
	"github.com/karta/karta/seeds/kct"
	"github.com/karta/karta/seeds/load"
)

const importUsage = `Usage: karta import [flags] FILE...
       karta import [flags] -seeds

Parses map documents and writes them into the catalog in one transaction:
new nodes are created, changed ones updated in place, nodes the documents no
longer have are removed; a document that cannot be parsed changes nothing.
Imports run one at a time (a second one waits for the first). An import that
would remove more than -max-removals of a map, or remove anything with a
document that looks truncated, is refused and shows what it would change.
`

func importCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("karta import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, importUsage)
		fs.PrintDefaults()
	}
	env := func(k, def string) string {
		if v := getenv(k); v != "" {
			return v
		}
		return def
	}
	dbURL := fs.String("database-url", env("DATABASE_URL", ""), "PostgreSQL URL; SQLite when empty (DATABASE_URL)")
	sqlitePath := fs.String("sqlite", env("KARTA_SQLITE", "karta.db"), "SQLite database file (KARTA_SQLITE)")
	dryRun := fs.Bool("dry-run", false, "print what would be created, updated and removed; write nothing")
	verbose := fs.Bool("v", false, "list every change and every name missing from the alias table")
	useSeeds := fs.Bool("seeds", false, "import the seed maps built into the binary")
	aliases := fs.String("aliases", "", "alias table to use instead of the built-in seeds/aliases.txt")
	allowRemovals := fs.Bool("allow-removals", false, "import even when the removal guard refuses (more than -max-removals of a map, or a truncated document)")
	maxRemovals := fs.Float64("max-removals", load.DefaultMaxRemovalShare, "share (0–1) of a map's nodes an import may remove without -allow-removals")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *maxRemovals <= 0 || *maxRemovals > 1 {
		return fmt.Errorf("import: -max-removals: expected a share between 0 and 1, got %g", *maxRemovals)
	}
	if fs.NArg() == 0 && !*useSeeds {
		fs.Usage()
		return errors.New("import: expected at least one FILE, or -seeds")
	}
	reg, err := registry(*aliases)
	if err != nil {
		return err
	}
	var docs []*kct.Document
	if *useSeeds {
		seedDocs, err := load.SeedDocuments()
		if err != nil {
			return err
		}
		docs = append(docs, seedDocs...)
	}
	for _, path := range fs.Args() {
		d, err := kct.ParseFile(path)
		if err != nil {
			return err
		}
		docs = append(docs, d)
	}
	client, err := openMigrated(ctx, *dbURL, *sqlitePath)
	if err != nil {
		return err
	}
	defer client.Close()
	rep, err := load.Import(ctx, client, reg, docs, load.Options{DryRun: *dryRun,
		AllowRemovals: *allowRemovals, MaxRemovalShare: *maxRemovals})
	var refused *load.RemovalsRefused
	if errors.As(err, &refused) {
		fmt.Fprint(stdout, load.FormatReport(refused.Report, *verbose))
		return err
	}
	if err != nil {
		return fmt.Errorf("import (nothing was written): %w", err)
	}
	fmt.Fprint(stdout, load.FormatReport(rep, *verbose))
	return nil
}

func registry(path string) (*identity.Registry, error) {
	if path == "" {
		return identity.Default()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return identity.Load(f, path)
}
