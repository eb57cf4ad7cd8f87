package dedupe

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"maps"
	"math"
	"slices"
	"time"

	"github.com/diplotext/diplotext/dedupe/internal/storyterm"
)

// Story snapshot format (fixed-width integers little-endian; uvarint and
// varint as encoding/binary writes them; floats as IEEE-754 bits, so that
// every weight comes back exactly):
//
//	magic "DDUPSTRY", version uint32 (2), terms version uint32, postings cap uint32,
//	threshold float64, window int64 (nanoseconds), documents learnt uint64,
//	vocabulary: count uvarint, per term in id order: length uvarint, bytes,
//	            df uvarint, background df uvarint,
//	stories: count uvarint, per story in order: first id (length uvarint, bytes),
//	         first and last time (Unix seconds varint, nanoseconds uvarint),
//	         sum of squared weights float64, weights: count uvarint, per term
//	         in increasing order: term id delta uvarint, weight float64,
//	documents: count uvarint, per id in byte order: length uvarint, bytes,
//	           story uvarint, text hash uint64,
//	postings: count uvarint, per term in increasing order: term id delta
//	          uvarint, length uvarint, stories (uvarint each), oldest first,
//	CRC-32 (IEEE) of everything before it.
const (
	storyMagic   = "DDUPSTRY"
	storyVersion = 2
	// storyTermsVersion names how [storyIndex.terms] turns words into
	// weighted terms (storyterm.Version: tokens kept, folding, stop words,
	// stemming; here: the capitals boost, the weighting). Bump it with any
	// change there: a snapshot's document frequencies and centroids mean
	// nothing under another rule.
	storyTermsVersion = storyterm.Version
	storyHeaderLen    = 8 + 4 + 4 + 4 + 8 + 8 + 8
	maxTermLen        = 1 << 12
)

// save writes the story index in the snapshot format.
func (s *storyIndex) save(w io.Writer) error {
	h := crc32.NewIEEE()
	bw := bufio.NewWriterSize(io.MultiWriter(w, h), 1<<16)
	var b []byte
	flush := func() {
		bw.Write(b)
		b = b[:0]
	}
	b = append(b, storyMagic...)
	b = binary.LittleEndian.AppendUint32(b, storyVersion)
	b = binary.LittleEndian.AppendUint32(b, storyTermsVersion)
	b = binary.LittleEndian.AppendUint32(b, storyPostings)
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(s.thresh))
	b = binary.LittleEndian.AppendUint64(b, uint64(s.window))
	b = binary.LittleEndian.AppendUint64(b, uint64(s.n))

	terms := make([]string, len(s.df))
	for t, id := range s.vocab {
		terms[id] = t
	}
	b = binary.AppendUvarint(b, uint64(len(terms)))
	for id, t := range terms {
		b = appendString(b, t)
		b = binary.AppendUvarint(b, uint64(s.df[id]))
		b = binary.AppendUvarint(b, uint64(s.bg[id]))
		if len(b) > 1<<15 {
			flush()
		}
	}

	b = binary.AppendUvarint(b, uint64(len(s.cents)))
	for c := range s.cents {
		cen := &s.cents[c]
		b = appendString(b, s.docs[c])
		b = appendTime(b, cen.first)
		b = appendTime(b, cen.last)
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(cen.sq))
		b = binary.AppendUvarint(b, uint64(len(cen.w)))
		prev := uint32(0)
		for _, t := range slices.Sorted(maps.Keys(cen.w)) {
			b = binary.AppendUvarint(b, uint64(t-prev))
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(cen.w[t]))
			prev = t
		}
		if len(b) > 1<<15 {
			flush()
		}
	}

	ids := slices.Sorted(maps.Keys(s.ids))
	b = binary.AppendUvarint(b, uint64(len(ids)))
	for _, id := range ids {
		b = appendString(b, id)
		b = binary.AppendUvarint(b, uint64(s.ids[id].story))
		b = binary.LittleEndian.AppendUint64(b, s.ids[id].hash)
		if len(b) > 1<<15 {
			flush()
		}
	}

	keys := slices.Sorted(maps.Keys(s.post))
	b = binary.AppendUvarint(b, uint64(len(keys)))
	prev := uint32(0)
	for _, t := range keys {
		p := s.post[t]
		b = binary.AppendUvarint(b, uint64(t-prev))
		prev = t
		b = binary.AppendUvarint(b, uint64(len(p)))
		for _, c := range p {
			b = binary.AppendUvarint(b, uint64(c))
		}
		if len(b) > 1<<15 {
			flush()
		}
	}
	flush()
	if err := bw.Flush(); err != nil {
		return err
	}
	_, err := w.Write(binary.LittleEndian.AppendUint32(nil, h.Sum32()))
	return err
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendTime(b []byte, t time.Time) []byte {
	b = binary.AppendVarint(b, t.Unix())
	return binary.AppendUvarint(b, uint64(t.Nanosecond()))
}

