package main

import (
	"slices"
	"strings"
	"testing"
)

// A compile of a skipped package loses -d=libfuzzer and nothing else; other
// packages and other tools keep their arguments as they are.
func TestRewriteDropsInstrumentationOfSkippedPackagesOnly(t *testing.T) {
	patterns := []string{"modernc.org/...", "example.com/x", "unicode"}
	compile := "/go/pkg/tool/linux_amd64/compile"
	args := func(pkg string) []string {
		return []string{"-o", "/tmp/b001/_pkg_.a", "-trimpath", "/tmp/b001=>", "-p", pkg, "-lang=go1.26", "-d=libfuzzer", "-c=2", "./a.go"}
	}
	for _, tc := range []struct {
		tool, pkg string
		drop      bool
	}{
		{compile, "modernc.org/sqlite/lib", true},
		{compile, "modernc.org/libc", true},
		{compile + ".exe", "example.com/x", true},
		{compile, "unicode", true},
		{compile, "unicode/utf8", false}, // "unicode" is one package, not its tree
		{compile, "example.com/x/y", false},
		{compile, "github.com/karta/karta/seeds/load", false},
		{compile, "strings", false},
		{"/go/pkg/tool/linux_amd64/asm", "modernc.org/libc", false},
	} {
		in := args(tc.pkg)
		got := rewrite(tc.tool, slices.Clone(in), patterns)
		want := in
		if tc.drop {
			want = slices.DeleteFunc(slices.Clone(in), func(a string) bool { return a == "-d=libfuzzer" })
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s %s:\n got %q\nwant %q", tc.tool, tc.pkg, got, want)
		}
	}
	if got := rewrite(compile, []string{"-p=modernc.org/libc", "-d=libfuzzer"}, patterns); !slices.Equal(got, []string{"-p=modernc.org/libc"}) {
		t.Errorf("-p=path form: got %q", got)
	}
	if got := rewrite(compile, []string{"-V=full"}, patterns); !slices.Equal(got, []string{"-V=full"}) {
		t.Errorf("-V=full: got %q", got)
	}
}

// The compiler's version line carries the skip list, so that cmd/go's
// cache keys of packages compiled through the wrapper differ from those of
// a plain -fuzz build and from those of another skip list, and it still
// parses as cmd/go's toolID expects (name, "version", version; for a
// development compiler a final buildID=… field).
func TestVersionLineMarksTheSkipList(t *testing.T) {
	release := "compile version go1.26.8\n"
	a, b := versionLine(release, "modernc.org/"), versionLine(release, "modernc.org/,github.com/lib/pq")
	if a == b || a == strings.TrimSpace(release) {
		t.Fatalf("skip lists not told apart: %q, %q", a, b)
	}
	if f := strings.Fields(a); len(f) < 3 || f[0] != "compile" || f[1] != "version" || f[2] != "go1.26.8" {
		t.Fatalf("release line %q no longer parses", a)
	}
	devel := "compile version devel go1.27-abc X:fieldtrack buildID=aaaa/bbbb\n"
	d := versionLine(devel, "modernc.org/")
	f := strings.Fields(d)
	last := f[len(f)-1]
	if !strings.HasPrefix(last, "buildID=") {
		t.Fatalf("devel line %q: the last field must stay buildID=…", d)
	}
	// cmd/go keeps the content id, after the last "/", of a devel compiler.
	if id := last[strings.LastIndex(last, "/")+1:]; id == "bbbb" || !strings.Contains(id, "modernc.org") {
		t.Fatalf("devel line %q: the content id %q does not carry the skip list", d, id)
	}
}
