package dedupe

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Issue 16.2: ids longer than 64 bytes (URLs) made the near-mode snapshot
// loader slice past its buffer, so a saved index could not be opened again.
func TestSnapshotLongIDs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.snap")
	st, err := OpenStore(ctx, "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := NewIndex(WithStore(st))
	if err != nil {
		t.Fatal(err)
	}
	url := "https://www.example.com/news/2025/01/01/ministers-met-in-geneva-to-discuss-the-ceasefire-and-aid"
	long := strings.Repeat("x", maxIDLen)
	for i, id := range []string{url, "short", long, url + "/2"} {
		if _, err := ix.Add(ctx, id, article(uint64(i), 120)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := ix.Add(ctx, long+"x", "too long an id"); err == nil {
		t.Fatal("an id longer than the snapshot allows was accepted")
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	st2, err := OpenStore(ctx, "file:"+path)
	if err != nil {
		t.Fatalf("reload: %v", err)
	}
	ix2, err := NewIndex(WithStore(st2))
	if err != nil {
		t.Fatal(err)
	}
	defer ix2.Close()
	for _, id := range []string{url, long, url + "/2"} {
		if c, err := ix2.Cluster(ctx, id); err != nil || c != id {
			t.Fatalf("cluster of %.20q after reload: %q %v", id, c, err)
		}
	}
	r, err := ix2.Add(ctx, "copy", article(0, 120))
	if err != nil || r.Cluster != url {
		t.Fatalf("copy after reload: %+v %v", r, err)
	}
}

func smallNearSnapshot(tb testing.TB) []byte {
	m := newMemStore()
	ix, err := NewIndex(WithStore(m))
	if err != nil {
		tb.Fatal(err)
	}
	for i := range 6 {
		id := fmt.Sprint("doc", i)
		if i == 2 {
			id = strings.Repeat("https://example.com/", 5)
		}
		ix.Add(ctx, id, article(uint64(i%3), 40))
	}
	ix.Remove(ctx, "doc4")
	var b bytes.Buffer
	if err := m.save(&b, ix.settings(), true); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// FuzzNearSnapshot: any bytes, with a right or a wrong checksum, load or
// give an error; never a panic. What loads saves the same bytes again.
func FuzzNearSnapshot(f *testing.F) {
	good := smallNearSnapshot(f)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte(snapMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		newMemStore().load(bytes.NewReader(b))
		m := newMemStore()
		set, known, err := m.load(bytes.NewReader(fixCRC(b)))
		if err != nil {
			if !errors.Is(err, errCorrupt) && !strings.Contains(err.Error(), "version") && !strings.Contains(err.Error(), "magic") {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		var b1 bytes.Buffer
		if err := m.save(&b1, set, known); err != nil {
			t.Fatal(err)
		}
		if _, _, err := newMemStore().load(bytes.NewReader(b1.Bytes())); err != nil {
			t.Fatalf("a loaded snapshot saved what does not load: %v", err)
		}
	})
}

// Bit flips of a good snapshot give an error, never a panic.
func TestNearSnapshotBitFlips(t *testing.T) {
	good := smallNearSnapshot(t)
	for i := 0; i < len(good)*8; i += 7 { // every 7th bit: every byte, at 7 bit positions
		c := bytes.Clone(good)
		c[i/8] ^= 1 << (i % 8)
		if _, _, err := newMemStore().load(bytes.NewReader(c)); err == nil {
			t.Fatalf("bit %d flipped: loaded", i)
		}
		newMemStore().load(bytes.NewReader(fixCRC(c)))
	}
}

// A save killed part-way (kill -9) leaves a temporary file beside the
// snapshot; opening the store again removes it (issue 16.14).
func TestOpenStoreRemovesATempFileOfAKilledSave(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("needs process ids")
	}
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip("no true(1) to make a finished process id:", err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "x.snap")
	left := filepath.Join(dir, fmt.Sprintf("x.snap.tmp-%d-123", dead.Process.Pid))
	if err := os.WriteFile(left, []byte("DDUPSNAP partial"), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := OpenStore(ctx, "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := os.Stat(left); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the killed save's temporary file is still there (%v)", err)
	}
}
