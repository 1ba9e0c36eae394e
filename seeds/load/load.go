package load

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"sort"
	"strings"
	"time"

	"entgo.io/ent/dialect"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/seeds/identity"
	"github.com/karta/karta/seeds/kct"
	"github.com/karta/karta/seeds/resolve"
)

// DefaultMaxRemovalShare is the share of a map's nodes an import may remove
// without -allow-removals.
const DefaultMaxRemovalShare = 0.2

// Options of an import.
type Options struct {
	// DryRun computes every change and rolls them back.
	DryRun bool
	// Now stamps maps whose content changed (time.Now when nil).
	Now func() time.Time
	// AllowRemovals lets the import remove more than MaxRemovalShare of a
	// map, or remove anything with a document that looks truncated.
	AllowRemovals bool
	// MaxRemovalShare is the share (0–1) of a map's nodes an import may
	// remove without AllowRemovals; DefaultMaxRemovalShare when 0.
	MaxRemovalShare float64
	// OnlyIfEmpty imports nothing (Report.Skipped) when the catalog already
	// holds a map: the check and the import are one transaction, so of
	// replicas seeding an empty database together exactly one imports.
	OnlyIfEmpty bool
	// LockWait is how long to wait for another import of the catalog to
	// finish before failing with ErrImportRunning; 2 minutes when 0.
	LockWait time.Duration
	// MaxDocumentBytes is the size limit of one document's text:
	// DefaultMaxDocumentBytes when 0, none when negative. A document over
	// it fails the import with a *TooLarge before anything is read.
	MaxDocumentBytes int64
	// Log receives a line when the import waits for another one (nil: none).
	Log *slog.Logger
}

// DefaultMaxDocumentBytes is the size limit of one imported document.
const DefaultMaxDocumentBytes = 8 << 20

// TooLarge is the error of a document over the import size limit; nothing
// is written.
type TooLarge struct {
	File        string
	Size, Limit int64
}

func (e *TooLarge) Error() string {
	return fmt.Sprintf("%s: %d bytes, more than the import limit of %d bytes (raise it with -max-bytes or KARTA_MAX_IMPORT_BYTES); nothing was written",
		e.File, e.Size, e.Limit)
}

// CheckSize returns a *TooLarge when a document of size bytes is over
// limit (DefaultMaxDocumentBytes when 0; negative: no limit).
func CheckSize(file string, size, limit int64) error {
	if limit == 0 {
		limit = DefaultMaxDocumentBytes
	}
	if limit > 0 && size > limit {
		return &TooLarge{File: file, Size: size, Limit: limit}
	}
	return nil
}

// DocReport is what one document holds and what could not be attached.
type DocReport struct {
	File   string
	MapKey string
	// Nodes counts the document's nodes per type.
	Nodes map[string]int
	// Unattached is the document's text not attached to any node.
	Unattached []kct.Fragment
	// Unknown lists the bodies, systems and units the document names that
	// the alias table does not know (they get nodes of their own), each with
	// its key and where the document first names it, for a curator to
	// confirm or to add to the table.
	Unknown []string
	// Recognitions are the wordings read through a synonym or a fallback
	// of the vocabulary, and the columns and labels not understood.
	Recognitions []kct.Recognition
}

// Report is the outcome of an import.
type Report struct {
	DryRun  bool
	Docs    []DocReport
	Counts  map[string]*Counts
	Changes []Change
	// Version is the catalog version after the import (unchanged when the
	// import changed nothing or was a dry run).
	Version int64
	// Skipped is set when OnlyIfEmpty found maps in the catalog.
	Skipped bool
	// Analyzed lists the tables ANALYZE refreshed after the import
	// committed (PostgreSQL only): those it changed by more than
	// autovacuum's analyze threshold (analyze.go).
	Analyzed []string

	removed []removed
}

// Changed reports whether the import created, updated or removed anything.
func (r *Report) Changed() bool { return len(r.Changes) > 0 }

