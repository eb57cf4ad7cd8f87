// Package diplotext turns diplomatic and foreign-affairs text (news
// reports, readouts, communiqués, speeches) into features: who is involved,
// what it is about, who did what to whom and in what tone, and whether it
// repeats something already seen.
//
// [Analyze] runs every extractor over a document tokenised once:
//
//	rep, err := diplotext.Analyze(ctx, article)
//	for _, e := range rep.Entities { ... } // people with roles, countries (ISO 3166-1 alpha-3), organisations
//	for _, t := range rep.Topics { ... }   // diplomatic topics with scores and evidence
//	for _, ev := range rep.Events { ... }   // who did what to whom: CAMEO class, Goldstein value
//	for _, a := range rep.Actors { ... }    // one per real entity, with the tone toward it
//	fmt.Println(rep.Language, rep.Foreign, rep.Tone.Label, rep.Tone.Register, rep.Tone.Cooperation)
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
//     "constructive"), and the tone toward a target or an actor;
//   - event: who did what to whom, with a CAMEO class and Goldstein value
//     per event, and the document's cooperation versus conflict;
//   - lang: the language of a document, so that other languages are not
//     read by English models;
//   - dedupe: near-duplicate detection with MinHash and LSH (index stores in
//     memory, in a file or in Redis) and same-story grouping.
//
// All results carry byte offsets (Start, End) into the input text. Every
// entry point accepts arbitrary bytes and returns a result or an error; none
// panics.
package diplotext
