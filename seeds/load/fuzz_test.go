package load_test

import (
	"context"
	"math/rand/v2"
	"runtime/debug"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/karta/karta/seeds"
	"github.com/karta/karta/seeds/identity"
	"github.com/karta/karta/seeds/kct"
	"github.com/karta/karta/seeds/load"
	"github.com/karta/karta/server/storagetest"
)

// FuzzImport feeds edited maps through the parser and the importer on top
// of a catalog holding a map: an import either fails and leaves the
// database exactly as it was, or succeeds — removing nothing when the
// document looks truncated — and a second import of the same document
// changes nothing: it reports no change and the database is row for row
// what the first import left.
//
// An input is an edit of one of the small maps cut from the seeds
// (fuzzMaps: a few spheres, one table of each kind): the text from at to
// at+cut is replaced by insert. The edits reach every part of a map (cut
// at 65535 truncates it) while the fuzzer's minimizer, which works on
// insert alone, stays quick.
//
// To run hundreds of executions a second, each fuzzing process opens one
// catalog and imports the base map once; every execution then runs in a
// scratch transaction (storagetest.Scratch: the importer's own
// transactions become savepoints) rolled back at its end, and "exactly as
// it was" is a fingerprint of every row of every table (storagetest.
// Fingerprint). Run it with
//
//	make fuzz FUZZ=FuzzImport
//
// which compiles SQLite (modernc.org/...) and unicode without go test
// -fuzz's coverage instrumentation (cmd/fuzzinstrument): instrumented,
// they cost more CPU than the rest of an execution and their edges only
// tell the fuzzer how SQLite's B-trees and the Unicode tables were
// walked. BenchmarkFuzzImportBody runs this body over the seed corpus and
// fixed random edits.
func FuzzImport(f *testing.F) {
	// An execution allocates ~1.3 MB on a heap of a few MB: letting the
	// heap grow by 400 % of the live heap between collections instead of
	// 100 % saved ~8 % of the CPU of an execution (BenchmarkFuzzImportBody
	// in the fuzz build, GOGC=400 against 100, interleaved).
	old := debug.SetGCPercent(400)
	f.Cleanup(func() { debug.SetGCPercent(old) })
	fc := openFuzzCatalog(f)
	for _, in := range fuzzSeeds(fc.maps) {
		f.Add(in.which, in.at, in.cut, in.insert)
	}
	f.Fuzz(func(t *testing.T, which uint8, at, cut uint16, insert string) {
		fc.run(t, which, at, cut, insert)
	})
}

// fuzzInput is one input of FuzzImport: in map which, the text from at to
// at+cut is replaced by insert.
type fuzzInput struct {
	which   uint8
	at, cut uint16
	insert  string
}

// fuzzSeeds is FuzzImport's seed corpus: each map itself, and edits of it
// that reach the importer's error paths.
func fuzzSeeds(maps []string) []fuzzInput {
	var out []fuzzInput
	for i, s := range maps {
		m := uint8(i)
		at := func(sub string) uint16 { return uint16(max(strings.Index(s, sub), 0)) }
		out = append(out,
			fuzzInput{m, 0, 0, ""},                                      // the map itself
			fuzzInput{m, uint16(len(s) / 2), 65535, ""},                 // truncated mid-line
			fuzzInput{m, at("\tR\t"), 3, "\tQ\t"},                       // an unknown roadmap code
			fuzzInput{m, at("Паспорт"), uint16(len("Паспорт")), "Пасп"}, // no passport heading
			fuzzInput{m, at("\t"), 1, ""},                               // a row's cells shifted
			fuzzInput{m, at("Сфера"), uint16(len("Сфера")), "Сферa"},    // a Latin letter
			fuzzInput{m, at("Статус"), 0, "\x00"},                       // a NUL byte
			fuzzInput{m, at("\n1."), 1, "\n\n## "},                      // a row turned into a heading
			fuzzInput{m, at("Сведения по сущностям"), 400, ""},          // an entity table's head gone
		)
	}
	return out
}

// fuzzCatalog is the catalog of one fuzzing process: the small maps, a
// database holding the first of them, and its fingerprint.
type fuzzCatalog struct {
	maps   []string
	db     *storagetest.DB
	reg    *identity.Registry
	before string
	// fingerprints counts the fingerprints taken (for the benchmark).
	fingerprints int
}

