package dedupe

import (
	"context"
	"fmt"
	"math/bits"
	"slices"
	"sync"
	"unsafe"
)

// memStore is the in-memory Store. Everything is kept in flat arrays
// indexed by a document number, so that a document costs a few hundred
// bytes and no pointers:
//
//   - ids concatenated in one byte arena with end offsets,
//   - signatures in fixed chunks of sigChunk documents (never copied when
//     the store grows),
//   - per-document size, union-find parent, removed and bucketed bits,
//   - an open-addressing id table of document numbers,
//   - the LSH buckets: one open-addressing table per band, all in one
//     []uint32, holding the document number and a fingerprint of the band
//     key (see lshTables).
type memStore struct {
	mu       sync.RWMutex
	closed   bool
	k        int // signature length, fixed by the first insert
	lsh      LSH
	idData   []byte
	idEnd    []uint32
	sizes    []uint32
	parent   []uint32 // union-find over document numbers: the group of each document
	dead     []uint64 // removed documents (bit set)
	bucketed []uint64 // documents in the LSH tables (bit set)
	sigs     [][]uint16
	byID     idTable
	tabs     lshTables
	n        int // live entries
	// scan is what the last Candidates call found out about where its
	// signature goes in the tables; Insert of that signature puts it there
	// without hashing and scanning the buckets again.
	scan pendingScan
}

// pendingScan is the result of a candidate scan that an Insert of the
// same signature can use: the band keys and the free slot at the end of
// each band's bucket (-1 when the bucket is full), valid while the tables
// are at version ver. It has its own lock, as Candidates holds only the
// store's read lock.
type pendingScan struct {
	mu   sync.Mutex
	ver  uint64
	sig  []uint16
	keys []uint64
	ins  []int
}

// save records a scan of sig at tables version ver.
func (p *pendingScan) save(ver uint64, sig []uint16, keys []uint64, ins []int) {
	p.mu.Lock()
	p.ver = ver
	p.sig = append(p.sig[:0], sig...)
	p.keys = append(p.keys[:0], keys...)
	p.ins = append(p.ins[:0], ins...)
	p.mu.Unlock()
}

// take reports whether the last scan was of sig at tables version ver,
// copying its slots and keys to ins and keys if so.
func (p *pendingScan) take(ver uint64, sig []uint16, keys []uint64, ins []int) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.sig == nil || p.ver != ver || len(p.keys) != len(keys) || !sameValues(p.sig, sig) {
		return false
	}
	copy(keys, p.keys)
	copy(ins, p.ins)
	p.sig = p.sig[:0] // used once
	return true
}

// sameValues is slices.Equal(a, b), comparing the bytes at once (a
// signature of 128 values in a few wide compares instead of 128 steps).
func sameValues(a, b []uint16) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 {
		return true
	}
	return unsafe.String((*byte)(unsafe.Pointer(&a[0])), 2*len(a)) ==
		unsafe.String((*byte)(unsafe.Pointer(&b[0])), 2*len(b))
}

const (
	sigChunk = 1024 // documents per signature chunk
	// maxPerBucket bounds the entries read from one bucket, so that a
	// flood of near-identical documents cannot make queries quadratic.
	maxPerBucket = 64
	maxDocs      = 1<<32 - 2
	maxIDBytes   = 1<<32 - 1
)

func newMemStore() *memStore { return &memStore{} }

func (m *memStore) docs() int { return len(m.idEnd) }

func (m *memStore) sig(doc uint32) []uint16 {
	c := m.sigs[doc/sigChunk]
	i := int(doc%sigChunk) * m.k
	return c[i : i+m.k : i+m.k]
}

func (m *memStore) idBytes(doc uint32) []byte {
	start := uint32(0)
	if doc > 0 {
		start = m.idEnd[doc-1]
	}
	return m.idData[start:m.idEnd[doc]]
}

func (m *memStore) id(doc uint32) string { return string(m.idBytes(doc)) }

