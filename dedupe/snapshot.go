package dedupe

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"os"

	"github.com/diplotext/diplotext/internal/atomicfile"
)

// Snapshot format (all integers little-endian):
//
//	magic "DDUPSNAP", version uint32 (3), k, bands, rows, n uint32,
//	settings (version 3; absent from version 2, whose files load with any):
//	           threshold, containment, min Jaccard, z Jaccard, z containment
//	           float64 bits, hasher byte, custom shingler byte,
//	n records: id length uvarint, id bytes, size uint32, parent uint32,
//	           dead byte, k × uint16 signature,
//	CRC-32 (IEEE) of everything before it.
//
// Version 2 files (sketch version 2, no settings) are read; version 3 is
// written.
const (
	snapMagic   = "DDUPSNAP"
	snapVersion = 3
	maxIDLen    = 1 << 16
	settingsLen = 5*8 + 2
)

// indexSettings are the settings of an [Index] that decide its groups; a
// store that keeps them refuses an Index made with others.
type indexSettings struct {
	Threshold, Containment, MinJaccard, ConfidenceJ, ConfidenceC float64
	Hashes                                                       int
	Hasher                                                       Hasher
	LSH                                                          LSH
	CustomShingler                                               bool
}

// settingsStore is a store that records the settings of the Index using it.
type settingsStore interface {
	useSettings(indexSettings) error
}

func (s indexSettings) String() string {
	return fmt.Sprintf("threshold %v, containment %v (Jaccard floor %v), confidence %v/%v, %d hashes (%v) in %d×%d bands, custom shingler %v",
		s.Threshold, s.Containment, s.MinJaccard, s.ConfidenceJ, s.ConfidenceC, s.Hashes, s.Hasher, s.LSH.Bands, s.LSH.Rows, s.CustomShingler)
}

// fileStore is the memory store loaded from and saved to a near-mode
// snapshot file. It checks at open that the file's folder can be written,
// so that a stream is not indexed only to be lost at the end.
type fileStore struct {
	*memStore
	path string
	// set is what the snapshot recorded (known) or the Index set.
	set   indexSettings
	known bool
	used  bool
}

func openFileStore(path string) (*fileStore, error) {
	fs := &fileStore{memStore: newMemStore(), path: path}
	if err := checkWritable(path); err != nil {
		return nil, err
	}
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
		return nil, fmt.Errorf("dedupe: %s %w: read it with Stories.ReadFrom (diplotext dedupe --mode story), or give near mode another file", path, errStorySnapshot)
	}
	set, known, err := fs.memStore.load(br)
	if err != nil {
		return nil, fmt.Errorf("dedupe: snapshot %s: %w", path, err)
	}
	fs.set, fs.known = set, known
	return fs, nil
}

// checkWritable removes the temporary files a save killed part-way left
// beside path, and fails when a file cannot be created there (nor the
// snapshot then saved).
func checkWritable(path string) error {
	if err := atomicfile.CheckWritable(path); err != nil {
		return fmt.Errorf("dedupe: store file:%w", err)
	}
	return nil
}

// useSettings checks the Index's settings against the snapshot's.
func (fs *fileStore) useSettings(s indexSettings) error {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.closed {
		return fmt.Errorf("dedupe: store file:%s: %w", fs.path, ErrClosed)
	}
	if fs.used {
		return fmt.Errorf("dedupe: store file:%s is already used by another Index", fs.path)
	}
	if fs.known && fs.set != s {
		return fmt.Errorf("dedupe: snapshot %s was made with %v, not %v: open it with the same settings (diplotext dedupe --threshold) or start a new file",
			fs.path, fs.set, s)
	}
	if !fs.known && fs.docs() > 0 && (fs.k != s.Hashes || fs.lsh != s.LSH) {
		return fmt.Errorf("dedupe: snapshot %s holds signatures of %d values in %d×%d bands, not %d in %d×%d",
			fs.path, fs.k, fs.lsh.Bands, fs.lsh.Rows, s.Hashes, s.LSH.Bands, s.LSH.Rows)
	}
	fs.set, fs.known, fs.used = s, true, true
	return nil
}

