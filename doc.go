// Package diplotext turns diplomatic and foreign-affairs text (news
// reports, readouts, communiqués, speeches) into features: who is involved,
// what it is about, in what tone, and whether it repeats something already
// seen.
//
// [Analyze] runs every extractor over a document tokenised once:
//
//	rep, err := diplotext.Analyze(ctx, article)
//	for _, e := range rep.Entities { ... } // people with roles, countries (ISO 3166-1 alpha-3), organisations
//	for _, t := range rep.Topics { ... }   // diplomatic topics with scores and evidence
//	fmt.Println(rep.Tone.Label, rep.Tone.Register, rep.Tone.Cooperation)
//
// An [Analyzer] is built once and reused; it is safe for concurrent use.
// Each extractor is also a package of its own, usable and testable alone:
//
//   - text: the shared document model (tokens and sentences with byte
//     offsets), normalisation and stemming;
//   - entity: people with titles and roles, countries from names,
//     demonyms and capitals used as metonyms, cities, organisations, with
//     one canonical name per real entity;
//   - topic: a built-in diplomatic taxonomy mapped to Comparative Agendas
//     Project codes, and trainable classifiers;
//   - tone: polarity, the diplomatic register ("frank and candid",
//     "constructive"), cooperation versus conflict, and tone toward a target;
//   - dedupe: near-duplicate and same-story detection with MinHash, LSH and
//     SimHash, and index stores in memory, in a file or in Redis.
//
// All results carry byte offsets (Start, End) into the input text. Every
// entry point accepts arbitrary bytes and returns a result or an error; none
// panics.
package diplotext
