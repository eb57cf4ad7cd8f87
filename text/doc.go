// Package text is the shared text model of diplotext: a [Document] holds the
// original text with its tokens and sentences, each carrying byte offsets
// (Start, End) into that text, so that doc.Text[t.Start:t.End] is the token.
//
// The tokenizer is written for news English: abbreviations (U.S., Dr., Lt.
// Col.), hyphenated names (US-Russia), possessives (Russia's → Russia + 's),
// numbers and dates, URLs and e-mail addresses, curly quotes and dashes,
// Markdown emphasis, bullets and headings. The sentence splitter knows
// abbreviations, closing quotes and brackets, and treats a heading line
// without final punctuation as a sentence of its own.
//
// Every function accepts arbitrary bytes (invalid UTF-8, NUL bytes, very long
// runs without spaces): tokens always cover every non-space byte, never
// overlap and are in order, and work is linear in the input.
//
// The package is the one definition of a word for every extractor. [Parse]
// computes, once per document, the folded form of each token ([Fold]: case
// folded, curly quotes, apostrophes and dashes made ASCII), the 64-bit
// FNV-1a hash of that form ([Hash], [HashFolded], [HashAppend]) and its
// case shape ([Shape], [ShapeOf], [StartsUpper]); extractors read them
// with [Document.TokenFold], [Document.TokenHash] and
// [Document.TokenShape] instead of recomputing them. The laws
// Hash(s) == HashFolded(Fold(s)) and d.TokenHash(i) ==
// Hash(d.TokenText(i)) hold for all input (a fuzz test checks them).
// [IsStopWord] and [IsStopHash] test the one English stop list.
//
// The package also offers normalisation helpers ([NFC], [FoldPunct]) and a
// caching English stemmer ([Stemmer]) over github.com/kljensen/snowball.
//
// All functions are safe for concurrent use. A [Document] is not modified by
// any function of diplotext after [Parse] returns and may be shared between
// goroutines.
package text
