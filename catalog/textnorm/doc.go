// Package textnorm is Karta's one home for comparing text: folding letters
// (case, ё, look-alike Latin and Greek letters, Kazakh letters), cutting
// words, stemming Russian words and scoring how alike two names are.
//
// Every package that compares names uses it: the identity table
// (seeds/identity), the resolve stage (seeds/resolve), the loader's keys
// (seeds/load), the parser (seeds/kct: its vocabulary matching, sphere,
// group and entity references, look-alike repair), search (catalog/search),
// analytics and integrations.
//
// # Folding
//
// Fold folds for comparison only (never for display): FoldRune lowers a
// rune, writes ё as е, turns Latin letters that look like Cyrillic ones
// (a c e o p x y k m t b h i) into the Cyrillic letter and Kazakh letters
// (ә ө ү ұ қ ғ ң һ і) into the Russian letter usually written for them, so
// "eQonaq" and "еQonaq", "Қазақстан" and "Казахстан" compare equal. Lower
// only lowers and writes ё as е. FixLookalikes repairs text for display:
// stray Latin or Greek letters inside Cyrillic words become Cyrillic.
//
// # Words, stems, similarity
//
// Words cuts text into runs of letters and digits; Key joins them lowered
// with single spaces (the form node keys are hashed from). Prefix cuts a word
// to its first letters (a crude stem that meets «физической» and
// «физическая» at «физич»); Stem strips one Russian inflectional ending
// («спортсменах» → «спортсмен»). SameWord, Dice, Similarity, Cover and
// NameScore score names word by word.
package textnorm
