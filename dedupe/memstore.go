package dedupe

import (
	"context"
	"fmt"
	"slices"
	"sync"
)

// memStore is the in-memory Store: flat arrays indexed by a document
// number, and per band an open-addressing table of document numbers (the
// band key is recomputed from the stored signature when the table grows,
// so a slot costs 4 bytes).
type memStore struct {
	mu     sync.RWMutex
	closed bool
	k      int // signature length, fixed by the first insert
	lsh    LSH
	ids    []string
	byID   map[string]uint32
	sizes  []uint32
	parent []uint32 // union-find over document numbers: the group of each document
	dead   []uint64 // removed documents (bit set)
	sigs   []uint16 // k values per document
	bands  []bandTable
	n      int // live entries
}

type bandTable struct {
	slots []uint32 // document number + 1; 0 is empty
	used  int
}

// maxPerBucket bounds the entries read from one bucket, so that a flood
// of identical documents cannot make queries quadratic.
const maxPerBucket = 64

func newMemStore() *memStore {
	return &memStore{byID: map[string]uint32{}}
}

func (m *memStore) sig(doc uint32) []uint16 {
	return m.sigs[int(doc)*m.k : int(doc+1)*m.k]
}

func (m *memStore) isDead(doc uint32) bool { return m.dead[doc>>6]&(1<<(doc&63)) != 0 }

func (m *memStore) configure(k int, lsh LSH) error {
	if m.k == 0 && len(m.ids) == 0 {
		m.k, m.lsh = k, lsh
		m.bands = make([]bandTable, lsh.Bands)
		return nil
	}
	if m.k != k || m.lsh != lsh {
		return fmt.Errorf("store holds signatures of %d values in %d bands of %d rows, not %d in %d×%d",
			m.k, m.lsh.Bands, m.lsh.Rows, k, lsh.Bands, lsh.Rows)
	}
	return nil
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
	if d, ok := m.byID[e.ID]; ok && !m.isDead(d) {
		return fmt.Errorf("dedupe: %q: %w", e.ID, ErrDuplicateID)
	}
	doc := uint32(len(m.ids))
	if uint64(doc) >= 1<<32-2 {
		return fmt.Errorf("dedupe: memory store: full")
	}
	par := doc
	if e.Cluster != "" && e.Cluster != e.ID {
		if c, ok := m.byID[e.Cluster]; ok {
			par = m.find(c)
		}
	}
	m.ids = append(m.ids, e.ID)
	m.byID[e.ID] = doc
	m.sizes = append(m.sizes, e.Size)
	m.parent = append(m.parent, par)
	if int(doc>>6) >= len(m.dead) {
		m.dead = append(m.dead, 0)
	}
	m.sigs = append(m.sigs, e.Sig...)
	m.n++
	if index {
		for b := range m.bands {
			m.bands[b].put(m, b, m.lsh.Key(e.Sig, b), doc)
		}
	}
	return nil
}

func (t *bandTable) put(m *memStore, b int, key uint64, doc uint32) {
	if t.used+1 > len(t.slots)*7/10 {
		t.grow(m, b)
	}
	mask := uint64(len(t.slots) - 1)
	for i := key & mask; ; i = (i + 1) & mask {
		if t.slots[i] == 0 {
			t.slots[i] = doc + 1
			t.used++
			return
		}
	}
}

func (t *bandTable) grow(m *memStore, b int) {
	old := t.slots
	n := max(64, len(old)*2)
	t.slots = make([]uint32, n)
	t.used = 0
	mask := uint64(n - 1)
	for _, s := range old {
		if s == 0 {
			continue
		}
		key := m.lsh.Key(m.sig(s-1), b)
		for i := key & mask; ; i = (i + 1) & mask {
			if t.slots[i] == 0 {
				t.slots[i] = s
				t.used++
				break
			}
		}
	}
}

func (m *memStore) Candidates(ctx context.Context, sig []uint16, lsh LSH, fn func(e *Entry) bool) error {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if m.closed {
		return fmt.Errorf("dedupe: memory store: %w", ErrClosed)
	}
	if len(m.ids) == 0 {
		return nil
	}
	if m.k != len(sig) || m.lsh != lsh {
		return fmt.Errorf("dedupe: memory store: signature of %d values in %d×%d bands does not fit the store's %d in %d×%d",
			len(sig), lsh.Bands, lsh.Rows, m.k, m.lsh.Bands, m.lsh.Rows)
	}
	var buf [512]uint32
	cands := buf[:0]
	r := lsh.Rows
	for b := range m.bands {
		t := &m.bands[b]
		if len(t.slots) == 0 {
			continue
		}
		rows := sig[b*r : (b+1)*r]
		mask := uint64(len(t.slots) - 1)
		found := 0
		for i := lsh.Key(sig, b) & mask; t.slots[i] != 0 && found < maxPerBucket; i = (i + 1) & mask {
			doc := t.slots[i] - 1
			if slices.Equal(m.sig(doc)[b*r:(b+1)*r], rows) {
				cands = append(cands, doc)
				found++
			}
		}
	}
	slices.Sort(cands)
	cands = slices.Compact(cands)
	var e Entry
	for i := len(cands) - 1; i >= 0; i-- {
		doc := cands[i]
		if m.isDead(doc) {
			continue
		}
		e = Entry{ID: m.ids[doc], Cluster: m.ids[m.find(doc)], Size: m.sizes[doc], Sig: m.sig(doc)}
		if !fn(&e) {
			break
		}
	}
	return nil
}

// find returns the root of doc's group without path compression (readers
// hold only the read lock); Union keeps the trees flat.
func (m *memStore) find(doc uint32) uint32 {
	for m.parent[doc] != doc {
		doc = m.parent[doc]
	}
	return doc
}

func (m *memStore) Lookup(ctx context.Context, id string) (*Entry, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	d, ok := m.byID[id]
	if !ok || m.isDead(d) {
		return nil, nil
	}
	return &Entry{ID: id, Cluster: m.ids[m.find(d)], Size: m.sizes[d], Sig: slices.Clone(m.sig(d))}, nil
}

func (m *memStore) Remove(ctx context.Context, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return fmt.Errorf("dedupe: memory store: %w", ErrClosed)
	}
	d, ok := m.byID[id]
	if !ok || m.isDead(d) {
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
	da, oka := m.byID[a]
	db, okb := m.byID[b]
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
	return m.ids[ra], nil
}

func (m *memStore) Root(ctx context.Context, cluster string) (string, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	d, ok := m.byID[cluster]
	if !ok {
		return cluster, nil
	}
	return m.ids[m.find(d)], nil
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
