package event

import "math/bits"

// sparseRows holds the non-zero rows of a quantised weight table and a
// bitmap of which rows they are, so that a row is found by a popcount:
// the classifier's table keeps 36,455 of its 262,144 rows and the
// tagger's 28,462 of 65,536, and the extraction path then reads about a
// fifth of the memory it read in the dense tables (0.8 MB rather than
// 3.6 MB), which fits a core's second-level cache beside the chunker's
// table and the word rows. A feature's row is all zeros exactly when its
// bit is clear, so the sums are those of the dense tables.
type sparseRows struct {
	idx    []sparseWord // one per 64 rows
	rows   []int16      // stride values per kept row
	stride int
}

// sparseWord is the bitmap of 64 rows and the number of kept rows before
// them.
type sparseWord struct {
	bits uint64
	base uint32
	_    uint32
}

// newSparseRows keeps the rows of q (n values per row of stride st) that
// have a non-zero value.
func newSparseRows(q []int16, n, st int) sparseRows {
	nr := len(q) / st
	s := sparseRows{idx: make([]sparseWord, (nr+63)/64), stride: n}
	kept := 0
	for r := 0; r < nr; r++ {
		row := q[r*st : r*st+n]
		for _, v := range row {
			if v != 0 {
				w := &s.idx[r>>6]
				w.bits |= 1 << (r & 63)
				kept++
				break
			}
		}
	}
	s.rows = make([]int16, 0, kept*n)
	base := 0
	for wi := range s.idx {
		s.idx[wi].base = uint32(base)
		for b := s.idx[wi].bits; b != 0; b &= b - 1 {
			r := wi<<6 | bits.TrailingZeros64(b)
			s.rows = append(s.rows, q[r*st:r*st+n]...)
			base++
		}
	}
	return s
}

// at returns the position in s.rows of row f's values, or -1 when the row
// is all zeros.
func (s *sparseRows) at(f uint32) int {
	w := &s.idx[f>>6]
	bit := uint64(1) << (f & 63)
	if w.bits&bit == 0 {
		return -1
	}
	return (int(w.base) + bits.OnesCount64(w.bits&(bit-1))) * s.stride
}

// clsRow adds the classifier's row f to dst.
func (ft *fastTables) clsRow(dst *[nClasses]int32, f uint32) {
	i := ft.cls.at(f)
	if i < 0 {
		return
	}
	w := ft.cls.rows[i : i+nClasses : i+nClasses]
	dst[0] += int32(w[0])
	dst[1] += int32(w[1])
	dst[2] += int32(w[2])
	dst[3] += int32(w[3])
	dst[4] += int32(w[4])
}

// tagRow adds the tagger's row f to dst.
func (ft *fastTables) tagRow(dst *[nTags]int32, f uint32) {
	i := ft.tag.at(f)
	if i < 0 {
		return
	}
	r := ft.tag.rows[i : i+nTags : i+nTags]
	dst[0] += int32(r[0])
	dst[1] += int32(r[1])
	dst[2] += int32(r[2])
	dst[3] += int32(r[3])
	dst[4] += int32(r[4])
	dst[5] += int32(r[5])
	dst[6] += int32(r[6])
}
