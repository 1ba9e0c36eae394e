// Package resolve is the stage between parsing and loading where every
// name of a map is matched: Resolve takes a parsed document (seeds/kct) and
// the identity registry (seeds/identity) and returns a Document in which
// every match is explicit, so that a golden file shows it and the loader
// (seeds/load) only writes.
//
// # What it matches
//
//   - The map's owner: the ministry (or akimat) whose map it is, also when one
//     of its committees developed it (the committee stays a development body
//     and becomes the ministry's child). For a ministry the alias table does
//     not know, the owner comes from the committee's qualifier ("Комитет …
//     Министерства энергетики" → Министерство энергетики).
//   - Bodies, systems and units of every cell, with their keys and Match
//     kinds: passport bodies, responsible units, "Статус автоматизации",
//     planned services, the integration plan, icebreakers and needs. Systems
//     are resolved with the bodies written in the same cell or column
//     ("МФ РК, МТСЗН РК (ГБД ЕЛ с ЕСУТД)" → МТСЗН's ЕСУТД); a parenthesised
//     list after a known system is its data, not its name ("БДИК (ИИН,
//     номер, IMEI)"); a misspelling the alias table lists resolves with the
//     variant recorded (Ref.Via); a generic abbreviation (СУР) is owned by
//     the body named with it.
//   - Abbreviations the document teaches: "Комитет … (КАЭНК)" in the
//     passport, and the initials of a ministry the table does not know
//     (Министерство по чрезвычайным ситуациям → МЧС), used only for names the
//     table does not know.
//   - Names within the document: process groups' entities (by the entity
//     rows' codes and by name, sphere first), roadmap rows' groups (by the
//     code the parser resolved), needs' groups (same title, else a title
//     prefix), KPI groups and summary rows to spheres (the share of the
//     sphere's five-letter word stems the text has, at least 0.6).
//   - Systems named in running text (sphere overviews and problems, the
//     introduction, icebreaker descriptions): Mentions, with sphere and line;
//     the loader links them to the sphere or map (Sphere.mentioned_systems,
//     TransformationMap.mentioned_systems), so a system named only in prose
//     is a node of the catalog. The line is the sphere's (or the passport's):
//     the parser keeps no line per paragraph.
//
// # Output
//
// Document keeps the parsed document (Doc) and, index for index, the
// matches of its elements; Bodies, Systems and Units are the shared nodes
// it names, each once with everything the loader writes (parents and
// owners included), in the order first met — the order the loader writes
// them, so that the first spelling of a new node names it in both. New lists
// the nodes the alias table does not know, for a curator.
//
// seeds/golden/<map>.resolved.json is the resolved document of each seed
// map; TestGolden diffs it (go test ./seeds/resolve -update rewrites it;
// review the diff).
package resolve
