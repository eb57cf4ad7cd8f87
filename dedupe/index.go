package dedupe

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/diplotext/diplotext/text"
)

// Similar is one earlier document that a new document matched.
type Similar struct {
	ID    string  `json:"id"`
	Score float64 `json:"score"`
	// Method names the test that matched: "jaccard" (estimated Jaccard
	// similarity of the shingle sets at or above the threshold),
	// "containment" (most of the smaller document is in the larger one) or
	// "story" (same-story similarity of weighted terms).
	Method string `json:"method,omitempty"`
}

// Result is the group of a newly added document.
type Result struct {
	ID string `json:"id"`
	// Cluster is the id of the first document of the group (the document
	// itself when it matched nothing).
	Cluster string `json:"cluster"`
	// Similar lists the matched documents, best first.
	Similar []Similar `json:"similar,omitempty"`
}

// Mode selects what counts as the same document.
type Mode int

const (
	// Near groups copies and light edits of one text: syndicated,
	// truncated, re-headed, lightly edited or OCR-noised versions.
	Near Mode = iota
	// Story groups different texts that report the same event, such as
	// two outlets' headlines about one ministers' meeting.
	Story
)

var modeNames = [...]string{"near", "story"}

// String returns "near" or "story".
func (m Mode) String() string {
	if m >= 0 && int(m) < len(modeNames) {
		return modeNames[m]
	}
	return fmt.Sprintf("Mode(%d)", int(m))
}

