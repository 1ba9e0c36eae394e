package migrations

import (
	"embed"
	"fmt"
	"io/fs"
	"text/template"

	"ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect"
)

//go:embed sqlite postgres
var files embed.FS

// DirName is the directory of dialect d's migrations ("sqlite" or "postgres").
func DirName(d string) (string, error) {
	switch d {
	case dialect.SQLite:
		return "sqlite", nil
	case dialect.Postgres:
		return "postgres", nil
	}
	return "", fmt.Errorf("migrations: no migrations for dialect %q", d)
}

// Dir returns the migrations of dialect d, checked against their atlas.sum.
func Dir(d string) (migrate.Dir, error) {
	name, err := DirName(d)
	if err != nil {
		return nil, err
	}
	mem := &migrate.MemDir{}
	entries, err := fs.ReadDir(files, name)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		b, err := files.ReadFile(name + "/" + e.Name())
		if err != nil {
			return nil, err
		}
		if err := mem.WriteFile(e.Name(), b); err != nil {
			return nil, err
		}
	}
	if err := migrate.Validate(mem); err != nil {
		return nil, fmt.Errorf("migrations/%s: %w (run make migration and commit its output)", name, err)
	}
	return mem, nil
}

// Formatter names migration files "<NAME>.sql" (the generator passes a
// name that starts with a sequence number, so that the files and their
// order never depend on the clock) and writes one statement a line.
var Formatter = func() migrate.Formatter {
	f, err := migrate.NewTemplateFormatter(
		template.Must(template.New("name").Parse("{{ .Name }}.sql")),
		template.Must(template.New("content").Parse(
			"{{ range .Changes }}{{ with .Comment }}-- {{ println . }}{{ end }}{{ printf \"%s;\\n\" .Cmd }}{{ end }}")),
	)
	if err != nil {
		panic(err)
	}
	return f
}()
