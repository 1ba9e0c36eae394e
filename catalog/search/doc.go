// Package search is the catalog's full-text search: every node type's names
// and texts, in Russian, with the same behaviour on SQLite and PostgreSQL
// because the database is only read, never searched. Build reads the whole
// catalog into an in-memory bleve index; Index.Search answers queries from
// it; Service keeps one index per server replica fresh.
//
// The index is bleve's scorch engine with no path, which keeps its segments
// in memory only and writes no file. (bleve.NewMemOnly would use the legacy
// upsidedown engine on a gtreap store, measured ten times slower to search
// here.)
//
// # What is indexed
//
// One document per node of the types in Types — the node types of the
// registry generated from ent/schema (ent/registry) whose nodetype
// annotation has search fields; KPITarget and RoadmapStep are shown with
// their parents — keyed by its ent ID (IDs are unique across types). Which
// fields of a type feed each property is its annotation's Search (Name,
// Alt, Text): a new annotated type is indexed without a change here. Each
// document has three searchable properties:
//
//   - name: the node's name (title of a map, text of a need or a function,
//     country of an experience, data names of an integration);
//   - alt: short names, codes and aliases (a ministry's shortName and
//     aliases, a system's aliases, a unit's code and aliases, a service's
//     registry code, a sphere's heading);
//   - text: every other text (a sphere's overview and problems, a map's
//     goal and passport lists, an icebreaker's description, goals and tasks,
//     a group's technologies, services and automation texts, …).
//
// Each property is indexed under several analyzers:
//
//   - name, alt, text: Russian morphology — bleve's unicode tokenizer,
//     lower case, ё → е, Russian stop words, the Russian Snowball stemmer
//     (analysis/lang/ru), so «спортсмены» finds «Спортсмен»;
//   - name_w, alt_w, text_w: words folded but not stemmed — lower case, ё → е,
//     Latin letters that look like Cyrillic ones (a c e o p x y k m t b h i)
//     to Cyrillic, Kazakh letters to the Russian letter usually written for
//     them (the rules of seeds/identity, applied per token so offsets stay
//     valid). Exact words, prefixes and typos are matched here, so «еQonaq»
//     with a Cyrillic е finds «eQonaq» and «E-Архив» with a Latin E finds
//     «Е-Архив»;
//   - name_kw, alt_kw: the skeleton of the whole value — its folded words
//     joined by one space, punctuation and quotes dropped — as one term, so
//     «ГБД ЕЛ», «МИИЦР» or «ис е-архив» match a whole name or alias exactly.
//     These two are not in bleve but in a Go map by skeleton (exactIndex),
//     with the frequencies and norms zap would keep and bleve's document
//     numbers, scored with the bleve terms: they are only ever searched for
//     one term, and in zap their long terms cost a vellum node per byte
//     beyond 64 and a postings list per distinct name (about a tenth of a
//     build's allocations).
//
// A node's type and top bodies are not in bleve: filters and facets read
// them from the node held in Go memory. Nothing is stored in bleve: texts
// stay in Go memory for snippets. No field keeps term vectors (locations
// were a fifth of what a build allocated): the phrase boosts are checked
// in the candidates' own texts (see Matching and ranking); there is no
// composite _all field.
//
// Documents are built directly, as index.Documents of the package's own
// (not through bleve's reflective mapping, nor bleve's document.Document
// with a TextField per value: those, and the maps of the ID and skeleton
// fields, were a fifth of what a build allocated), in one block per batch,
// and each text is cut into words once (the unicode word segmenter of both
// analyzers, without token objects) for both its stemmed and its folded
// field: each distinct word's folded form and stem are computed once per
// build with the analyzers' own filters and stemmer, and a document keeps
// its terms compactly (the number of the word's forms and a count; tests
// check the terms and frequencies against the analyzers'). The map of term
// frequencies bleve asks for is made only when zap reads a field, in one
// map per field reused for every document: zap makes a segment one
// document after the other and keeps the terms, not the maps (two maps and
// blocks per document, held until the batch was a segment, were a fifth
// of what a build allocated). The elements of a list property (aliases,
// paragraphs) are indexed as one value; so are the skeletons of the
// aliases, merged as zap merges the fields of one name (the same terms
// and frequencies as one skeleton field per alias). Documents are indexed
// in batches of 8 000 (one in-memory segment each), which bounds what a build holds at once. Every segment
// costs each query term a dictionary lookup and a postings iterator: at 40
// maps (15 300 documents) two segments instead of four cut a search's CPU
// by about a fifth and its allocations by a third. One segment (batches of
// 16 384) would cut a search's allocations by another quarter and its CPU
// by a tenth (broad and two-word queries by a fifth), for no more
// allocated by a build, but the index held 10 MB more live heap
// (BenchmarkSearchMaps' index-MB: 46.6 against 36.4), closer to the
// server's memory limit (server.DefaultMemoryLimit). The Service returns a
// build's garbage to the OS after swapping the new index in.
//
// # Matching and ranking
//
// The query text is cut into words with the same analyzers (at most 10
// words, 256 characters). Every word must match somewhere, in any of its
// forms; Russian stop words («в», «и», «для») only add to the score. A word
// matches, from the strongest to the weakest:
//
//   - as written (folded), in name_w, alt_w, text_w;
//   - by its Russian stem, in name, alt, text, and its stem (5+ letters) as
//     a prefix of indexed stems (the stemmer cuts «спортсмен» to «спортсм»
//     but «спортсменов» to «спортсмен»);
//   - by the prefix of its first 6 letters (words of 7+ letters) or 5
//     letters (words of 5–6): «лицензии» (stem «лиценз») finds
//     «Лицензирование…» (stem «лицензирован»);
//   - with typos: at edit distance 1 for words of 5–7 letters, 2 for words
//     of 8+ (none for shorter words or words with digits), in name_w, alt_w
//     and text_w, at most 32 near terms per word, distance 2 weighing 0.6 of
//     distance 1. The near terms are found in the index's own vocabulary
//     (read once per build) and searched as plain terms: bleve's
//     FuzzyQuery builds a Levenshtein automaton per query and field, which
//     costs 0.3–3 ms per Cyrillic word. An index remembers the near terms
//     of the last few thousand query words.
//
// On top of that, only adding to the score: the skeleton of the whole query
// equal to a name (boost 20) or to a short name or alias (15), and the
// query as a phrase in a name or alias (5) or a text (5/3). A phrase is
// matched and scored as bleve's phrase query would with term vectors: the
// same conjunction of its words' terms finds the candidates and scores
// them, and a filter keeps those where one element of the field has the
// folded words in a row (phraseQuery; an element never continues the
// previous one). Name fields
// weigh three times text fields. bleve's TF-IDF scoring does the rest
// (shorter fields score higher), so an exact name comes first: «Спортсмен»
// ranks the entity «Спортсмен» before the process «Регистрация
// спортсмена».
//
// The query is run by this package (exec.go), not by bleve's searchers,
// with bleve's scores: each term's postings list is read once from the
// snapshot and the scores are added up per document in arrays indexed by
// bleve's document number, term at a time. bleve's searchers walk every
// term of a query in step, a heap of one iterator per term, and a word
// expands to dozens of terms (prefixes, typos): that was most of a
// search's CPU. A document's score is summed in the query's order, so it
// depends only on the document and the catalog, not on bleve's document
// numbers, which differ between two builds of one catalog (a batch is a
// map): equal documents score exactly equally in every build and replica,
// and ties are broken by ID, so the order of hits and the cursors are the
// same across builds. (bleve's sums followed the numbers, and hits of equal
// scores swapped between builds by their scores' last bits.)
//
// # Hits
//
// A Hit carries the node's type, ID, key and display name, the score, the
// top body it belongs to (for a committee or anything of a committee, the
// ministry above it; a service belongs to the bodies of all its process
// groups and is reported under the first one's), the matched GraphQL field
// and a snippet. The matched field is the one name, alias or text element
// that matched the most query words (an exact whole-value match counts
// most; ties go to the name, then aliases, then texts). The snippet is that
// element's text, HTML-escaped, with the matched words wrapped in
// <mark>…</mark>, cut to about SnippetRunes characters around the first
// match with "…" where it was cut. Snippets are built by this package
// without term locations from bleve: the page's hits' texts are analysed
// again and every token that one of the query's forms matches (the folded
// word or a near term, the stem, the stem or word prefix — exactly what
// the query searched) is marked, and a whole name or alias whose skeleton
// equals the query's; so one snippet marks matches of every analyzer of a
// property in the original text. A word is stemmed there only when its
// lower-cased form starts with one of the query's stems (the Russian
// stemmer only removes endings), and a hit's later elements are not read
// once none of them could beat the best so far.
//
// # Facets, filters, pages
//
// A search is one pass over the scored documents: each match is filtered,
// counted in both facets and kept if among the page's best, so a search
// with filters is still one pass. The index keeps one snapshot of bleve
// open for its life and maps bleve's internal document numbers to nodes.
//
// Result.Facets counts all matches by type and by top body (key, full and
// short name); nodes without a body (a system with no owner) are in no
// ministry bucket. Query.Types and Query.Ministries filter (any of the
// listed values; filters do not change scores). The type facet ignores the
// type filter and the ministry facet the ministry filter, so a client can
// show the counts of the other values; each honours the other filter. An
// empty Query.Text lists every node (with the filters) in ID order.
//
// Pages are Relay-style: First (20 by default, at most 100) and After. A
// cursor is opaque to clients; it encodes the offset of the next hit
// ("o:<offset>", base64url). Offsets are only stable within one index: if
// the catalog changes and the index is rebuilt between two pages, the next
// page may repeat or skip hits.
//
// # Freshness and replicas
//
// Every server replica builds its own index from the shared database when
// it starts and keeps it in memory; there are no index files and nothing is
// shared between replicas. Service holds the current index behind an
// atomic pointer.
//
// Service.Run polls: every interval it reads the catalog version
// (Version: the version row every import bumps in its transaction) and
// refreshes only when the version changed, so any import that changes the
// catalog — including shared nodes such as bodies and systems — triggers a
// refresh. A refresh runs beside the current index; searches meanwhile use the old one, and
// the old index is closed once its running searches finish. Replicas
// notice an import independently, each within one polling interval, so for
// up to one interval two replicas may answer from different versions. An
// edit that keeps every digest (by hand, through the ent client) is only
// seen after Service.Rebuild or a restart.
//
// A refresh after an import updates the index rather than building it
// again: it reads the catalog (the same queries as a build), indexes again
// only the nodes whose name, aliases or texts changed, indexes the new ones
// and deletes the removed ones, in the bleve index it shares with the
// previous version, then opens a new snapshot. The previous version keeps
// its own snapshot, so searches on it are not disturbed, and the bleve
// index is closed with the last version using it. An in-memory scorch
// index never merges its segments, so updates add segments and leave
// deleted documents in the old ones (their terms may still be offered as
// near terms, matching nothing): after 8 updates, or once updates have
// touched a quarter of the documents, a refresh builds afresh, as
// Service.Rebuild always does. Index.Reindexed tells how many documents a
// version indexed or deleted.
//
// Build reads the catalog in a fixed number of SQL queries — one plain
// SELECT per type of the columns the index and the breadcrumb read and of
// the parent keys, plus, for services, one of the join table of their
// process groups (ent/registry, generated from the nodetype annotations) —
// and resolves each node's breadcrumb and top body in Go from those
// parents (every parent of an indexed node is indexed); it never queries
// per node and passes no IDs as parameters. The rows are scanned one at a
// time into the index's nodes: no ent entities, no eager loads, no list of
// documents in between (those were about 8 MB of what a build allocated at
// 40 maps).
package search
