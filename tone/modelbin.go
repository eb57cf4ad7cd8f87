package tone

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"slices"
)

// The targeted-tone model is embedded in a compact binary form
// (model/target.bin), written by the training program beside the readable
// model/target.txt.gz it is equal to (a test checks). Decoding it costs a
// fraction of parsing the gzipped text, which was most of the cold start of
// the first document of a process (issue 10).
//
// Layout, version 1:
//
//	"DTTM" magic, 1 version byte, uvarint feature count, then per feature
//	(sorted by name, strictly increasing): uvarint length of the prefix
//	shared with the previous name, uvarint length of the rest, the rest's
//	bytes, and the three weights (negative, neutral, positive) in
//	thousandths as zigzag varints; at the end the CRC-32 (IEEE,
//	little-endian) of everything before it.
//
// The text form writes weights with three decimals, so thousandths hold
// them exactly: decoding gives the same float32 values as parsing the text.

const (
	targetBinMagic   = "DTTM"
	targetBinVersion = 1
	// targetBinMaxName bounds a feature name, so a corrupt length cannot
	// ask for a huge allocation.
	targetBinMaxName = 1 << 12
	// targetBinMaxMilli bounds a weight, in thousandths: a logistic
	// model's weights are a few units at most, so a million is corruption.
	targetBinMaxMilli = 1e9
)

// errCorruptModel is wrapped by the error of an embedded model that is not
// in the expected binary form.
var errCorruptModel = errors.New("corrupt model")

// milli returns w in thousandths, and whether that holds it exactly (as
// decodeTargetBin will read it back).
func milli(w float32) (int64, bool) {
	if math.IsNaN(float64(w)) || math.IsInf(float64(w), 0) || math.Abs(float64(w))*1000 > targetBinMaxMilli {
		return 0, false
	}
	q := int64(math.Round(float64(w) * 1000))
	return q, float32(float64(q)/1000) == w
}

// encodeTargetBin writes the weights w in the binary form. It returns an
// error if a weight is not a whole number of thousandths (the text form's
// precision) or a name is empty or too long.
func encodeTargetBin(w map[string][3]float32) ([]byte, error) {
	names := make([]string, 0, len(w))
	for k := range w {
		if k == "" || len(k) > targetBinMaxName {
			return nil, fmt.Errorf("tone: target model: feature name of %d bytes", len(k))
		}
		names = append(names, k)
	}
	slices.Sort(names)
	b := append([]byte(targetBinMagic), targetBinVersion)
	b = binary.AppendUvarint(b, uint64(len(names)))
	prev := ""
	for _, k := range names {
		p := 0
		for p < len(prev) && p < len(k) && prev[p] == k[p] {
			p++
		}
		b = binary.AppendUvarint(b, uint64(p))
		b = binary.AppendUvarint(b, uint64(len(k)-p))
		b = append(b, k[p:]...)
		for _, x := range w[k] {
			q, ok := milli(x)
			if !ok {
				return nil, fmt.Errorf("tone: target model: weight %v of %q is not a whole number of thousandths", x, k)
			}
			b = binary.AppendVarint(b, q)
		}
		prev = k
	}
	return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b)), nil
}

// decodeTargetBin reads the binary form. A wrong magic, version or
// checksum, a truncated or overlong record, names out of order, or bytes
// left over make it return an error wrapping errCorruptModel.
func decodeTargetBin(b []byte) (map[string][3]float32, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("tone: target model: %w: %s", errCorruptModel, fmt.Sprintf(format, args...))
	}
	if len(b) < len(targetBinMagic)+1+1+4 || string(b[:len(targetBinMagic)]) != targetBinMagic {
		return nil, bad("not a binary target model (no %q header)", targetBinMagic)
	}
	if v := b[len(targetBinMagic)]; v != targetBinVersion {
		return nil, bad("version %d, this build reads version %d", v, targetBinVersion)
	}
	body, sum := b[:len(b)-4], binary.LittleEndian.Uint32(b[len(b)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return nil, bad("checksum mismatch")
	}
	p := body[len(targetBinMagic)+1:]
	uvarint := func(what string) (uint64, error) {
		v, n := binary.Uvarint(p)
		if n <= 0 {
			return 0, bad("truncated %s", what)
		}
		p = p[n:]
		return v, nil
	}
	count, err := uvarint("feature count")
	if err != nil {
		return nil, err
	}
	// Every record takes at least 5 bytes: this bounds the allocation.
	if count > uint64(len(p))/5 {
		return nil, bad("%d features in %d bytes", count, len(p))
	}
	// The names are decoded into one buffer, made one string at the end,
	// and the map's keys are slices of it: one allocation for all names.
	type rec struct {
		off, n int
		v      [3]float32
	}
	recs := make([]rec, 0, count)
	var names []byte
	prev := 0 // offset of the previous name in names
	for i := range count {
		shared, err := uvarint("name")
		if err != nil {
			return nil, err
		}
		rest, err := uvarint("name")
		if err != nil {
			return nil, err
		}
		pn := 0
		if i > 0 {
			pn = recs[i-1].n
		}
		if shared > uint64(pn) || rest > targetBinMaxName || shared+rest > targetBinMaxName || rest > uint64(len(p)) {
			return nil, bad("feature %d: bad name length", i)
		}
		off := len(names)
		names = append(names, names[prev:prev+int(shared)]...)
		names = append(names, p[:rest]...)
		p = p[rest:]
		n := int(shared + rest)
		if cur, last := names[off:off+n], names[prev:prev+pn]; n == 0 || (i > 0 && string(cur) <= string(last)) {
			return nil, bad("feature %d: %q not after %q", i, cur, last)
		}
		r := rec{off: off, n: n}
		for c := range 3 {
			q, k := binary.Varint(p)
			if k <= 0 {
				return nil, bad("feature %d: truncated weights", i)
			}
			p = p[k:]
			if q > targetBinMaxMilli || q < -targetBinMaxMilli {
				return nil, bad("feature %d: weight %d thousandths out of range", i, q)
			}
			r.v[c] = float32(float64(q) / 1000)
		}
		recs = append(recs, r)
		prev = off
	}
	if len(p) != 0 {
		return nil, bad("%d bytes after the last feature", len(p))
	}
	all := string(names)
	w := make(map[string][3]float32, len(recs))
	for _, r := range recs {
		w[all[r.off:r.off+r.n]] = r.v
	}
	return w, nil
}

// loadTargetBin decodes the embedded binary model and indexes it.
func loadTargetBin(b []byte) (*targetModel, error) {
	w, err := decodeTargetBin(b)
	if err != nil {
		return nil, err
	}
	m := &targetModel{w: w}
	m.index()
	return m, nil
}
