package dedupe

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/diplotext/diplotext/text"
)

// The sketching code was made faster in session 6 without changing a
// value: these tests hold it to verbatim copies of the code before
// (ref_test.go), so snapshots and Redis stores written before still match.

func randomShingles(r *rand.Rand, n int) []uint64 {
	hs := make([]uint64, n)
	for i := range hs {
		hs[i] = r.Uint64()
		if i > 0 && r.IntN(8) == 0 {
			hs[i] = hs[r.IntN(i)] // repeats, as in real texts
		}
	}
	return hs
}

func TestOPHEqualsReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, k := range []int{16, 64, 128, 256} {
		for n := 0; n < 3000; n += 1 + n/8 {
			for trial := 0; trial < 4; trial++ {
				hs := randomShingles(r, n)
				got, want := make([]uint16, k), make([]uint16, k)
				ophInto(hs, got, make([]uint64, k))
				ophIntoRef(hs, want, make([]uint64, k))
				if !slices.Equal(got, want) {
					t.Fatalf("k=%d n=%d: sketch differs from the reference", k, n)
				}
			}
		}
	}
}

func TestDistinctEqualsReference(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var set, setRef []uint32
	for n := 0; n < 5000; n += 1 + n/8 {
		hs := randomShingles(r, n)
		var got, want int
		got, set = distinct(hs, set)
		want, setRef = distinctRef(hs, setRef)
		if got != want {
			t.Fatalf("n=%d: %d distinct, reference %d", n, got, want)
		}
	}
}

func TestJaccardEqualsReference(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, k := range []int{16, 32, 128, 256, 1024} {
		for trial := 0; trial < 200; trial++ {
			a, b := Sketch{Sig: make([]uint16, k), Size: uint32(r.IntN(3))}, Sketch{Sig: make([]uint16, k), Size: uint32(r.IntN(3))}
			p := r.Float64()
			for i := range a.Sig {
				a.Sig[i] = uint16(r.Uint32())
				if r.Float64() < p {
					b.Sig[i] = a.Sig[i]
				} else {
					b.Sig[i] = uint16(r.Uint32())
				}
			}
			if got, want := Jaccard(a, b), jaccardRef(a, b); got != want {
				t.Fatalf("k=%d: Jaccard %v, reference %v", k, got, want)
			}
			// unaligned views take the plain loop
			for _, off := range [][2]int{{1, 1}, {0, 3}, {2, 0}} {
				n := k - 3
				a2, b2 := Sketch{Sig: a.Sig[off[0] : off[0]+n], Size: a.Size}, Sketch{Sig: b.Sig[off[1] : off[1]+n], Size: b.Size}
				if got, want := Jaccard(a2, b2), jaccardRef(a2, b2); got != want {
					t.Fatalf("k=%d at offsets %v: Jaccard %v, reference %v", k, off, got, want)
				}
			}
		}
	}
	short := Sketch{Sig: make([]uint16, 5), Size: 1}
	if got, want := Jaccard(short, short), jaccardRef(short, short); got != want {
		t.Fatalf("5 values: Jaccard %v, reference %v", got, want)
	}
}

func TestLSHKeyEqualsReference(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	sig := make([]uint16, 130)
	for i := range sig {
		sig[i] = uint16(r.Uint32())
	}
	for _, l := range []LSH{{32, 2}, {16, 4}, {8, 3}, {42, 3}, {128, 1}, {1, 1}, {64, 2}, {65, 2}, {3, 0}, {-1, 2}, {2, -3}, {1 << 17, 1}} {
		for b := -2; b < 70; b++ {
			for _, s := range [][]uint16{sig, sig[:128], sig[:7], nil} {
				if got, want := l.Key(s, b), lshKeyRef(l, s, b); got != want {
					t.Fatalf("%v band %d of %d values: key %x, reference %x", l, b, len(s), got, want)
				}
			}
		}
		for _, s := range [][]uint16{sig, sig[:128], sig[:64], sig[:7], nil} {
			keys := make([]uint64, min(max(l.Bands, 0), 100))
			l.keysInto(s, keys)
			for b, k := range keys {
				if want := lshKeyRef(l, s, b); k != want {
					t.Fatalf("%v band %d of %d values: keysInto %x, reference %x", l, b, len(s), k, want)
				}
			}
		}
	}
}

