package dedupe

import (
	"math/bits"
	"slices"
	"sync"
)

// SimHash returns the 64-bit SimHash (Charikar 2002) of a multiset of
// feature hashes, such as the output of a [Shingler]: bit i is set when
// more features have bit i set than clear. Similar documents have
// fingerprints at a small Hamming distance.
func SimHash(features []uint64) uint64 {
	var counts [64]int32
	for _, f := range features {
		for i := 0; i < 64; i++ {
			counts[i] += int32(f>>i&1)*2 - 1
		}
	}
	var h uint64
	for i, c := range counts {
		if c > 0 {
			h |= 1 << i
		}
	}
	return h
}

// SimIndex finds 64-bit fingerprints within a Hamming distance K of a
// query, with the permuted tables of Manku, Jain and Das Sarma (2007): the
// 64 bits are cut into K+1 blocks, and one table per block is keyed by that
// block, so that any fingerprint within distance K agrees exactly with the
// query on at least one block (pigeonhole) and is found in that table.
//
// A SimIndex is safe for concurrent use.
type SimIndex struct {
	k      int
	blocks [][2]uint // bit offset and width of each block
	mu     sync.RWMutex
	tables []map[uint64][]uint32
	fps    []uint64
	ids    []string
}

// NewSimIndex returns a SimIndex for Hamming distance k (0 to 7; default 3
// when out of range).
func NewSimIndex(k int) *SimIndex {
	if k < 0 || k > 7 {
		k = 3
	}
	s := &SimIndex{k: k}
	n := k + 1
	off := uint(0)
	for b := 0; b < n; b++ {
		w := uint(64 / n)
		if b < 64%n {
			w++
		}
		s.blocks = append(s.blocks, [2]uint{off, w})
		s.tables = append(s.tables, map[uint64][]uint32{})
		off += w
	}
	return s
}

func (s *SimIndex) key(fp uint64, b int) uint64 {
	off, w := s.blocks[b][0], s.blocks[b][1]
	return fp >> off & (1<<w - 1)
}

// Add indexes fingerprint fp under id.
func (s *SimIndex) Add(id string, fp uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := uint32(len(s.fps))
	s.fps = append(s.fps, fp)
	s.ids = append(s.ids, id)
	for b := range s.tables {
		k := s.key(fp, b)
		s.tables[b][k] = append(s.tables[b][k], n)
	}
}

// Query returns the ids of the indexed fingerprints within distance K of
// fp, with their distances, each once, in insertion order.
func (s *SimIndex) Query(fp uint64) (ids []string, dists []int) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	seen := map[uint32]bool{}
	var found []uint32
	for b := range s.tables {
		for _, n := range s.tables[b][s.key(fp, b)] {
			if !seen[n] && bits.OnesCount64(s.fps[n]^fp) <= s.k {
				seen[n] = true
				found = append(found, n)
			}
		}
	}
	slices.Sort(found)
	for _, n := range found {
		ids = append(ids, s.ids[n])
		dists = append(dists, bits.OnesCount64(s.fps[n]^fp))
	}
	return ids, dists
}
