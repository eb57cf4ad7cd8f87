package dedupe

import (
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"sort"
	"sync"
	"time"

	"github.com/diplotext/diplotext/dedupe/internal/storyterm"
	"github.com/diplotext/diplotext/text"
)

// Story defaults, tuned on the dev part of the story-clustered headlines
// (see docs/dedupe.md).
const (
	// DefaultStoryThreshold is the cosine similarity between a document's
	// weighted terms and a story's centroid at which the document joins
	// the story.
	DefaultStoryThreshold = 0.08
	// DefaultStoryWindow is how far apart in time two reports of one
	// story may be.
	DefaultStoryWindow = 72 * time.Hour
	// storyPostings bounds the stories remembered per term, so that each
	// new document is compared with a bounded number of stories.
	storyPostings = 256
	// capsBoost multiplies the weight of capitalised words (names).
	capsBoost = 1.5
	// maxStoryWeight bounds a centroid weight read from a snapshot: each
	// document adds at most 1 to a weight, so larger ones are corrupt.
	maxStoryWeight = 1 << 40
)

// StoryOption configures [Stories].
type StoryOption func(*storyConfig)

type storyConfig struct {
	thresh   float64
	window   time.Duration
	maxBytes int
	err      error
}

func (c *storyConfig) fail(err error) {
	if c.err == nil {
		c.err = err
	}
}

// WithStoryThreshold sets the cosine similarity, in (0, 1], at or above
// which a document joins a story (default [DefaultStoryThreshold]).
func WithStoryThreshold(x float64) StoryOption {
	return func(c *storyConfig) {
		if !(x > 0 && x <= 1) {
			c.fail(fmt.Errorf("dedupe: WithStoryThreshold(%v): want a value in (0, 1]", x))
			return
		}
		c.thresh = x
	}
}

// WithStoryWindow sets how far apart in time two reports of one story may
// be (default [DefaultStoryWindow]); 0 compares documents whatever their
// times. Negative windows are refused.
func WithStoryWindow(d time.Duration) StoryOption {
	return func(c *storyConfig) {
		if d < 0 {
			c.fail(fmt.Errorf("dedupe: WithStoryWindow(%v): negative", d))
			return
		}
		c.window = d
	}
}

// WithStoryMaxBytes bounds the bytes of a document that are read (default
// 10 MiB); longer documents are cut at that length. It must be positive.
func WithStoryMaxBytes(n int) StoryOption {
	return func(c *storyConfig) {
		if n <= 0 {
			c.fail(fmt.Errorf("dedupe: WithStoryMaxBytes(%d): want a positive length", n))
			return
		}
		c.maxBytes = n
	}
}

// Stories groups different texts about the same event, such as several
// outlets' headlines about one ministers' meeting, in one pass: each
// document is compared with the centroids of the stories that share a term
// with it (through an inverted index capped per term) within the time
// window, and joins the most similar one at or above the threshold or
// starts a story.
//
// Terms are stemmed words and numbers weighted by TF-IDF, capitalised words
// (names) weighted up. Document frequencies are those of a background
// table learnt from news (built into the package, decoded on first use)
// plus those of the stream so far, so that the first document of a stream
// is weighed as a later one is: two headlines that share only a common
// word are not one story.
//
// A Stories keeps its whole index in memory; [Stories.WriteTo] and
// [Stories.ReadFrom] save and restore all of it exactly, so that a later
// run continues the same stories. Files are the caller's business.
//
// A Stories is safe for concurrent use; adds are serialised. A nil
// *Stories is an error at every method.
type Stories struct {
	mu       sync.Mutex
	closed   bool
	maxBytes int
	s        *storyIndex
	toks     []text.Token
}

// NewStories returns an empty Stories. Defaults: threshold
// [DefaultStoryThreshold], window [DefaultStoryWindow], documents cut at
// 10 MiB. A bad option value is an error naming the option.
func NewStories(opts ...StoryOption) (*Stories, error) {
	c := storyConfig{thresh: DefaultStoryThreshold, window: DefaultStoryWindow, maxBytes: 10 << 20}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	if c.err != nil {
		return nil, c.err
	}
	if _, err := background(); err != nil {
		return nil, err
	}
	return &Stories{maxBytes: c.maxBytes, s: newStoryIndex(c.thresh, c.window)}, nil
}

var errNilStories = fmt.Errorf("dedupe: nil *Stories")

// lock takes the lock and checks the receiver; the caller unlocks when it
// returns nil.
func (st *Stories) lock(ctx context.Context, what string) error {
	if st == nil {
		return fmt.Errorf("%s: %w", what, errNilStories)
	}
	if ctx != nil {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("dedupe: %s: %w", what, err)
		}
	}
	st.mu.Lock()
	if st.closed {
		st.mu.Unlock()
		return fmt.Errorf("dedupe: %s: %w", what, ErrClosed)
	}
	return nil
}

