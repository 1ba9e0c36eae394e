// Command karta serves the Karta catalog and imports maps into it.
//
//	karta serve              start the server (explorer at /, GraphiQL at /graphiql)
//	karta import FILE...     import map documents
//	karta migrate            create or update the database schema
//
// Run `karta help` or `karta serve -h` for the settings.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/karta/karta/catalog/search"
	"github.com/karta/karta/catalog/versioned"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/seeds/load"
	"github.com/karta/karta/server"
)

const usage = `Karta — a GraphQL catalog of Kazakhstan's digital transformation maps.

Usage:
  karta serve [flags]            serve the catalog (explorer at /, GraphiQL at /graphiql, GraphQL at /graphql)
  karta import [flags] FILE...   import map documents (-dry-run shows the changes; -seeds the built-in maps)
  karta migrate [flags]          create or update the database schema (serve and import do it too)
  karta help                     show this help

Every flag also reads an environment variable; run "karta serve -h" for the list.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "karta:", err)
		}
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		args = []string{"serve"}
	}
	switch args[0] {
	case "serve":
		return serve(ctx, args[1:], getenv, stdout, stderr)
	case "import":
		return importCmd(ctx, args[1:], getenv, stdout, stderr)
	case "migrate":
		return migrateCmd(ctx, args[1:], getenv, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("unknown command %q", args[0])
	}
}

func serve(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := server.ParseConfig("karta serve", args, getenv)
	if err != nil {
		return err
	}
	log := server.NewLogger(cfg, stderr)
	server.ApplyMemoryLimit(cfg, log)
	client, err := openMigrated(ctx, cfg.DatabaseURL, cfg.SQLitePath, cfg.Pool)
	if err != nil {
		return err
	}
	defer client.Close()
	if cfg.Seed {
		if err := seedIfEmpty(ctx, client, log); err != nil {
			return err
		}
	}
	// Each replica keeps its own search index and rebuilds it when the
	// catalog in the shared database changes.
	searcher := search.NewService(client)
	searcher.Logger = log
	defer searcher.Close()
	if err := searcher.Rebuild(ctx); err != nil {
		return fmt.Errorf("build the search index: %w", err)
	}
	go func() { _ = searcher.Run(ctx, cfg.SearchRefresh) }()
	// The analytics' tables of each catalog version, computed once per
	// replica: warmed now and after every import, beside the server.
	memo := &versioned.Memo{}
	go func() { _ = server.WarmMemo(ctx, cfg, client, memo, log) }()
	h := server.Handler(cfg, client, searcher, memo, log)
	return server.Serve(ctx, cfg, h, log, func(addr net.Addr) {
		url := "http://" + displayAddr(addr)
		log.Info("karta is serving", "explorer", url+"/", "graphiql", url+"/graphiql", "graphql", url+"/graphql", "database", storageName(cfg))
		fmt.Fprintf(stdout, "Karta is up: explorer at %s/ — GraphiQL at %s/graphiql — GraphQL at %s/graphql\n", url, url, url)
	})
}

// seedIfEmpty imports the seed maps when the catalog holds no map. The
// check is part of the import's transaction, so of several replicas
// starting together on an empty database exactly one seeds it.
func seedIfEmpty(ctx context.Context, client *ent.Client, log *slog.Logger) error {
	exists, err := client.TransformationMap.Query().Exist(ctx)
	if err != nil {
		return err
	}
	if exists {
		return nil
	}
	log.Info("empty database: importing the seed maps")
	rep, err := load.Seed(ctx, client, load.Options{OnlyIfEmpty: true, Log: log})
	if err != nil {
		return fmt.Errorf("seed import: %w", err)
	}
	if rep.Skipped {
		log.Info("another process seeded the catalog meanwhile")
		return nil
	}
	for _, d := range rep.Docs {
		log.Info("seed map imported", "file", d.File, "map", d.MapKey, "unattached", len(d.Unattached))
	}
	return nil
}

func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || tcp.IP == nil || tcp.IP.IsUnspecified() {
		if ok {
			return fmt.Sprintf("localhost:%d", tcp.Port)
		}
		return a.String()
	}
	return tcp.String()
}

func storageName(cfg server.Config) string {
	if cfg.DatabaseURL != "" {
		return "postgresql"
	}
	return "sqlite:" + cfg.SQLitePath
}

func migrateCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := server.ParseConfig("karta migrate", args, getenv)
	if err != nil {
		return err
	}
	client, err := openMigrated(ctx, cfg.DatabaseURL, cfg.SQLitePath, cfg.Pool)
	if err != nil {
		return err
	}
	defer client.Close()
	fmt.Fprintf(stdout, "schema of %s is up to date\n", storageName(cfg))
	return nil
}

// openMigrated opens the database and applies the pending migrations.
func openMigrated(ctx context.Context, databaseURL, sqlitePath string, pool server.Pool) (*ent.Client, error) {
	client, err := server.OpenDB(databaseURL, sqlitePath, pool)
	if err != nil {
		return nil, err
	}
	if err := server.Migrate(ctx, client, server.DialectOf(databaseURL)); err != nil {
		client.Close()
		return nil, err
	}
	return client, nil
}
