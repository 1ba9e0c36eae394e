// Package synth makes a large catalog out of the seed maps, for benchmarks:
// Documents(40) returns the three seed maps followed by 37 copies of them,
// so that the benchmark and `make bench` can run at 3 and at 40 maps.
//
// Each copy is written one of the ways of the variant corpus (package
// seeds/variants; Ways, in turn): sphere headings in Roman numerals or
// without the word «Сфера», outline-numbered sections, header synonyms,
// reordered and extra columns, spaces for tabs, CRLF and a byte order
// mark, Windows-1251, double-encoded HTML, the seed as a new ministry's
// map, a map assembled from the spheres of two seeds. The text is parsed
// as a document like any other, so the 40 maps exercise the parser's
// recognition of the format, not three files.
//
// The parsed copy then has every name that makes its ministry's identity
// renamed consistently for that copy: the owner and the bodies under it
// (resolved through the alias table to their canonical names first, so
// that «МИИЦР» and its full name stay one body within a copy), every body
// and system the table does not know, the systems of the ministry's
// family, every structural unit, and every sphere with the summary-roadmap
// rows and KPI groups that name it. The new names carry the copy's number
// ("…-07"), which no alias matches, so each copy is a map of a ministry of
// its own. The bodies and systems the table knows outside that family (a
// ministry named in the integration plan, a national database) keep their
// canonical names and stay shared between the copies, as in a real
// catalog of many ministries. Everything else (entities, process groups,
// roadmaps, integrations, KPIs) keeps the wording of the seed. The result
// depends on n only.
package synth
