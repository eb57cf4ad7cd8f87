package dedupe

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/diplotext/diplotext/text"
)

// words returns the folded words nextWord finds in s.
func words(s string) []string {
	var out []string
	for i := 0; ; {
		start, end, _ := nextWord(s, i)
		if start < 0 {
			return out
		}
		out = append(out, string(appendFoldWord(nil, s[start:end])))
		i = end
	}
}

func TestWords(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{" \n.,!", nil},
		{"Russia's U.S.-led talks", []string{"russia", "s", "u", "s", "led", "talks"}},
		{"1,000.50 w0rld\tREUTERS", []string{"1", "000", "50", "w0rld", "reuters"}},
		{"Élysée CÔTE d’Ivoire", []string{"élysée", "côte", "d", "ivoire"}},
		{"Straße—ΑΘΗΝΑ…x", []string{"straße", "αθηνα", "x"}},
		{"a\xffb\x00c", []string{"a", "b", "c"}},
		{"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@[`{", []string{"abcdefghijklmnopqrstuvwxyz0123456789"}},
	} {
		if got := words(c.in); !slices.Equal(got, c.want) {
			t.Errorf("words(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// checkScan verifies, for any input, that word bounds are valid and that
// the fast hashes equal byte-by-byte hashing of the folded words, and that
// the specialised 3-gram shingler equals the general one.
func checkScan(t *testing.T, s string) {
	t.Helper()
	prev := 0
	for i := 0; ; {
		start, end, h := nextWord(s, i)
		if start < 0 {
			break
		}
		if start < prev || start >= end || end > len(s) {
			t.Fatalf("word [%d,%d) after %d in %d bytes", start, end, prev, len(s))
		}
		var wh wordHasher
		wh.h = wordSeed
		for _, b := range appendFoldWord(nil, s[start:end]) {
			wh.add(b)
		}
		if wh.sum() != h {
			t.Fatalf("hash of %q differs between fast and byte-wise hashing", s[start:end])
		}
		prev, i = end, end
	}
	if a, b := wordShingle3(s, nil), wordShingleText(s, 3, nil); !slices.Equal(a, b) {
		t.Fatalf("wordShingle3 and wordShingleText(3) differ on %q", s)
	}
}

func TestScanHashesAgree(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const alphabet = "aZ09 .-'QxÉé’ß\xff"
	for range 2000 {
		var b strings.Builder
		for range r.IntN(60) {
			if r.IntN(3) == 0 {
				b.WriteString(alphabet[r.IntN(len(alphabet)):])
			} else {
				b.WriteByte("abcdefghijKLMNOPQRSTUVWXYZ0123456789"[r.IntN(36)])
			}
		}
		checkScan(t, b.String())
	}
	checkScan(t, strings.Repeat("LongWordWithoutSpaces", 100))
}

// TestAddAndAddTextSameShingles: a parsed document and its raw text get the
// same sketch, so the two entry points group alike.
func TestAddAndAddTextSameShingles(t *testing.T) {
	ix, _ := NewIndex()
	sc := ix.getScratch()
	for _, s := range []string{
		article(5, 400),
		"Russia's U.S.-led talks resumed in Geneva on 2026-11-21; the ministers didn't agree.",
		"Élysée: la CÔTE d’Ivoire et l'ONU. https://example.com/a?b=c jane.doe@example.org",
		"one",
		"",
	} {
		want := ix.Sketch(text.Parse(s))
		sig := make([]uint16, ix.cfg.hashes)
		n := ix.sketchText(s, sc, sig)
		if n != want.Size || !slices.Equal(sig, want.Sig) {
			t.Errorf("sketch of %.30q: AddText path differs from Add path", s)
		}
		ws := WordShingles(3)(text.Parse(s), nil)
		if !slices.Equal(ws, wordShingle3(s, nil)) {
			t.Errorf("WordShingles(3) of %.30q differs from the default shingles", s)
		}
	}
}

func FuzzShingles(f *testing.F) {
	f.Add("Russia's U.S.-led talks")
	f.Add("Élysée CÔTE d’Ivoire \xff\x00")
	f.Add(strings.Repeat("ab", 40))
	f.Fuzz(func(t *testing.T, s string) {
		checkScan(t, s)
		cs := CharShingles(5)(&text.Document{Text: s}, nil)
		if len(cs) > len(s)+1 {
			t.Fatalf("%d char shingles from %d bytes", len(cs), len(s))
		}
	})
}

func BenchmarkShingles(b *testing.B) {
	s := article(9, 2000)
	for _, bc := range []struct {
		name string
		fn   func(dst []uint64) []uint64
	}{
		{"bytes", func(dst []uint64) []uint64 { return wordShingle3(s, dst) }},
		{"tokenize+bytes", func(dst []uint64) []uint64 {
			return WordShingles(3)(&text.Document{Text: s, Tokens: text.Tokenize(s, nil)}, dst)
		}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			b.ReportAllocs()
			var dst []uint64
			for b.Loop() {
				dst = bc.fn(dst[:0])
			}
		})
	}
}

func BenchmarkSketch(b *testing.B) {
	s := article(9, 250)
	hs := wordShingle3(s, nil)
	sig := make([]uint16, DefaultHashes)
	mins := make([]uint64, DefaultHashes)
	var set []uint32
	b.Run("shingle", func(b *testing.B) {
		b.SetBytes(int64(len(s)))
		var dst []uint64
		for b.Loop() {
			dst = wordShingle3(s, dst[:0])
		}
	})
	b.Run("oph", func(b *testing.B) {
		for b.Loop() {
			ophInto(hs, sig, mins)
		}
	})
	b.Run("distinct", func(b *testing.B) {
		for b.Loop() {
			_, set = distinct(hs, set)
		}
	})
}

func BenchmarkJaccard(b *testing.B) {
	ix, _ := NewIndex()
	x := ix.Sketch(text.Parse(article(1, 300)))
	y := ix.Sketch(text.Parse(article(1, 300) + " and more words here"))
	for b.Loop() {
		Jaccard(x, y)
	}
}

// TestSketchSmallSets: sets much smaller than the sketch are filled in
// rounds; estimates stay unbiased and, unlike densification, their spread
// is that of k independent samples.
func TestSketchSmallSets(t *testing.T) {
	for _, n := range []int{3, 12, 40, 100, 300} {
		var sum, sq float64
		const trials = 300
		for seed := uint64(0); seed < trials; seed++ {
			r := rand.New(rand.NewPCG(seed, uint64(n)))
			var a, b []uint64
			shared := n / 3 // J = (n/3) / (2n - n/3)
			for i := 0; i < n; i++ {
				x := r.Uint64()
				a = append(a, x)
				if i < shared {
					b = append(b, x)
				} else {
					b = append(b, r.Uint64())
				}
			}
			sa, sb := Sketch{Sig: make([]uint16, 128)}, Sketch{Sig: make([]uint16, 128)}
			var set []uint32
			sa.Size = sketchInto(OnePermutation, a, sa.Sig, make([]uint64, 128), &set)
			sb.Size = sketchInto(OnePermutation, b, sb.Sig, make([]uint64, 128), &set)
			j := Jaccard(sa, sb)
			sum += j
			sq += j * j
		}
		want := float64(n/3) / float64(2*n-n/3)
		mean := sum / trials
		sd := math.Sqrt(sq/trials - mean*mean)
		ideal := math.Sqrt(want * (1 - want) / 128)
		t.Logf("n=%d: J %.3f, mean estimate %.3f, sd %.3f (ideal %.3f)", n, want, mean, sd, ideal)
		if math.Abs(mean-want) > 0.02 || sd > 1.3*ideal+0.005 {
			t.Errorf("n=%d: mean %.3f (want %.3f), sd %.3f (k independent samples: %.3f)", n, mean, want, sd, ideal)
		}
	}
}