// shingleCases are texts that exercise the scanner's paths: short and
// long ASCII words, words at the very end, non-ASCII letters inside and
// after ASCII words, non-ASCII separators, combining marks, invalid UTF-8.
var shingleCases = []string{
	"", "a", "ab cd", "one two three", "Russia's U.S.-led talks, in Geneva.",
	"internationalisation and counterrevolutionaries abcdefgh abcdefghi",
	"café naïve Zürich «quoted» — dash “curly” São Paulo ÅSTRÖM",
	"x\u0301y e\u0301t\u00e9 \xff\xfe bad utf8 \xc3",
	"ABCDEFG HIJKLMNOP QRSTUVWXYZ 0123456789 1,234.56",
	"word\u00e9 wordé abcdefgé abcdefghé abcdefghijklmnoé",
	"  \t\n  spaces   before and after   ",
	"a-b-c-d-e-f-g-h-i-j-k-l", "Ελληνικά κείμενα και русский текст",
}

func TestShingle3EqualsReference(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	cases := slices.Clone(shingleCases)
	alphabet := []string{"a", "B", "z", "0", "9", " ", ".", "'", "-", "é", "Ü", "—", "\u0301", "\xff", "\n", "Zx", "qwertyuiop", "ABCDEFGH", "abcdefghijklmno", "Tuesday"}
	for i := 0; i < 3000; i++ {
		var sb strings.Builder
		for n := r.IntN(60); n > 0; n-- {
			sb.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		cases = append(cases, sb.String())
	}
	// texts of several 64-byte blocks, mostly short ASCII words (the fast
	// path) with the odd long word and non-ASCII letter at every offset
	common := []string{"the", "of", "Reuters", "said", "a", "in", "1987", " ", " ", " ", ", ", ".\n", "tonnes", "U.K.", "INTERVENTION"}
	for i := 0; i < 2000; i++ {
		var sb strings.Builder
		for n := r.IntN(400); n > 0; n-- {
			if r.IntN(20) == 0 {
				sb.WriteString(alphabet[r.IntN(len(alphabet))])
			} else {
				sb.WriteString(common[r.IntN(len(common))])
			}
		}
		cases = append(cases, sb.String())
	}
	for _, s := range cases {
		checkShingle3(t, s)
		for cut := 0; cut <= len(s) && cut < 40; cut++ {
			checkShingle3(t, s[:cut])
			checkShingle3(t, s[cut:])
		}
	}
}

func checkShingle3(t *testing.T, s string) {
	t.Helper()
	got, want := wordShingle3(s, nil), wordShingle3Ref(s, nil)
	if !slices.Equal(got, want) {
		t.Fatalf("%q: shingles %x, reference %x", s, got, want)
	}
}

func FuzzShingle3EqualsReference(f *testing.F) {
	for _, s := range shingleCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkShingle3(t, s)
		hs := wordShingle3(s, nil)
		k := 128
		got, want := make([]uint16, k), make([]uint16, k)
		ophInto(hs, got, make([]uint64, k))
		ophIntoRef(hs, want, make([]uint64, k))
		if !slices.Equal(got, want) {
			t.Fatalf("%q: sketch differs from the reference", s)
		}
	})
}

func TestGatherHigh(t *testing.T) {
	for m := 0; m < 256; m++ {
		var x uint64
		for j := 0; j < 8; j++ {
			if m>>j&1 != 0 {
				x |= 0x80 << (8 * j)
			}
		}
		if got := gatherHigh(x); got != uint64(m) {
			t.Fatalf("gatherHigh(%#x) = %#x, want %#x", x, got, m)
		}
	}
}

func TestClassify64(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	interesting := []byte{0, '\t', '\n', 0x10, 0x19, ' ', '/', '0', '9', ':', '@', 'A', 'Z', '[', '`', 'a', 'z', '{', 0x7f, 0x80, 0xaf, 0xc3, 0xdf, 0xe0, 0xff}
	var b [blockBytes]byte
	for n := 0; n < 20000; n++ {
		for j := range b {
			if n < 256 {
				b[j] = byte(n) // every byte value in every lane
			} else if r.IntN(2) == 0 {
				b[j] = interesting[r.IntN(len(interesting))]
			} else {
				b[j] = byte(r.IntN(256))
			}
		}
		gw, gh := classify64(&b[0])
		ww, wh := classify64Go(&b[0])
		if gw != ww || gh != wh {
			t.Fatalf("classify64(%q) = %#x, %#x; want %#x, %#x", b, gw, gh, ww, wh)
		}
		for j, c := range b {
			alnum := '0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'z'
			if (ww>>j&1 != 0) != alnum || (wh>>j&1 != 0) != (c >= 0x80) {
				t.Fatalf("classify64Go(%q): byte %d (%#x) misclassified", b, j, c)
			}
		}
	}
}

