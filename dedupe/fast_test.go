package dedupe

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
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
	for _, l := range []LSH{{32, 2}, {16, 4}, {8, 3}, {1, 1}, {64, 2}, {3, 0}, {-1, 2}, {2, -3}, {1 << 17, 1}} {
		for b := -2; b < 70; b++ {
			for _, s := range [][]uint16{sig, sig[:128], sig[:7], nil} {
				if got, want := l.Key(s, b), lshKeyRef(l, s, b); got != want {
					t.Fatalf("%v band %d of %d values: key %x, reference %x", l, b, len(s), got, want)
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
	alphabet := []string{"a", "B", "z", "0", "9", " ", ".", "'", "-", "é", "Ü", "—", "\u0301", "\xff", "\n", "Zx", "qwertyuiop"}
	for i := 0; i < 3000; i++ {
		var sb strings.Builder
		for n := r.IntN(60); n > 0; n-- {
			sb.WriteString(alphabet[r.IntN(len(alphabet))])
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
