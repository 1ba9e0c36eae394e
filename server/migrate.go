package server

import (
	"context"
	"errors"
	"fmt"

	"entgo.io/ent/dialect"

	"github.com/karta/karta/ent"
)

// lockKeyMigrate is the PostgreSQL advisory lock key that serializes schema
// migrations of one database (any constant shared by every Karta process).
const lockKeyMigrate = 0x6b61727461_01 // "karta", 1

// Migrate creates or updates the schema and the catalog's version row, one
// process at a time: on PostgreSQL inside one transaction holding an
// advisory lock (DDL is transactional there, so a second replica starting
// at the same moment waits, then finds nothing to do); on SQLite the
// schema change runs in IMMEDIATE transactions (see SQLiteDSN), which wait
// on the busy timeout.
func Migrate(ctx context.Context, client *ent.Client, dialectName string) error {
	if dialectName != dialect.Postgres {
		if err := client.Schema.Create(ctx); err != nil {
			return fmt.Errorf("migrate schema: %w", err)
		}
		return inTx(ctx, client, ensureState)
	}
	return inTx(ctx, client, func(ctx context.Context, c *ent.Client) error {
		if _, err := c.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", int64(lockKeyMigrate)); err != nil {
			return fmt.Errorf("migrate schema: lock: %w", err)
		}
		if err := c.Schema.Create(ctx); err != nil {
			return fmt.Errorf("migrate schema: %w", err)
		}
		return ensureState(ctx, c)
	})
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
