package ner

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// fullPath is Viterbi over every pair of tags, forbidden ones included at
// -inf: what bestPath computes while visiting only the allowed ones.
func fullPath(score []float32, tr *[NumTags + 1][NumTags]float32) []Tag {
	n := len(score) / NumTags
	back := make([]Tag, n*NumTags)
	var prev, cur [NumTags]float32
	for t := 0; t < NumTags; t++ {
		prev[t] = tr[NumTags][t] + score[t]
	}
	for i := 1; i < n; i++ {
		for t := 0; t < NumTags; t++ {
			best, arg := prev[0]+tr[0][t], Tag(0)
			for p := 1; p < NumTags; p++ {
				if v := prev[p] + tr[p][t]; v > best {
					best, arg = v, Tag(p)
				}
			}
			cur[t] = best + score[i*NumTags+t]
			back[i*NumTags+t] = arg
		}
		prev = cur
	}
	out := make([]Tag, n)
	best, arg := negInf, Tag(0)
	for t := Tag(0); t < NumTags; t++ {
		if prev[t] > best {
			best, arg = prev[t], t
		}
	}
	out[n-1] = arg
	for i := n - 1; i > 0; i-- {
		arg = back[i*NumTags+int(arg)]
		out[i-1] = arg
	}
	return out
}

// TestBestPathAllowedOnly checks bestPath against Viterbi over all pairs
// of tags on random scores, coarse ones (many ties) and fine ones, and
// that the tags bestPath visits before each tag are those allowed: all
// of them before O and B-X, B-X and I-X before I-X.
func TestBestPathAllowedOnly(t *testing.T) {
	for b := Tag(0); b < NumTags; b++ {
		for a := Tag(0); a < NumTags; a++ {
			visited := b == O || b.Begin() || a == b || a == b-1
			if allowed(a, b) != visited || isAllowed[a][b] != visited {
				t.Fatalf("tag %d before %d: allowed %v, visited %v", a, b, allowed(a, b), visited)
			}
		}
		if isAllowed[NumTags][b] != (b == O || b.Begin()) {
			t.Fatalf("tag %d at the start: allowed %v", b, isAllowed[NumTags][b])
		}
	}
	rnd := rand.New(rand.NewPCG(7, 8))
	for k := range 5000 {
		steps := float32(4)
		if k%2 == 1 {
			steps = 1 << 20
		}
		val := func() float32 { return float32(rnd.IntN(int(2*steps))-int(steps)) / steps * 3 }
		var tr [NumTags + 1][NumTags]float32
		for a := range tr {
			for b := range tr[a] {
				tr[a][b] = negInf
				if allowed(Tag(a), Tag(b)) {
					tr[a][b] = val()
				}
			}
		}
		n := 1 + rnd.IntN(30)
		score := make([]float32, n*NumTags)
		for i := range score {
			score[i] = val()
		}
		got := make([]Tag, n)
		bestPath(score, make([]Tag, n*NumTags), &tr, got)
		if want := fullPath(score, &tr); !slices.Equal(got, want) {
			t.Fatalf("case %d: got %v, want %v", k, got, want)
		}
	}
}
