package dedupe

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/diplotext/diplotext/text"
)

// Entry is one indexed document as a [Store] keeps it.
type Entry struct {
	ID string
	// Cluster is the id of the first document of the entry's group at the
	// time it was added; [Store.Root] follows later merges.
	Cluster string
	// Size is the number of distinct shingles; Sig the MinHash signature.
	Size uint32
	Sig  []uint16
}

// Store keeps the entries of an [Index] and its LSH buckets. Ready-made
// stores are the in-memory store (the default), a file snapshot and Redis;
// see [OpenStore]. The Index uses every store the same way, through these
// methods only. A Store must be safe for concurrent use; the Index
// serialises its inserts.
type Store interface {
	// Insert adds e and, when index is true, puts it in the buckets of its
	// LSH bands. It returns an error wrapping [ErrDuplicateID] when e.ID is
	// already stored. An Insert that returns another error may or may not
	// have happened; repeating it with the same entry is safe.
	Insert(ctx context.Context, e *Entry, lsh LSH, index bool) error
	// Candidates calls fn once for each stored entry that shares a bucket
	// with sig, most recent first, until fn returns false. The entry passed
	// to fn is only valid during the call.
	Candidates(ctx context.Context, sig []uint16, lsh LSH, fn func(e *Entry) bool) error
	// Lookup returns the entry with the given id, or nil.
	Lookup(ctx context.Context, id string) (*Entry, error)
	// Remove deletes the entry with the given id; removing an absent id is
	// not an error.
	Remove(ctx context.Context, id string) error
	// Union records that the groups whose first documents are a and b are
	// one group, and returns the first document of the merged group (the
	// one added earlier, as judged by the store).
	Union(ctx context.Context, a, b string) (string, error)
	// Root returns the first document of the group that cluster now
	// belongs to.
	Root(ctx context.Context, cluster string) (string, error)
	// Len returns the number of stored entries.
	Len(ctx context.Context) (int, error)
	// Close saves what needs saving and releases resources.
	Close() error
}

// ErrDuplicateID is returned (wrapped) when a document id is added twice.
var ErrDuplicateID = errors.New("duplicate document id")

// ErrClosed is returned (wrapped) by an Index or Store used after Close.
var ErrClosed = errors.New("closed")

// OpenStore opens the store named by url:
//
//   - "" or "memory:": a new in-memory store;
//   - "file:PATH": an in-memory store loaded from the near-duplicate
//     snapshot at PATH if it exists, saved back to PATH (written to a
//     temporary file, synced, then renamed) by Close. A file that cannot
//     be saved (its folder is not writable) is an error now, not at the
//     end. The snapshot is versioned and checksummed and records the
//     settings of the Index that made it, which [NewIndex] checks; a
//     corrupt, truncated or future-version file is an error naming it, and
//     so is a story snapshot (see [Stories.WriteTo]);
//   - "redis://host:port/db" (also "rediss://"): a Redis database shared by
//     any number of processes; keys are prefixed "dedupe:". The first
//     Index to use it writes a marker with its settings; an index whose
//     marker is gone (a restarted, empty Redis) is an error, never used as
//     if it were the index. Errors reach the caller, but the go-redis
//     client also reports some (a failed dial, a failed close) through its
//     own package-wide logger, to stderr by default; dedupe leaves that
//     logger alone, since it is the program's to set (redis.SetLogger in
//     github.com/redis/go-redis/v9).
func OpenStore(ctx context.Context, url string) (Store, error) {
	switch {
	case url == "" || url == "memory:":
		return newMemStore(), nil
	case strings.HasPrefix(url, "file:"):
		path := strings.TrimPrefix(url, "file:")
		if path == "" {
			return nil, fmt.Errorf("dedupe: open store %q: empty path", url)
		}
		return openFileStore(path)
	case strings.HasPrefix(url, "redis://") || strings.HasPrefix(url, "rediss://"):
		return openRedisStore(ctx, url)
	}
	return nil, fmt.Errorf("dedupe: open store %q: unknown scheme (want memory:, file:PATH or redis://host:port/db)", url)
}

// Grouper is what [Index] and [Stories] have in common: a document added
// under an id gets its group. The root package's WithDedupe takes either.
type Grouper interface {
	AddDocument(ctx context.Context, id string, d *text.Document) (Result, error)
	Close() error
}

var (
	_ Grouper = (*Index)(nil)
	_ Grouper = (*Stories)(nil)
)
