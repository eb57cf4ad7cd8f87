package dedupe

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diplotext/diplotext/text"
)

var ctx = context.Background()

// article returns a deterministic pseudo-article of n words.
func article(seed uint64, n int) string {
	r := rand.New(rand.NewPCG(seed, 7))
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			if i%17 == 0 {
				b.WriteString(". ")
			} else {
				b.WriteByte(' ')
			}
		}
		fmt.Fprintf(&b, "w%d", r.IntN(20000))
	}
	b.WriteByte('.')
	return b.String()
}

func TestJaccardSelfAndDisjoint(t *testing.T) {
	ix, _ := NewIndex()
	a := ix.Sketch(text.Parse(article(1, 300)))
	b := ix.Sketch(text.Parse(article(2, 300)))
	if j := Jaccard(a, a); j != 1 {
		t.Fatalf("Jaccard(a,a) = %v", j)
	}
	if j := Jaccard(a, b); j > 0.05 {
		t.Fatalf("unrelated Jaccard = %v", j)
	}
	if j := Jaccard(a, Sketch{}); j != 0 {
		t.Fatalf("Jaccard with empty = %v", j)
	}
}

func TestSketchAccuracy(t *testing.T) {
	// Two sets sharing half their shingles: J = 1/3.
	for _, h := range []Hasher{OnePermutation, Classic} {
		var sum float64
		for seed := uint64(0); seed < 50; seed++ {
			r := rand.New(rand.NewPCG(seed, 1))
			var a, b []uint64
			for i := 0; i < 400; i++ {
				x := r.Uint64()
				a = append(a, x)
				if i < 200 {
					b = append(b, x)
				} else {
					b = append(b, r.Uint64())
				}
			}
			sa, sb := Sketch{Sig: make([]uint16, 128)}, Sketch{Sig: make([]uint16, 128)}
			var set []uint32
			sa.Size = sketchInto(h, a, sa.Sig, make([]uint64, 128), &set)
			sb.Size = sketchInto(h, b, sb.Sig, make([]uint64, 128), &set)
			if sa.Size != 400 || sb.Size != 400 {
				t.Fatalf("sizes %d %d", sa.Size, sb.Size)
			}
			sum += Jaccard(sa, sb)
		}
		if m := sum / 50; m < 0.30 || m > 0.37 {
			t.Errorf("%v: mean estimate %.3f, want about 0.333", h, m)
		}
	}
}

