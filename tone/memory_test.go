package tone

import (
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"github.com/diplotext/diplotext/text"
)

// adversarial returns the inputs of issue 16 point 4, about n bytes each.
func adversarial(n int) map[string]string {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	return map[string]string{
		"commas":    strings.Repeat(",", n),
		"dots":      strings.Repeat(".", n),
		"random":    string(b),
		"sentences": strings.Repeat("Talks go on. ", n/13),
		"us":        strings.Repeat("U.S. ", n/5),
		"nospace":   strings.Repeat("x", n),
		"allcaps":   strings.Repeat("THE TALKS WERE EXCELLENT BUT TENSE! ", n/36),
	}
}

// TestMemoryBounded checks that labelling a document, and the tone toward
// every word of it, allocates at most 40 times its size beyond the parsed
// document itself (issue 16 point 4).
func TestMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	l := newLabeler(t)
	const n = 1 << 20
	for name, in := range adversarial(n) {
		d := text.Parse(in)
		var spans []Span
		for _, tk := range d.Tokens {
			if tk.Kind == text.Word && len(spans) < 100_000 {
				spans = append(spans, Span{tk.Start, tk.End})
			}
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		if _, err := l.LabelDocument(d); err != nil {
			t.Fatal(err)
		}
		if _, err := l.Towards(d, spans); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		alloc := after.TotalAlloc - before.TotalAlloc
		t.Logf("%-9s %d tokens %d sentences %d spans: %.1f bytes allocated per input byte", name, len(d.Tokens), len(d.Sentences), len(spans), float64(alloc)/float64(len(in)))
		if alloc > 40*uint64(len(in)) {
			t.Errorf("%s: %d bytes allocated for %d bytes of input", name, alloc, len(in))
		}
	}
}
