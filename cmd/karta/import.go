package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/karta/karta/seeds/identity"
	"github.com/karta/karta/seeds/kct"
	"github.com/karta/karta/seeds/load"
	"github.com/karta/karta/server"
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
	strict := fs.Bool("strict", false, "fail, writing nothing, when a document has text the parser could not attach")
	cfg, check := server.ImportFlags(fs, getenv)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := check(); err != nil {
		return fmt.Errorf("import: %w", err)
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
		// Refused before it is read: memory stays bounded by the limit.
		if st, err := os.Stat(path); err == nil {
			if err := load.CheckSize(path, st.Size(), cfg.MaxDocumentBytes); err != nil {
				return fmt.Errorf("import: %w", err)
			}
		}
		d, err := kct.ParseFile(path)
		if err != nil {
			return err
		}
		docs = append(docs, d)
	}
	if *strict {
		if err := checkStrict(docs); err != nil {
			return err
		}
	}
	client, err := openMigrated(ctx, *dbURL, *sqlitePath, server.DefaultPool)
	if err != nil {
		return err
	}
	defer client.Close()
	rep, err := load.Import(ctx, client, reg, docs, load.Options{DryRun: *dryRun,
		AllowRemovals: *allowRemovals, MaxRemovalShare: *maxRemovals,
		MaxDocumentBytes: cfg.MaxDocumentBytes, LockWait: cfg.LockWait,
		Log: slog.New(slog.NewTextHandler(stderr, nil))})
	var refused *load.RemovalsRefused
	if errors.As(err, &refused) {
		fmt.Fprint(stdout, load.FormatReport(refused.Report, *verbose))
		return err
	}
	if err != nil {
		return fmt.Errorf("import (nothing was written): %w", err)
	}
	fmt.Fprint(stdout, load.FormatReport(rep, *verbose))
	fmt.Fprint(stdout, formatRecognitions(docs, *verbose))
	return nil
}

// formatRecognitions says, per document, how many wordings needed a
// synonym or a fallback of seeds/vocabulary.txt and how many columns or
// labels were not understood (kept as written); verbose lists them.
func formatRecognitions(docs []*kct.Document, verbose bool) string {
	var b strings.Builder
	for _, d := range docs {
		if len(d.Recognitions) == 0 {
			continue
		}
		unknown := 0
		for _, r := range d.Recognitions {
			if r.How == kct.HowUnknown {
				unknown++
			}
		}
		fmt.Fprintf(&b, "%s: %d wording(s) read through a synonym or a fallback, %d not understood (kept as written)\n",
			d.File, len(d.Recognitions)-unknown, unknown)
		if verbose {
			for _, r := range d.Recognitions {
				fmt.Fprintf(&b, "  %s:%d: %s %q → %s (%s)\n", d.File, r.Line, r.Kind, truncateText(r.Wording, 80), r.Matched, r.How)
			}
		}
	}
	return b.String()
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

// checkStrict fails when any document has unattached text, listing every
// such line.
func checkStrict(docs []*kct.Document) error {
	var b strings.Builder
	n := 0
	for _, d := range docs {
		for _, f := range d.Unattached {
			n++
			fmt.Fprintf(&b, "\n  %s:%d: %s (%s)", d.File, f.Line, truncateText(f.Text, 100), f.Reason)
		}
	}
	if n == 0 {
		return nil
	}
	return fmt.Errorf("import -strict: %d unattached text fragment(s), nothing was written:%s", n, b.String())
}

func truncateText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