func TestNearCopiesGroupAndBoilerplateDoesNot(t *testing.T) {
	ix, err := NewIndex()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	orig := article(1, 400)
	words := strings.Fields(orig)
	trunc := strings.Join(words[:len(words)*65/100], " ")
	footer := " " + article(99, 40)
	other := article(2, 60) + footer
	mustAdd := func(id, s string) Result {
		r, err := ix.Add(ctx, id, s)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	mustAdd("orig", orig+footer)
	if r := mustAdd("trunc", "Wire service header. "+trunc); r.Cluster != "orig" || len(r.Similar) == 0 {
		t.Fatalf("truncated copy: %+v", r)
	}
	if r := mustAdd("other", other); r.Cluster != "other" {
		t.Fatalf("boilerplate-only overlap matched: %+v", r)
	}
	if r := mustAdd("exact", orig+footer); r.Cluster != "orig" {
		t.Fatalf("exact copy: %+v", r)
	}
}

func TestBadInput(t *testing.T) {
	ix, _ := NewIndex(WithMaxBytes(1 << 20))
	for i, s := range []string{"", " ", "\x00\xff\xfe", strings.Repeat(".", 1e6), strings.Repeat("x", 3<<20), "word"} {
		r, err := ix.Add(ctx, fmt.Sprint("bad", i), s)
		if err != nil {
			t.Fatalf("%d: %v", i, err)
		}
		if r.Cluster != r.ID {
			t.Fatalf("%d: degenerate document matched %+v", i, r)
		}
	}
	// duplicate id with different content
	if _, err := ix.Add(ctx, "bad5", "other words"); !errors.Is(err, ErrDuplicateID) {
		t.Fatalf("duplicate id: %v", err)
	}
	// same id, same content: idempotent
	if r, err := ix.Add(ctx, "bad5", "word"); err != nil || r.Cluster != "bad5" {
		t.Fatalf("retry: %+v %v", r, err)
	}
}

func TestManyIdenticalDocuments(t *testing.T) {
	ix, _ := NewIndex()
	doc := article(5, 200)
	for i := 0; i < 10000; i++ {
		r, err := ix.Add(ctx, fmt.Sprint(i), doc)
		if err != nil {
			t.Fatal(err)
		}
		if r.Cluster != "0" {
			t.Fatalf("doc %d in %q", i, r.Cluster)
		}
	}
}

func TestRemove(t *testing.T) {
	ix, _ := NewIndex()
	doc := article(6, 200)
	ix.Add(ctx, "a", doc)
	if err := ix.Remove(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	if r, _ := ix.Add(ctx, "b", doc); r.Cluster != "b" {
		t.Fatalf("matched a removed document: %+v", r)
	}
	if n, _ := ix.Len(ctx); n != 1 {
		t.Fatalf("Len = %d", n)
	}
}

func TestSnapshotRoundTripAndCorruption(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ix.snap")
	st, err := OpenStore(ctx, "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	ix, _ := NewIndex(WithStore(st))
	for i := 0; i < 50; i++ {
		ix.Add(ctx, fmt.Sprint("d", i), article(uint64(i), 150))
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	st2, err := OpenStore(ctx, "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	ix2, _ := NewIndex(WithStore(st2))
	r, err := ix2.Add(ctx, "copy", article(7, 150))
	if err != nil || r.Cluster != "d7" {
		t.Fatalf("after reload: %+v %v", r, err)
	}
	ix2.Close()

	b, _ := os.ReadFile(path)
	for name, bad := range map[string][]byte{
		"truncated": b[:len(b)/2], "flipped": flip(b), "empty": nil, "magic": append([]byte("NOTSNAP!"), b[8:]...),
	} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, bad, 0o644)
		if _, err := OpenStore(ctx, "file:"+p); err == nil || !strings.Contains(err.Error(), p) {
			t.Errorf("%s snapshot: err = %v", name, err)
		}
	}
}

func flip(b []byte) []byte {
	c := append([]byte(nil), b...)
	c[len(c)/2] ^= 0x40
	return c
}

func TestStoryMode(t *testing.T) {
	ix, err := NewStories()
	if err != nil {
		t.Fatal(err)
	}
	heads := []string{
		"Lavrov and Blinken meet in Geneva over Ukraine ceasefire",
		"Crypto exchange in Tokyo files for bankruptcy protection",
		"Blinken, Lavrov hold talks in Geneva on Ukraine truce",
		"Phone maker releases software update with car support",
	}
	var got []string
	for i, h := range heads {
		r, err := ix.Add(ctx, fmt.Sprint(i), h)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, r.Cluster)
	}
	if got[2] != "0" || got[1] != "1" || got[3] != "3" {
		t.Fatalf("clusters %v", got)
	}
}

func TestOptimalLSH(t *testing.T) {
	l := OptimalLSH(0.5, 128, 32, 0.5, 0.5)
	if l.Bands*l.Rows > 128 || l.Probability(0.9) < 0.99 || l.Probability(0.1) > 0.1 {
		t.Fatalf("%+v", l)
	}
}

func FuzzAddText(f *testing.F) {
	f.Add("Ministers met in Geneva.", "Ministers met in Geneva on Monday.")
	f.Add("", "\x00\xff")
	f.Add(strings.Repeat(".", 1000), "U.S.-Russia")
	f.Fuzz(func(t *testing.T, a, b string) {
		st, err := NewStories()
		if err != nil {
			t.Fatal(err)
		}
		if ra, err := st.Add(ctx, "a", a); err != nil || ra.Cluster != "a" {
			t.Fatalf("%+v %v", ra, err)
		}
		if rb, err := st.Add(ctx, "b", b); err != nil || (rb.Cluster != "a" && rb.Cluster != "b") {
			t.Fatalf("%+v %v", rb, err)
		}
		ix, err := NewIndex()
		if err != nil {
			t.Fatal(err)
		}
		ra, err := ix.Add(ctx, "a", a)
		if err != nil || ra.Cluster != "a" {
			t.Fatalf("%+v %v", ra, err)
		}
		rb, err := ix.Add(ctx, "b", b)
		if err != nil || (rb.Cluster != "a" && rb.Cluster != "b") {
			t.Fatalf("%+v %v", rb, err)
		}
		if a == b && len(strings.Fields(a)) > 0 {
			sk := ix.Sketch(text.Parse(a))
			if sk.Size > 0 && rb.Cluster != "a" {
				t.Fatalf("identical texts not grouped: %q", a)
			}
		}
		// AddDocument on a parsed document and AddBatch group alike
		ix2, _ := NewIndex()
		ix2.AddDocument(ctx, "a", text.Parse(a))
		r2, err := ix2.AddDocument(ctx, "b", text.Parse(b))
		if err != nil || r2.Cluster != rb.Cluster || len(r2.Similar) != len(rb.Similar) {
			t.Fatalf("AddDocument: %+v %v, Add: %+v", r2, err, rb)
		}
		ix3, _ := NewIndex()
		r3, err := ix3.AddBatch(ctx, []Doc{{ID: "a", Text: a}, {ID: "b", Text: b}})
		if err != nil || len(r3) != 2 || r3[1].Cluster != rb.Cluster {
			t.Fatalf("AddBatch: %+v %v, Add: %+v", r3, err, rb)
		}
	})
}
