// Package dedupe detects near-duplicate and same-story documents in a
// stream, at firehose scale.
//
// Near mode (the default) finds copies and light edits of one text:
// syndicated versions with their own headers and footers, truncated copies,
// copies with dropped sentences, edited words or OCR noise. Documents are
// cut into shingles (word 3-grams by default, found, case-folded and hashed
// in one pass over the bytes; see [Shingler]), sketched with MinHash
// (one-permutation hashing that fills the empty bins of short documents in
// further rounds, or classic; 128 16-bit values), and put into LSH buckets
// whose banding is chosen from the threshold by [OptimalLSH]. Candidates
// from the buckets are verified by estimated Jaccard similarity or
// containment (so a truncated copy is found while shared boilerplate alone
// is not), and matching documents are joined into groups with union-find.
// [SimHash] and [SimIndex] offer 64-bit SimHash fingerprints with
// Hamming-distance search over permuted tables.
//
// Story mode groups different texts about the same event (for example
// headlines of several outlets): TF-IDF weighted stemmed terms, with
// capitalised names weighted up, compared with the centroids of the stories
// that share a term with them (an inverted index, capped per term, keeps it
// sub-quadratic), within a time window.
//
// An [Index] is streaming: each added document gets its group at once.
// Sketching, the costly part, runs in parallel in concurrent Adds and in
// [Index.AddBatch]; only matching and insertion are serialised. The
// in-memory store keeps about 450 bytes per document.
// Hashing is fixed-seed and platform-independent, so sketches and stores
// are comparable across processes and machines. Stores: in memory (the
// default), a file snapshot (versioned and checksummed, written then
// renamed) and Redis, which lets several processes share one index; see
// [OpenStore]. Story mode keeps its index in memory, and a file snapshot
// saves and reloads all of it, so that a later run continues the same
// stories; see [NewIndex].
//
// Every entry point accepts arbitrary bytes; work is linear in the input.
// An Index and every Store are safe for concurrent use.
package dedupe
