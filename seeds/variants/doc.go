// Package variants writes the seed maps the ways another ministry's author
// would write the same content, so tests can prove the parser reads the
// format and not three files: sphere headings numbered in Roman numerals,
// "2)", without a number or without the word "Сфера"; outline-numbered
// section titles; process-group headings "1) Название"; synonyms in table
// headers and row labels; reordered and extra columns; runs of spaces for
// tabs; CRLF line ends, a byte order mark, Windows-1251; double-encoded
// HTML; a trailing line of spaces; a map assembled from the spheres of
// two seeds; and a new ministry's map (RenameMinistry: the seed's
// ministry, committees, organizations, units and own systems renamed to
// names the alias table does not know, compared with the seed imported
// with a table that does not know them either).
//
// Each rewrite is a named function in Rewrites (add one to extend the
// corpus); Generate applies every rewrite to every seed. A variant keeps the
// seed's content: parsed, it must give the seed's document, up to line
// numbers, the wording of headings and labels, and the recognition report
// (see seeds/kct's variant test). Variants are generated in memory by the
// tests; nothing is committed, so the corpus is always fresh.
package variants
