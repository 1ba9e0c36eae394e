package server

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql/schema"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/migrations"
)

// lockKeyMigrate is the PostgreSQL advisory lock key that serializes schema
// migrations of one database (any constant shared by every Karta process).
const lockKeyMigrate = 0x6b61727461_01 // "karta", 1

// revisionsTable records the migrations applied to a database.
const revisionsTable = "karta_schema_revisions"

// Migrate applies the pending versioned migrations (package migrations) and
// creates the catalog's version row, all in one transaction, one process
// at a time: on PostgreSQL the transaction holds an advisory lock, so a
// second replica starting at the same moment waits, then finds nothing to
// do; on SQLite it is an IMMEDIATE transaction (see SQLiteDSN), which waits
// on the busy timeout. DDL is transactional on both, so a failed migration
// leaves the schema as it was.
//
// A database created before versioned migrations (tables but no revisions)
// is brought up to date by ent's automatic migration once, and every
// migration is recorded as applied.
func Migrate(ctx context.Context, client *ent.Client, dialectName string) error {
	dir, err := migrations.Dir(dialectName)
	if err != nil {
		return err
	}
	files, err := dir.Files()
	if err != nil {
		return err
	}
	if upToDate(ctx, client, files) {
		// Nothing to do: no write transaction, so a process starting while
		// an import holds SQLite's write lock does not wait for it here.
		return nil
	}
	ph := func(n int) string { // placeholder of the n-th argument
		if dialectName == dialect.Postgres {
			return fmt.Sprintf("$%d", n)
		}
		return "?"
	}
	return inTx(ctx, client, func(ctx context.Context, c *ent.Client) error {
		if dialectName == dialect.Postgres {
			if _, err := c.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", int64(lockKeyMigrate)); err != nil {
				return fmt.Errorf("migrate: lock: %w", err)
			}
		}
		if _, err := c.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS "+revisionsTable+
			" (version varchar(255) NOT NULL PRIMARY KEY, applied_at varchar(64) NOT NULL)"); err != nil {
			return fmt.Errorf("migrate: revisions table: %w", err)
		}
		applied, err := queryStrings(ctx, c, "SELECT version FROM "+revisionsTable)
		if err != nil {
			return fmt.Errorf("migrate: read revisions: %w", err)
		}
		done := map[string]bool{}
		for _, v := range applied {
			done[v] = true
		}
		legacy := false
		if len(applied) == 0 {
			tables, err := queryStrings(ctx, c, existingTablesQuery(dialectName))
			if err != nil {
				return fmt.Errorf("migrate: inspect: %w", err)
			}
			legacy = len(tables) > 0
		}
		if legacy {
			if err := c.Schema.Create(ctx, schema.WithHooks(migrations.IndexJoinTables)); err != nil {
				return fmt.Errorf("migrate: bring a database older than versioned migrations up to date: %w", err)
			}
		}
		now := time.Now().UTC().Format(time.RFC3339)
		for _, f := range files {
			if done[f.Version()] {
				continue
			}
			if !legacy {
				stmts, err := f.Stmts()
				if err != nil {
					return fmt.Errorf("migrate: %s: %w", f.Name(), err)
				}
				for _, s := range stmts {
					if _, err := c.ExecContext(ctx, s); err != nil {
						return fmt.Errorf("migrate: %s: %w", f.Name(), err)
					}
				}
			}
			if _, err := c.ExecContext(ctx, "INSERT INTO "+revisionsTable+" (version, applied_at) VALUES ("+ph(1)+", "+ph(2)+")", f.Version(), now); err != nil {
				return fmt.Errorf("migrate: record %s: %w", f.Name(), err)
			}
		}
		return ensureState(ctx, c)
	})
}

// upToDate reports whether every migration is recorded as applied and the
// version row exists (false when that cannot be read, e.g. on an empty
// database: Migrate then finds out under its lock).
func upToDate(ctx context.Context, c *ent.Client, files []migrate.File) bool {
	applied, err := queryStrings(ctx, c, "SELECT version FROM "+revisionsTable)
	if err != nil {
		return false
	}
	done := make(map[string]bool, len(applied))
	for _, v := range applied {
		done[v] = true
	}
	for _, f := range files {
		if !done[f.Version()] {
			return false
		}
	}
	exists, err := c.CatalogState.Query().Exist(ctx)
	return err == nil && exists
}

// existingTablesQuery lists the catalog's tables that exist (one is enough
// to tell an older database from an empty one).
func existingTablesQuery(d string) string {
	if d == dialect.Postgres {
		return "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'ministries'"
	}
	return "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'ministries'"
}

func queryStrings(ctx context.Context, c *ent.Client, query string) ([]string, error) {
	rows, err := c.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s sql.NullString
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s.String)
	}
	return out, rows.Err()
}

// ensureState creates the catalog's version row (see seeds/load) when there
// is none.
func ensureState(ctx context.Context, c *ent.Client) error {
	exists, err := c.CatalogState.Query().Exist(ctx)
	if err != nil || exists {
		return err
	}
	if err := c.CatalogState.Create().SetVersion(0).Exec(ctx); err != nil {
		return fmt.Errorf("migrate: create the catalog version row: %w", err)
	}
	return nil
}

func inTx(ctx context.Context, client *ent.Client, f func(context.Context, *ent.Client) error) error {
	tx, err := client.Tx(ctx)
	// SQLite: another process holds the write lock longer than the busy
	// timeout (an import); wait for it as an import would.
	for wait := time.Now().Add(2 * time.Minute); isBusy(err) && time.Now().Before(wait); {
		select {
		case <-ctx.Done():
			return fmt.Errorf("migrate: begin: %w", ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
		tx, err = client.Tx(ctx)
	}
	if err != nil {
		return fmt.Errorf("migrate: begin: %w", err)
	}
	if err := f(ctx, tx.Client()); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate: commit: %w", err)
	}
	return nil
}

// isBusy reports SQLite's SQLITE_BUSY (any extended code).
func isBusy(err error) bool {
	var coded interface{ Code() int }
	return err != nil && errors.As(err, &coded) && coded.Code()&0xff == 5
}
