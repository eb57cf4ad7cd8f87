package dedupe

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// Snapshot format (all integers little-endian):
//
//	magic "DDUPSNAP", version uint32 (2: sketchVersion), k, bands, rows, n uint32,
//	n records: id length uvarint, id bytes, size uint32, parent uint32,
//	           dead byte, k × uint16 signature,
//	CRC-32 (IEEE) of everything before it.
const (
	snapMagic   = "DDUPSNAP"
	snapVersion = sketchVersion
	maxIDLen    = 1 << 16
)

// fileStore is the memory store loaded from and saved to a snapshot file,
// or, in story mode, the file of a story index. Which one the file holds is
// told by its magic when the store is opened; a file that does not exist
// yet becomes whichever the Index that uses the store needs.
type fileStore struct {
	*memStore
	path string
	// story is the story index loaded from path (storyFile) or attached
	// by NewIndex in story mode; nil in near mode.
	story     *storyIndex
	storyFile bool
	nearFile  bool // path held a near-mode snapshot
	attached  bool // a story-mode Index has taken the store
	nearUsed  bool // a near-mode Index has taken the store
	// storyMu is the lock of the Index whose story index this is; Save
	// takes it, Close is called with it held.
	storyMu *sync.Mutex
}

func openFileStore(path string) (*fileStore, error) {
	fs := &fileStore{memStore: newMemStore(), path: path}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return fs, nil
	}
	if err != nil {
		return nil, fmt.Errorf("dedupe: open snapshot: %w", err)
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<16)
	if head, _ := br.Peek(len(storyMagic)); string(head) == storyMagic {
		b, err := io.ReadAll(br)
		if err != nil {
			return nil, fmt.Errorf("dedupe: open snapshot %s: %w", path, err)
		}
		st, err := loadStory(b)
		if err != nil {
			return nil, fmt.Errorf("dedupe: story snapshot %s: %w", path, err)
		}
		fs.story, fs.storyFile = st, true
		return fs, nil
	}
	if err := fs.memStore.load(br); err != nil {
		return nil, fmt.Errorf("dedupe: snapshot %s: %w", path, err)
	}
	fs.nearFile = true
	return fs, nil
}

// attachStory gives NewIndex the story index of the file: the one loaded
// from it, which must have been made with the same threshold and window,
// or a new one. A near-mode snapshot is refused.
func (fs *fileStore) attachStory(c config, mu *sync.Mutex) (*storyIndex, error) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	switch {
	case fs.closed:
		return nil, fmt.Errorf("dedupe: store file:%s: %w", fs.path, ErrClosed)
	case fs.attached:
		return nil, fmt.Errorf("dedupe: store file:%s is already used by another Index", fs.path)
	case fs.nearUsed && !fs.nearFile:
		return nil, fmt.Errorf("dedupe: store file:%s is used by a near-mode Index", fs.path)
	case fs.nearFile || fs.docs() > 0:
		return nil, fmt.Errorf("dedupe: %s %w; open it in near mode (without WithMode(Story), diplotext dedupe --mode near), or give story mode another file",
			fs.path, errNearSnapshot)
	}
	if fs.story == nil {
		fs.story = newStoryIndex(c)
	} else if st := fs.story; st.thresh != c.storyThresh || st.window != c.window {
		return nil, fmt.Errorf("dedupe: story snapshot %s was made with threshold %v and window %v, not %v and %v: open it with the same settings (WithThreshold, diplotext dedupe --threshold) or start a new file",
			fs.path, st.thresh, st.window, c.storyThresh, c.window)
	}
	fs.attached, fs.storyMu = true, mu
	return fs.story, nil
}

// attachNear checks that a near-mode Index may use the store.
func (fs *fileStore) attachNear() error {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.storyFile {
		return fmt.Errorf("dedupe: %s %w; open it with WithMode(Story) (diplotext dedupe --mode story), or give near mode another file",
			fs.path, errStorySnapshot)
	}
	if fs.story != nil {
		return fmt.Errorf("dedupe: store file:%s is used by a story-mode Index", fs.path)
	}
	fs.nearUsed = true
	return nil
}

