package load

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"sort"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/catalogstate"
	"github.com/karta/karta/ent/schema"
	"github.com/karta/karta/seeds/kct"
)

// ErrImportRunning is returned when another import of the same catalog
// kept running longer than Options.LockWait.
var ErrImportRunning = errors.New("another import of this catalog is running; try again when it is done")

// ErrNotMigrated is returned when the catalog has no version row: the
// database was not migrated (karta migrate, or server.Migrate).
var ErrNotMigrated = errors.New("the catalog has no version row: migrate the database first (karta migrate)")

// RemovalsRefused is the error of an import refused by the removal guard.
// Report is the full dry-run report of what the import would have done.
type RemovalsRefused struct {
	Reasons []string
	Report  *Report
}

func (e *RemovalsRefused) Error() string {
	return "import refused, nothing was written: " + strings.Join(e.Reasons, "; ") +
		" (check the document; pass -allow-removals if the removals are intended)"
}

// begin starts the import's write transaction. On SQLite it begins
// IMMEDIATE (see server.SQLiteDSN), so it waits for a running import on the
// busy timeout; begin keeps retrying until wait has passed.
func begin(ctx context.Context, client *ent.Client, wait time.Duration, log *slog.Logger) (*ent.Tx, error) {
	wait = lockWait(wait)
	deadline := time.Now().Add(wait)
	logged := false
	for {
		tx, err := client.Tx(ctx)
		if err == nil {
			return tx, nil
		}
		if !isBusy(err) {
			return nil, fmt.Errorf("begin import: %w", err)
		}
		if !logged && log != nil {
			log.Info("another import of this catalog is running; waiting for it", "up_to", wait)
			logged = true
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%w (waited %s)", ErrImportRunning, wait)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("%w: %w", ErrImportRunning, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// isBusy reports SQLite's SQLITE_BUSY (any extended code), the error of a
// write transaction that could not get the database's write lock in time.
func isBusy(err error) bool {
	var coded interface{ Code() int }
	return errors.As(err, &coded) && coded.Code()&0xff == 5
}

// importLockKey is the PostgreSQL advisory lock an import holds for its
// transaction ("karta import" as an int64): one import of a catalog at a time.
const importLockKey int64 = 0x6b61727461696d70

// lockCatalog makes this transaction the catalog's only import and returns
// its version row and the database's dialect. On PostgreSQL it polls a transaction-scoped advisory
// lock for up to wait (logging once while it waits), so a second import
// says ErrImportRunning rather than waiting silently on a row lock; then
// the UPDATE takes the version row (READ COMMITTED: everything the previous
// import wrote is visible from here on). On SQLite the IMMEDIATE transaction
// already holds the write lock (see begin).
func lockCatalog(ctx context.Context, c *ent.Client, wait time.Duration, log *slog.Logger) (_ *ent.CatalogState, dialectName string, _ error) {
	if _, err := c.CatalogState.Query().Where(func(s *sql.Selector) { dialectName = s.Dialect() }).Exist(ctx); err != nil {
		return nil, "", fmt.Errorf("lock the catalog: %w", err)
	}
	if dialectName == dialect.Postgres {
		if err := advisoryLock(ctx, c, wait, log); err != nil {
			return nil, "", err
		}
	}
	n, err := c.CatalogState.Update().AddVersion(0).Save(ctx)
	if err != nil {
		return nil, "", fmt.Errorf("lock the catalog: %w", err)
	}
	if n == 0 {
		return nil, "", ErrNotMigrated
	}
	st, err := c.CatalogState.Query().Order(catalogstate.ByID()).First(ctx)
	if err != nil {
		return nil, "", fmt.Errorf("read the catalog version: %w", err)
	}
	return st, dialectName, nil
}

// lockPoll is how often a waiting import tries the lock again.
const lockPoll = 100 * time.Millisecond

// advisoryLock takes importLockKey for the transaction, trying every
// lockPoll until wait has passed.
func advisoryLock(ctx context.Context, c *ent.Client, wait time.Duration, log *slog.Logger) error {
	wait = lockWait(wait)
	start := time.Now()
	logged := false
	for {
		rows, err := c.QueryContext(ctx, "SELECT pg_try_advisory_xact_lock($1)", importLockKey)
		if err != nil {
			return fmt.Errorf("lock the catalog: %w", err)
		}
		var got bool
		if rows.Next() {
			err = rows.Scan(&got)
		}
		err = errors.Join(err, rows.Err(), rows.Close())
		if err != nil {
			return fmt.Errorf("lock the catalog: %w", err)
		}
		if got {
			if logged && log != nil {
				log.Info("the other import is done; importing", "waited", time.Since(start).Round(time.Millisecond))
			}
			return nil
		}
		if !logged && log != nil {
			log.Info("another import of this catalog is running; waiting for it", "up_to", wait)
			logged = true
		}
		if time.Since(start) >= wait {
			return fmt.Errorf("%w (waited %s)", ErrImportRunning, wait)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w: %w", ErrImportRunning, ctx.Err())
		case <-time.After(lockPoll):
		}
	}
}

// lockWait is how long an import waits for another: wait, 2 minutes when 0.
func lockWait(wait time.Duration) time.Duration {
	if wait <= 0 {
		return 2 * time.Minute
	}
	return wait
}

// Version returns the catalog version (0 before the first import): one
// indexed read, cheap enough to poll.
func Version(ctx context.Context, c *ent.Client) (int64, error) {
	st, err := c.CatalogState.Query().Order(catalogstate.ByID()).First(ctx)
	if ent.IsNotFound(err) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return st.Version, nil
}

// guard returns why importing d (map key mapKey) must not remove what it
// would, or "" when the removals are within bounds. Called after the
// document is loaded and before its map is pruned.
func guard(s *store, d *kct.Document, mapKey string, opts Options) string {
	existing, unseen := s.scope(mapKey + "/")
	if unseen == 0 {
		return ""
	}
	if d.Truncated {
		return fmt.Sprintf("the document looks truncated (it stops mid-sentence) and would remove %d of the map's %d nodes", unseen, existing)
	}
	if limit := int(math.Floor(opts.MaxRemovalShare * float64(existing))); unseen > limit {
		return fmt.Sprintf("would remove %d of the map's %d nodes (%.0f%%), more than the %.0f%% allowed",
			unseen, existing, 100*float64(unseen)/float64(existing), 100*opts.MaxRemovalShare)
	}
	return ""
}

// record bumps the catalog version and records the import with what it
// removed; it returns the new version.
func record(ctx context.Context, c *ent.Client, st *ent.CatalogState, rep *Report, opts Options) (int64, error) {
	now := opts.Now()
	version := st.Version + 1
	if err := c.CatalogState.UpdateOne(st).SetVersion(version).SetImportedAt(now).Exec(ctx); err != nil {
		return 0, fmt.Errorf("bump the catalog version: %w", err)
	}
	var created, updated, removedN int
	for _, n := range rep.Counts {
		created += n.Created
		updated += n.Updated
		removedN += n.Removed
	}
	files := make([]string, 0, len(rep.Docs))
	maps := make([]string, 0, len(rep.Docs))
	var recognitions []schema.Recognition
	for _, d := range rep.Docs {
		files = append(files, d.File)
		maps = append(maps, d.MapKey)
		for _, r := range d.Recognitions {
			recognitions = append(recognitions, schema.Recognition{File: d.File, Line: r.Line, Kind: r.Kind,
				Wording: r.Wording, Matched: r.Matched, How: r.How})
		}
	}
	sort.Strings(maps)
	run, err := c.ImportRun.Create().SetVersion(version).SetImportedAt(now).
		SetFiles(files).SetMaps(maps).SetCreated(created).SetUpdated(updated).SetRemoved(removedN).
		SetRemovalsAllowed(opts.AllowRemovals).SetRecognitions(recognitions).Save(ctx)
	if err != nil {
		return 0, fmt.Errorf("record the import: %w", err)
	}
	const chunk = 500 // bound the statement's parameters
	for i := 0; i < len(rep.removed); i += chunk {
		part := rep.removed[i:min(i+chunk, len(rep.removed))]
		err := c.Removal.MapCreateBulk(part, func(rc *ent.RemovalCreate, j int) {
			r := part[j]
			rc.SetType(r.typ).SetKey(r.key).SetNodeID(r.id).SetOrphan(r.orphan).SetImport(run)
		}).Exec(ctx)
		if err != nil {
			return 0, fmt.Errorf("record the removals: %w", err)
		}
	}
	return version, nil
}

func rollback(tx *ent.Tx) error {
	if err := tx.Rollback(); err != nil {
		return fmt.Errorf("rollback import: %w", err)
	}
	return nil
}
