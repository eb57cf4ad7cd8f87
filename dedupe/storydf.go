package dedupe

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"slices"
	"sync"

	"github.com/diplotext/diplotext/dedupe/internal/storyterm"
)

//go:generate go run ./internal/gendf -o storydf.bin -go storydf_gen.go

// Background table format (storydf.bin, written by internal/gendf):
//
//	magic "DDUPSTDF", version uint32 (1), terms version uint32 (the
//	storyterm.Version it was counted with), documents uint64, count
//	uvarint, count × (stem hash delta uvarint, document frequency uvarint)
//	in increasing hash order, CRC-32 (IEEE) of everything before it.
const (
	bgMagic   = "DDUPSTDF"
	bgVersion = 1
)

// bgTable holds background document frequencies by stem hash.
type bgTable struct {
	n      uint64
	hashes []uint32
	dfs    []uint32
}

// df returns the background document frequency of the stem with hash h.
func (t *bgTable) df(h uint32) uint32 {
	if i, ok := slices.BinarySearch(t.hashes, h); ok {
		return t.dfs[i]
	}
	return 0
}

// background decodes the embedded table once, on first use.
var background = sync.OnceValues(func() (*bgTable, error) {
	t, err := decodeBackground(storyDF)
	if err != nil {
		return nil, fmt.Errorf("dedupe: built-in story document frequencies: %w", err)
	}
	return t, nil
})

func decodeBackground(b []byte) (*bgTable, error) {
	if len(b) < len(bgMagic)+4+4+8+4 || string(b[:len(bgMagic)]) != bgMagic {
		return nil, errors.New("bad magic")
	}
	body := b[:len(b)-4]
	if crc32.ChecksumIEEE(body) != binary.LittleEndian.Uint32(b[len(b)-4:]) {
		return nil, fmt.Errorf("checksum mismatch: %w", errCorrupt)
	}
	if v := binary.LittleEndian.Uint32(b[8:]); v != bgVersion {
		return nil, fmt.Errorf("version %d, want %d", v, bgVersion)
	}
	if v := binary.LittleEndian.Uint32(b[12:]); v != storyterm.Version {
		return nil, fmt.Errorf("counted with terms version %d, this library makes version %d terms (run go generate)", v, storyterm.Version)
	}
	t := &bgTable{n: binary.LittleEndian.Uint64(b[16:])}
	r := &snapReader{b: body[24:]}
	cnt := r.count(2, 1<<24, "terms")
	t.hashes = make([]uint32, cnt)
	t.dfs = make([]uint32, cnt)
	h := uint64(0)
	for i := 0; i < cnt && r.err == nil; i++ {
		d := r.uvarint()
		if i > 0 && d == 0 {
			r.fail("hashes out of order")
		}
		h += d
		df := r.uvarint()
		if h > 0xffffffff || df == 0 || df > t.n {
			r.fail("term")
		}
		t.hashes[i], t.dfs[i] = uint32(h), uint32(df)
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("trailing bytes: %w", errCorrupt)
	}
	return t, nil
}