// MarshalText implements encoding.TextMarshaler.
func (m Mode) MarshalText() ([]byte, error) {
	if m < 0 || int(m) >= len(modeNames) {
		return nil, fmt.Errorf("dedupe: invalid mode %d", int(m))
	}
	return []byte(m.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler; it accepts "near" and
// "story".
func (m *Mode) UnmarshalText(b []byte) error {
	for i, n := range modeNames {
		if string(b) == n {
			*m = Mode(i)
			return nil
		}
	}
	return fmt.Errorf("dedupe: unknown mode %q (want near or story)", b)
}

// Defaults of near-duplicate detection, tuned on the dev part of the
// generated copies (see docs/dedupe.md).
const (
	DefaultThreshold   = 0.32 // estimated Jaccard similarity of word 3-gram sets
	DefaultContainment = 0.65 // share of the smaller document in the larger
	DefaultMinJaccard  = 0.20 // Jaccard floor for a containment match
	DefaultHashes      = 128
	DefaultShingleSize = 3
	DefaultMaxBands    = 32
	// DefaultConfidenceJ and DefaultConfidenceC are the standard errors
	// by which a Jaccard and a containment estimate must clear their
	// thresholds (see [WithConfidence]).
	DefaultConfidenceJ = 0.5
	DefaultConfidenceC = 2.5
)

type config struct {
	mode        Mode
	threshold   float64
	containment float64
	minJaccard  float64
	shingler    Shingler
	hashes      int
	hasher      Hasher
	lsh         LSH
	maxBands    int
	store       Store
	maxBytes    int
	window      time.Duration
	storyThresh float64
	zJ, zC      float64 // standard errors a match must clear
}

// Option configures an [Index].
type Option func(*config)

// WithMode selects near-duplicate (default) or same-story grouping.
func WithMode(m Mode) Option { return func(c *config) { c.mode = m } }

// WithThreshold sets the similarity at or above which two documents are
// the same: in Near mode the estimated Jaccard similarity of their shingle
// sets (default 0.32); in Story mode the term-vector similarity (default
// [DefaultStoryThreshold]).
func WithThreshold(j float64) Option {
	return func(c *config) { c.threshold, c.storyThresh = j, j }
}

// WithContainment sets the share of the smaller document that must be found
// in the larger one for a containment match (default 0.65; 0 or above 1
// turns containment matches off), and the Jaccard floor such a match
// needs (default 0.20), which keeps shared boilerplate alone from matching.
func WithContainment(c, minJaccard float64) Option {
	return func(cf *config) { cf.containment, cf.minJaccard = c, minJaccard }
}

// WithConfidence sets by how many standard errors of its estimate (from
// the k sketch values) a match must clear its threshold: zJaccard for the
// Jaccard rule, zContainment for the containment rule, whose estimate is
// far noisier when the smaller document is short (defaults 0.5 and 2.5,
// tuned on dev sets; 0 and 0 compare the bare estimates). Without it, short
// documents that are mostly shared boilerplate match by chance and link
// unrelated groups.
func WithConfidence(zJaccard, zContainment float64) Option {
	return func(c *config) { c.zJ, c.zC = max(zJaccard, 0), max(zContainment, 0) }
}

// WithShingler sets how documents are cut into shingles (default, and
// nil: word 3-grams as WordShingles(3) makes them, computed straight from
// the bytes of the text). With a custom Shingler, [Index.AddText]
// tokenises the text first. All processes sharing a store must use the
// same one.
func WithShingler(s Shingler) Option { return func(c *config) { c.shingler = s } }

// WithHashes sets the signature length, rounded up to a power of two
// between 16 and 1024 (default 128).
func WithHashes(k int) Option { return func(c *config) { c.hashes = k } }

// WithHasher selects one-permutation hashing (default) or classic MinHash.
func WithHasher(h Hasher) Option { return func(c *config) { c.hasher = h } }

// WithLSH fixes the banding instead of deriving it from the threshold
// with [OptimalLSH].
func WithLSH(l LSH) Option { return func(c *config) { c.lsh = l } }

// WithStore sets the store (default: a new in-memory store). The Index
// takes ownership: Close closes the store. Near mode uses any store; Story
// mode uses the memory store or a file:PATH store from [OpenStore], whose
// story snapshot it continues (see [NewIndex]) and saves on [Index.Close].
func WithStore(s Store) Option { return func(c *config) { c.store = s } }

// WithMaxBytes bounds the bytes of a document that are read (default
// 10 MiB); longer documents are cut at that length.
func WithMaxBytes(n int) Option { return func(c *config) { c.maxBytes = n } }

// Index groups documents as they arrive. Each added document is compared
// with the documents added before it and gets its group at once.
//
// An Index is safe for concurrent use: sketches are computed in parallel
// by the calling goroutines, and only matching and insertion are
// serialised, so that each document sees all earlier ones. With concurrent
// Adds, "earlier" is the order in which they reach that serialised step;
// [Index.AddBatch] computes sketches in parallel and still decides groups
// in slice order.
type Index struct {
	cfg    config
	lsh    LSH
	store  Store
	mu     sync.Mutex
	closed bool
	story  *storyIndex
	mem    *memStore // the store, when it is in memory (or a file snapshot)
	pool   sync.Pool // *scratch
}

type scratch struct {
	hs   []uint64
	mins []uint64
	set  []uint32
	toks []text.Token
	sig  []uint16
}

// NewIndex returns an empty Index (or one over the entries of the given
// store). Defaults: Near mode, Jaccard threshold 0.32, containment 0.65
// with Jaccard floor 0.20 (each estimate clearing its threshold by 0.5 and
// 2.5 standard errors), word 3-gram shingles, 128 one-permutation
// hashes in 16-bit values, LSH banding from [OptimalLSH] for the lower of
// the threshold and the containment match's Jaccard floor (at least 0.2),
// weighing misses 0.7 and false candidates 0.3, with at most 32 bands (32
// bands of 2 rows by default), and an in-memory store.
//
// In Story mode with a file:PATH store, the story index saved at PATH (if
// the file exists) is loaded: vocabulary and document frequencies, the
// number of documents seen, document → story map, stories with their
// first documents and centroids (term weights, norm, first and last
// times) and the inverted index, all exact, so that documents added after
// the reload get the groups one process that saw every document would have
// given them. The snapshot records the story threshold and time window it
// was made with; opening it with others is an error (the caller's settings
// do not silently win or lose). A near-mode snapshot opened in Story mode,
// or a story snapshot in Near mode, is an error naming the file, as is a
// Redis store in Story mode.
func NewIndex(opts ...Option) (*Index, error) {
	c := config{
		threshold:   DefaultThreshold,
		containment: DefaultContainment,
		minJaccard:  DefaultMinJaccard,
		hashes:      DefaultHashes,
		maxBands:    DefaultMaxBands,
		maxBytes:    10 << 20,
		window:      DefaultStoryWindow,
		storyThresh: DefaultStoryThreshold,
		zJ:          DefaultConfidenceJ,
		zC:          DefaultConfidenceC,
	}
	for _, o := range opts {
		o(&c)
	}
	if !(c.threshold > 0 && c.threshold <= 1) {
		return nil, fmt.Errorf("dedupe: threshold %v out of (0, 1]", c.threshold)
	}
	if c.mode != Near && c.mode != Story {
		return nil, fmt.Errorf("dedupe: invalid mode %d", int(c.mode))
	}
	k := 16
	for k < c.hashes && k < 1024 {
		k *= 2
	}
	c.hashes = k
	if c.maxBytes <= 0 {
		c.maxBytes = 10 << 20
	}
	ix := &Index{cfg: c, store: c.store}
	if c.mode == Story {
		switch st := ix.store.(type) {
		case nil, *memStore:
			ix.story = newStoryIndex(c)
		case *fileStore:
			s, err := st.attachStory(c, &ix.mu)
			if err != nil {
				return nil, err
			}
			ix.story = s
		case *redisStore:
			return nil, errors.New("dedupe: story mode cannot use a Redis store (its index lives in one process's memory); use file:PATH to keep stories between runs")
		default:
			return nil, fmt.Errorf("dedupe: story mode keeps its index in memory: use the memory store or a file:PATH store, not %T", st)
		}
		return ix, nil
	}
	if ix.store == nil {
		ix.store = newMemStore()
	}
	switch st := ix.store.(type) {
	case *memStore:
		ix.mem = st
	case *fileStore:
		if err := st.attachNear(); err != nil {
			return nil, err
		}
		ix.mem = st.memStore
	}
	ix.lsh = c.lsh
	if ix.lsh.Bands <= 0 || ix.lsh.Rows <= 0 || ix.lsh.Bands*ix.lsh.Rows > k {
		target := c.threshold
		if c.containment > 0 && c.containment <= 1 {
			target = min(target, max(c.minJaccard, 0.2))
		}
		ix.lsh = OptimalLSH(target, k, c.maxBands, 0.3, 0.7)
	}
	return ix, nil
}

// LSH returns the banding the index uses.
func (ix *Index) LSH() LSH { return ix.lsh }

// Sketch returns the MinHash sketch of d as the index computes it.
func (ix *Index) Sketch(d *text.Document) Sketch {
	s := ix.getScratch()
	defer ix.pool.Put(s)
	sk := Sketch{Sig: make([]uint16, ix.cfg.hashes)}
	sk.Size = ix.sketchInto(d, s, sk.Sig)
	return sk
}

func (ix *Index) getScratch() *scratch {
	if s, ok := ix.pool.Get().(*scratch); ok {
		return s
	}
	return &scratch{mins: make([]uint64, ix.cfg.hashes)}
}

func (ix *Index) sketchInto(d *text.Document, s *scratch, sig []uint16) uint32 {
	if ix.cfg.shingler == nil {
		t := d.Text
		if len(t) > ix.cfg.maxBytes {
			t = t[:ix.cfg.maxBytes] // as AddText does
		}
		return ix.sketchText(t, s, sig)
	}
	s.hs = ix.cfg.shingler(d, s.hs[:0])
	return ix.sketchHashes(s, sig)
}

// sketchString sketches raw text as AddText does.
func (ix *Index) sketchString(s string, sc *scratch, sig []uint16) uint32 {
	if ix.cfg.shingler == nil {
		return ix.sketchText(s, sc, sig)
	}
	sc.toks = text.Tokenize(s, sc.toks[:0])
	n := ix.sketchInto(&text.Document{Text: s, Tokens: sc.toks}, sc, sig)
	if cap(sc.toks) > 1<<20 {
		sc.toks = nil
	}
	return n
}

// sketchText sketches raw text with the default shingles, without
// tokenising.
func (ix *Index) sketchText(t string, s *scratch, sig []uint16) uint32 {
	if DefaultShingleSize == 3 {
		s.hs = wordShingle3(t, s.hs[:0])
	} else {
		s.hs = wordShingleText(t, DefaultShingleSize, s.hs[:0])
	}
	return ix.sketchHashes(s, sig)
}

func (ix *Index) sketchHashes(s *scratch, sig []uint16) uint32 {
	n := sketchInto(ix.cfg.hasher, s.hs, sig, s.mins, &s.set)
	if cap(s.hs) > 1<<20 {
		s.hs, s.set = nil, nil // do not keep huge buffers in the pool
	}
	return n
}

// AddText adds the raw text s as [Index.Add] does. In Near mode with the
// default shingles it does not tokenise: words are found, folded and hashed
// in one pass over the bytes, and the result is the same as adding
// text.Parse(s). Text beyond the index's byte limit is ignored.
func (ix *Index) AddText(ctx context.Context, id, s string) (Result, error) {
	return ix.AddTextAt(ctx, id, s, time.Time{})
}

// AddTextAt is AddText with a publication time, used by Story mode to
// compare only documents published within the time window of each other
// (the zero time matches any time).
func (ix *Index) AddTextAt(ctx context.Context, id, s string, t time.Time) (Result, error) {
	if len(s) > ix.cfg.maxBytes {
		s = s[:ix.cfg.maxBytes]
	}
	sc := ix.getScratch()
	if ix.story == nil && ix.cfg.shingler == nil {
		// the default shingles need no tokens: sketch the bytes
		defer ix.pool.Put(sc)
		if err := ctx.Err(); err != nil {
			return Result{}, fmt.Errorf("dedupe: add %q: %w", id, err)
		}
		if len(sc.sig) != ix.cfg.hashes {
			sc.sig = make([]uint16, ix.cfg.hashes)
		}
		size := ix.sketchText(s, sc, sc.sig)
		return ix.insert(ctx, id, size, sc.sig)
	}
	var d *text.Document
	if ix.cfg.mode == Story {
		d = text.Parse(s) // story mode uses sentences (headings)
	} else {
		sc.toks = text.Tokenize(s, sc.toks[:0])
		d = &text.Document{Text: s, Tokens: sc.toks}
	}
	r, err := ix.add(ctx, id, d, t, sc)
	if cap(sc.toks) > 1<<20 {
		sc.toks = nil
	}
	ix.pool.Put(sc)
	return r, err
}

// Add adds d under id and returns its group: the earlier documents it
// matches and the id of the first document of the group. An id that is
// already in the index with different content is an error wrapping
// [ErrDuplicateID] and nothing is added; adding the same id with the same
// content again (a retry) returns its group without adding anything. A document without words matches nothing.
func (ix *Index) Add(ctx context.Context, id string, d *text.Document) (Result, error) {
	return ix.AddAt(ctx, id, d, time.Time{})
}

// AddAt is Add with a publication time (see [Index.AddTextAt]).
func (ix *Index) AddAt(ctx context.Context, id string, d *text.Document, t time.Time) (Result, error) {
	sc := ix.getScratch()
	defer ix.pool.Put(sc)
	return ix.add(ctx, id, d, t, sc)
}

func (ix *Index) add(ctx context.Context, id string, d *text.Document, t time.Time, sc *scratch) (Result, error) {
	if err := ctx.Err(); err != nil {
		return Result{}, fmt.Errorf("dedupe: add %q: %w", id, err)
	}
	if d == nil {
		d = &text.Document{}
	}
	if ix.story != nil {
		ix.mu.Lock()
		defer ix.mu.Unlock()
		if ix.closed {
			return Result{}, fmt.Errorf("dedupe: add %q: %w", id, ErrClosed)
		}
		return ix.story.add(id, d, t)
	}
	if len(sc.sig) != ix.cfg.hashes {
		sc.sig = make([]uint16, ix.cfg.hashes)
	}
	// the stores copy the signature, so it can live in the scratch
	size := ix.sketchInto(d, sc, sc.sig)
	return ix.insert(ctx, id, size, sc.sig)
}

// insert matches and stores a sketched entry: the serialised part of an
// add, which decides the entry's group.
func (ix *Index) insert(ctx context.Context, id string, size uint32, sig []uint16) (Result, error) {
	if len(id) > maxIDLen {
		return Result{}, fmt.Errorf("dedupe: add id of %d bytes: longer than %d", len(id), maxIDLen)
	}
	if m := ix.mem; m != nil {
		// one lock of the memory store: the sketch above ran in parallel
		// with other Adds; lookup, matching and insertion are serialised
		r, err := m.add(ix, id, size, sig)
		if err != nil {
			return Result{}, fmt.Errorf("dedupe: add %q: %w", id, err)
		}
		return r, nil
	}
	return ix.insertStore(ctx, &Entry{ID: id, Cluster: id, Size: size, Sig: sig})
}

// insertStore is insert for any Store.
func (ix *Index) insertStore(ctx context.Context, e *Entry) (Result, error) {
	id := e.ID

	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return Result{}, fmt.Errorf("dedupe: add %q: %w", id, ErrClosed)
	}
	if old, err := ix.store.Lookup(ctx, id); err != nil {
		return Result{}, fmt.Errorf("dedupe: add %q: %w", id, err)
	} else if old != nil {
		if old.Size == e.Size && slices.Equal(old.Sig, e.Sig) {
			// the same document again, e.g. a retried Add whose reply was
			// lost: idempotent
			root, err := ix.store.Root(ctx, old.Cluster)
			if err != nil {
				return Result{}, fmt.Errorf("dedupe: add %q: %w", id, err)
			}
			return Result{ID: id, Cluster: root}, nil
		}
		return Result{}, fmt.Errorf("dedupe: add %q: %w", id, ErrDuplicateID)
	}
	res := Result{ID: id, Cluster: id}
	sims, clusters, exact, err := ix.match(ctx, e)
	if err != nil {
		return Result{}, fmt.Errorf("dedupe: add %q: %w", id, err)
	}
	res.Similar = sims
	if len(clusters) > 0 {
		root, err := ix.store.Root(ctx, clusters[0])
		if err != nil {
			return Result{}, fmt.Errorf("dedupe: add %q: %w", id, err)
		}
		for _, c := range clusters[1:] {
			if root, err = ix.store.Union(ctx, root, c); err != nil {
				return Result{}, fmt.Errorf("dedupe: add %q: %w", id, err)
			}
		}
		res.Cluster = root
		e.Cluster = root
	}
	// A document identical to an indexed one adds nothing to the buckets:
	// anything that matches it matches its twin.
	if err := ix.store.Insert(ctx, e, ix.lsh, e.Size > 0 && !exact); err != nil {
		return Result{}, fmt.Errorf("dedupe: add %q: %w", id, err)
	}
	return res, nil
}

// maxSimilar bounds the matches reported per document.
const maxSimilar = 10

// match finds the verified matches of e: the similar documents (best
// first), the distinct groups they belong to, and whether one of them has
// an identical signature.
func (ix *Index) match(ctx context.Context, e *Entry) (sims []Similar, clusters []string, exact bool, err error) {
	if e.Size == 0 {
		return nil, nil, false, nil
	}
	me := Sketch{Sig: e.Sig, Size: e.Size}
	err = ix.store.Candidates(ctx, e.Sig, ix.lsh, func(c *Entry) bool {
		j := Jaccard(me, Sketch{Sig: c.Sig, Size: c.Size})
		s, ok := ix.verify(j, e.Size, c.Size)
		if !ok {
			return true
		}
		if j == 1 && c.Size == e.Size {
			exact = true
		}
		sims = append(sims, Similar{ID: c.ID, Score: s.Score, Method: s.Method})
		if !slices.Contains(clusters, c.Cluster) {
			clusters = append(clusters, c.Cluster)
		}
		return true
	})
	if err != nil {
		return nil, nil, false, err
	}
	sortSimilar(&sims)
	return sims, clusters, exact, nil
}

// verify applies the match rule to an estimated Jaccard similarity j of
// sets of sizes a and b.
func (ix *Index) verify(j float64, a, b uint32) (Similar, bool) {
	round := func(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }
	// the standard error of the estimate from k sketch values
	se := math.Sqrt(max(j*(1-j), 1.0/float64(ix.cfg.hashes)) / float64(ix.cfg.hashes))
	if j-ix.cfg.zJ*se >= ix.cfg.threshold {
		return Similar{Score: round(j), Method: "jaccard"}, true
	}
	if ix.cfg.containment > 0 && ix.cfg.containment <= 1 && j >= ix.cfg.minJaccard {
		c := Containment(j, a, b)
		// dC/dJ: the error of the Jaccard estimate grows by the ratio
		// of the union to the smaller set
		seC := se * float64(a+b) / (float64(min(a, b)) * (1 + j) * (1 + j))
		if c-ix.cfg.zC*seC >= ix.cfg.containment {
			return Similar{Score: round(c), Method: "containment"}, true
		}
	}
	return Similar{}, false
}

// Query returns the indexed documents that d matches, best first, without
// adding it.
func (ix *Index) Query(ctx context.Context, d *text.Document) ([]Similar, error) {
	if ix.story != nil {
		ix.mu.Lock()
		defer ix.mu.Unlock()
		return ix.story.query(d, time.Time{}), nil
	}
	sc := ix.getScratch()
	defer ix.pool.Put(sc)
	e := &Entry{Sig: make([]uint16, ix.cfg.hashes)}
	e.Size = ix.sketchInto(d, sc, e.Sig)
	sims, _, _, err := ix.match(ctx, e)
	if err != nil {
		return nil, fmt.Errorf("dedupe: query: %w", err)
	}
	return sims, nil
}

// Remove deletes the document with the given id from the index; later
// documents no longer match it. Removing an absent id is not an error.
func (ix *Index) Remove(ctx context.Context, id string) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.story != nil {
		ix.story.remove(id)
		return nil
	}
	if err := ix.store.Remove(ctx, id); err != nil {
		return fmt.Errorf("dedupe: remove %q: %w", id, err)
	}
	return nil
}

