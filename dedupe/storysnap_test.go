package dedupe

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	dg "github.com/diplotext/diplotext/internal/eval/dedupe"
	"github.com/diplotext/diplotext/internal/shareddata"
)

type storyIn struct {
	id, text string
	t        time.Time
}

// storyStream returns n synthetic headlines about 120 events: each event
// has its own names and key words, headlines mix them with common news
// words, and events happen over two months, so the time window matters;
// every 13th headline has no time.
func storyStream(seed uint64, n int) []storyIn {
	r := rand.New(rand.NewPCG(seed, 3))
	common := strings.Fields("talks meet deal plan vote crisis leaders urge warn back reject seek deny claim push rise fall")
	t0 := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	type event struct {
		words []string
		at    time.Time
	}
	events := make([]event, 120)
	for i := range events {
		ws := []string{fmt.Sprintf("Name%d", i), fmt.Sprintf("Place%d", i%7)}
		for range 4 {
			ws = append(ws, fmt.Sprintf("key%dx%d", i, r.IntN(6)))
		}
		events[i] = event{ws, t0.Add(time.Duration(r.IntN(60*24)) * time.Hour)}
	}
	docs := make([]storyIn, n)
	for i := range docs {
		ev := events[r.IntN(len(events))]
		var w []string
		for range 3 + r.IntN(3) {
			w = append(w, ev.words[r.IntN(len(ev.words))])
		}
		if r.IntN(3) == 0 {
			w = append(w, common[r.IntN(len(common))])
		}
		r.Shuffle(len(w), func(a, b int) { w[a], w[b] = w[b], w[a] })
		d := storyIn{id: fmt.Sprintf("s%d", i), text: strings.Join(w, " "),
			t: ev.at.Add(time.Duration(r.IntN(48)) * time.Hour)}
		if i%13 == 0 {
			d.t = time.Time{}
		}
		docs[i] = d
	}
	return docs
}

// fileStories is a Stories read from a file and written back by Close,
// as the tool does.
type fileStories struct {
	*Stories
	path string
}

func (f *fileStories) Close() error {
	if err := writeAtomic(f.path, func(w io.Writer) error { _, err := f.WriteTo(w); return err }); err != nil {
		return err
	}
	return f.Stories.Close()
}

// readStories reads the story snapshot at path into a new Stories.
func readStories(path string, opts ...StoryOption) (*Stories, error) {
	st, err := NewStories(opts...)
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return nil, err
	}
	if _, err := st.ReadFrom(bytes.NewReader(b)); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return st, nil
}

