// Package event reads who did what to whom in news and diplomatic text: for
// each sentence, the act it reports ([Event]) with its trigger words, its
// source and target actors, its CAMEO root class (01-20), the Goldstein
// (1992) conflict-cooperation value of that root (-10..+10, from the
// embedded CAMEO table, see [Goldstein]) and its quad class ([Class]:
// statement, verbal or material cooperation, verbal or material conflict),
// with a confidence score in [0, 1].
//
// Three learned parts, trained together by [Train] and embedded as a
// [Model] trained on coded news sentences (see [ModelVersion]):
//
//   - a five-class logistic classifier of the sentence's act over words,
//     word pairs, skip pairs ("threatened ... attack"), words in the scope of
//     a negation ("did not agree"), and the CAMEO codebook roots whose
//     descriptions use the sentence's words (codebook words are features,
//     not rules); names share one feature and long sentences are scaled
//     down so that they do not drift to the default class;
//   - a trigger model choosing the word that carries the act;
//   - an actor tagger (averaged structured perceptron, BIO tags for source,
//     target and reciprocal actors) over words, shapes and their position
//     relative to the trigger.
//
// The CAMEO root is the codebook root of the predicted class whose
// descriptions best match the words that carry the class's evidence, or the
// class's most general root.
//
// The caller may pass the document's entity mentions as candidate actors
// ([Actor], with their country): source and target are then chosen among
// them, guided by the tagger, and carry the country; this is how the root
// package joins entities to events (package event never imports entity).
// [Summarize] gives a document's dyads (source country, target country,
// number of events, mean Goldstein) and [Cooperation] its
// confidence-weighted cooperation aggregate.
//
// An [Extractor] and a [Model] are immutable and safe for concurrent use;
// the embedded model is decoded on first use, once per process. Every entry
// point accepts arbitrary bytes, runs in time linear in its input and
// returns offsets with 0 <= Start < End <= len(input).
package event
