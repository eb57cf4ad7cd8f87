// Package tone reads the tone of diplomatic and foreign-affairs text:
// polarity (a score in [-1, 1] and a negative, neutral or positive label),
// diplomatic register ("cordial", "frank", "tense", ...; see [Register]),
// a cooperation-conflict value in [-10, 10] in the spirit of the Goldstein
// scale, the evidence behind each figure with byte offsets, per-sentence
// results, the tone toward an actor's mention ([Labeler.Toward], and
// [Labeler.Towards] for many mentions at once) and the tone toward each actor
// over a whole article, every mention and resolved pronoun gathered
// ([Labeler.Actors]).
//
// Polarity follows the rules of VADER (Hutto & Gilbert 2014): negation and
// its scope, intensifiers and downtoners, contrast ("but", "although"),
// capitals and exclamation marks; it adds hedging ("likely", "reportedly"),
// ironic "so-called", emoticons, and the fixed phrases of diplomatic
// prose ("full and frank exchange of views", "deep concern", "categorically
// rejects"), which also signal register and cooperation. The word valences
// come from the VADER lexicon (MIT licence, generated into lexicon_vader.go
// by go generate) plus the package's own diplomatic lexicon, with a scale
// and per-word and word-pair adjustments learned from human-rated sentences
// (tweets, movie and product reviews) and from political news sentences
// rated by the tone toward the people they name (NewsMTSC). A document's
// score sums up to three sentences and beyond that is a scaled mean, so
// long texts do not saturate and neutral reporting stays near zero.
//
// The tone toward a target is read by a logistic model, learned on
// NewsMTSC, over the clause and the contrasted segment that mention the
// target and its neighbourhood rather than the sentence as a whole.
// Registers are ranked by the strength of their cues, at most three, each
// with a confidence and its supporting sentences ([Result.Registers]).
//
// A nil *text.Document is the empty document: an empty, non-nil result and
// no error. Bad option values make [NewLabeler] return an error naming the
// option; bad spans give errors wrapping [ErrSpan], inconsistent hand-built
// documents errors wrapping [ErrDocument].
//
// A [Labeler] is immutable and safe for concurrent use; its embedded tables
// are decoded once per process. Every entry point accepts arbitrary bytes
// and runs in time linear in its input.
package tone
