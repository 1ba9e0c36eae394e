package load

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/seeds/identity"
	"github.com/karta/karta/seeds/kct"
	"github.com/karta/karta/seeds/resolve"
)

// Options of an import.
type Options struct {
	// DryRun computes every change and rolls them back.
	DryRun bool
	// Now stamps maps whose content changed (time.Now when nil).
	Now func() time.Time
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
}

// Report is the outcome of an import.
type Report struct {
	DryRun  bool
	Docs    []DocReport
	Counts  map[string]*Counts
	Changes []Change
}

// Changed reports whether the import created, updated or removed anything.
func (r *Report) Changed() bool { return len(r.Changes) > 0 }

// Import writes docs into the catalog in one transaction, resolving bodies
// and systems through reg. On any error nothing is written.
func Import(ctx context.Context, client *ent.Client, reg *identity.Registry, docs []*kct.Document, opts Options) (*Report, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	tx, err := client.Tx(ctx)
	if err != nil {
		return nil, fmt.Errorf("begin import: %w", err)
	}
	rep, err := importTx(ctx, tx.Client(), reg, docs, opts)
	if err != nil {
		return nil, errors.Join(err, rollback(tx))
	}
	if opts.DryRun {
		return rep, rollback(tx)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("commit import: %w", err)
	}
	return rep, nil
}

func rollback(tx *ent.Tx) error {
	if err := tx.Rollback(); err != nil {
		return fmt.Errorf("rollback import: %w", err)
	}
	return nil
}

func importTx(ctx context.Context, c *ent.Client, reg *identity.Registry, docs []*kct.Document, opts Options) (*Report, error) {
	s, err := newStore(ctx, c)
	if err != nil {
		return nil, err
	}
	rep := &Report{DryRun: opts.DryRun, Counts: s.counts}
	seenMaps := map[string]string{}
	for _, d := range docs {
		res, err := resolve.Resolve(reg, d)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", d.File, err)
		}
		l := &docLoader{ctx: ctx, c: c, s: s, res: res, doc: d, now: opts.Now(), nodes: map[string]int{}}
		if err := l.load(); err != nil {
			return nil, fmt.Errorf("%s: %w", d.File, err)
		}
		if prev, dup := seenMaps[l.mapKey]; dup {
			return nil, fmt.Errorf("%s: the same map as %s (key %s): import one of them", d.File, prev, l.mapKey)
		}
		seenMaps[l.mapKey] = d.File
		if err := s.prune(ctx, l.mapKey+"/"); err != nil {
			return nil, fmt.Errorf("%s: %w", d.File, err)
		}
		rep.Docs = append(rep.Docs, DocReport{File: d.File, MapKey: l.mapKey, Nodes: l.nodes,
			Unattached: d.Unattached, Unknown: res.New()})
	}
	if err := s.pruneOrphans(ctx); err != nil {
		return nil, err
	}
	rep.Changes = s.changes
	return rep, nil
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