// idView is the id of doc without a copy: valid only while the arena does
// not grow (a lock held).
func (m *memStore) idView(doc uint32) string {
	b := m.idBytes(doc)
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

func (m *memStore) isDead(doc uint32) bool     { return m.dead[doc>>6]&(1<<(doc&63)) != 0 }
func (m *memStore) isBucketed(doc uint32) bool { return m.bucketed[doc>>6]&(1<<(doc&63)) != 0 }

// lookup returns the number of the live document with the given id.
func (m *memStore) lookup(id string) (uint32, bool) {
	d, ok := m.byID.find(m, id)
	if !ok || m.isDead(d) {
		return 0, false
	}
	return d, true
}

func (m *memStore) configure(k int, lsh LSH) error {
	if m.k == 0 && m.docs() == 0 {
		if k <= 0 || lsh.Bands <= 0 || lsh.Rows <= 0 || lsh.Bands*lsh.Rows > k {
			return fmt.Errorf("invalid layout: %d values in %d×%d bands", k, lsh.Bands, lsh.Rows)
		}
		m.k, m.lsh = k, lsh
		return nil
	}
	if m.k != k || m.lsh != lsh {
		return fmt.Errorf("store holds signatures of %d values in %d bands of %d rows, not %d in %d×%d",
			m.k, m.lsh.Bands, m.lsh.Rows, k, lsh.Bands, lsh.Rows)
	}
	return nil
}

// appendDoc stores a new document (the caller holds the write lock and
// has checked the layout) and returns its number.
func (m *memStore) appendDoc(id string, size, parent uint32, sig []uint16, dead bool) (uint32, error) {
	doc := uint32(m.docs())
	if uint64(doc) >= maxDocs {
		return 0, fmt.Errorf("dedupe: memory store: full")
	}
	if uint64(len(m.idData))+uint64(len(id)) > maxIDBytes {
		return 0, fmt.Errorf("dedupe: memory store: ids exceed 4 GiB")
	}
	m.idData = append(m.idData, id...)
	m.idEnd = append(m.idEnd, uint32(len(m.idData)))
	m.sizes = append(m.sizes, size)
	m.parent = append(m.parent, parent)
	if int(doc>>6) >= len(m.dead) {
		m.dead = append(m.dead, 0)
		m.bucketed = append(m.bucketed, 0)
	}
	if doc%sigChunk == 0 {
		m.sigs = append(m.sigs, make([]uint16, sigChunk*m.k))
	}
	copy(m.sig(doc), sig)
	if dead {
		m.dead[doc>>6] |= 1 << (doc & 63)
	} else {
		m.n++
	}
	m.byID.set(m, id, doc)
	return doc, nil
}

func (m *memStore) Insert(ctx context.Context, e *Entry, lsh LSH, index bool) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return fmt.Errorf("dedupe: memory store: %w", ErrClosed)
	}
	if err := m.configure(len(e.Sig), lsh); err != nil {
		return fmt.Errorf("dedupe: memory store: %w", err)
	}
	if _, ok := m.lookup(e.ID); ok {
		return fmt.Errorf("dedupe: %q: %w", e.ID, ErrDuplicateID)
	}
	par := uint32(m.docs())
	if e.Cluster != "" && e.Cluster != e.ID {
		if c, ok := m.byID.find(m, e.Cluster); ok {
			par = m.find(c)
		}
	}
	if index {
		m.tabs.reserve(m, 1)
	}
	doc, err := m.appendDoc(e.ID, e.Size, par, e.Sig, false)
	if err != nil {
		return err
	}
	if index {
		var kbuf [64]uint64
		var ibuf [64]int
		if bands := m.lsh.Bands; bands <= len(kbuf) && m.scan.take(m.tabs.ver, e.Sig, kbuf[:bands], ibuf[:bands]) {
			m.tabs.insertAt(m, doc, ibuf[:bands], kbuf[:bands])
		} else {
			m.tabs.insert(m, doc)
		}
	}
	return nil
}

