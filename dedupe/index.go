package dedupe

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

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
	zJ, zC      float64 // standard errors a match must clear
	err         error   // the first bad option value
}

func (c *config) fail(err error) {
	if c.err == nil {
		c.err = err
	}
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// Option configures an [Index]. An option given a value where nothing
// sensible follows makes [NewIndex] return an error naming it.
type Option func(*config)

// WithThreshold sets the estimated Jaccard similarity of shingle sets, in
// (0, 1], at or above which two documents are near-duplicates (default
// [DefaultThreshold]).
func WithThreshold(j float64) Option {
	return func(c *config) {
		if !(j > 0 && j <= 1) {
			c.fail(fmt.Errorf("dedupe: WithThreshold(%v): want a value in (0, 1]", j))
			return
		}
		c.threshold = j
	}
}

// WithContainment sets the share of the smaller document, in [0, 1], that
// must be found in the larger one for a containment match (default 0.65;
// 0 turns containment matches off), and the Jaccard floor, in [0, 1], such
// a match needs (default 0.20), which keeps shared boilerplate alone from
// matching. Values outside those ranges, NaN included, are refused.
func WithContainment(c, minJaccard float64) Option {
	return func(cf *config) {
		if !(c >= 0 && c <= 1) || !(minJaccard >= 0 && minJaccard <= 1) {
			cf.fail(fmt.Errorf("dedupe: WithContainment(%v, %v): want values in [0, 1]", c, minJaccard))
			return
		}
		cf.containment, cf.minJaccard = c, minJaccard
	}
}

// WithConfidence sets by how many standard errors of its estimate (from
// the k sketch values) a match must clear its threshold: zJaccard for the
// Jaccard rule, zContainment for the containment rule, whose estimate is
// far noisier when the smaller document is short (defaults 0.5 and 2.5,
// tuned on dev sets; 0 and 0 compare the bare estimates). Without it, short
// documents that are mostly shared boilerplate match by chance and link
// unrelated groups. Negative, NaN or infinite values are refused.
func WithConfidence(zJaccard, zContainment float64) Option {
	return func(c *config) {
		if !(zJaccard >= 0 && finite(zJaccard)) || !(zContainment >= 0 && finite(zContainment)) {
			c.fail(fmt.Errorf("dedupe: WithConfidence(%v, %v): want finite values >= 0", zJaccard, zContainment))
			return
		}
		c.zJ, c.zC = zJaccard, zContainment
	}
}

// WithShingler sets how documents are cut into shingles (default, and
// nil: word 3-grams as WordShingles(3) makes them, computed straight from
// the bytes of the text). With a custom Shingler, [Index.Add] tokenises
// the text first. A Shingler that panics makes the add return an error.
// All processes sharing a store must use the same one.
func WithShingler(s Shingler) Option { return func(c *config) { c.shingler = s } }

// WithHashes sets the signature length, rounded up to a power of two
// between 16 and 1024 (default 128); k must be positive.
func WithHashes(k int) Option {
	return func(c *config) {
		if k <= 0 {
			c.fail(fmt.Errorf("dedupe: WithHashes(%d): want a positive length", k))
			return
		}
		c.hashes = k
	}
}

// WithHasher selects one-permutation hashing (default) or classic MinHash.
func WithHasher(h Hasher) Option { return func(c *config) { c.hasher = h } }

// WithLSH fixes the banding instead of deriving it from the threshold
// with [OptimalLSH]. Bands and rows must be positive, and bands × rows at
// most the signature length (checked by [NewIndex]).
func WithLSH(l LSH) Option {
	return func(c *config) {
		if l.Bands <= 0 || l.Rows <= 0 {
			c.fail(fmt.Errorf("dedupe: WithLSH(%d bands, %d rows): want positive counts", l.Bands, l.Rows))
			return
		}
		c.lsh = l
	}
}

// WithStore sets the store (default: a new in-memory store). The Index
// takes ownership: Close closes the store.
func WithStore(s Store) Option { return func(c *config) { c.store = s } }

// WithMaxBytes bounds the bytes of a document that are read (default
// 10 MiB); longer documents are cut at that length. It must be positive.
func WithMaxBytes(n int) Option {
	return func(c *config) {
		if n <= 0 {
			c.fail(fmt.Errorf("dedupe: WithMaxBytes(%d): want a positive length", n))
			return
		}
		c.maxBytes = n
	}
}

// Index finds near-duplicates as documents arrive: copies and light edits
// of one text (syndicated versions with their own headers and footers,
// truncated copies, edited words, OCR noise). Each added document is
// compared with the documents added before it and gets its group at once.
// It keeps its entries in a [Store], used the same way whichever store it
// is.
//
// An Index is safe for concurrent use: sketches are computed in parallel
// by the calling goroutines, and only matching and insertion are
// serialised, so that each document sees all earlier ones. With concurrent
// Adds, "earlier" is the order in which they reach that serialised step;
// [Index.AddBatch] computes sketches in parallel and still decides groups
// in slice order. A nil *Index is an error at every method that returns
// one.
type Index struct {
	cfg    config
	lsh    LSH
	store  Store
	mu     sync.Mutex
	closed bool
	pool   sync.Pool // *scratch
	// under mu: the entry and match state of the insert in progress,
	// reused so that an add allocates only what it returns
	entry Entry
	mt    *matcher
}

type scratch struct {
	hs   []uint64
	mins []uint64
	set  []uint32
	toks []text.Token
	sig  []uint16
}

// NewIndex returns an empty Index (or one over the entries of the given
// store). Defaults: Jaccard threshold 0.32, containment 0.65 with Jaccard
// floor 0.20 (each estimate clearing its threshold by 0.5 and 2.5
// standard errors), word 3-gram shingles, 128 one-permutation hashes in
// 16-bit values, LSH banding from [OptimalLSH] for the lower of the
// threshold and the containment match's Jaccard floor (at least 0.2),
// weighing misses 0.7 and false candidates 0.3, with at most 32 bands (32
// bands of 2 rows by default), and an in-memory store.
//
// A store that records the settings it was made with (a file snapshot,
// Redis) refuses other settings: the caller's do not silently win or
// lose. A bad option value is an error naming the option.
func NewIndex(opts ...Option) (*Index, error) {
	c := config{
		threshold:   DefaultThreshold,
		containment: DefaultContainment,
		minJaccard:  DefaultMinJaccard,
		hashes:      DefaultHashes,
		maxBands:    DefaultMaxBands,
		maxBytes:    10 << 20,
		zJ:          DefaultConfidenceJ,
		zC:          DefaultConfidenceC,
	}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	if c.err != nil {
		return nil, c.err
	}
	k := 16
	for k < c.hashes && k < 1024 {
		k *= 2
	}
	c.hashes = k
	ix := &Index{cfg: c, store: c.store}
	if ix.store == nil {
		ix.store = newMemStore()
	}
	ix.lsh = c.lsh
	if ix.lsh.Bands > 0 && ix.lsh.Bands*ix.lsh.Rows > k {
		return nil, fmt.Errorf("dedupe: WithLSH(%d bands, %d rows): more than the %d signature values", ix.lsh.Bands, ix.lsh.Rows, k)
	}
	if ix.lsh.Bands <= 0 {
		target := c.threshold
		if c.containment > 0 {
			target = min(target, max(c.minJaccard, 0.2))
		}
		ix.lsh = OptimalLSH(target, k, c.maxBands, 0.3, 0.7)
	}
	if sc, ok := ix.store.(settingsStore); ok {
		if err := sc.useSettings(ix.settings()); err != nil {
			return nil, err
		}
	}
	return ix, nil
}

var errNilIndex = fmt.Errorf("dedupe: nil *Index")

// settings are what a store that records them checks.
func (ix *Index) settings() indexSettings {
	return indexSettings{Threshold: ix.cfg.threshold, Containment: ix.cfg.containment, MinJaccard: ix.cfg.minJaccard,
		ConfidenceJ: ix.cfg.zJ, ConfidenceC: ix.cfg.zC, Hashes: ix.cfg.hashes, Hasher: ix.cfg.hasher, LSH: ix.lsh,
		CustomShingler: ix.cfg.shingler != nil}
}

// LSH returns the banding the index uses (the zero LSH for a nil Index).
func (ix *Index) LSH() LSH {
	if ix == nil {
		return LSH{}
	}
	return ix.lsh
}

// Sketch returns the MinHash sketch of d as the index computes it; a nil
// d is the empty document, whose sketch has size 0. A panicking custom
// shingler gives the empty sketch; [Index.AddDocument] reports it.
func (ix *Index) Sketch(d *text.Document) Sketch {
	if ix == nil {
		return Sketch{}
	}
	s := ix.getScratch()
	defer ix.pool.Put(s)
	sk := Sketch{Sig: make([]uint16, ix.cfg.hashes)}
	size, err := ix.sketchInto(d, s, sk.Sig)
	if err != nil {
		return Sketch{Sig: make([]uint16, ix.cfg.hashes)}
	}
	sk.Size = size
	return sk
}

func (ix *Index) getScratch() *scratch {
	if s, ok := ix.pool.Get().(*scratch); ok {
		return s
	}
	return &scratch{mins: make([]uint64, ix.cfg.hashes)}
}

func (ix *Index) sketchInto(d *text.Document, s *scratch, sig []uint16) (uint32, error) {
	if d == nil {
		d = &text.Document{}
	}
	if ix.cfg.shingler == nil {
		t := d.Text
		if len(t) > ix.cfg.maxBytes {
			t = t[:ix.cfg.maxBytes] // as Add does
		}
		return ix.sketchText(t, s, sig), nil
	}
	hs, err := callShingler(ix.cfg.shingler, d, s.hs[:0])
	if err != nil {
		s.hs = nil
		return 0, err
	}
	s.hs = hs
	return ix.sketchHashes(s, sig), nil
}

// callShingler runs a user's shingler, turning a panic into an error.
func callShingler(sh Shingler, d *text.Document, dst []uint64) (hs []uint64, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("dedupe: shingler panicked: %v", r)
		}
	}()
	return sh(d, dst), nil
}