// Close saves the snapshot (to a temporary file in the same folder, synced,
// then renamed over the old one) and closes the store.
func (fs *fileStore) Close() error {
	fs.mu.Lock()
	closed := fs.closed
	fs.mu.Unlock()
	if closed {
		return nil
	}
	err := writeAtomic(fs.path, func(w io.Writer) error {
		fs.mu.RLock()
		defer fs.mu.RUnlock()
		return fs.memStore.save(w, fs.set, fs.known)
	})
	if err != nil {
		return err
	}
	return fs.memStore.Close()
}

// writeAtomic writes path with write: to a temporary file in the same
// folder, synced, then renamed over path, so that a crash leaves either
// the old file or the new one, never part of one (package
// internal/atomicfile, which also removes at the next open what a killed
// save left).
func writeAtomic(path string, write func(io.Writer) error) error {
	if err := atomicfile.Write(path, write); err != nil {
		return fmt.Errorf("dedupe: snapshot: %w", err)
	}
	return nil
}

func (m *memStore) save(w io.Writer, set indexSettings, known bool) error {
	h := crc32.NewIEEE()
	bw := bufio.NewWriterSize(io.MultiWriter(w, h), 1<<16)
	var b [binary.MaxVarintLen64]byte
	bw.WriteString(snapMagic)
	k, lsh := m.k, m.lsh
	if m.docs() == 0 && known {
		k, lsh = set.Hashes, set.LSH
	}
	for _, v := range []uint32{snapVersion, uint32(k), uint32(lsh.Bands), uint32(lsh.Rows), uint32(m.docs())} {
		binary.LittleEndian.PutUint32(b[:4], v)
		bw.Write(b[:4])
	}
	bw.Write(encodeSettings(set, known))
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

// encodeSettings is the settings block; unknown settings (a version 2
// snapshot that was never opened by an Index) are all zero.
func encodeSettings(s indexSettings, known bool) []byte {
	b := make([]byte, 0, settingsLen)
	if !known {
		return append(b, make([]byte, settingsLen)...)
	}
	for _, f := range []float64{s.Threshold, s.Containment, s.MinJaccard, s.ConfidenceJ, s.ConfidenceC} {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(f))
	}
	custom := byte(0)
	if s.CustomShingler {
		custom = 1
	}
	return append(b, byte(s.Hasher), custom)
}

// load reads a snapshot; it returns the recorded settings and whether
// there were any.
func (m *memStore) load(r io.Reader) (indexSettings, bool, error) {
	var set indexSettings
	set, known, err := m.loadBody(r)
	if err != nil {
		return set, false, err
	}
	return set, known, nil
}

