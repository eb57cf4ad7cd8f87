package gaz

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"maps"
	"math/bits"
	"slices"
	"strconv"
	"sync"
)

// The built-in index is built at go generate time (internal/gentables):
// its entries and aliases are the Go literals of tables_gen.go, which the
// linker lays out as static data, and its hash tables are the embedded
// blob tables.bin, read in place. Starting a process costs nothing beyond
// reading the header of the blob; a lookup probes the blob directly.
//
// tables.bin, all integers little-endian:
//
//	magic "GAZT" version uint32 = 4
//	wordBits, firstBits, phraseBits, nCands uint32
//	words       [1<<wordBits]{key uint64; flags uint8}     word hash (text.Hash), 0 = empty slot; word classes, fCommon
//	first words [1<<firstBits]{key uint64; len uint8}      hash of the first word of an alias; its longest alias in words
//	phrases     [1<<phraseBits]{key uint64; cands uint32}  phrase hash (Combine over the words); first candidate << 4 | number of candidates
//	candidates  [nCands]uint32                             alias indices, highest entry rank first
//
// A key and its value are side by side: a probe reads one cache line.
//
// The tables are open-addressed with linear probing from slot
// (key * golden) >> (64 - bits). The first words are a table of their own,
// a tenth of the size of the word table, because Scan probes it for every
// token: it stays in cache.

// Flags of the word table beside the word classes (WFirstName ... WFinance).
const (
	wordClassBits uint8 = 1<<6 - 1
	fCommon       uint8 = 1 << 6 // a common lower-case English word (see Common)
)

const (
	tablesMagic   = "GAZT"
	tablesVersion = 4
	golden        = 0x9E3779B97F4A7C15
	maxCands      = 1<<4 - 1
)

// hashTable is an open-addressed table of 64-bit keys over a byte slice:
// slot i is data[i*stride:], its key and then its value.
type hashTable struct {
	data   []byte
	stride int
	shift  uint
	mask   uint64
}

// size returns the number of slots.
func (t *hashTable) size() int { return int(t.mask) + 1 }

// key returns the key of slot i.
func (t *hashTable) key(i int) uint64 { return binary.LittleEndian.Uint64(t.data[i*t.stride:]) }

// slot returns the slot of key h, or -1.
func (t *hashTable) slot(h uint64) int {
	if h == 0 || len(t.data) == 0 {
		return -1
	}
	i := (h * golden) >> t.shift
	for {
		k := binary.LittleEndian.Uint64(t.data[int(i)*t.stride:])
		if k == h {
			return int(i)
		}
		if k == 0 {
			return -1
		}
		i = (i + 1) & t.mask
	}
}

// flags returns the one-byte value of key h, 0 if absent.
func (t *hashTable) flags(h uint64) uint8 {
	if i := t.slot(h); i >= 0 {
		return t.data[i*t.stride+8]
	}
	return 0
}

// tables are the generated hash tables of the built-in index.
type tables struct {
	words    hashTable // word hash -> flags
	first    hashTable // first words of aliases -> longest alias in words
	phrases  hashTable // phrase hash -> candidate range
	cands    []byte    // uint32 alias indices
	nAliases int       // aliases[:nAliases] are found through these tables
}

// candidates returns the aliases of phrase hash h, highest rank first, as
// a [candList] (read in place: no allocation).
func (t *tables) candidates(h uint64) candList {
	i := t.phrases.slot(h)
	if i < 0 {
		return nil
	}
	v := binary.LittleEndian.Uint32(t.phrases.data[i*12+8:])
	start, n := int(v>>4), int(v&maxCands)
	return candList(t.cands[start*4 : (start+n)*4])
}

// candList is a list of alias indices stored as little-endian uint32s.
type candList []byte

// Len returns the number of aliases.
func (c candList) Len() int { return len(c) / 4 }

// At returns alias i.
func (c candList) At(i int) int32 { return int32(binary.LittleEndian.Uint32(c[i*4:])) }