// storyHeader is what a story snapshot records about the index that made it.
type storyHeader struct {
	version, termsVersion, postings uint32
	thresh                          float64
	window                          time.Duration
}

// errNearSnapshot and errStorySnapshot report a snapshot of the other mode.
var (
	errNearSnapshot  = errors.New("is a near-mode snapshot")
	errStorySnapshot = errors.New("is a story-mode snapshot")
)

// loadStory decodes a story snapshot. It checks the magic, the version and
// the checksum before anything else, validates every count against the
// bytes left before allocating, and checks every reference (term ids,
// story numbers), so arbitrary bytes give an error, never a panic or an
// allocation larger than a small multiple of len(b).
func loadStory(b []byte) (*storyIndex, error) {
	if len(b) < len(storyMagic) || string(b[:len(storyMagic)]) != storyMagic {
		if len(b) >= len(snapMagic) && string(b[:len(snapMagic)]) == snapMagic {
			return nil, errNearSnapshot
		}
		return nil, errors.New("not a dedupe story snapshot (bad magic)")
	}
	if len(b) < storyHeaderLen+4 {
		return nil, fmt.Errorf("header: %w", errCorrupt)
	}
	hdr := storyHeader{
		version:      binary.LittleEndian.Uint32(b[8:]),
		termsVersion: binary.LittleEndian.Uint32(b[12:]),
		postings:     binary.LittleEndian.Uint32(b[16:]),
		thresh:       math.Float64frombits(binary.LittleEndian.Uint64(b[20:])),
		window:       time.Duration(binary.LittleEndian.Uint64(b[28:])),
	}
	if hdr.version != storyVersion {
		return nil, fmt.Errorf("story snapshot version %d, this library reads version %d", hdr.version, storyVersion)
	}
	body := b[:len(b)-4]
	if crc32.ChecksumIEEE(body) != binary.LittleEndian.Uint32(b[len(b)-4:]) {
		return nil, fmt.Errorf("checksum mismatch: %w", errCorrupt)
	}
	if hdr.termsVersion != storyTermsVersion {
		return nil, fmt.Errorf("made with story terms version %d, this library weighs terms by version %d: its stories cannot be continued (start a new file)",
			hdr.termsVersion, storyTermsVersion)
	}
	if hdr.postings != storyPostings {
		return nil, fmt.Errorf("made with %d stories per term, this library keeps %d: its stories cannot be continued exactly (start a new file)",
			hdr.postings, storyPostings)
	}
	if !(hdr.thresh > 0 && hdr.thresh <= 1) {
		return nil, fmt.Errorf("threshold %v: %w", hdr.thresh, errCorrupt)
	}
	n := binary.LittleEndian.Uint64(b[36:])
	r := &snapReader{b: body[storyHeaderLen:]}
	if n > math.MaxInt64/2 {
		// removed documents still count, so n is not bounded by the
		// bytes; this only keeps it an int
		return nil, fmt.Errorf("document count %d: %w", n, errCorrupt)
	}
	s := &storyIndex{thresh: hdr.thresh, window: hdr.window, n: int(n)}

	// vocabulary: a term is ≥ 1 byte of length, ≥ 1 byte of text, ≥ 1
	// of df, ≥ 1 of background df
	nv := r.count(4, math.MaxUint32, "terms")
	s.vocab = make(map[string]uint32, nv)
	s.df = make([]uint32, nv)
	s.bg = make([]uint32, nv)
	for id := range nv {
		t := r.str(maxTermLen)
		df := r.uvarint()
		bg := r.uvarint()
		if r.err != nil {
			break
		}
		if t == "" || df == 0 || df > n || bg > math.MaxUint32 {
			return nil, fmt.Errorf("term %d: %w", id, errCorrupt)
		}
		if _, dup := s.vocab[t]; dup {
			return nil, fmt.Errorf("term %d: duplicate %q: %w", id, t, errCorrupt)
		}
		s.vocab[t] = uint32(id)
		s.df[id] = uint32(df)
		s.bg[id] = uint32(bg)
	}

	// stories: id (≥ 1), two times (≥ 4), norm (8), weight count (≥ 1)
	ns := r.count(14, min(n, math.MaxInt32), "stories")
	s.docs = make([]string, ns)
	s.cents = make([]centroid, ns)
	for c := 0; c < ns && r.err == nil; c++ {
		s.docs[c] = r.str(maxIDLen)
		cen := &s.cents[c]
		cen.first = r.time()
		cen.last = r.time()
		cen.sq = r.f64()
		nw := r.count(9, uint64(nv), "weights")
		cen.w = make(map[uint32]float64, nw)
		term := uint64(0)
		for i := 0; i < nw && r.err == nil; i++ {
			d := r.uvarint()
			if (i > 0 && d == 0) || d >= uint64(nv) {
				r.fail(fmt.Sprintf("story %d: terms out of order", c))
			}
			term += d
			w := r.f64()
			if term >= uint64(nv) || !(w > 0 && w <= maxStoryWeight) {
				r.fail(fmt.Sprintf("story %d: weight", c))
			}
			cen.w[uint32(term)] = w
		}
		// weights of at most 2^40 keep every later sum finite; a zero sum
		// (underflow of tiny weights) is allowed and matches nothing
		if !(cen.sq >= 0 && cen.sq <= float64(nw)*maxStoryWeight*maxStoryWeight) {
			r.fail(fmt.Sprintf("story %d: squared weights", c))
		}
	}

	// documents: id (≥ 1), story (≥ 1) and hash (8)
	nd := r.count(10, min(n, math.MaxInt32), "documents")
	s.ids = make(map[string]storyDoc, nd)
	prevID := ""
	for i := 0; i < nd && r.err == nil; i++ {
		id := r.str(maxIDLen)
		c := r.uvarint()
		h := r.u64()
		if r.err != nil {
			break
		}
		if c >= uint64(ns) || (i > 0 && id <= prevID) {
			return nil, fmt.Errorf("document %d: %w", i, errCorrupt)
		}
		s.ids[id] = storyDoc{story: int32(c), hash: h}
		prevID = id
	}

	// postings: term delta (≥ 1), length (≥ 1), stories (≥ 1 each)
	np := r.count(3, uint64(nv), "postings")
	s.post = make(map[uint32][]int32, np)
	seen := make([]uint32, ns) // story → posting list number + 1 that holds it
	term := uint64(0)
	for i := 0; i < np && r.err == nil; i++ {
		d := r.uvarint()
		if (i > 0 && d == 0) || d >= uint64(nv) {
			r.fail("postings out of order")
		}
		term += d
		l := r.count(1, storyPostings, "posting")
		if r.err != nil {
			break
		}
		if term >= uint64(nv) || l == 0 {
			return nil, fmt.Errorf("postings of term %d: %w", term, errCorrupt)
		}
		p := make([]int32, l)
		for j := range p {
			c := r.uvarint()
			if r.err != nil {
				break
			}
			if c >= uint64(ns) || seen[c] == uint32(i+1) {
				return nil, fmt.Errorf("postings of term %d: story %d: %w", term, c, errCorrupt)
			}
			if _, ok := s.cents[c].w[uint32(term)]; !ok {
				return nil, fmt.Errorf("postings of term %d: story %d lacks the term: %w", term, c, errCorrupt)
			}
			seen[c] = uint32(i + 1)
			p[j] = int32(c)
		}
		s.post[uint32(term)] = p
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("trailing bytes: %w", errCorrupt)
	}
	return s, nil
}

