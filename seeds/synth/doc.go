// Package synth makes a large catalog out of the seed maps, for benchmarks:
// Documents(40) returns the three seed maps followed by renamed copies of
// them, so that the benchmark and `make bench` can run at 3 and at 40 maps.
//
// A copy is the parsed seed document with every name that makes an identity
// renamed consistently for that copy: the owner and every state body
// (resolved through the alias table to its canonical name first, so that
// «МИИЦР» and its full name stay one body within a copy), every information
// system (likewise), every structural unit, and every sphere together with
// the summary-roadmap rows and KPI groups that name it. The new names carry
// the copy's number ("…-07"), which no alias matches, so the importer gives
// each copy its own ministry, bodies, systems and units instead of merging
// them into the originals: the catalog grows like one with 40 ministries, not
// like three maps imported repeatedly. Everything else (entities, process
// groups, roadmaps, integrations, KPIs) keeps the wording of the seed.
package synth