// parseTables returns the tables stored in blob, checking its header and
// sizes.
func parseTables(blob []byte, nAliases int) (*tables, error) {
	const head = 24
	if len(blob) < head || string(blob[:4]) != tablesMagic {
		return nil, fmt.Errorf("gaz: tables: bad header")
	}
	le := binary.LittleEndian
	if v := le.Uint32(blob[4:]); v != tablesVersion {
		return nil, fmt.Errorf("gaz: tables: version %d, want %d", v, tablesVersion)
	}
	wb, fb, pb, nc := uint(le.Uint32(blob[8:])), uint(le.Uint32(blob[12:])), uint(le.Uint32(blob[16:])), int(le.Uint32(blob[20:]))
	if wb < 1 || wb > 30 || fb < 1 || fb > 30 || pb < 1 || pb > 30 || nc > 1<<28 {
		return nil, fmt.Errorf("gaz: tables: bad sizes")
	}
	nw, nf, np := 1<<wb, 1<<fb, 1<<pb
	if want := head + nw*9 + nf*9 + np*12 + nc*4; len(blob) != want {
		return nil, fmt.Errorf("gaz: tables: %d bytes, want %d", len(blob), want)
	}
	p := blob[head:]
	take := func(n int) []byte { b := p[:n:n]; p = p[n:]; return b }
	t := &tables{nAliases: nAliases}
	t.words = hashTable{data: take(nw * 9), stride: 9, shift: 64 - wb, mask: uint64(nw - 1)}
	t.first = hashTable{data: take(nf * 9), stride: 9, shift: 64 - fb, mask: uint64(nf - 1)}
	t.phrases = hashTable{data: take(np * 12), stride: 12, shift: 64 - pb, mask: uint64(np - 1)}
	t.cands = take(nc * 4)
	return t, nil
}

// defaultTables returns the generated tables of the built-in index. The
// embedded blob is checked by the tests; a corrupt one is a build fault.
var defaultTables = sync.OnceValue(func() *tables {
	t, err := parseTables(tablesBlob, len(defaultAliases))
	if err != nil {
		panic(err)
	}
	return t
})

// Default returns the built-in index: the generated country and city tables
// and the hand-reviewed lexicon, as built by go generate (see
// internal/gentables). It is immutable and shared; it costs nothing to
// build.
func Default() *Index { return defaultIndex() }

var defaultIndex = sync.OnceValue(func() *Index {
	return &Index{entries: defaultEntries[:], aliases: defaultAliases[:], tab: defaultTables(), maxLen: defaultMaxLen}
})

// tableBits returns the number of bits of a table of at least n/0.5 slots.
func tableBits(n int) uint {
	return uint(bits.Len(uint(2*n - 1)))
}

// putTable fills an open-addressed table with keys; it returns the slot
// of each key.
func putTable(keys []uint64, b uint) ([]uint64, map[uint64]int) {
	size := 1 << b
	slots := make([]uint64, size)
	at := make(map[uint64]int, len(keys))
	for _, h := range keys {
		i := (h * golden) >> (64 - b)
		for slots[i] != 0 {
			i = (i + 1) & uint64(size-1)
		}
		slots[i] = h
		at[h] = int(i)
	}
	return slots, at
}

