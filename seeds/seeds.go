// Package seeds embeds the seed data of Karta: the curated identity table
// (aliases.txt), the format vocabulary (vocabulary.txt) and the digital
// transformation maps (maps/*.txt). Code that reads seed files goes through
// this package, because go:embed cannot reach parent directories.
package seeds

import "embed"

// AliasesFile is the path of the identity table, relative to the module root,
// as used in error messages.
const AliasesFile = "seeds/aliases.txt"

// Aliases is the content of seeds/aliases.txt, the curated table of bodies,
// information systems and structural units (see package seeds/identity).
//
//go:embed aliases.txt
var Aliases []byte

// Maps holds the seed maps as maps/NNN_hash.txt.
//
//go:embed maps/*.txt
var Maps embed.FS

// VocabularyFile is the path of the format vocabulary, relative to the
// module root, as used in error messages.
const VocabularyFile = "seeds/vocabulary.txt"

// Vocabulary is the content of seeds/vocabulary.txt: the wordings of section
// titles, sphere headings, table columns and row labels the map parser
// recognises (see package seeds/kct).
//
//go:embed vocabulary.txt
var Vocabulary []byte