// candidates appends the numbers of the documents sharing a bucket with
// sig to dst, and, when ins is not nil, records in it the free slot where
// each band's bucket scan ended, or -1 where the bucket already holds
// maxPerBucket entries with the key's fingerprint (where place would not
// add it).
func (m *memStore) candidates(sig []uint16, dst []uint32, ins []int, keys []uint64) []uint32 {
	t := &m.tabs
	if t.nb == 0 {
		return dst
	}
	bands := m.lsh.Bands
	var kbuf [64]uint64
	var hbuf [64]int
	if keys == nil {
		keys = kbuf[:0]
		if bands <= len(kbuf) {
			keys = kbuf[:bands]
		} else {
			keys = make([]uint64, bands)
		}
	}
	homes := hbuf[:0]
	if bands <= len(hbuf) {
		homes = hbuf[:bands]
	} else {
		homes = make([]int, bands)
	}
	size := t.nb * bucketSlots
	// first every band's home slot, loads that do not wait for each other
	// (the tables are far larger than the caches)
	var occupied uint32
	m.lsh.keysInto(sig, keys[:bands])
	for b, key := range keys[:bands] {
		homes[b] = t.home(key)
		occupied |= t.slots[b*size+homes[b]]
	}
	r := m.lsh.Rows
	for b := range bands {
		tab := t.slots[b*size : (b+1)*size]
		fp := t.fingerprint(keys[b])
		rows := sig[b*r : (b+1)*r]
		found, same := 0, 0
		i := homes[b]
		for ; occupied != 0 && tab[i] != 0; i = t.next(i) {
			s := tab[i]
			if s&^t.docMask != fp {
				continue
			}
			same++
			if found >= maxPerBucket {
				break // no insert into a full bucket: the scan may stop
			}
			doc := s&t.docMask - 1
			if slices.Equal(m.sig(doc)[b*r:(b+1)*r], rows) {
				dst = append(dst, doc)
				found++
			}
		}
		if ins != nil {
			ins[b] = i
			if same >= maxPerBucket {
				ins[b] = -1 // the bucket is full: do not add to it
			}
		}
	}
	slices.Sort(dst)
	return slices.Compact(dst)
}

func (m *memStore) Candidates(ctx context.Context, sig []uint16, lsh LSH, fn func(e *Entry) bool) error {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if m.closed {
		return fmt.Errorf("dedupe: memory store: %w", ErrClosed)
	}
	if m.docs() == 0 {
		return nil
	}
	if m.k != len(sig) || m.lsh != lsh {
		return fmt.Errorf("dedupe: memory store: signature of %d values in %d×%d bands does not fit the store's %d in %d×%d",
			len(sig), lsh.Bands, lsh.Rows, m.k, m.lsh.Bands, m.lsh.Rows)
	}
	var buf [512]uint32
	var cands []uint32
	if bands := m.lsh.Bands; bands <= 64 {
		var kbuf [64]uint64
		var ibuf [64]int
		cands = m.candidates(sig, buf[:0], ibuf[:bands], kbuf[:bands])
		if m.tabs.nb > 0 {
			m.scan.save(m.tabs.ver, sig, kbuf[:bands], ibuf[:bands])
		}
	} else {
		cands = m.candidates(sig, buf[:0], nil, nil)
	}
	var e *Entry // one per call, and none when there are no candidates
	for i := len(cands) - 1; i >= 0; i-- {
		doc := cands[i]
		if m.isDead(doc) {
			continue
		}
		if e == nil {
			e = new(Entry)
		}
		// views of the id arena, valid during the call (the read lock
		// keeps the arena from moving): no allocation per candidate
		*e = Entry{ID: m.idView(doc), Cluster: m.idView(m.find(doc)), Size: m.sizes[doc], Sig: m.sig(doc)}
		if !fn(e) {
			break
		}
	}
	return nil
}

// find returns the root of doc's group without path compression (readers
// hold only the read lock); unions keep the trees flat.
func (m *memStore) find(doc uint32) uint32 {
	for m.parent[doc] != doc {
		doc = m.parent[doc]
	}
	return doc
}

// findCompress is find with path compression (write lock held).
func (m *memStore) findCompress(doc uint32) uint32 {
	r := m.find(doc)
	for doc != r {
		next := m.parent[doc]
		m.parent[doc] = r
		doc = next
	}
	return r
}

func (m *memStore) Lookup(ctx context.Context, id string) (*Entry, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	d, ok := m.lookup(id)
	if !ok {
		return nil, nil
	}
	return &Entry{ID: id, Cluster: m.id(m.find(d)), Size: m.sizes[d], Sig: slices.Clone(m.sig(d))}, nil
}

