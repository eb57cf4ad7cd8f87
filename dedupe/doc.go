// Package dedupe detects near-duplicate and same-story documents in a
// stream, at firehose scale. It has two types, one per question.
//
// [Index] finds near-duplicates: copies and light edits of one text
// (syndicated versions with their own headers and footers, truncated
// copies, copies with dropped sentences, edited words or OCR noise).
// Documents are cut into shingles (word 3-grams by default, found,
// case-folded and hashed in one pass over the bytes; see [Shingler]),
// sketched with MinHash (one-permutation hashing that fills the empty bins
// of short documents in further rounds, or classic; 128 16-bit values), and
// put into LSH buckets whose banding is chosen from the threshold by
// [OptimalLSH]. Candidates from the buckets are verified by estimated
// Jaccard similarity or containment (so a truncated copy is found while
// shared boilerplate alone is not), and matching documents are joined into
// groups with union-find. An Index keeps its entries in a [Store], used the
// same way whichever it is: in memory (the default), a file snapshot
// (versioned, checksummed, recording the settings, written then renamed)
// or Redis, which lets several processes share one index; see [OpenStore].
//
// [Stories] groups different texts about the same event (for example
// headlines of several outlets): TF-IDF weighted stemmed terms, with
// capitalised names weighted up and document frequencies from a built-in
// background table learnt from news plus the stream's own, compared with
// the centroids of the stories that share a term with them (an inverted
// index, capped per term, keeps it sub-quadratic), within a time window.
// It keeps its index in memory and owns its byte format:
// [Stories.WriteTo] and [Stories.ReadFrom] save and restore all of it, so
// that a later run continues the same stories.
//
// Both are streaming: each added document gets its group at once. Both
// follow one contract: Add(ctx, id, string) for raw text and
// AddDocument(ctx, id, *text.Document) for a parsed document (nil is the
// empty document), Query and QueryDocument likewise; an id added again
// with the same content returns its group (a retry), with other content
// [ErrDuplicateID]; after Close every call is [ErrClosed]. [Grouper] is
// what they share.
//
// For an Index, sketching, the costly part, runs in parallel in concurrent
// Adds and in [Index.AddBatch]; only matching and insertion are serialised.
// The in-memory store keeps about 450 bytes per document. Hashing is
// fixed-seed and platform-independent, so sketches and stores are
// comparable across processes and machines.
//
// Every entry point accepts arbitrary bytes and never panics (a panicking
// custom shingler is an error); work is linear in the input. Both types
// and every Store are safe for concurrent use.
package dedupe