// Add adds the raw text s under id, with no time (it matches stories of
// any time); see [Stories.AddAt].
func (st *Stories) Add(ctx context.Context, id, s string) (Result, error) {
	return st.AddAt(ctx, id, s, time.Time{})
}

// AddAt adds the raw text s under id, published at t, and returns its
// story: the id of the story's first document and, when it joined an
// earlier story, that document with the similarity. Only stories with a
// document within the window of t are compared (the zero time matches
// any). Text beyond the byte limit is ignored.
//
// Duplicate ids follow the rule of [Index.Add]: the same id with the same
// text again (a retry) returns its story and adds nothing; the same id
// with another text is an error wrapping [ErrDuplicateID].
func (st *Stories) AddAt(ctx context.Context, id, s string, t time.Time) (Result, error) {
	if err := st.lock(ctx, "add"); err != nil {
		return Result{}, err
	}
	defer st.mu.Unlock()
	if len(s) > st.maxBytes {
		s = s[:st.maxBytes]
	}
	st.toks = text.Tokenize(s, st.toks[:0])
	r, err := st.s.add(id, s, st.toks, t)
	if cap(st.toks) > 1<<20 {
		st.toks = nil
	}
	return r, err
}

// AddDocument adds the parsed document d under id, with no time; a nil d
// is the empty document.
func (st *Stories) AddDocument(ctx context.Context, id string, d *text.Document) (Result, error) {
	return st.AddDocumentAt(ctx, id, d, time.Time{})
}

// AddDocumentAt is [Stories.AddAt] for a parsed document; a nil d is the
// empty document, which starts a story of its own.
func (st *Stories) AddDocumentAt(ctx context.Context, id string, d *text.Document, t time.Time) (Result, error) {
	if err := st.lock(ctx, "add"); err != nil {
		return Result{}, err
	}
	defer st.mu.Unlock()
	if d == nil {
		d = &text.Document{}
	}
	return st.s.add(id, d.Text, d.Tokens, t)
}

// Query returns the story that the raw text s would join (its first
// document with the similarity), or none, without adding it.
func (st *Stories) Query(ctx context.Context, s string) ([]Similar, error) {
	if err := st.lock(ctx, "query"); err != nil {
		return nil, err
	}
	defer st.mu.Unlock()
	if len(s) > st.maxBytes {
		s = s[:st.maxBytes]
	}
	st.toks = text.Tokenize(s, st.toks[:0])
	return st.s.query(s, st.toks, time.Time{}), nil
}

// QueryDocument is [Stories.Query] for a parsed document; a nil d is the
// empty document, which matches nothing.
func (st *Stories) QueryDocument(ctx context.Context, d *text.Document) ([]Similar, error) {
	if err := st.lock(ctx, "query"); err != nil {
		return nil, err
	}
	defer st.mu.Unlock()
	if d == nil {
		return []Similar{}, nil
	}
	return st.s.query(d.Text, d.Tokens, time.Time{}), nil
}

// Remove forgets the document with the given id (its story stays for the
// documents that follow); removing an absent id is not an error.
func (st *Stories) Remove(ctx context.Context, id string) error {
	if err := st.lock(ctx, "remove"); err != nil {
		return err
	}
	defer st.mu.Unlock()
	delete(st.s.ids, id)
	return nil
}

// Cluster returns the story (id of its first document) of an added
// document.
func (st *Stories) Cluster(ctx context.Context, id string) (string, error) {
	if err := st.lock(ctx, "cluster"); err != nil {
		return "", err
	}
	defer st.mu.Unlock()
	d, ok := st.s.ids[id]
	if !ok {
		return "", fmt.Errorf("dedupe: cluster of %q: not indexed", id)
	}
	return st.s.docs[d.story], nil
}

// Len returns the number of added documents (less those removed).
func (st *Stories) Len(ctx context.Context) (int, error) {
	if err := st.lock(ctx, "len"); err != nil {
		return 0, err
	}
	defer st.mu.Unlock()
	return len(st.s.ids), nil
}

