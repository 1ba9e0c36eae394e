// Package identity gives Karta one node per real state body, information
// system and structural unit across all digital transformation maps.
//
// The maps name the same body or system in many spellings ("МИИЦР РК",
// "Министерство цифрового развития, инноваций и аэрокосмической
// промышленности", "E-License", "ИС «Е-лицензирование»", "ГБД ЕЛ"). The curated
// table seeds/aliases.txt lists each real body, system and unit once with all
// its spellings; its header documents the format, which a maintainer edits
// without reading Go. Load reads such a table, Default returns the embedded
// one.
//
// # Resolving
//
// Registry.Body, System and Unit resolve one name; SplitMentions,
// SplitBodies, SplitSystems and SplitUnits resolve every name of a cell
// ("МФ РК, МИИЦР РК (ГБД ЕЛ с ЕГКН)"); Find finds table names in running text.
// Registry.Scope(owner) returns the same operations for the maps of one body:
// local abbreviations (КТ = Комитет телекоммуникаций in МИИЦР's map, but not
// elsewhere), self phrases (ЦГО) and homonyms fall back to the owner. Every
// result carries a Match: Known (a table record), Unknown, Ambiguous, Self or
// None.
//
// # Keys
//
// A table record's Key is the slug of its canonical name (lower case, runs of
// other characters replaced by "-"), or the "key:" the table sets, so
// re-imports find the same node. A name that is not in the table still gets a
// record, keyed by automatic normalization (below); every spelling with the
// same normalized form gets the same key.
//
// # Normalization
//
// For comparison only, a name is cut into words (letters and digits) and
// each word is folded (catalog/textnorm.Fold): lower case, ё → е, Latin letters that look like
// Cyrillic ones (a c e o p x y k m t b h i) to the Cyrillic letter, Kazakh
// letters (ә ө ү ұ қ ғ ң һ і) to the Russian letter usually written for them.
// Quotes « » " “ ” „ and punctuation are dropped; a hyphen or a dot inside a
// word breaks it in two ("e-license" ≠ "elicense": the table lists both). A
// comma, semicolon, colon, parenthesis, slash, tab or dash separates names: a
// spelling never runs across one it does not contain. "Республики
// Казахстан" is read as "РК", and a trailing "РК" and a leading legal form
// (РГУ, РГП на ПХВ, АО, НАО, ТОО, … from the table's "legal:" lines) are
// ignored.
//
// Generic system-type prefixes (the table's "prefix:" lines: ИС, АИС, ИИС,
// ИАС, ЕИС, ГБД, Портал, …) are stripped only when a name does not match as
// written, and only while the rest has at least three letters, so "ИС «Е-Архив»"
// finds "Е-Архив" and "ИС НОБД" finds "НОБД", but "ГБД ЕЛ" and "ГБД АР" stay
// whole and stay apart.
//
// The normalization is conservative by construction: Load refuses a table in
// which two records share a normalized spelling (including derived
// spellings and prefix-stripped ones), unless the table says how to tell them
// apart ("local:" abbreviations, "homonym:" systems with owners). Names not in
// the table merge only with names of the same normalized form.
//
// # Units and bodies
//
// Committees are bodies (kind committee, Parent the ministry). A map's
// "responsible unit" column lists committees and departments together
// ("Комитет информации, Департамент цифровой трансформации и проектного
// менеджмента"): SplitUnits returns both as Units, the committee with Body
// set; SplitMentions and Classify return a department (a table unit, or a name
// starting with Департамент, Управление, Отдел, Сектор) as MentionUnit, never
// as a body.
//
// # Ministries, committees, misspellings, generic abbreviations
//
// A body or unit the table does not know is scoped to a ministry. A
// committee belongs to the ministry its name qualifies it with ("…
// Министерства финансов" → МФ; an unknown ministry "… Министерства
// энергетики" becomes Body.ParentText, "Министерство энергетики", and the
// parent key), else to the ministry of the scope; its key is the ministry's
// key, "/" and its own words, so the same name in two ministries is two
// bodies and the bare and qualified names of one committee are one. A
// committee's bare alias in the table ("Комитет информации") is valid only
// in its ministry's maps; elsewhere it is the map's ministry's own committee.
// A unit the table does not know is keyed under its ministry the same way
// (two ministries' "ДЦТ" are two units).
//
// A "misspelling:" spelling resolves to its record and sets Misspelling. A
// "generic: yes" system (СУР) has no owner in the table: Generic tells the
// caller to take the owner from the document (package seeds/resolve).
//
// # Merges
//
// Groups and Merges list which input spellings collapse into which node;
// the test of this package writes the merges of the seed maps to
// seeds/golden/merges.txt for review.
package identity
