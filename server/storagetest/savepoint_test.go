package storagetest_test

import (
	"context"
	"testing"

	"github.com/karta/karta/ent"
	"github.com/karta/karta/server/storagetest"
)

// In a Scratch client, transactions are savepoints: a committed one is
// seen by what follows, a rolled-back one (after a failed statement too,
// which on PostgreSQL aborts a transaction) is undone and the scratch
// transaction goes on; rolling the scratch back leaves the database as it
// was, and Fingerprint tells the states apart.
func TestScratchTransactionsAreSavepoints(t *testing.T) {
	ctx := context.Background()
	c, db := storagetest.Open(t)
	c.InformationSystem.Create().SetKey("sys/a").SetName("A").SaveX(ctx)
	fp := func(q storagetest.Querier) string {
		t.Helper()
		s, err := storagetest.Fingerprint(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	before := fp(db.SQL)

	sc, rollback, err := storagetest.Scratch(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	inTx := func(f func(*ent.Client) error, commit bool) {
		t.Helper()
		tx, err := sc.Tx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		ferr := f(tx.Client())
		if commit {
			if ferr != nil {
				t.Fatal(ferr)
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			return
		}
		if err := tx.Rollback(); err != nil {
			t.Fatal(err)
		}
	}
	count := func() int { return sc.InformationSystem.Query().CountX(ctx) }

	inTx(func(c *ent.Client) error { return c.InformationSystem.Create().SetKey("sys/b").SetName("B").Exec(ctx) }, true)
	if n := count(); n != 2 {
		t.Fatalf("after a committed savepoint: %d systems, want 2", n)
	}
	committed := fp(sc)
	if committed == before {
		t.Fatal("the fingerprint did not change with a new row")
	}
	inTx(func(c *ent.Client) error { return c.InformationSystem.Create().SetKey("sys/c").SetName("C").Exec(ctx) }, false)
	inTx(func(c *ent.Client) error {
		if err := c.InformationSystem.UpdateOneID(1).SetName("renamed").Exec(ctx); err != nil {
			return err
		}
		return c.InformationSystem.Create().SetKey("sys/a").SetName("dup").Exec(ctx) // fails: the key is taken
	}, false)
	if n := count(); n != 2 || fp(sc) != committed {
		t.Fatalf("after rolled-back savepoints: %d systems, or the rows changed", n)
	}
	if err := rollback(); err != nil {
		t.Fatal(err)
	}
	if after := fp(db.SQL); after != before {
		t.Fatal("the scratch transaction's rollback left changes")
	}
	if n := c.InformationSystem.Query().CountX(ctx); n != 1 {
		t.Fatalf("%d systems after the scratch rollback, want 1", n)
	}
}