// sketchString sketches raw text as Add does.
func (ix *Index) sketchString(s string, sc *scratch, sig []uint16) (uint32, error) {
	if len(s) > ix.cfg.maxBytes {
		s = s[:ix.cfg.maxBytes]
	}
	if ix.cfg.shingler == nil {
		return ix.sketchText(s, sc, sig), nil
	}
	sc.toks = text.Tokenize(s, sc.toks[:0])
	n, err := ix.sketchInto(&text.Document{Text: s, Tokens: sc.toks}, sc, sig)
	if cap(sc.toks) > 1<<20 {
		sc.toks = nil
	}
	return n, err
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

// Add adds the raw text s under id and returns its group: the earlier
// documents it matches and the id of the first document of the group.
// With the default shingles it does not tokenise: words are found, folded
// and hashed in one pass over the bytes, and the result is the same as
// AddDocument(ctx, id, text.Parse(s)). Text beyond the index's byte limit
// is ignored. A document without words matches nothing.
//
// Duplicate ids (the rule of [Stories.Add] too): adding an id that is
// already in the index with the same content again (a retry whose reply
// was lost) returns its group and adds nothing; with different content it
// is an error wrapping [ErrDuplicateID] and nothing is added. Ids are at
// most 65,536 bytes.
func (ix *Index) Add(ctx context.Context, id, s string) (Result, error) {
	if ix == nil {
		return Result{}, errNilIndex
	}
	if err := ctxErr(ctx); err != nil {
		return Result{}, fmt.Errorf("dedupe: add %q: %w", id, err)
	}
	sc := ix.getScratch()
	defer ix.pool.Put(sc)
	if len(sc.sig) != ix.cfg.hashes {
		sc.sig = make([]uint16, ix.cfg.hashes)
	}
	size, err := ix.sketchString(s, sc, sc.sig)
	if err != nil {
		return Result{}, fmt.Errorf("dedupe: add %q: %w", id, err)
	}
	return ix.insert(ctx, id, size, sc.sig)
}

// AddDocument adds the parsed document d under id as [Index.Add] does; a
// nil d is the empty document.
func (ix *Index) AddDocument(ctx context.Context, id string, d *text.Document) (Result, error) {
	if ix == nil {
		return Result{}, errNilIndex
	}
	if err := ctxErr(ctx); err != nil {
		return Result{}, fmt.Errorf("dedupe: add %q: %w", id, err)
	}
	sc := ix.getScratch()
	defer ix.pool.Put(sc)
	if len(sc.sig) != ix.cfg.hashes {
		sc.sig = make([]uint16, ix.cfg.hashes)
	}
	// the stores copy the signature, so it can live in the scratch
	size, err := ix.sketchInto(d, sc, sc.sig)
	if err != nil {
		return Result{}, fmt.Errorf("dedupe: add %q: %w", id, err)
	}
	return ix.insert(ctx, id, size, sc.sig)
}

// ctxErr is ctx.Err(), with a nil context taken as context.Background().
func ctxErr(ctx context.Context) error {
	if ctx == nil {
		return nil
	}
	return ctx.Err()
}

// insert matches and stores a sketched entry: the serialised part of an
// add, which decides the entry's group.
func (ix *Index) insert(ctx context.Context, id string, size uint32, sig []uint16) (Result, error) {
	if len(id) > maxIDLen {
		return Result{}, fmt.Errorf("dedupe: add id of %d bytes: longer than %d", len(id), maxIDLen)
	}
	if ctx == nil {
		ctx = context.Background()
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.entry = Entry{ID: id, Cluster: id, Size: size, Sig: sig}
	defer func() { ix.entry = Entry{} }()
	return ix.insertStore(ctx, &ix.entry)
}

// insertStore is insert for any Store (ix.mu held).
func (ix *Index) insertStore(ctx context.Context, e *Entry) (Result, error) {
	id := e.ID
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
	if ix.mt == nil {
		ix.mt = newMatcher(ix)
	}
	sims, clusters, exact, err := ix.match(ctx, e, ix.mt)
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

// matcher collects the verified matches of one entry from the store's
// candidates (its visit method, bound once, is what Candidates calls).
type matcher struct {
	ix       *Index
	me       Sketch
	sims     []Similar
	clusters []string
	exact    bool
	visit    func(c *Entry) bool
}

func newMatcher(ix *Index) *matcher {
	m := &matcher{ix: ix}
	m.visit = m.check
	return m
}

func (m *matcher) check(c *Entry) bool {
	j := Jaccard(m.me, Sketch{Sig: c.Sig, Size: c.Size})
	s, ok := m.ix.verify(j, m.me.Size, c.Size)
	if !ok {
		return true
	}
	if j == 1 && c.Size == m.me.Size {
		m.exact = true
	}
	// the entry is only valid during the call: keep copies
	m.sims = append(m.sims, Similar{ID: strings.Clone(c.ID), Score: s.Score, Method: s.Method})
	if !slices.Contains(m.clusters, c.Cluster) {
		m.clusters = append(m.clusters, strings.Clone(c.Cluster))
	}
	return true
}

// match finds the verified matches of e: the similar documents (best
// first, a new slice), the distinct groups they belong to (valid until mt
// is used again), and whether one of them has an identical signature.
func (ix *Index) match(ctx context.Context, e *Entry, mt *matcher) (sims []Similar, clusters []string, exact bool, err error) {
	if e.Size == 0 {
		return nil, nil, false, nil
	}
	mt.me = Sketch{Sig: e.Sig, Size: e.Size}
	mt.sims, mt.clusters, mt.exact = nil, mt.clusters[:0], false
	err = ix.store.Candidates(ctx, e.Sig, ix.lsh, mt.visit)
	sims, clusters, exact = mt.sims, mt.clusters, mt.exact
	mt.me, mt.sims = Sketch{}, nil
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
	if ix.cfg.containment > 0 && j >= ix.cfg.minJaccard {
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

// Query returns the indexed documents that the raw text s matches, best
// first, without adding it; it honours a cancelled context.
func (ix *Index) Query(ctx context.Context, s string) ([]Similar, error) {
	if ix == nil {
		return nil, errNilIndex
	}
	sc := ix.getScratch()
	defer ix.pool.Put(sc)
	e := &Entry{Sig: make([]uint16, ix.cfg.hashes)}
	size, err := ix.sketchString(s, sc, e.Sig)
	if err != nil {
		return nil, fmt.Errorf("dedupe: query: %w", err)
	}
	e.Size = size
	return ix.query(ctx, e)
}

// QueryDocument is [Index.Query] for a parsed document; a nil d is the
// empty document, which matches nothing.
func (ix *Index) QueryDocument(ctx context.Context, d *text.Document) ([]Similar, error) {
	if ix == nil {
		return nil, errNilIndex
	}
	sc := ix.getScratch()
	defer ix.pool.Put(sc)
	e := &Entry{Sig: make([]uint16, ix.cfg.hashes)}
	size, err := ix.sketchInto(d, sc, e.Sig)
	if err != nil {
		return nil, fmt.Errorf("dedupe: query: %w", err)
	}
	e.Size = size
	return ix.query(ctx, e)
}

func (ix *Index) query(ctx context.Context, e *Entry) ([]Similar, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("dedupe: query: %w", err)
	}
	ix.mu.Lock()
	closed := ix.closed
	ix.mu.Unlock()
	if closed {
		return nil, fmt.Errorf("dedupe: query: %w", ErrClosed)
	}
	sims, _, _, err := ix.match(ctx, e, newMatcher(ix))
	if err != nil {
		return nil, fmt.Errorf("dedupe: query: %w", err)
	}
	if sims == nil {
		sims = []Similar{}
	}
	return sims, nil
}

// Remove deletes the document with the given id from the index; later
// documents no longer match it. Removing an absent id is not an error.
func (ix *Index) Remove(ctx context.Context, id string) error {
	if ix == nil {
		return errNilIndex
	}
	if ctx == nil {
		ctx = context.Background()
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return fmt.Errorf("dedupe: remove %q: %w", id, ErrClosed)
	}
	if err := ix.store.Remove(ctx, id); err != nil {
		return fmt.Errorf("dedupe: remove %q: %w", id, err)
	}
	return nil
}

// Cluster returns the current group (id of its first document) of an
// indexed document; groups may merge after a document was added.
func (ix *Index) Cluster(ctx context.Context, id string) (string, error) {
	if ix == nil {
		return "", errNilIndex
	}
	if ctx == nil {
		ctx = context.Background()
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
	if ix == nil {
		return 0, errNilIndex
	}
	if ctx == nil {
		ctx = context.Background()
	}
	return ix.store.Len(ctx)
}

// Close closes the store: a file:PATH store saves its snapshot (see
// [OpenStore]). The Index cannot be used afterwards; closing it again
// does nothing.
func (ix *Index) Close() error {
	if ix == nil {
		return errNilIndex
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return nil
	}
	ix.closed = true
	if err := ix.store.Close(); err != nil {
		return fmt.Errorf("dedupe: close: %w", err)
	}
	return nil
}