// Insert is the memory store's, refused when the file holds a story
// snapshot (which Close would otherwise overwrite with a near one).
func (fs *fileStore) Insert(ctx context.Context, e *Entry, lsh LSH, index bool) error {
	fs.mu.RLock()
	story := fs.story != nil
	fs.mu.RUnlock()
	if story {
		return fmt.Errorf("dedupe: store file:%s holds a story index, not near-mode entries", fs.path)
	}
	return fs.memStore.Insert(ctx, e, lsh, index)
}

// Close saves the snapshot (to a temporary file in the same folder, synced,
// then renamed over the old one) and closes the store. A story index is
// saved in the story format; the Index calls Close with its lock held.
func (fs *fileStore) Close() error {
	fs.mu.Lock()
	closed := fs.closed
	fs.mu.Unlock()
	if closed {
		return nil
	}
	if err := fs.save(); err != nil {
		return err
	}
	return fs.memStore.Close()
}

// Save writes the snapshot now.
func (fs *fileStore) Save() error {
	fs.mu.RLock()
	mu := fs.storyMu
	fs.mu.RUnlock()
	if mu != nil {
		mu.Lock()
		defer mu.Unlock()
	}
	return fs.save()
}

func (fs *fileStore) save() error {
	if fs.story != nil {
		return writeAtomic(fs.path, fs.story.save)
	}
	return writeAtomic(fs.path, func(w io.Writer) error {
		fs.mu.RLock()
		defer fs.mu.RUnlock()
		return fs.memStore.save(w)
	})
}

