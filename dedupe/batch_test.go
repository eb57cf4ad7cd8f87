package dedupe

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
)

// mixedDocs returns n documents where, of every ten, one is an edited copy
// of an earlier original and one a truncated copy.
func mixedDocs(n int) []Doc {
	docs := make([]Doc, n)
	for i := range docs {
		var t string
		switch {
		case i%10 == 4:
			t = string(newsText(nil, uint64(i-3), 300, 0.04))
		case i%10 == 7:
			full := string(newsText(nil, uint64(i-5), 300, 0))
			t = full[:len(full)*7/10]
		default:
			t = string(newsText(nil, uint64(i), 300, 0))
		}
		docs[i] = Doc{ID: fmt.Sprint("d", i), Text: t}
	}
	return docs
}

func TestAddBatchEqualsSequential(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	docs := mixedDocs(5000) // enough to grow the LSH tables and their document-number bits several times
	seq, _ := NewIndex()
	var want []Result
	for _, d := range docs {
		r, err := seq.Add(ctx, d.ID, d.Text)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, r)
	}
	bat, _ := NewIndex()
	got, err := bat.AddBatch(ctx, docs[:1234])
	if err != nil {
		t.Fatal(err)
	}
	rest, err := bat.AddBatch(ctx, docs[1234:])
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, rest...)
	matched := 0
	for i := range want {
		if want[i].Cluster != got[i].Cluster || !slices.Equal(want[i].Similar, got[i].Similar) {
			t.Fatalf("doc %d: batch %+v, sequential %+v", i, got[i], want[i])
		}
		if len(want[i].Similar) > 0 {
			matched++
		}
	}
	// the copies (two in ten) match, and only they
	if matched != len(docs)/5 {
		t.Fatalf("only %d of %d documents matched an earlier one", matched, len(docs))
	}
}

func TestAddBatchErrors(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	docs := mixedDocs(200)
	docs[150].ID = docs[20].ID // same id, other content
	ix, _ := NewIndex()
	res, err := ix.AddBatch(ctx, docs)
	if !errors.Is(err, ErrDuplicateID) || len(res) != 150 {
		t.Fatalf("got %d results and %v, want 150 and a duplicate id", len(res), err)
	}
	c, cancel := context.WithCancel(ctx)
	cancel()
	ix2, _ := NewIndex()
	if _, err := ix2.AddBatch(c, mixedDocs(100)); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled batch: %v", err)
	}
	if r, err := ix2.AddBatch(ctx, nil); err != nil || len(r) != 0 {
		t.Fatalf("empty batch: %v %v", r, err)
	}
}

// TestSnapshotReAddedID: an id removed and added again survives a
// snapshot round trip.
func TestSnapshotReAddedID(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ix.snap")
	st, err := OpenStore(ctx, "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	ix, _ := NewIndex(WithStore(st))
	a, b := string(newsText(nil, 1, 200, 0)), string(newsText(nil, 2, 200, 0))
	if _, err := ix.Add(ctx, "x", a); err != nil {
		t.Fatal(err)
	}
	if err := ix.Remove(ctx, "x"); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Add(ctx, "x", b); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	st2, err := OpenStore(ctx, "file:"+path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	ix2, _ := NewIndex(WithStore(st2))
	defer ix2.Close()
	r, err := ix2.Add(ctx, "y", b)
	if err != nil || r.Cluster != "x" {
		t.Fatalf("copy of the re-added document: %+v, %v", r, err)
	}
	if n, _ := ix2.Len(ctx); n != 2 {
		t.Fatalf("Len = %d, want 2", n)
	}
}

// TestFloodBucketsBounded: a flood of near-identical documents (one word
// differs) puts at most maxPerBucket of them in any bucket, so each add
// scans a bounded run and the stream stays linear.
func TestFloodBucketsBounded(t *testing.T) {
	base := string(newsText(nil, 1, 300, 0))
	ix, _ := NewIndex()
	const n = 3000
	for i := range n {
		r, err := ix.Add(ctx, fmt.Sprint(i), base+fmt.Sprint(" unique", i))
		if err != nil {
			t.Fatal(err)
		}
		if i > 0 && r.Cluster != "0" {
			t.Fatalf("doc %d: group %q, want 0", i, r.Cluster)
		}
	}
	m := ix.store.(*memStore)
	tb := &m.tabs
	size := tb.nb * bucketSlots
	sig0 := m.sig(0)
	for b := 0; b < m.lsh.Bands; b++ {
		key := m.lsh.Key(sig0, b)
		same := 0
		for _, s := range tb.slots[b*size : (b+1)*size] {
			if s != 0 && m.lsh.Key(m.sig(s&tb.docMask-1), b) == key {
				same++
			}
		}
		if same > maxPerBucket {
			t.Fatalf("band %d: %d entries share the first document's bucket, want at most %d", b, same, maxPerBucket)
		}
	}
}
