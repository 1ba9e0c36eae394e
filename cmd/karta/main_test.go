package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func karta(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, func(string) string { return "" }, &out, &errOut)
	return out.String() + errOut.String(), err
}

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	bad := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(bad, []byte("Паспорт\n\nЦель\tx\n\nПлан интеграции информационных систем\n\n"+
		"№\tНаименование домена\tНаименование данных (сущность)\tГО/организация – потребитель данных\tИС - потребитель данных\t"+
		"ГО/Организация – источник Данных\tИС - источник данных\tСрок исполнения\n1.\tСпорт\tТурист\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := karta(t, "import", "-sqlite", db, bad)
	if err == nil || !strings.Contains(err.Error(), "bad.txt:8: integration plan row: expected 8 columns") {
		t.Fatalf("bad document: %v\n%s", err, out)
	}
	if _, statErr := os.Stat(db); statErr == nil {
		t.Fatal("a document that cannot be parsed must not even open the database")
	}

	// -strict: a document with unattached text fails, naming the lines, and
	// opens no database; the seed maps pass
	loose := filepath.Join(dir, "loose.txt")
	if err := os.WriteFile(loose, []byte("Паспорт\n\nЦель\tx\n\nПлан интеграции информационных систем\n\nПрочий текст вне таблицы\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err = karta(t, "import", "-sqlite", db, "-strict", loose)
	if err == nil || !strings.Contains(err.Error(), "import -strict: 1 unattached") || !strings.Contains(err.Error(), "loose.txt:7: Прочий текст вне таблицы") {
		t.Fatalf("-strict with unattached text: %v\n%s", err, out)
	}
	if _, statErr := os.Stat(db); statErr == nil {
		t.Fatal("-strict must fail before opening the database")
	}
	out, err = karta(t, "import", "-sqlite", db, "-dry-run", "-strict", "-seeds")
	if err != nil {
		t.Fatalf("the seed maps must pass -strict: %v\n%s", err, out)
	}
	// the recognitions of a map in other words are reported
	synonyms := filepath.Join(dir, "synonyms.txt")
	if err := os.WriteFile(synonyms, []byte("Паспорт\n\nНаименование карты цифровой трансформации\tКарта\n"+
		"Государственные органы, ответственные за разработку карты\tМинистерство здравоохранения\n"+
		"Срок действия\t2025-2027 годы\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err = karta(t, "import", "-sqlite", db, "-dry-run", "-v", synonyms)
	if err != nil || !strings.Contains(out, "synonyms.txt: 1 wording(s) read through a synonym or a fallback, 0 not understood") ||
		!strings.Contains(out, `synonyms.txt:5: label.passport "Срок действия" → period (synonym)`) {
		t.Fatalf("recognitions: %v\n%s", err, out)
	}

	out, err = karta(t, "import", "-sqlite", db, "-dry-run", "-seeds")
	if err != nil || !strings.Contains(out, "dry run, nothing written") {
		t.Fatalf("dry run: %v\n%s", err, out)
	}
	out, err = karta(t, "import", "-sqlite", db, "-seeds")
	if err != nil || !strings.Contains(out, "Sphere             created    9") {
		t.Fatalf("first import: %v\n%s", err, out)
	}
	files, _ := filepath.Glob("../../seeds/maps/*.txt")
	out, err = karta(t, append([]string{"import", "-sqlite", db}, files...)...)
	if err != nil || !strings.Contains(out, "nothing to change") {
		t.Fatalf("importing the same documents again must change nothing: %v\n%s", err, out)
	}
	if out, err := karta(t, "frobnicate"); err == nil || !strings.Contains(out, "Usage:") {
		t.Fatalf("unknown command: %v %s", err, out)
	}
}

// A document cut short (as a failed copy leaves it) would remove most of its
// map: the import is refused, shows what it would remove and writes
// nothing; -allow-removals imports it.
func TestImportRefusesATruncatedDocument(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	if out, err := karta(t, "import", "-sqlite", db, "-seeds"); err != nil {
		t.Fatalf("seed: %v\n%s", err, out)
	}
	full, err := os.ReadFile("../../seeds/maps/003_7875826fde8fc762.txt")
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(dir, "003_cut.txt")
	if err := os.WriteFile(cut, full[:len(full)*3/10], 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := karta(t, "import", "-sqlite", db, cut)
	if err == nil || !strings.Contains(err.Error(), "import refused") || !strings.Contains(out, "- Sphere ") {
		t.Fatalf("a cut document must be refused with the diff: %v\n%s", err, out)
	}
	out, err = karta(t, "import", "-sqlite", db, "-seeds")
	if err != nil || !strings.Contains(out, "nothing to change") {
		t.Fatalf("the refused import must have written nothing: %v\n%s", err, out)
	}
	out, err = karta(t, "import", "-sqlite", db, "-allow-removals", cut)
	if err != nil || !strings.Contains(out, "removed") {
		t.Fatalf("-allow-removals: %v\n%s", err, out)
	}
	if _, err := karta(t, "import", "-sqlite", db, "-max-removals", "2", cut); err == nil {
		t.Fatal("-max-removals 2 must be refused")
	}
}

func TestMigrateCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "k.db")
	for range 2 {
		out, err := karta(t, "migrate", "-sqlite", db)
		if err != nil || !strings.Contains(out, "is up to date") {
			t.Fatalf("migrate: %v\n%s", err, out)
		}
	}
	out, err := karta(t, "import", "-sqlite", db, "-dry-run", "-seeds")
	if err != nil || !strings.Contains(out, "dry run") {
		t.Fatalf("import after migrate: %v\n%s", err, out)
	}
}

// A document over the import size limit is refused before it is read,
// naming the file, its size and the limit, and opens no database; the limit
// comes from -max-bytes or KARTA_MAX_IMPORT_BYTES.
func TestImportRefusesADocumentOverTheSizeLimit(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, bytes.Repeat([]byte("Паспорт\n"), 200), 0o644); err != nil {
		t.Fatal(err)
	}
	size := 200 * len("Паспорт\n")
	want := fmt.Sprintf("big.txt: %d bytes, more than the import limit of 1000 bytes", size)
	out, err := karta(t, "import", "-sqlite", db, "-max-bytes", "1000", big)
	if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "nothing was written") {
		t.Fatalf("-max-bytes 1000: %v\n%s", err, out)
	}
	var errOut bytes.Buffer
	env := func(k string) string {
		if k == "KARTA_MAX_IMPORT_BYTES" {
			return "1000"
		}
		return ""
	}
	err = run(context.Background(), []string{"import", "-sqlite", db, big}, env, &errOut, &errOut)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("KARTA_MAX_IMPORT_BYTES=1000: %v\n%s", err, errOut.String())
	}
	if _, statErr := os.Stat(db); statErr == nil {
		t.Fatal("a document over the limit must not even open the database")
	}
	if out, err := karta(t, "import", "-sqlite", db, "-max-bytes", "0", big); err == nil || !strings.Contains(err.Error(), "max bytes: expected a positive") {
		t.Fatalf("-max-bytes 0: %v\n%s", err, out)
	}
}