// openStory opens the stories saved at path, if any.
func openStory(t testing.TB, path string, opts ...StoryOption) *fileStories {
	t.Helper()
	st, err := readStories(path, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return &fileStories{st, path}
}

type storyAdder interface {
	AddAt(ctx context.Context, id, s string, t time.Time) (Result, error)
}

func addStory(t testing.TB, ix storyAdder, docs []storyIn) []Result {
	t.Helper()
	var out []Result
	for _, d := range docs {
		r, err := ix.AddAt(ctx, d.id, d.text, d.t)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

// TestStorySnapshotContinue: a stream split in two with a save and reload
// between the halves gives every document the group (and matches) one
// index that saw the whole stream gives it, for several split points and
// with a removal before the split.
func TestStorySnapshotContinue(t *testing.T) {
	docs := storyStream(1, 400)
	whole, _ := NewStories()
	want := addStory(t, whole, docs[:150])
	whole.Remove(ctx, "s3")
	want = append(want, addStory(t, whole, docs[150:])...)
	stories := map[string]bool{}
	for _, r := range want {
		stories[r.Cluster] = true
	}
	if len(stories) < 40 || len(stories) > 300 {
		t.Fatalf("the stream is not a useful test: %d documents in %d stories", len(want), len(stories))
	} else {
		t.Logf("%d documents in %d stories", len(want), len(stories))
	}
	for _, split := range []int{1, 149, 200, 399} {
		path := filepath.Join(t.TempDir(), "stories.snap")
		ix := openStory(t, path)
		got := addStory(t, ix, docs[:min(split, 150)])
		if split >= 150 {
			ix.Remove(ctx, "s3")
			got = append(got, addStory(t, ix, docs[150:split])...)
		}
		if err := ix.Close(); err != nil {
			t.Fatal(err)
		}
		ix = openStory(t, path)
		if split < 150 {
			got = append(got, addStory(t, ix, docs[split:150])...)
			ix.Remove(ctx, "s3")
			got = append(got, addStory(t, ix, docs[150:])...)
		} else {
			got = append(got, addStory(t, ix, docs[split:])...)
		}
		if !reflect.DeepEqual(got, want) {
			for i := range got {
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Fatalf("split %d: document %d: %+v, one index: %+v", split, i, got[i], want[i])
				}
			}
		}
		for _, d := range docs {
			a, _ := ix.Cluster(ctx, d.id)
			b, _ := whole.Cluster(ctx, d.id)
			if a != b {
				t.Fatalf("split %d: Cluster(%s) = %q, one index: %q", split, d.id, a, b)
			}
		}
		n1, _ := ix.Len(ctx)
		n2, _ := whole.Len(ctx)
		if n1 != n2 {
			t.Fatalf("split %d: Len %d, one index %d", split, n1, n2)
		}
		if err := ix.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestStorySnapshotRoundTrip: everything a later run needs comes back
// exactly, and saving is deterministic.
func TestStorySnapshotRoundTrip(t *testing.T) {
	ix, _ := NewStories(WithStoryThreshold(0.07))
	addStory(t, ix, storyStream(2, 300))
	ix.Remove(ctx, "s10")
	var b1 bytes.Buffer
	if _, err := ix.WriteTo(&b1); err != nil {
		t.Fatal(err)
	}
	s, err := loadStory(b1.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	ix.s.scratch = scoreScratch{} // scratch, not state
	if !reflect.DeepEqual(s, ix.s) {
		t.Fatalf("loaded story index differs:\n%+v\n%+v", s.cents[:2], ix.s.cents[:2])
	}
	var b2 bytes.Buffer
	s.save(&b2)
	if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
		t.Fatal("saving a loaded index gives other bytes")
	}
	// an empty index round-trips too
	empty := newStoryIndex(DefaultStoryThreshold, DefaultStoryWindow)
	var b3 bytes.Buffer
	empty.save(&b3)
	s, err = loadStory(b3.Bytes())
	if err != nil || len(s.ids) != 0 || s.n != 0 || len(s.cents) != 0 || len(s.df) != 0 || s.thresh != empty.thresh || s.window != empty.window {
		t.Fatalf("empty: %+v %v", s, err)
	}
}

// smallStorySnapshot returns the bytes of a small story snapshot.
func smallStorySnapshot(t testing.TB) []byte {
	ix, _ := NewStories()
	addStory(t, ix, storyStream(3, 12))
	var b bytes.Buffer
	if _, err := ix.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// fixCRC rewrites the checksum at the end of a snapshot.
func fixCRC(b []byte) []byte {
	c := append([]byte(nil), b...)
	if len(c) >= 4 {
		binary.LittleEndian.PutUint32(c[len(c)-4:], crc32.ChecksumIEEE(c[:len(c)-4]))
	}
	return c
}

// TestStorySnapshotCorruption: a changed byte at any offset and a
// truncation at any length are errors naming the file; a changed byte with
// the checksum made to fit is an error or a valid index, never a panic.
func TestStorySnapshotCorruption(t *testing.T) {
	good := smallStorySnapshot(t)
	path := filepath.Join(t.TempDir(), "s.snap")
	open := func(b []byte) error {
		st, _ := NewStories()
		if _, err := st.ReadFrom(bytes.NewReader(b)); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		return nil
	}
	if err := open(good); err != nil {
		t.Fatal(err)
	}
	for i := range good {
		bad := append([]byte(nil), good...)
		bad[i] ^= 0x5a
		if err := open(bad); err == nil || !strings.Contains(err.Error(), path) {
			t.Fatalf("byte %d changed: err = %v", i, err)
		}
		// past the checksum: the decoder's own checks
		if i >= len(storyMagic)+4 && i < len(good)-4 {
			loadStory(fixCRC(bad))
		}
	}
	for n := range len(good) {
		err := open(good[:n])
		if err == nil || !strings.Contains(err.Error(), path) {
			t.Fatalf("truncated to %d bytes: err = %v", n, err)
		}
		if n >= len(storyMagic) && !strings.Contains(err.Error(), "story snapshot") && !strings.Contains(err.Error(), "magic") {
			t.Fatalf("truncated to %d bytes: err = %v", n, err)
		}
	}
	if err := open(append(append([]byte(nil), good...), 0)); err == nil {
		t.Fatal("trailing byte accepted")
	}
}

func TestStorySnapshotHeaderErrors(t *testing.T) {
	good := smallStorySnapshot(t)
	dir := t.TempDir()
	patch := func(off int, v uint32) []byte {
		b := append([]byte(nil), good...)
		binary.LittleEndian.PutUint32(b[off:], v)
		return fixCRC(b)
	}
	for name, tc := range map[string]struct {
		b    []byte
		want string
	}{
		"magic":    {append([]byte("DDUPSTRX"), good[8:]...), "bad magic"},
		"future":   {patch(8, storyVersion+1), "story snapshot version 3, this library reads version 2"},
		"terms":    {patch(12, storyTermsVersion+1), "terms version"},
		"postings": {patch(16, storyPostings/2), "stories per term"},
	} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, tc.b, 0o644)
		_, err := readStories(p)
		if err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

// TestStorySnapshotModeMismatch: a near snapshot read as stories and a
// story snapshot opened as a near store are errors naming what they are,
// and neither file is changed by the failed attempt.
func TestStorySnapshotModeMismatch(t *testing.T) {
	dir := t.TempDir()
	nearPath := filepath.Join(dir, "near.snap")
	st, _ := OpenStore(ctx, "file:"+nearPath)
	ix, _ := NewIndex(WithStore(st))
	ix.Add(ctx, "a", article(1, 100))
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	storyPath := filepath.Join(dir, "story.snap")
	sx := openStory(t, storyPath)
	addStory(t, sx, storyStream(4, 20))
	if err := sx.Close(); err != nil {
		t.Fatal(err)
	}
	nearBytes, _ := os.ReadFile(nearPath)
	storyBytes, _ := os.ReadFile(storyPath)

	if _, err := readStories(nearPath); err == nil || !strings.Contains(err.Error(), "is a near-mode snapshot") {
		t.Fatalf("near snapshot read as stories: %v", err)
	}
	if _, err := OpenStore(ctx, "file:"+storyPath); err == nil || !strings.Contains(err.Error(), storyPath+" is a story-mode snapshot") {
		t.Fatalf("story snapshot opened as a near store: %v", err)
	}
	if b, _ := os.ReadFile(nearPath); !bytes.Equal(b, nearBytes) {
		t.Error("near snapshot changed")
	}
	if b, _ := os.ReadFile(storyPath); !bytes.Equal(b, storyBytes) {
		t.Error("story snapshot changed")
	}

	// one file store is not given to two indexes
	st, _ = OpenStore(ctx, "file:"+filepath.Join(dir, "fresh.snap"))
	if _, err := NewIndex(WithStore(st)); err != nil {
		t.Fatal(err)
	}
	if _, err := NewIndex(WithStore(st)); err == nil {
		t.Fatal("one file store given to two indexes")
	}
}

func TestStorySnapshotSettings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.snap")
	ix := openStory(t, path, WithStoryThreshold(0.11))
	addStory(t, ix, storyStream(5, 20))
	ix.Close()
	_, err := readStories(path)
	if err == nil || !strings.Contains(err.Error(), "threshold 0.11") || !strings.Contains(err.Error(), path) {
		t.Fatalf("other threshold: %v", err)
	}
	if _, err := readStories(path, WithStoryThreshold(0.11)); err != nil {
		t.Fatal(err)
	}
	// reading into a Stories that holds documents is refused
	st, _ := NewStories(WithStoryThreshold(0.11))
	st.Add(ctx, "x", "Ministers meet in Geneva")
	b, _ := os.ReadFile(path)
	if _, err := st.ReadFrom(bytes.NewReader(b)); err == nil {
		t.Fatal("ReadFrom into a non-empty Stories")
	}
}

// TestStorySnapshotHeadlines: on the UCI headlines (when present), a run
// split in two halves with a reload gives every headline the group of one
// unbroken run.
func TestStorySnapshotHeadlines(t *testing.T) {
	shareddata.Require(t, "uci-news-aggregator")
	dir, _ := shareddata.Dir()
	hs, err := dg.LoadHeadlines(dir)
	if err != nil {
		t.Fatal(err)
	}
	docs := make([]storyIn, len(hs))
	for i, h := range hs {
		docs[i] = storyIn{id: h.ID, text: h.Title, t: h.Time}
	}
	whole, _ := NewStories()
	want := addStory(t, whole, docs)
	path := filepath.Join(t.TempDir(), "uci.snap")
	ix := openStory(t, path)
	got := addStory(t, ix, docs[:len(docs)/2])
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix = openStory(t, path)
	got = append(got, addStory(t, ix, docs[len(docs)/2:])...)
	ix.Close()
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("headline %d: %+v, one run: %+v", i, got[i], want[i])
		}
	}
}

// BenchmarkStorySnapshot saves and loads the story index of the UCI
// headlines; bytes/op is the snapshot's size.
func BenchmarkStorySnapshot(b *testing.B) {
	shareddata.Require(b, "uci-news-aggregator")
	dir, _ := shareddata.Dir()
	hs, err := dg.LoadHeadlines(dir)
	if err != nil {
		b.Fatal(err)
	}
	ix, _ := NewStories()
	for _, h := range hs {
		if _, err := ix.AddAt(ctx, h.ID, h.Title, h.Time); err != nil {
			b.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := ix.s.save(&buf); err != nil {
		b.Fatal(err)
	}
	snap := buf.Bytes()
	path := filepath.Join(b.TempDir(), "uci.snap")
	// encode and decode in memory; save and load through the file (save
	// includes the fsync of the file and its folder)
	b.Run("encode", func(b *testing.B) {
		b.SetBytes(int64(len(snap)))
		b.ReportAllocs()
		for b.Loop() {
			if err := ix.s.save(io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decode", func(b *testing.B) {
		b.SetBytes(int64(len(snap)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := loadStory(snap); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("save", func(b *testing.B) {
		fs := &fileStories{ix, path}
		b.SetBytes(int64(len(snap)))
		b.ReportAllocs()
		for b.Loop() {
			if err := writeAtomic(path, func(w io.Writer) error { _, err := fs.WriteTo(w); return err }); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(snap)), "file-B")
		b.ReportMetric(float64(len(snap))/float64(len(hs)), "B/doc")
	})
	b.Run("load", func(b *testing.B) {
		b.SetBytes(int64(len(snap)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := readStories(path); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// FuzzStorySnapshot: arbitrary bytes, and the same bytes with a checksum
// that fits, give an error or an index that works: it takes new documents,
// and what it saves loads back and saves to the same bytes.
func FuzzStorySnapshot(f *testing.F) {
	good := smallStorySnapshot(f)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add(tinyWeightSnapshot(f)) // the crasher of issue 16.7
	f.Add([]byte(storyMagic))
	f.Add([]byte(snapMagic + "\x02\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		loadStory(b)
		s, err := loadStory(fixCRC(b))
		if err != nil {
			if errors.Is(err, errCorrupt) || strings.Contains(err.Error(), "version") || strings.Contains(err.Error(), "magic") ||
				strings.Contains(err.Error(), "per term") || errors.Is(err, errNearSnapshot) {
				return
			}
			t.Fatalf("unexpected error kind: %v", err)
		}
		ix, _ := NewStories()
		ix.s = s
		for i, h := range []string{"Name1 key1x2 talks Place1", "Ministers meet in Geneva", ""} {
			if _, err := ix.AddAt(ctx, fmt.Sprint("new", i), h, time.Unix(int64(i)*3600, 0)); err != nil &&
				!errors.Is(err, ErrDuplicateID) {
				t.Fatal(err)
			}
		}
		var b1, b2 bytes.Buffer
		if err := s.save(&b1); err != nil {
			t.Fatal(err)
		}
		s2, err := loadStory(b1.Bytes())
		if err != nil {
			t.Fatalf("a loaded index saved what does not load: %v", err)
		}
		s2.save(&b2)
		if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
			t.Fatal("save, load, save gives other bytes")
		}
	})
}

// tinyWeightSnapshot is a story snapshot whose centroid weights are so
// small that their squares underflow to 0: the kind of file FuzzStorySnapshot
// found (issue 16.7), which loaded but, after a few adds, saved a file its
// own loader refused ("norm: corrupt").
func tinyWeightSnapshot(t testing.TB) []byte {
	st, _ := NewStories()
	st.Add(ctx, "a", "Ministers meet in Geneva over ceasefire")
	for _, c := range st.s.cents {
		for term := range c.w {
			c.w[term] = 5e-324
		}
	}
	st.s.cents[0].sq = 0
	var b bytes.Buffer
	if _, err := st.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestStorySnapshotTinyWeights(t *testing.T) {
	b := tinyWeightSnapshot(t)
	for range 3 {
		st, _ := NewStories()
		if _, err := st.ReadFrom(bytes.NewReader(b)); err != nil {
			t.Fatalf("load: %v", err)
		}
		for i, h := range []string{"Ministers meet in Geneva", "Ceasefire talks in Geneva", ""} {
			if _, err := st.Add(ctx, fmt.Sprint("new", i, len(b)), h); err != nil {
				t.Fatal(err)
			}
		}
		var out bytes.Buffer
		if _, err := st.WriteTo(&out); err != nil {
			t.Fatal(err)
		}
		b = out.Bytes()
	}
	if _, err := loadStory(b); err != nil {
		t.Fatalf("a loaded index saved what does not load: %v", err)
	}
}