// writeAtomic writes path with write: to a temporary file in the same
// folder, synced, then renamed over path, so that a crash leaves either
// the old file or the new one, never part of one.
func writeAtomic(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("dedupe: save snapshot: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	err = write(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("dedupe: save snapshot %s: %w", path, err)
	}
	// make the rename itself durable where the system allows it
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

func (m *memStore) save(w io.Writer) error {
	h := crc32.NewIEEE()
	bw := bufio.NewWriterSize(io.MultiWriter(w, h), 1<<16)
	var b [binary.MaxVarintLen64]byte
	bw.WriteString(snapMagic)
	for _, v := range []uint32{snapVersion, uint32(m.k), uint32(m.lsh.Bands), uint32(m.lsh.Rows), uint32(m.docs())} {
		binary.LittleEndian.PutUint32(b[:4], v)
		bw.Write(b[:4])
	}
	for d := range m.docs() {
		id := m.idBytes(uint32(d))
		n := binary.PutUvarint(b[:], uint64(len(id)))
		bw.Write(b[:n])
		bw.Write(id)
		binary.LittleEndian.PutUint32(b[:4], m.sizes[d])
		bw.Write(b[:4])
		binary.LittleEndian.PutUint32(b[:4], m.parent[d])
		bw.Write(b[:4])
		var dead byte
		if m.isDead(uint32(d)) {
			dead = 1
		}
		bw.WriteByte(dead)
		for _, v := range m.sig(uint32(d)) {
			binary.LittleEndian.PutUint16(b[:2], v)
			bw.Write(b[:2])
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	binary.LittleEndian.PutUint32(b[:4], h.Sum32())
	_, err := w.Write(b[:4])
	return err
}

var errCorrupt = errors.New("corrupt or truncated snapshot")

func (m *memStore) load(r io.Reader) error {
	h := crc32.NewIEEE()
	br := bufio.NewReaderSize(r, 1<<16)
	tr := io.TeeReader(br, h)
	var hdr [8 + 5*4]byte
	if _, err := io.ReadFull(tr, hdr[:]); err != nil {
		return fmt.Errorf("header: %w", errCorrupt)
	}
	if string(hdr[:8]) != snapMagic {
		return errors.New("not a dedupe snapshot (bad magic)")
	}
	u := func(i int) uint32 { return binary.LittleEndian.Uint32(hdr[8+4*i:]) }
	if v := u(0); v != snapVersion {
		return fmt.Errorf("snapshot version %d, this library reads version %d", v, snapVersion)
	}
	k, bands, rows, n := int(u(1)), int(u(2)), int(u(3)), int(u(4))
	if k > 1024 || bands*rows > k || (n > 0 && (k == 0 || bands == 0 || rows == 0)) {
		return fmt.Errorf("header k=%d bands=%d rows=%d: %w", k, bands, rows, errCorrupt)
	}
	bu := byteReader{tr}
	var buf [4]byte
	idb := make([]byte, 0, 64)
	sig := make([]uint16, k)
	for d := 0; d < n; d++ {
		l, err := binary.ReadUvarint(bu)
		if err != nil || l > maxIDLen {
			return fmt.Errorf("record %d: %w", d, errCorrupt)
		}
		if uint64(cap(idb)) < l {
			idb = make([]byte, l)
		}
		idb = idb[:l]
		if _, err := io.ReadFull(tr, idb); err != nil {
			return fmt.Errorf("record %d: %w", d, errCorrupt)
		}
		var rest [9]byte
		if _, err := io.ReadFull(tr, rest[:]); err != nil {
			return fmt.Errorf("record %d: %w", d, errCorrupt)
		}
		size := binary.LittleEndian.Uint32(rest[0:])
		parent := binary.LittleEndian.Uint32(rest[4:])
		dead := rest[8]
		for i := range sig {
			if _, err := io.ReadFull(tr, buf[:2]); err != nil {
				return fmt.Errorf("record %d: %w", d, errCorrupt)
			}
			sig[i] = binary.LittleEndian.Uint16(buf[:2])
		}
		if int(parent) > d || dead > 1 {
			return fmt.Errorf("record %d: %w", d, errCorrupt)
		}
		id := string(idb)
		if prev, dup := m.byID.find(m, id); dup && !m.isDead(prev) {
			return fmt.Errorf("record %d: duplicate id %q: %w", d, id, errCorrupt)
		}
		if d == 0 {
			if err := m.configure(k, LSH{Bands: bands, Rows: rows}); err != nil {
				return fmt.Errorf("%v: %w", err, errCorrupt)
			}
		}
		if _, err := m.appendDoc(id, size, parent, sig, dead == 1); err != nil {
			return err
		}
	}
	want := h.Sum32()
	if _, err := io.ReadFull(br, buf[:4]); err != nil {
		return fmt.Errorf("checksum: %w", errCorrupt)
	}
	if binary.LittleEndian.Uint32(buf[:4]) != want {
		return fmt.Errorf("checksum mismatch: %w", errCorrupt)
	}
	if _, err := br.ReadByte(); err != io.EOF {
		return fmt.Errorf("trailing bytes: %w", errCorrupt)
	}
	// rebuild the buckets: entries that are exact duplicates of an earlier
	// one were not bucketed when added and are not now either
	seen := map[string]bool{}
	for d := range m.docs() {
		doc := uint32(d)
		if m.isDead(doc) || m.sizes[d] == 0 {
			continue
		}
		key := string(u16bytes(m.sig(doc))) + string(rune(m.sizes[d]))
		if seen[key] {
			continue
		}
		seen[key] = true
		m.tabs.reserve(m, 1)
		m.tabs.insert(m, doc)
	}
	return nil
}

func u16bytes(s []uint16) []byte {
	b := make([]byte, 2*len(s))
	for i, v := range s {
		binary.LittleEndian.PutUint16(b[2*i:], v)
	}
	return b
}

type byteReader struct{ r io.Reader }

func (b byteReader) ReadByte() (byte, error) {
	var x [1]byte
	_, err := io.ReadFull(b.r, x[:])
	return x[0], err
}