func openFuzzCatalog(tb testing.TB) *fuzzCatalog {
	tb.Helper()
	maps := fuzzMaps(tb)
	c, db := storagetest.Open(tb)
	ctx := context.Background()
	reg, err := identity.Default()
	if err != nil {
		tb.Fatal(err)
	}
	base, err := kct.Parse("base.txt", strings.NewReader(maps[0]))
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := load.Import(ctx, c, reg, []*kct.Document{base}, load.Options{}); err != nil {
		tb.Fatal(err)
	}
	before, err := storagetest.Fingerprint(ctx, db.SQL)
	if err != nil {
		tb.Fatal(err)
	}
	return &fuzzCatalog{maps: maps, db: db, reg: reg, before: before}
}

// run is one execution of FuzzImport (and of BenchmarkFuzzImportBody).
func (fc *fuzzCatalog) run(t testing.TB, which uint8, at, cut uint16, insert string) {
	ctx := context.Background()
	src := fc.maps[int(which)%len(fc.maps)]
	from := min(int(at), len(src))
	to := min(from+int(cut), len(src))
	text := src[:from] + insert + src[to:]
	d, err := kct.Parse("fuzz.txt", strings.NewReader(text))
	if err != nil {
		return // the parser refused it: nothing reaches the database
	}
	sc, rollback, err := storagetest.Scratch(ctx, fc.db)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := rollback(); err != nil {
			t.Errorf("roll back the scratch transaction: %v", err)
		}
	}()
	rep, err := load.Import(ctx, sc, fc.reg, []*kct.Document{d}, load.Options{})
	if err != nil {
		if after := fc.fingerprint(t, sc); after != fc.before {
			t.Fatalf("failed import (%v) changed the database", err)
		}
		return
	}
	if d.Truncated {
		for typ, n := range rep.Counts {
			if n.Removed > 0 {
				t.Fatalf("a document that looks truncated removed %d %s", n.Removed, typ)
			}
		}
	}
	first := fc.fingerprint(t, sc)
	rep, err = load.Import(ctx, sc, fc.reg, []*kct.Document{d}, load.Options{})
	if err != nil {
		t.Fatalf("second import failed: %v", err)
	}
	if rep.Changed() {
		t.Fatalf("second import changed %v", rep.Changes[:min(5, len(rep.Changes))])
	}
	if again := fc.fingerprint(t, sc); again != first {
		t.Fatal("second import reported no change but changed the database")
	}
}

// BenchmarkFuzzImportBody runs FuzzImport's execution body over its seed
// corpus and over random edits of the maps (a fixed sequence): its ns/op
// is the CPU one fuzzing execution costs without the fuzzer's coverage
// instrumentation and bookkeeping.
func BenchmarkFuzzImportBody(b *testing.B) {
	fc := openFuzzCatalog(b)
	inputs := append(fuzzSeeds(fc.maps), fuzzEdits(fc.maps, 64)...)
	b.ResetTimer()
	fc.fingerprints = 0
	n := 0
	for ; b.Loop(); n++ {
		in := inputs[n%len(inputs)]
		fc.run(b, in.which, in.at, in.cut, in.insert)
	}
	b.ReportMetric(float64(fc.fingerprints)/float64(n), "fingerprints/op")
}

// fuzzEdits are n edits of the maps drawn from a fixed random sequence, of
// the kinds the fuzzer's mutator makes: a few bytes cut, a fragment of
// the format inserted, a cut to the end.
func fuzzEdits(maps []string, n int) []fuzzInput {
	r := rand.New(rand.NewPCG(11, 10))
	frags := []string{"", "\t", "\n", "\n\n## ", "1.", " ", "Сфера", "x", "\t\t", "2025", "—"}
	out := make([]fuzzInput, n)
	for i := range out {
		w := r.IntN(len(maps))
		cut := uint16(r.IntN(16))
		if r.IntN(8) == 0 {
			cut = 65535
		}
		out[i] = fuzzInput{uint8(w), uint16(r.IntN(len(maps[w]))), cut, frags[r.IntN(len(frags))]}
	}
	return out
}

func (fc *fuzzCatalog) fingerprint(t testing.TB, q storagetest.Querier) string {
	t.Helper()
	fc.fingerprints++
	return fingerprint(t, q)
}

