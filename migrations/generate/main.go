// Command generate writes the next versioned migration of each database
// from ent/schema: `go run ./migrations/generate -name add_x` (make
// migration NAME=add_x). It replays the checked-in migrations on an empty
// development database (in-memory SQLite; a throwaway PostgreSQL database
// on KARTA_DEV_POSTGRES_URL, dropped afterwards), diffs the result with
// ent/schema and writes the difference as NNNN_name.sql with a new
// atlas.sum. Nothing is written when there is no difference.
package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"

	"ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/schema"
	_ "github.com/lib/pq"

	"github.com/karta/karta/migrations"
	"github.com/karta/karta/server"
)

func main() {
	name := flag.String("name", "", "what the migration does, in snake_case (e.g. add_removals)")
	dir := flag.String("dir", "migrations", "the migrations directory")
	flag.Parse()
	if !regexp.MustCompile(`^[a-z0-9_]+$`).MatchString(*name) {
		fmt.Fprintln(os.Stderr, "generate: -name: expected snake_case letters and digits")
		os.Exit(2)
	}
	pg := os.Getenv("KARTA_DEV_POSTGRES_URL")
	if pg == "" {
		pg = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
	}
	ctx := context.Background()
	for _, d := range []string{dialect.SQLite, dialect.Postgres} {
		wrote, err := generate(ctx, d, *dir, *name, pg)
		if err != nil {
			fmt.Fprintf(os.Stderr, "generate %s: %v\n", d, err)
			os.Exit(1)
		}
		fmt.Printf("%s: %s\n", d, wrote)
	}
}

func generate(ctx context.Context, d, root, name, pgURL string) (string, error) {
	sub, err := migrations.DirName(d)
	if err != nil {
		return "", err
	}
	dir, err := migrate.NewLocalDir(filepath.Join(root, sub))
	if err != nil {
		return "", err
	}
	existing, err := dir.Files()
	if err != nil {
		return "", err
	}
	db, cleanup, err := devDB(ctx, d, pgURL)
	if err != nil {
		return "", err
	}
	defer cleanup()
	m, err := schema.NewMigrate(entsql.OpenDB(d, db),
		schema.WithDir(dir),
		schema.WithMigrationMode(schema.ModeReplay),
		schema.WithDialect(d),
		schema.WithFormatter(migrations.Formatter),
		schema.WithDropColumn(true),
		schema.WithDropIndex(true),
		schema.WithErrNoPlan(true),
	)
	if err != nil {
		return "", err
	}
	version := fmt.Sprintf("%04d_%s", len(existing)+1, name)
	err = m.NamedDiff(ctx, version, migrations.Tables()...)
	if errors.Is(err, migrate.ErrNoPlan) {
		return "no changes", nil
	}
	if err != nil {
		return "", err
	}
	return "wrote " + version + ".sql", nil
}

// devDB opens an empty development database of dialect d.
func devDB(ctx context.Context, d, pgURL string) (*sql.DB, func(), error) {
	if d == dialect.SQLite {
		db := server.OpenSQLite("file:dev?mode=memory&_pragma=foreign_keys(1)")
		db.SetMaxOpenConns(1) // one connection: one in-memory database
		return db, func() { db.Close() }, nil
	}
	admin, err := sql.Open("postgres", pgURL)
	if err != nil {
		return nil, nil, err
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "karta_dev_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		return nil, nil, fmt.Errorf("create the development database (KARTA_DEV_POSTGRES_URL): %w", err)
	}
	u, _ := url.Parse(pgURL)
	u.Path = "/" + name
	db, err := sql.Open("postgres", u.String())
	if err != nil {
		admin.Close()
		return nil, nil, err
	}
	return db, func() {
		db.Close()
		_, _ = admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
		admin.Close()
	}, nil
}