// snapReader reads the fields of a snapshot held in memory; the first
// failure sticks and later reads return zero values.
type snapReader struct {
	b   []byte
	err error
}

func (r *snapReader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("%s: %w", what, errCorrupt)
	}
}

func (r *snapReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail("number")
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *snapReader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail("number")
		return 0
	}
	r.b = r.b[n:]
	return v
}

// count reads a count of records of at least minSize bytes each, no more
// than limit and no more than the bytes left can hold.
func (r *snapReader) count(minSize int, limit uint64, what string) int {
	v := r.uvarint()
	if r.err != nil {
		return 0
	}
	if v > limit || v > uint64(len(r.b)/minSize) {
		r.fail(fmt.Sprintf("%d %s in %d bytes", v, what, len(r.b)))
		return 0
	}
	return int(v)
}

func (r *snapReader) str(limit uint64) string {
	l := r.uvarint()
	if r.err != nil {
		return ""
	}
	if l > limit || l > uint64(len(r.b)) {
		r.fail("string length")
		return ""
	}
	s := string(r.b[:l])
	r.b = r.b[l:]
	return s
}

func (r *snapReader) u64() uint64 {
	if r.err != nil {
		return 0
	}
	if len(r.b) < 8 {
		r.fail("number")
		return 0
	}
	v := binary.LittleEndian.Uint64(r.b)
	r.b = r.b[8:]
	return v
}

func (r *snapReader) f64() float64 {
	if r.err != nil {
		return 0
	}
	if len(r.b) < 8 {
		r.fail("float")
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(r.b))
	r.b = r.b[8:]
	return v
}

func (r *snapReader) time() time.Time {
	sec := r.varint()
	ns := r.uvarint()
	if r.err != nil {
		return time.Time{}
	}
	if ns >= 1e9 {
		r.fail("time")
		return time.Time{}
	}
	return time.Unix(sec, int64(ns)).UTC()
}