func (m *memStore) Remove(ctx context.Context, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return fmt.Errorf("dedupe: memory store: %w", ErrClosed)
	}
	d, ok := m.lookup(id)
	if !ok {
		return nil
	}
	// The document stays as a tombstone: its number may be the root of a
	// group, and its bucket slots are skipped by Candidates.
	m.dead[d>>6] |= 1 << (d & 63)
	m.n--
	return nil
}

func (m *memStore) Union(ctx context.Context, a, b string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	da, oka := m.byID.find(m, a)
	db, okb := m.byID.find(m, b)
	if !oka || !okb {
		return "", fmt.Errorf("dedupe: memory store: union of unknown groups %q and %q", a, b)
	}
	ra, rb := m.find(da), m.find(db)
	if rb < ra {
		ra, rb = rb, ra
	}
	m.parent[rb] = ra
	// flatten the paths of a and b
	for _, d := range []uint32{da, db} {
		for d != ra {
			next := m.parent[d]
			m.parent[d] = ra
			d = next
		}
	}
	return m.id(ra), nil
}

func (m *memStore) Root(ctx context.Context, cluster string) (string, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	d, ok := m.byID.find(m, cluster)
	if !ok {
		return cluster, nil
	}
	return m.id(m.find(d)), nil
}

func (m *memStore) Len(ctx context.Context) (int, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.n, nil
}

func (m *memStore) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.closed = true
	return nil
}

// idTable maps ids to document numbers: open addressing over document
// number + 1 (0 is empty), compared through the id arena.
type idTable struct {
	slots []uint32
	used  int
}

// hashID hashes an id eight bytes at a time (in-memory only, so it may
// change between versions).
func hashID(id string) uint64 {
	h := uint64(0x1d)
	i := 0
	for ; i+8 <= len(id); i += 8 {
		h = absorb(h, load8(id, i))
	}
	var w uint64
	for k := 0; i < len(id); i, k = i+1, k+1 {
		w |= uint64(id[i]) << (8 * k)
	}
	return mix64(absorb(h, w) ^ uint64(len(id)))
}

// find returns the latest document added with the id (live or removed).
func (t *idTable) find(m *memStore, id string) (uint32, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	mask := uint64(len(t.slots) - 1)
	for i := hashID(id) & mask; t.slots[i] != 0; i = (i + 1) & mask {
		if d := t.slots[i] - 1; string(m.idBytes(d)) == id {
			return d, true
		}
	}
	return 0, false
}

// set points id at doc, replacing an earlier document with the same id.
func (t *idTable) set(m *memStore, id string, doc uint32) {
	if (t.used+1)*4 > len(t.slots)*3 {
		old := t.slots
		t.slots = make([]uint32, max(64, 2*len(old)))
		mask := uint64(len(t.slots) - 1)
		for _, s := range old {
			if s == 0 {
				continue
			}
			i := hashID(string(m.idBytes(s-1))) & mask
			for t.slots[i] != 0 {
				i = (i + 1) & mask
			}
			t.slots[i] = s
		}
	}
	mask := uint64(len(t.slots) - 1)
	i := hashID(id) & mask
	for ; t.slots[i] != 0; i = (i + 1) & mask {
		if string(m.idBytes(t.slots[i]-1)) == id {
			t.slots[i] = doc + 1
			return
		}
	}
	t.slots[i] = doc + 1
	t.used++
}

// lshTables holds one open-addressing table per band, each of nb buckets
// of bucketSlots uint32 slots (a 64-byte cache line), in one slice. A
// bucket key chooses its home slot anywhere in the table; entries go to
// the first free slot from there (linear probing), so all entries with a
// key are found, in the order they were added, by scanning from its home
// slot to the first empty slot. (Homing at a slot rather than at the start
// of a bucket keeps that scan about two slots long at half load instead of
// the whole bucket's entries.) A slot holds the document number + 1 in its
// low docBits bits and, above them, a fingerprint of the band key, so that
// a scan rarely reads a signature that does not match. Tables grow at 75%
// load: by 4 while small, by 3/2 once they have 1024 buckets (not to
// powers of two), which keeps the slots of large tables 50-75% full;
// docBits grows with the store.
type lshTables struct {
	ver     uint64 // bumped by every change of the slots
	slots   []uint32
	nb      int // buckets per table
	used    int // entries per table (the same in every band)
	docBits uint
	docMask uint32
	fpMask  uint32
}