// Cluster returns the current group (id of its first document) of an
// indexed document; groups may merge after a document was added.
func (ix *Index) Cluster(ctx context.Context, id string) (string, error) {
	if ix.story != nil {
		ix.mu.Lock()
		defer ix.mu.Unlock()
		return ix.story.root(id), nil
	}
	e, err := ix.store.Lookup(ctx, id)
	if err != nil {
		return "", fmt.Errorf("dedupe: cluster of %q: %w", id, err)
	}
	if e == nil {
		return "", fmt.Errorf("dedupe: cluster of %q: not indexed", id)
	}
	root, err := ix.store.Root(ctx, e.Cluster)
	if err != nil {
		return "", fmt.Errorf("dedupe: cluster of %q: %w", id, err)
	}
	return root, nil
}

// Len returns the number of indexed documents.
func (ix *Index) Len(ctx context.Context) (int, error) {
	if ix.story != nil {
		ix.mu.Lock()
		defer ix.mu.Unlock()
		return ix.story.len(), nil
	}
	return ix.store.Len(ctx)
}

// Close closes the store and, with a file:PATH store, saves the snapshot
// of either mode (the near-mode entries, or the whole story index) to a
// temporary file in PATH's folder, synced, then renamed over PATH, so a
// crash leaves the old snapshot or the new one, never part of one. The
// Index cannot be used afterwards; closing it again does nothing.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return nil
	}
	ix.closed = true
	if ix.store != nil {
		if err := ix.store.Close(); err != nil {
			return fmt.Errorf("dedupe: close: %w", err)
		}
	}
	return nil
}
