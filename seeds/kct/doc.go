// Package kct parses Kazakhstan's digital transformation maps (карты
// цифровой трансформации, КЦТ) into the document model of model.go.
//
// # The format
//
// A map is a ministry's plan converted from Word to text. It has a title page
// (sometimes with an approval stamp), a passport (a two-column table), an
// introduction with bulleted target figures, a KPI table, then one section per
// sphere of regulation ("1. Сфера …"): descriptive paragraphs, numbered
// problems, numbered international experience with links, the entity table
// ("Сведения по сущностям сферы"), one block per process group ("Детализация
// группы процессов": a heading "N.N Title" and a label/value table), and the
// sphere's roadmap ("План график сферы …", a Gantt table of quarters with
// R/F/D codes). After the spheres come the summary roadmap ("Сводный
// график"), the services planned for digitisation, the integration plan, the
// flagship ("ледокол") projects and the industry's needs. Any of these may be
// missing.
//
// Tables are tab-separated lines; headings come as "## …", "####", "**…**" or
// plain lines; cells hold HTML fragments (<p>, <ol>, <li>, <b>, <u>, <br>);
// and the conversion left defects: rows cut by page breaks (the rest follows
// on a line starting with tabs, or in a cell that starts in lowercase),
// roadmap headers repeated on every page with columns drifting by one,
// "[illegible]" blocks that swallow rows and leave orphan tails, labels split
// over two lines, Greek or Latin letters inside Cyrillic words, a file that
// ends mid-sentence.
//
// # Reader and interpreter
//
// The reader (reader.go, html.go, text.go, lists.go) knows the format, not the
// meaning: it normalises the text, merges the parts of broken rows and cells,
// joins paragraphs cut by page breaks, drops markdown separator rows, turns
// HTML into clean text and list items, and yields blocks (headings,
// paragraphs, tables, "[illegible]" markers) with their line numbers.
//
// The interpreter (parse.go, sphere.go, kpi.go, roadmap.go, tables.go,
// resolve.go) recognises sections by their titles and tables by their header
// rows — never by their position in a particular file — and fills the model.
// The wordings it knows are data: the vocabulary (vocab.go reads
// seeds/vocabulary.txt) lists the format's wordings and their synonyms for
// section titles, sphere headings, table columns and row labels, compared
// after folding (case, ё, look-alike letters, quotes, punctuation, outline
// numbers "1.", "II.", "2)") and with word endings ignored. The interpreter
// is table-driven, by two declared lists in parse.go:
//
//   - sectionSpecs, one per section (title page, passport, introduction, KPI,
//     sphere, entities, process groups, roadmap, summary roadmap, planned
//     services, integration plan, icebreakers, needs): the vocabulary's
//     "section" concept its title matches (none for the title page, which
//     starts the map, and the sphere, which a sphere heading opens), its
//     name in the report, the longest title it takes (a longer text naming
//     icebreakers is prose), what entering it does (the KPI and
//     planned-services headings are kept as written; a sphere's section
//     opens a sphere when none is) and where a paragraph in it goes (no
//     handler: reported unattached);
//   - tableSpecs, one per table kind: the vocabulary of its header, the
//     section that announces it and its handler. A table is of the kind
//     whose key columns its header has (the announcing section wins a tie;
//     a table without a recognised header is read as its section's kind
//     when that kind has no header, else refused), and every table is read
//     by its header (extra, missing and reordered columns).
//
// A new section or table kind is a new entry in these lists, its wordings
// in seeds/vocabulary.txt. A sphere heading is
// recognised by the vocabulary's sphere words or by structure (a numbered
// heading followed by the sphere's prose and entity table). Every
// recognition that needed a synonym or a fallback, and every column or label
// not understood (kept raw in Extra or Fields), is listed in
// Document.Recognitions with its line.
//
// The reader decodes UTF-8 (with or without BOM), UTF-16 with a BOM and
// Windows-1251, and refuses binary input and other encodings with an
// *EncodingError; it decodes HTML entities before reading tags, and turns
// runs of spaces that stand for tabs in a table back into cells.
//
// Once everything is read the interpreter resolves names: entity rows and
// roadmap rows to process groups (by title or process, tolerant of
// numbering and wording; numbers only break ties), process groups' subjects
// to entities (in the sphere, then anywhere in the map), summary rows to
// spheres.
//
// Nothing is lost silently: every word of the document ends in a field of
// the model, in the structure the parser consumed (titles, headers, labels),
// or in Document.Unattached with its line. Parse checks it last
// (accounting.go compares each line's words with the words the document
// holds): words no element took are reported unattached with LostReason, so
// a gap in the interpreter shows in the report (and fails import -strict)
// instead of losing text. accounting_test.go proves the interpreter itself
// places every word of the seeds and of every variant of seeds/variants.
//
// Parse returns a *ParseError only for input it cannot interpret (a table
// whose header cannot be recognised under a title that announces it, a
// roadmap quarter cell that is not a code, an integration row with too few
// columns). Text that belongs nowhere goes to Document.Unattached with its
// line and the reason.
package kct
