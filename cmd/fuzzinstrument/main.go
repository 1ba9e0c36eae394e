// Command fuzzinstrument is a `go build -toolexec` wrapper that leaves
// chosen packages out of `go test -fuzz`'s coverage instrumentation.
//
// With -fuzz, cmd/go compiles every package of the test binary but a few of
// the standard library's with -d=libfuzzer: a counter per edge and a call to
// a (no-op) comparison hook on every integer comparison. modernc.org/sqlite
// is SQLite transpiled from C, comparison-heavy, and most of FuzzImport's
// time: instrumented, it costs several times its plain CPU, and the edges
// it reports (B-tree pages split or not, a cache hit or miss) are noise that
// the fuzzer keeps as "new interesting" inputs and minimises. cmd/go has no
// switch for this (it appends -d=libfuzzer after -gcflags, so a per-package
// -gcflags cannot turn it off); this wrapper drops the flag when compiling
// a package -skip names (default DefaultSkip).
//
//	go build -o bin/fuzzinstrument ./cmd/fuzzinstrument
//	go test -fuzz FuzzImport -toolexec "$PWD/bin/fuzzinstrument -skip modernc.org/...,unicode" ./seeds/load/
//
// It adds "fuzzinstrument-skip=…" to the compiler's -V=full answer, which
// cmd/go hashes into every compile action's cache key: packages built
// through the wrapper never share the build cache with packages built
// without it (or with another -skip), so neither build gets the other's
// objects.
package main

import (
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// DefaultSkip leaves out SQLite (modernc.org/...: SQLite, its libc and
// allocator) and unicode, whose range-table searches (unicode.Is, In,
// ToLower) the parser and name folding call for every rune: instrumented,
// they were a fifth of FuzzImport's CPU, and which half of a range table a
// letter falls in says nothing about the importer.
const DefaultSkip = "modernc.org/...,unicode"

func main() {
	code, err := run(os.Args[1:], os.Stdout, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "fuzzinstrument:", err)
	}
	os.Exit(code)
}

// run runs the tool of args (after fuzzinstrument's own flags) with args
// rewritten by rewrite, and returns its exit code.
func run(args []string, stdout, stderr *os.File) (int, error) {
	fs := flag.NewFlagSet("fuzzinstrument", flag.ContinueOnError)
	skip := fs.String("skip", DefaultSkip, `comma-separated packages to compile without fuzzing instrumentation ("modernc.org/..." for a tree)`)
	if err := fs.Parse(args); err != nil {
		return 2, err
	}
	if fs.NArg() == 0 {
		return 2, errors.New("usage: fuzzinstrument [-skip prefixes] tool [args...]")
	}
	tool, targs := fs.Arg(0), rewrite(fs.Arg(0), fs.Args()[1:], strings.Split(*skip, ","))
	cmd := exec.Command(tool, targs...)
	cmd.Stdin, cmd.Stderr = os.Stdin, stderr
	if isCompile(tool) && len(targs) == 1 && targs[0] == "-V=full" {
		out, err := cmd.Output()
		if err != nil {
			return exitCode(err), err
		}
		fmt.Fprintln(stdout, versionLine(string(out), *skip))
		return 0, nil
	}
	cmd.Stdout = stdout
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode(), nil // the tool has said why
		}
		return 1, err
	}
	return 0, nil
}

// rewrite drops -d=libfuzzer from a compile of a package (-p path) that
// matches one of patterns; other tools and packages keep their args.
func rewrite(tool string, args, patterns []string) []string {
	if !isCompile(tool) || !skipped(pkgPath(args), patterns) {
		return args
	}
	out := make([]string, 0, len(args))
	for _, a := range args {
		if a != "-d=libfuzzer" {
			out = append(out, a)
		}
	}
	return out
}

// versionLine is the compiler's -V=full answer with the skip list added:
// "compile version go1.26.8 fuzzinstrument-skip=modernc.org%2F". cmd/go
// keeps the whole line of a release compiler as its tool id, and only the
// content id after the last "/" of the final buildID=… field of a
// development one, where the mark is appended (escaped, without "/").
func versionLine(out, skip string) string {
	line := strings.TrimSpace(out)
	mark := "fuzzinstrument-skip=" + url.QueryEscape(skip)
	if f := strings.Fields(line); len(f) > 0 && strings.HasPrefix(f[len(f)-1], "buildID=") {
		return line + "-" + mark
	}
	return line + " " + mark
}

func isCompile(tool string) bool {
	return strings.TrimSuffix(filepath.Base(tool), ".exe") == "compile"
}

// pkgPath is the value of the compiler's -p flag.
func pkgPath(args []string) string {
	for i, a := range args {
		if a == "-p" && i+1 < len(args) {
			return args[i+1]
		}
		if v, ok := strings.CutPrefix(a, "-p="); ok {
			return v
		}
	}
	return ""
}

// skipped tells whether pkg matches one of patterns, as go list reads
// them: "unicode" is that package only, "modernc.org/..." every package
// whose path starts with "modernc.org/".
func skipped(pkg string, patterns []string) bool {
	if pkg == "" {
		return false
	}
	for _, p := range patterns {
		if tree, ok := strings.CutSuffix(p, "..."); ok {
			if tree != "" && strings.HasPrefix(pkg, tree) {
				return true
			}
		} else if pkg == p {
			return true
		}
	}
	return false
}

func exitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	return 1
}