const (
	bucketSlots = 16
	maxLoadNum  = 15 // max load 15/20 = 75%
	maxLoadDen  = 20
)

func (t *lshTables) home(key uint64) int {
	return int((key >> 32) * uint64(t.nb*bucketSlots) >> 32)
}

func (t *lshTables) next(i int) int {
	i++
	if i == t.nb*bucketSlots {
		i = 0
	}
	return i
}

func (t *lshTables) fingerprint(key uint64) uint32 {
	return uint32(key) & t.fpMask << t.docBits
}

// reserve makes room for n more entries and for the document numbers of
// the next n documents, rebuilding the tables if needed.
func (t *lshTables) reserve(m *memStore, n int) {
	nextDoc := uint64(m.docs()) + uint64(n)
	size := t.nb * bucketSlots
	if (t.used+n)*maxLoadDen <= size*maxLoadNum && nextDoc < 1<<t.docBits {
		return
	}
	nb := t.nb
	for (t.used+n)*maxLoadDen > nb*bucketSlots*maxLoadNum {
		if nb < 1024 {
			nb = max(4, nb*4) // small tables: fewer rebuilds
		} else {
			nb = nb * 3 / 2
		}
	}
	t.rebuild(m, nb, nextDoc)
}

func (t *lshTables) rebuild(m *memStore, nb int, nextDoc uint64) {
	t.ver++
	t.nb = nb
	// document numbers with headroom: rebuilding for docBits is rare
	t.docBits = uint(min(32, max(12, bits.Len64(2*nextDoc+1))))
	t.docMask = uint32(1<<t.docBits - 1)
	t.fpMask = uint32(1<<(32-t.docBits) - 1)
	t.slots = make([]uint32, m.lsh.Bands*nb*bucketSlots)
	t.used = 0
	for d := 0; d < m.docs(); d++ {
		if m.isBucketed(uint32(d)) {
			t.insert(m, uint32(d))
		}
	}
}

// insert puts doc into every band's table (space must be reserved).
func (t *lshTables) insert(m *memStore, doc uint32) {
	t.ver++
	size := t.nb * bucketSlots
	sig := m.sig(doc)
	var kbuf [64]uint64
	keys := kbuf[:0]
	if m.lsh.Bands <= len(kbuf) {
		keys = kbuf[:m.lsh.Bands]
	} else {
		keys = make([]uint64, m.lsh.Bands)
	}
	m.lsh.keysInto(sig, keys)
	for b, key := range keys {
		t.place(t.slots[b*size:(b+1)*size], key, doc)
	}
	t.used++
	m.bucketed[doc>>6] |= 1 << (doc & 63)
}

// place puts doc into the bucket of key in one band's table, unless the
// bucket already holds maxPerBucket entries with the key's fingerprint
// (a flood of near-identical documents: more entries would make every scan
// of the bucket, and so the stream, quadratic).
func (t *lshTables) place(tab []uint32, key uint64, doc uint32) {
	fp := t.fingerprint(key)
	same := 0
	i := t.home(key)
	for ; tab[i] != 0; i = t.next(i) {
		if tab[i]&^t.docMask == fp {
			if same++; same >= maxPerBucket {
				return
			}
		}
	}
	tab[i] = fp | (doc + 1)
}

// insertAt puts doc into the free slots found by the candidate scan
// (-1: the bucket is full).
func (t *lshTables) insertAt(m *memStore, doc uint32, ins []int, keys []uint64) {
	t.ver++
	size := t.nb * bucketSlots
	for b := 0; b < m.lsh.Bands; b++ {
		if ins[b] >= 0 {
			t.slots[b*size+ins[b]] = t.fingerprint(keys[b]) | (doc + 1)
		}
	}
	t.used++
	m.bucketed[doc>>6] |= 1 << (doc & 63)
}

// sortSimilar orders matches best first and keeps maxSimilar.
func sortSimilar(sims *[]Similar) {
	s := *sims
	slices.SortStableFunc(s, cmpScore)
	if len(s) > maxSimilar {
		*sims = s[:maxSimilar]
	}
}

// cmpScore orders matches by decreasing score.
func cmpScore(a, b Similar) int {
	switch {
	case a.Score > b.Score:
		return -1
	case a.Score < b.Score:
		return 1
	}
	return 0
}