func TestBlockValues(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	pieces := []string{"a", "Zz", "the", "Reuters", "ABCDEFGH", "tonnes1987", "abcdefghijklmno", "ABCDEFGHIJKLMNOP", "0123456789abcdefghij", " ", " ", ", ", "\n", ".", "-"}
	for n := 0; n < 20000; n++ {
		var sb strings.Builder
		for sb.Len() < blockBytes+16 {
			sb.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := sb.String()[:blockBytes+16]
		word, _ := classify64Go(unsafe.StringData(s))
		limit := uint(blockBytes)
		if n%3 == 0 {
			limit = uint(r.IntN(blockBytes))
			word &= 1<<limit - 1
		}
		starts := word &^ (word << 1)
		ends := ^word & (word << 1) & (1<<(limit&63) - 1 | -uint64(limit>>6))
		var got, want [blockShingles + 1]uint64
		gn, gs, gl := blockValues(unsafe.StringData(s), starts, ends, &got[0])
		wn, ws, wl := blockValuesGo(unsafe.StringData(s), starts, ends, &want[0])
		if gn != wn || gs != ws || gl != wl || got != want {
			t.Fatalf("%q limit %d: blockValues = %d, %d, %v, %x; want %d, %d, %v, %x", s, limit, gn, gs, gl, got[:gn], wn, ws, wl, want[:wn])
		}
	}
}

func TestShingleConstants(t *testing.T) {
	if shingleMul0 != shingleMul[0] || shingleMul1 != shingleMul[1] || shingleMul2 != shingleMul[2] || shingleSeed3 != shingleSeed {
		t.Fatal("the shingle constants differ from shingleMul and shingleSeed")
	}
	for _, ws := range [][]uint64{{1}, {1, 2}, {1, 2, 3}, {^uint64(0), 7, 1 << 63}} {
		want := shingleHash(ws, 3)
		var got uint64
		switch len(ws) {
		case 1:
			got = mix64(shingleSeed3 + 1 + ws[0]*shingleMul2)
		case 2:
			got = mix64(shingleSeed3 + 2 + ws[0]*shingleMul1 + ws[1]*shingleMul2)
		default:
			got = shingle3(ws[0], ws[1], ws[2])
		}
		if got != want {
			t.Fatalf("%x: %x, shingleHash %x", ws, got, want)
		}
	}
}

// TestScanThenInsertSameTables: an Insert that follows a Candidates call
// of the same signature puts the entry where the scan ended; the tables
// must come out slot for slot as when every entry is placed by hashing
// and scanning again, also for floods that fill buckets (64 entries per
// key) and across table growth.
func TestScanThenInsertSameTables(t *testing.T) {
	ix, err := NewIndex()
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	var texts []string
	for i := range 3000 {
		switch {
		case i%7 == 0:
			texts = append(texts, article(uint64(i/7%40), 60)) // repeats
		case i%11 == 0:
			texts = append(texts, "the same short flood text with one word changed "+strings.Repeat("x", i%5))
		default:
			texts = append(texts, article(uint64(i), 30+i%200))
		}
	}
	scanned, placed := newMemStore(), newMemStore()
	for i, s := range texts {
		sk := ix.Sketch(&text.Document{Text: s})
		e := &Entry{ID: fmt.Sprint("d", i), Cluster: fmt.Sprint("d", i), Size: sk.Size, Sig: sk.Sig}
		if err := scanned.Candidates(ctx, e.Sig, ix.LSH(), func(*Entry) bool { return true }); err != nil {
			t.Fatal(err)
		}
		if i%13 == 5 {
			// another signature's scan in between: the insert must not use it
			other := ix.Sketch(&text.Document{Text: texts[(i*7)%len(texts)] + " other"})
			if err := scanned.Candidates(ctx, other.Sig, ix.LSH(), func(*Entry) bool { return true }); err != nil {
				t.Fatal(err)
			}
		}
		for _, st := range []*memStore{scanned, placed} {
			if err := st.Insert(ctx, e, ix.LSH(), true); err != nil {
				t.Fatal(err)
			}
		}
	}
	if scanned.tabs.nb != placed.tabs.nb || !slices.Equal(scanned.tabs.slots, placed.tabs.slots) {
		t.Fatal("tables filled through candidate scans differ from tables filled by place")
	}
	full := 0
	for _, x := range scanned.tabs.slots {
		if x != 0 {
			full++
		}
	}
	if full == 0 {
		t.Fatal("empty tables")
	}
}

func TestKnownLSH(t *testing.T) {
	for _, kn := range knownLSH {
		k := kn.key
		if got := optimalLSH(k.threshold, k.k, k.maxBands, k.wFP, k.wFN); got != kn.lsh {
			t.Errorf("optimalLSH%v = %v, the table says %v", k, got, kn.lsh)
		}
	}
	ix, err := NewIndex()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ix.LSH(), knownLSH[0].lsh; got != want {
		t.Errorf("default index bands %v, want the table's %v", got, want)
	}
}

// TestConcurrentAddQueryScan: Adds (which reuse the Index's entry and
// match state, and the store's pending scan) and Queries (which scan the
// store with their own state) from several goroutines give every document
// the group a sequential run gives it when the order of adds is fixed, and
// run clean under the race detector.
func TestConcurrentAddQueryScan(t *testing.T) {
	ctx := t.Context()
	docs := make([]string, 400)
	for i := range docs {
		docs[i] = article(uint64(i%150), 80)
	}
	seq, err := NewIndex()
	if err != nil {
		t.Fatal(err)
	}
	want := make([]string, len(docs))
	for i, d := range docs {
		r, err := seq.Add(ctx, fmt.Sprint(i), d)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = r.Cluster
	}
	ix, err := NewIndex()
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 3 {
		wg.Go(func() {
			for i := g; i < len(docs); i += 3 {
				if _, err := ix.Query(ctx, docs[(i*7)%len(docs)]); err != nil {
					t.Error(err)
				}
			}
		})
	}
	for i, d := range docs { // adds in order, while the queries run
		r, err := ix.Add(ctx, fmt.Sprint(i), d)
		if err != nil {
			t.Fatal(err)
		}
		if r.Cluster != want[i] {
			t.Errorf("doc %d: group %s, sequential run %s", i, r.Cluster, want[i])
		}
	}
	wg.Wait()
}

// TestEqualValues holds the word-at-a-time count to a value loop, for
// aligned and unaligned slices, lengths that are not a multiple of four,
// and signatures long enough to need more than one block of lane counts.
func TestEqualValues(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for _, n := range []int{0, 1, 3, 4, 5, 16, 127, 128, 1024, 4<<14 + 13, 9 << 14} {
		for _, same := range []float64{0, 0.3, 0.9, 1} {
			a := make([]uint16, n+1)
			b := make([]uint16, n+1)
			for i := range a {
				a[i] = uint16(rng.IntN(4)) // small values: lanes that differ in one bit too
				b[i] = a[i]
				if rng.Float64() >= same {
					b[i] ^= uint16(1 << rng.IntN(16))
				}
			}
			for _, off := range []int{0, 1} {
				x, y := a[off:off+n], b[off:off+n]
				want := 0
				for i := range x {
					if x[i] == y[i] {
						want++
					}
				}
				if got := equalValues(x, y); got != want {
					t.Fatalf("n %d, share %v, offset %d: %d equal values, want %d", n, same, off, got, want)
				}
			}
		}
	}
}

// TestSameValues holds sameValues to slices.Equal.
func TestSameValues(t *testing.T) {
	a := []uint16{1, 2, 3, 0x100, 5}
	for _, c := range []struct{ x, y []uint16 }{
		{nil, nil}, {nil, []uint16{}}, {a, a}, {a[:4], a}, {a, slices.Clone(a)},
		{a, []uint16{1, 2, 3, 0x1, 5}}, {a, []uint16{1, 2, 3, 0x100, 6}}, {[]uint16{0x0102}, []uint16{0x0201}},
	} {
		if got, want := sameValues(c.x, c.y), slices.Equal(c.x, c.y); got != want {
			t.Errorf("sameValues(%v, %v) = %v, want %v", c.x, c.y, got, want)
		}
	}
}