// Import writes docs into the catalog in one transaction, resolving bodies
// and systems through reg. On any error nothing is written.
//
// Imports of one catalog run one at a time: the transaction begins by
// taking the catalog's version row (see lockCatalog), so a second import
// waits until the first commits and then reads what it wrote. An import
// that changes the catalog bumps the version and records itself and every
// node it removed (ImportRun, Removal). An import that would remove more
// than opts.MaxRemovalShare of a map, or remove anything with a document
// that looks truncated, is refused with a *RemovalsRefused (carrying the
// dry-run report) unless opts.AllowRemovals.
func Import(ctx context.Context, client *ent.Client, reg *identity.Registry, docs []*kct.Document, opts Options) (*Report, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	// One time for the whole import, stored in UTC without Go's monotonic
	// clock reading (SQLite would keep its "m=+0.0123" suffix in the text).
	now := opts.Now().Round(0).UTC()
	opts.Now = func() time.Time { return now }
	if opts.MaxRemovalShare == 0 {
		opts.MaxRemovalShare = DefaultMaxRemovalShare
	}
	for _, d := range docs {
		if err := CheckSize(d.File, int64(len(d.Source)), opts.MaxDocumentBytes); err != nil {
			return nil, err
		}
	}
	tx, err := begin(ctx, client, opts.LockWait, opts.Log)
	if err != nil {
		return nil, err
	}
	state, dialectName, err := lockCatalog(ctx, tx.Client(), opts.LockWait, opts.Log)
	if err != nil {
		return nil, errors.Join(err, rollback(tx))
	}
	if opts.OnlyIfEmpty {
		exists, err := tx.TransformationMap.Query().Exist(ctx)
		if err != nil || exists {
			return &Report{Skipped: true, Version: state.Version}, errors.Join(err, rollback(tx))
		}
	}
	rep, refused, err := importTx(ctx, tx.Client(), dialectName, reg, docs, opts)
	if err != nil {
		return nil, errors.Join(err, rollback(tx))
	}
	rep.Version = state.Version
	if refused != nil {
		rep.DryRun = true
		refused.Report = rep
		return nil, errors.Join(refused, rollback(tx))
	}
	if opts.DryRun || !rep.Changed() {
		return rep, rollback(tx)
	}
	if rep.Version, err = record(ctx, tx.Client(), state, rep, opts); err != nil {
		return nil, errors.Join(err, rollback(tx))
	}
	var stale []string
	if dialectName == dialect.Postgres {
		if stale, err = staleTables(ctx, tx.Client()); err != nil {
			return nil, errors.Join(err, rollback(tx))
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("commit import: %w", err)
	}
	if err := analyze(ctx, client, stale); err != nil {
		// The import is committed; autovacuum will analyze the tables later.
		if opts.Log != nil {
			opts.Log.Warn("import committed, statistics not refreshed", "err", err)
		}
		return rep, nil
	}
	rep.Analyzed = stale
	return rep, nil
}

func importTx(ctx context.Context, c *ent.Client, dialectName string, reg *identity.Registry, docs []*kct.Document, opts Options) (*Report, *RemovalsRefused, error) {
	s := newStore(c, dialectName)
	var refused *RemovalsRefused
	rep := &Report{DryRun: opts.DryRun, Counts: s.counts}
	seenMaps := map[string]string{}
	for _, d := range docs {
		res, err := resolve.Resolve(reg, d)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", d.File, err)
		}
		l := &docLoader{ctx: ctx, c: c, s: s, res: res, doc: d, now: opts.Now(), nodes: map[string]int{}}
		if err := l.load(); err != nil {
			return nil, nil, located(d.File, err)
		}
		if prev, dup := seenMaps[l.mapKey]; dup {
			return nil, nil, fmt.Errorf("%s: the same map as %s (key %s): import one of them", d.File, prev, l.mapKey)
		}
		seenMaps[l.mapKey] = d.File
		if reason := guard(s, d, l.mapKey, opts); reason != "" && !opts.AllowRemovals {
			if refused == nil {
				refused = &RemovalsRefused{}
			}
			refused.Reasons = append(refused.Reasons, d.File+": "+reason)
		}
		if err := s.prune(ctx, l.mapKey+"/"); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", d.File, err)
		}
		rep.Docs = append(rep.Docs, DocReport{File: d.File, MapKey: l.mapKey, Nodes: l.nodes,
			Unattached: d.Unattached, Unknown: res.New(), Recognitions: d.Recognitions})
	}
	if err := s.pruneOrphans(ctx); err != nil {
		return nil, nil, err
	}
	rep.Changes = s.changes
	rep.removed = s.removed
	return rep, refused, nil
}

// FormatReport writes a human-readable report: per document the nodes it
// holds and the text left unattached, then the changes per type.
func FormatReport(r *Report, verbose bool) string {
	var b strings.Builder
	for _, d := range r.Docs {
		fmt.Fprintf(&b, "%s → map %s\n", d.File, d.MapKey)
		types := make([]string, 0, len(d.Nodes))
		for t := range d.Nodes {
			types = append(types, t)
		}
		sort.Strings(types)
		for _, t := range types {
			fmt.Fprintf(&b, "  %-18s %5d\n", t, d.Nodes[t])
		}
		fmt.Fprintf(&b, "  unattached text: %d\n", len(d.Unattached))
		for _, f := range d.Unattached {
			fmt.Fprintf(&b, "    line %d: %s (%s)\n", f.Line, clip(f.Text, 100), f.Reason)
		}
		if len(d.Unknown) > 0 {
			fmt.Fprintf(&b, "  new nodes not in the alias table (confirm, or add to seeds/aliases.txt): %d\n", len(d.Unknown))
			for _, u := range d.Unknown {
				fmt.Fprintf(&b, "    %s\n", u)
			}
		}
	}
	verb := "changes"
	if r.DryRun {
		verb = "changes that would be made (dry run, nothing written)"
	}
	fmt.Fprintf(&b, "%s:\n", verb)
	types := make([]string, 0, len(r.Counts))
	for t := range r.Counts {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		c := r.Counts[t]
		if *c == (Counts{}) {
			continue
		}
		fmt.Fprintf(&b, "  %-18s created %4d  updated %4d  removed %4d  unchanged %4d\n", t, c.Created, c.Updated, c.Removed, c.Unchanged)
	}
	if verbose || r.DryRun {
		for _, ch := range r.Changes {
			fmt.Fprintf(&b, "  %s\n", ch)
		}
	}
	if !r.Changed() {
		b.WriteString("  nothing to change\n")
	} else if !r.DryRun {
		fmt.Fprintf(&b, "catalog version: %d\n", r.Version)
	}
	return b.String()
}

func clip(s string, n int) string {
	r := []rune(strings.ReplaceAll(s, "\n", " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n]) + "…"
}

// lineOf matches the "line N: " the document loader starts its errors with.
var lineOf = regexp.MustCompile(`^line (\d+): `)

// located prefixes a loader error with its file, as "file:line: …" when the
// error names its line (the form parse errors have), "file: …" otherwise.
func located(file string, err error) error {
	if m := lineOf.FindStringSubmatch(err.Error()); m != nil {
		return &locatedError{prefix: file + ":" + m[1] + ": ", msg: err.Error()[len(m[0]):], err: err}
	}
	return &locatedError{prefix: file + ": ", msg: err.Error(), err: err}
}

type locatedError struct {
	prefix, msg string
	err         error
}

func (e *locatedError) Error() string { return e.prefix + e.msg }
func (e *locatedError) Unwrap() error { return e.err }