func fingerprint(t testing.TB, q storagetest.Querier) string {
	t.Helper()
	fp, err := storagetest.Fingerprint(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return fp
}

// fuzzExcerpts are the lines (1-based, inclusive ranges) of the small maps
// FuzzImport starts from, cut from the seed maps: the title page, the
// passport, a paragraph of the introduction naming a system, a few KPI
// rows, one or two spheres each with its prose (one with an international
// experience), two entities, two process groups and the start of its roadmap, and the
// tables after the spheres (summary roadmap, planned services,
// integrations, icebreakers, needs). TestFuzzMapsAreSmallAndComplete
// checks that they still hold every kind of node.
var fuzzExcerpts = []struct {
	file  string
	lines [][2]int
}{
	// 004 (telecommunications): one sphere, the integration plan.
	{"maps/004_09111345614503a4.txt", [][2]int{
		{1, 30}, {70, 76}, {96, 98}, {124, 128}, {139, 151},
		{354, 361}, {428, 440}, {475, 477},
	}},
	// 000 (culture and information): two spheres, planned services,
	// icebreakers and needs.
	{"maps/000_ee3af2eb060adf23.txt", [][2]int{
		{1, 21}, {23, 23}, {77, 77}, {143, 150}, {163, 164},
		{180, 182}, {198, 201}, {230, 250}, {288, 293}, {297, 301},
		{818, 820}, {858, 899}, {901, 911}, {917, 925}, {927, 931},
	}},
}

// maxCell and maxParagraph are the longest cell of a table and the longest
// paragraph or cell of a label/value table of a fuzz map, in runes: the seeds' long prose is cut (at a space) so that
// the parser and the importer have little text to go through.
const maxCell, maxParagraph = 40, 120

// fuzzMaps cuts the small maps of fuzzExcerpts from the seeds.
func fuzzMaps(tb testing.TB) []string {
	tb.Helper()
	var out []string
	for _, ex := range fuzzExcerpts {
		b, err := seeds.Maps.ReadFile(ex.file)
		if err != nil {
			tb.Fatal(err)
		}
		lines := strings.Split(string(b), "\n")
		var sb strings.Builder
		for _, r := range ex.lines {
			for _, l := range lines[r[0]-1 : min(r[1], len(lines))] {
				cells := strings.Split(l, "\t")
				for i, c := range cells {
					switch len(cells) {
					case 1:
						cells[i] = cut(c, maxParagraph)
					case 2: // a label and its value: a body's name
						cells[i] = cut(c, maxParagraph)
					default:
						cells[i] = cut(c, maxCell)
					}
				}
				sb.WriteString(strings.Join(cells, "\t"))
				sb.WriteByte('\n')
			}
			sb.WriteByte('\n')
		}
		out = append(out, sb.String())
	}
	return out
}

// cut shortens s to at most n runes, at a space when there is one.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	if i := strings.LastIndexByte(string(r), ' '); i > 0 {
		return string(r)[:i]
	}
	return string(r)
}

// The fuzz maps are small (so that FuzzImport runs fast) and complete:
// together they hold every kind of node the importer writes, each imports
// cleanly on top of the first and re-imports without a change.
func TestFuzzMapsAreSmallAndComplete(t *testing.T) {
	maps := fuzzMaps(t)
	c, _ := storagetest.Open(t)
	nodes := map[string]int{}
	for i, s := range maps {
		if len(s) > 40<<10 {
			t.Errorf("fuzz map %d is %d bytes: cut it shorter", i, len(s))
		}
		d, err := kct.Parse("fuzz.txt", strings.NewReader(s))
		if err != nil {
			t.Fatalf("fuzz map %d: %v", i, err)
		}
		rep := importDocs(t, c, []*kct.Document{d}, load.Options{})
		for typ, n := range rep.Docs[0].Nodes {
			nodes[typ] += n
		}
		if again := importDocs(t, c, []*kct.Document{d}, load.Options{}); again.Changed() {
			t.Fatalf("fuzz map %d: re-import changed %v", i, again.Changes)
		}
	}
	for _, typ := range []string{"TransformationMap", "Sphere", "Experience", "Entity", "Attribute",
		"ProcessGroup", "Process", "RoadmapItem", "RoadmapStep", "KPI", "KPITarget", "SphereSchedule",
		"ServicePlan", "Integration", "Icebreaker", "Need", "SystemMention"} {
		if nodes[typ] == 0 {
			t.Errorf("no fuzz map holds a %s (nodes: %v): widen fuzzExcerpts", typ, nodes)
		}
	}
	t.Logf("nodes: %v", nodes)
}