// WriteTables builds the built-in index from its sources (the country,
// city and province tables, lexicon.txt, the titles and the word lists)
// and returns the Go source of its entries and aliases (tables_gen.go)
// and the blob of its hash tables (tables.bin). It is the generator's
// work (go generate in this package).
func WriteTables() (goSrc, blob []byte, err error) {
	ix := buildDefault()
	flags := map[uint64]uint8{}
	for h, c := range wordClassMap() {
		flags[h] |= c
	}
	for h := range commonSet() {
		flags[h] |= fCommon
	}
	wordKeys := slices.Sorted(maps.Keys(flags))
	firstKeys := slices.Sorted(maps.Keys(ix.first))
	phraseKeys := slices.Sorted(maps.Keys(ix.byHash))
	for _, k := range [][]uint64{wordKeys, firstKeys, phraseKeys} {
		if len(k) > 0 && k[0] == 0 {
			return nil, nil, fmt.Errorf("gaz: a hash is 0, the empty slot")
		}
	}
	wb, fb, pb := tableBits(len(wordKeys)), tableBits(len(firstKeys)), tableBits(len(phraseKeys))
	wslots, _ := putTable(wordKeys, wb)
	fslots, _ := putTable(firstKeys, fb)
	pslots, pat := putTable(phraseKeys, pb)
	pvals := make([]uint32, len(pslots))
	var cands []uint32
	for _, h := range phraseKeys {
		v := ix.byHash[h]
		if len(v) > maxCands {
			return nil, nil, fmt.Errorf("gaz: %d aliases share one phrase hash, at most %d", len(v), maxCands)
		}
		pvals[pat[h]] = uint32(len(cands))<<4 | uint32(len(v))
		for _, a := range v {
			cands = append(cands, uint32(a))
		}
	}
	if len(cands) >= 1<<28 {
		return nil, nil, fmt.Errorf("gaz: too many aliases")
	}
	var bb bytes.Buffer
	le := binary.LittleEndian
	bb.WriteString(tablesMagic)
	for _, v := range []uint32{tablesVersion, uint32(wb), uint32(fb), uint32(pb), uint32(len(cands))} {
		bb.Write(le.AppendUint32(nil, v))
	}
	for _, k := range wslots {
		bb.Write(le.AppendUint64(nil, k))
		bb.WriteByte(flags[k])
	}
	for _, k := range fslots {
		bb.Write(le.AppendUint64(nil, k))
		if k != 0 {
			bb.WriteByte(byte(ix.first[k]))
		} else {
			bb.WriteByte(0)
		}
	}
	for i, k := range pslots {
		bb.Write(le.AppendUint64(nil, k))
		bb.Write(le.AppendUint32(nil, pvals[i]))
	}
	for _, c := range cands {
		bb.Write(le.AppendUint32(nil, c))
	}

	var g bytes.Buffer
	g.WriteString("// Code generated by entity/internal/gaz/internal/gentables from the country, city and province\n")
	g.WriteString("// tables, lexicon.txt, titles.go and the word lists of this package. DO NOT EDIT.\n\n")
	g.WriteString("package gaz\n\nimport _ \"embed\"\n\n")
	g.WriteString("// tablesBlob holds the hash tables of the built-in index (see static.go).\n//\n//go:embed tables.bin\nvar tablesBlob []byte\n\n")
	fmt.Fprintf(&g, "// defaultMaxLen is the longest alias of the built-in index, in tokens.\nconst defaultMaxLen = %d\n\n", ix.maxLen)
	g.WriteString("// defaultEntries are the entries of the built-in index.\nvar defaultEntries = [...]Entry{\n")
	for _, e := range ix.entries {
		fmt.Fprintf(&g, "\t{%d, %s, %s, %d},\n", e.Kind, strconv.Quote(e.Canonical), strconv.Quote(e.Country), e.Rank)
	}
	g.WriteString("}\n\n// defaultAliases are the aliases of the built-in index.\nvar defaultAliases = [...]alias{\n")
	for _, a := range ix.aliases {
		fmt.Fprintf(&g, "\t{%s, %s, %d},\n", quoteList(a.words), quoteList(a.exact), a.entry)
	}
	g.WriteString("}\n")
	return g.Bytes(), bb.Bytes(), nil
}

func quoteList(ws []string) string {
	if ws == nil {
		return "nil"
	}
	b := []byte("[]string{")
	for i, w := range ws {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = strconv.AppendQuote(b, w)
	}
	return string(append(b, '}'))
}