func (m *memStore) loadBody(r io.Reader) (set indexSettings, known bool, err error) {
	h := crc32.NewIEEE()
	br := bufio.NewReaderSize(r, 1<<16)
	tr := io.TeeReader(br, h)
	var hdr [8 + 5*4]byte
	if _, err := io.ReadFull(tr, hdr[:]); err != nil {
		return set, false, fmt.Errorf("header: %w", errCorrupt)
	}
	if string(hdr[:8]) != snapMagic {
		return set, false, errors.New("not a dedupe snapshot (bad magic)")
	}
	u := func(i int) uint32 { return binary.LittleEndian.Uint32(hdr[8+4*i:]) }
	v := u(0)
	if v != snapVersion && v != 2 {
		return set, false, fmt.Errorf("snapshot version %d, this library reads versions 2 and %d", v, snapVersion)
	}
	k, bands, rows, n := int(u(1)), int(u(2)), int(u(3)), int(u(4))
	if k > 1024 || bands*rows > k || (n > 0 && (k == 0 || bands == 0 || rows == 0)) {
		return set, false, fmt.Errorf("header k=%d bands=%d rows=%d: %w", k, bands, rows, errCorrupt)
	}
	if v == snapVersion {
		var sb [settingsLen]byte
		if _, err := io.ReadFull(tr, sb[:]); err != nil {
			return set, false, fmt.Errorf("settings: %w", errCorrupt)
		}
		if sb != [settingsLen]byte{} {
			var f [5]float64
			for i := range f {
				f[i] = math.Float64frombits(binary.LittleEndian.Uint64(sb[8*i:]))
			}
			set = indexSettings{Threshold: f[0], Containment: f[1], MinJaccard: f[2], ConfidenceJ: f[3], ConfidenceC: f[4],
				Hashes: k, Hasher: Hasher(sb[40]), LSH: LSH{Bands: bands, Rows: rows}, CustomShingler: sb[41] == 1}
			known = true
			if !(set.Threshold > 0 && set.Threshold <= 1) || !(set.Containment >= 0 && set.Containment <= 1) ||
				!(set.MinJaccard >= 0 && set.MinJaccard <= 1) || !(set.ConfidenceJ >= 0 && finite(set.ConfidenceJ)) ||
				!(set.ConfidenceC >= 0 && finite(set.ConfidenceC)) || sb[40] > 1 || sb[41] > 1 ||
				k == 0 || bands == 0 || rows == 0 {
				return set, false, fmt.Errorf("settings: %w", errCorrupt)
			}
		}
	}
	bu := byteReader{tr}
	var buf [4]byte
	idb := make([]byte, 0, 64)
	sig := make([]uint16, k)
	for d := 0; d < n; d++ {
		l, err := binary.ReadUvarint(bu)
		if err != nil || l > maxIDLen {
			return set, false, fmt.Errorf("record %d: %w", d, errCorrupt)
		}
		if uint64(cap(idb)) < l {
			idb = make([]byte, l)
		}
		idb = idb[:l]
		if _, err := io.ReadFull(tr, idb); err != nil {
			return set, false, fmt.Errorf("record %d: %w", d, errCorrupt)
		}
		var rest [9]byte
		if _, err := io.ReadFull(tr, rest[:]); err != nil {
			return set, false, fmt.Errorf("record %d: %w", d, errCorrupt)
		}
		size := binary.LittleEndian.Uint32(rest[0:])
		parent := binary.LittleEndian.Uint32(rest[4:])
		dead := rest[8]
		for i := range sig {
			if _, err := io.ReadFull(tr, buf[:2]); err != nil {
				return set, false, fmt.Errorf("record %d: %w", d, errCorrupt)
			}
			sig[i] = binary.LittleEndian.Uint16(buf[:2])
		}
		if int(parent) > d || dead > 1 {
			return set, false, fmt.Errorf("record %d: %w", d, errCorrupt)
		}
		id := string(idb)
		if prev, dup := m.byID.find(m, id); dup && !m.isDead(prev) {
			return set, false, fmt.Errorf("record %d: duplicate id %q: %w", d, id, errCorrupt)
		}
		if d == 0 {
			if err := m.configure(k, LSH{Bands: bands, Rows: rows}); err != nil {
				return set, false, fmt.Errorf("%v: %w", err, errCorrupt)
			}
		}
		if _, err := m.appendDoc(id, size, parent, sig, dead == 1); err != nil {
			return set, false, err
		}
	}
	want := h.Sum32()
	if _, err := io.ReadFull(br, buf[:4]); err != nil {
		return set, false, fmt.Errorf("checksum: %w", errCorrupt)
	}
	if binary.LittleEndian.Uint32(buf[:4]) != want {
		return set, false, fmt.Errorf("checksum mismatch: %w", errCorrupt)
	}
	if _, err := br.ReadByte(); err != io.EOF {
		return set, false, fmt.Errorf("trailing bytes: %w", errCorrupt)
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
	return set, known, nil
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