// Close releases the index; every later call returns an error wrapping
// [ErrClosed]. Closing again does nothing. Save it first with
// [Stories.WriteTo] to keep it.
func (st *Stories) Close() error {
	if st == nil {
		return errNilStories
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	st.closed = true
	st.s = nil
	return nil
}

// WriteTo writes the whole index to w in the story snapshot format
// (versioned and checksummed; see docs/dedupe.md): the document
// frequencies of the stream, the number of documents seen, document →
// story map, stories with their first documents and centroids, and the
// inverted index, all exact. It implements io.WriterTo.
func (st *Stories) WriteTo(w io.Writer) (int64, error) {
	if err := st.lock(nil, "write stories"); err != nil {
		return 0, err
	}
	defer st.mu.Unlock()
	cw := &countWriter{w: w}
	if err := st.s.save(cw); err != nil {
		return cw.n, fmt.Errorf("dedupe: write stories: %w", err)
	}
	return cw.n, nil
}

// ReadFrom replaces the index with the one written by [Stories.WriteTo]
// that r holds to its end, so that documents added afterwards get the
// stories one run that saw every document would have given them. The
// snapshot records the threshold and window it was made with: reading it
// into a Stories made with others is an error (the caller's settings do
// not silently win or lose), as is reading into a Stories that already
// holds documents. A corrupt, truncated or other-version snapshot is an
// error and leaves the index as it was. It implements io.ReaderFrom.
func (st *Stories) ReadFrom(r io.Reader) (int64, error) {
	if err := st.lock(nil, "read stories"); err != nil {
		return 0, err
	}
	defer st.mu.Unlock()
	b, err := io.ReadAll(r)
	n := int64(len(b))
	if err != nil {
		return n, fmt.Errorf("dedupe: read story snapshot: %w", err)
	}
	s, err := loadStory(b)
	if err != nil {
		return n, fmt.Errorf("dedupe: read story snapshot: %w", err)
	}
	if s.thresh != st.s.thresh || s.window != st.s.window {
		return n, fmt.Errorf("dedupe: read story snapshot: snapshot made with threshold %v and window %v, not %v and %v: use the same settings (WithStoryThreshold, WithStoryWindow; diplotext dedupe --threshold) or start anew",
			s.thresh, s.window, st.s.thresh, st.s.window)
	}
	if st.s.n > 0 || len(st.s.ids) > 0 {
		return n, fmt.Errorf("dedupe: read story snapshot: the index already holds documents")
	}
	st.s = s
	return n, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// storyIndex is the state of a [Stories].
type storyIndex struct {
	thresh float64
	window time.Duration
	vocab  map[string]uint32 // stem → term id
	bg     []uint32          // term id → background document frequency
	df     []uint32          // term id → document frequency in the stream
	n      int               // documents seen
	ids    map[string]storyDoc
	docs   []string // story → first document id
	cents  []centroid
	post   map[uint32][]int32 // term → stories, most recent last
	// scratch is not part of the state (nor of the snapshot)
	scratch scoreScratch
}

type storyDoc struct {
	story int32
	hash  uint64 // of the document's text, to tell a retry from a clash
}

type centroid struct {
	w map[uint32]float64
	// sq is the sum of the squared weights, kept as weights grow so that
	// an add costs the terms of the document, not of the story; the order
	// of the updates is the order of the adds, so one stream gives the
	// same sums in every run and after a reload.
	sq    float64
	last  time.Time
	first time.Time
}

type termWeight struct {
	term uint32
	w    float64
}

func newStoryIndex(thresh float64, window time.Duration) *storyIndex {
	return &storyIndex{thresh: thresh, window: window, vocab: map[string]uint32{},
		ids: map[string]storyDoc{}, post: map[uint32][]int32{}}
}

func textHash(s string) uint64 {
	h := fnv.New64a()
	io.WriteString(h, s)
	return h.Sum64()
}

// terms returns the weighted, normalised term vector of the tokens of src
// and, when learn is set, counts them in the stream's document
// frequencies. Without learn, terms the stream has not seen get ids past
// its vocabulary (they match no story but still weigh in the norm), so
// that a query is weighed as the add of the same text would be.
func (s *storyIndex) terms(src string, toks []text.Token, learn bool) []termWeight {
	bg, _ := background() // NewStories checked the error
	type tok struct {
		id  uint32
		cap bool
	}
	var tbuf [64]tok
	ts := tbuf[:0]
	var extra []uint32 // background df of the query's unseen terms
	var extraIDs map[string]uint32
	words, caps := 0, 0
	storyterm.Each(src, toks, func(st string, isCap bool) {
		words++
		if isCap {
			caps++
		}
		id, ok := s.vocab[st]
		if !ok {
			if learn {
				id = uint32(len(s.df))
				s.vocab[st] = id
				s.df = append(s.df, 0)
				s.bg = append(s.bg, bg.df(storyterm.Hash(st)))
			} else {
				if extraIDs == nil {
					extraIDs = map[string]uint32{}
				}
				if id, ok = extraIDs[st]; !ok {
					id = uint32(len(s.df) + len(extra))
					extraIDs[st] = id
					extra = append(extra, bg.df(storyterm.Hash(st)))
				}
			}
		}
		ts = append(ts, tok{id, isCap})
	})
	// in Title Case headlines capitals say nothing about names
	titleCase := words > 0 && float64(caps) >= 0.6*float64(words)
	tf := make(map[uint32]float64, len(ts))
	for _, t := range ts {
		w := 1.0
		if t.cap && !titleCase {
			w = capsBoost
		}
		tf[t.id] = max(tf[t.id], w)
	}
	if learn {
		s.n++
		for id := range tf {
			s.df[id]++
		}
	}
	// a query counts itself as the add of the same text would
	self := 0.0
	if !learn {
		self = 1
	}
	n := float64(bg.n) + float64(s.n) + self
	out := make([]termWeight, 0, len(tf))
	for id, w := range tf {
		var df float64
		if int(id) < len(s.df) {
			df = float64(s.bg[id]) + float64(s.df[id]) + self
		} else {
			df = float64(extra[int(id)-len(s.df)]) + self
		}
		if v := w * math.Log(1+n/max(df, 1)); v > 0 {
			out = append(out, termWeight{id, v})
		}
	}
	// sum in term order: the norm does not depend on map order
	sort.Slice(out, func(a, b int) bool { return out[a].term < out[b].term })
	var norm float64
	for _, x := range out {
		norm += x.w * x.w
	}
	norm = math.Sqrt(norm)
	for i := range out {
		out[i].w /= norm
	}
	return out
}

// scoreScratch holds the partial scores of one best call: a dense array
// over stories and the list of those touched, reused between calls.
type scoreScratch struct {
	score   []float64
	touched []int32
}

func (s *storyIndex) best(tw []termWeight, t time.Time) (int32, float64) {
	sc := &s.scratch
	if len(sc.score) < len(s.cents) {
		sc.score = append(sc.score, make([]float64, len(s.cents)-len(sc.score))...)
	}
	touched := sc.touched[:0]
	for _, x := range tw {
		for _, c := range s.post[x.term] {
			cen := &s.cents[c]
			if !s.inWindow(cen, t) {
				continue
			}
			if sc.score[c] == 0 {
				touched = append(touched, c)
			}
			sc.score[c] += x.w * cen.w[x.term]
		}
	}
	bestC, bestS := int32(-1), 0.0
	for _, c := range touched {
		v := sc.score[c]
		sc.score[c] = 0
		norm := math.Sqrt(s.cents[c].sq)
		if !(norm > 0) {
			continue
		}
		v /= norm
		if v > bestS || (v == bestS && c < bestC) {
			bestC, bestS = c, v
		}
	}
	sc.touched = touched
	return bestC, bestS
}

func (s *storyIndex) inWindow(c *centroid, t time.Time) bool {
	if t.IsZero() || c.last.IsZero() || s.window <= 0 {
		return true
	}
	return t.Sub(c.last) <= s.window && c.first.Sub(t) <= s.window
}

func (s *storyIndex) add(id, src string, toks []text.Token, t time.Time) (Result, error) {
	if len(id) > maxIDLen {
		return Result{}, fmt.Errorf("dedupe: add id of %d bytes: longer than %d", len(id), maxIDLen)
	}
	h := textHash(src)
	if d, ok := s.ids[id]; ok {
		if d.hash == h {
			// the same document again, e.g. a retried add: idempotent
			return Result{ID: id, Cluster: s.docs[d.story]}, nil
		}
		return Result{}, errDup(id, s.docs[d.story])
	}
	tw := s.terms(src, toks, true)
	c, score := s.best(tw, t)
	res := Result{ID: id, Cluster: id}
	if c >= 0 && score >= s.thresh {
		res.Cluster = s.docs[c]
		res.Similar = []Similar{{ID: s.docs[c], Score: math.Round(score*1000) / 1000, Method: "story"}}
	} else {
		c = int32(len(s.cents))
		s.cents = append(s.cents, centroid{w: map[uint32]float64{}, first: t, last: t})
		s.docs = append(s.docs, id)
	}
	s.ids[id] = storyDoc{story: c, hash: h}
	cen := &s.cents[c]
	if t.After(cen.last) {
		cen.last = t
	}
	if !t.IsZero() && t.Before(cen.first) {
		cen.first = t
	}
	for _, x := range tw {
		old, ok := cen.w[x.term]
		if !ok {
			p := s.post[x.term]
			if len(p) >= storyPostings {
				p = append(p[:0], p[1:]...)
			}
			s.post[x.term] = append(p, c)
		}
		nw := old + x.w
		cen.w[x.term] = nw
		cen.sq += nw*nw - old*old
	}
	cen.sq = max(cen.sq, 0)
	return res, nil
}

func (s *storyIndex) query(src string, toks []text.Token, t time.Time) []Similar {
	tw := s.terms(src, toks, false)
	c, score := s.best(tw, t)
	if c < 0 || score < s.thresh {
		return []Similar{}
	}
	return []Similar{{ID: s.docs[c], Score: math.Round(score*1000) / 1000, Method: "story"}}
}
