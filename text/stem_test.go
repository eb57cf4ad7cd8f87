package text

import (
	"strings"
	"testing"
	"unsafe"
)

// The cache keeps copies of the words it is given, not the caller's text
// they are slices of, which it would otherwise keep alive.
func TestStemmerCopiesWords(t *testing.T) {
	st := NewStemmer(0)
	doc := strings.Repeat("x", 1<<16) + " negotiations"
	w := doc[len(doc)-len("negotiations"):]
	if got := st.Stem(w); got != "negoti" {
		t.Fatalf("Stem(%q) = %q", w, got)
	}
	for i := range st.shards {
		sh := &st.shards[i]
		for k, v := range sh.m {
			if unsafe.StringData(k) == unsafe.StringData(w) || unsafe.StringData(v) == unsafe.StringData(w) {
				t.Fatalf("the cache holds %q by the caller's memory", k)
			}
		}
	}
}
