package topic

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"maps"
	"math"
	"math/bits"
	"os"
	"slices"

	"github.com/diplotext/diplotext/internal/atomicfile"
)

// FormatVersion is the version of the model file format written by
// [Model.Save]. [Load] reads this version and the earlier version 1, and
// refuses newer ones.
const FormatVersion = 2

// model file layout: magic (8 bytes), format version (uint32), payload
// length (uint64), CRC-32C of the payload (uint32), payload. All integers
// are little-endian. Version 1's payload is gzip of a gob of modelFile;
// version 2's is the same fields as plain arrays, read with a few copies
// (a gob of float32 slices took most of a cold start of the tool):
// strings are a uvarint length and the bytes, slices a uvarint count and
// the values (uint64 hashes, float32 bits), in the order Algo, Labels,
// Hashes, IDF, Bias, PlattA, PlattB, Threshold, DefIDF, MinLabels
// (uvarint), Meta (uvarint count, then key and value strings, keys
// sorted), then Weights as a uvarint count of non-zero values, a bitmap
// of all F×L weights (uint64 words, bit i%64 of word i/64 for weight i)
// and the non-zero values in order: most weights are zero.
var magic = [8]byte{'D', 'T', 'X', 'T', 'O', 'P', 'I', 'C'}

const maxPayload = 1 << 31

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

type modelFile struct {
	Algo      string
	Labels    []string
	Hashes    []uint64
	IDF       []float32
	Weights   []float32
	Bias      []float32
	PlattA    []float32
	PlattB    []float32
	Threshold []float32
	DefIDF    float32
	MinLabels int
	Meta      map[string]string
}

// Save writes m to w in the versioned, checksummed model format. A nil
// model, or one with a non-finite weight, is an error.
func (m *Model) Save(w io.Writer) error {
	if m == nil {
		return fmt.Errorf("topic: save model: %w", ErrNilClassifier)
	}
	if err := m.checkFinite(); err != nil {
		return fmt.Errorf("topic: save model: %w", err)
	}
	mf := modelFile{
		Algo: m.algo.String(), Labels: m.labels, Hashes: m.hashes, IDF: m.idf, Weights: m.weights,
		Bias: m.bias, PlattA: m.plattA, PlattB: m.plattB, Threshold: m.threshold, DefIDF: m.defIDF,
		MinLabels: m.minLabels, Meta: m.meta,
	}
	payload := bytes.NewBuffer(appendV2(nil, &mf))
	var hdr [24]byte
	copy(hdr[:8], magic[:])
	binary.LittleEndian.PutUint32(hdr[8:], FormatVersion)
	binary.LittleEndian.PutUint64(hdr[12:], uint64(payload.Len()))
	binary.LittleEndian.PutUint32(hdr[20:], crc32.Checksum(payload.Bytes(), castagnoli))
	if _, err := w.Write(hdr[:]); err != nil {
		return fmt.Errorf("topic: save model: %w", err)
	}
	if _, err := w.Write(payload.Bytes()); err != nil {
		return fmt.Errorf("topic: save model: %w", err)
	}
	return nil
}

// SaveFile writes m to the file path, atomically, with internal/atomicfile:
// it writes a temporary file in the same folder, syncs it to disk, renames
// it over path and syncs the folder, so a crash leaves the old model or the
// new one, never part of either; on an error no temporary file is left. It
// first removes the temporary files that a save of path killed midway (kill
// -9, a power cut) left behind, as the dedupe file store does when it opens
// its file; a save in progress in another running process is left alone.
func (m *Model) SaveFile(path string) error {
	if m == nil {
		return fmt.Errorf("topic: save model %s: %w", path, ErrNilClassifier)
	}
	atomicfile.Clean(path) // best effort: a file it cannot remove is no reason not to save
	err := atomicfile.Write(path, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		if err := m.Save(bw); err != nil {
			return err
		}
		return bw.Flush()
	})
	if err != nil {
		return fmt.Errorf("topic: %w", err)
	}
	return nil
}

// Errors returned (wrapped) by [Load] for files it cannot read.
var (
	// ErrNotModel means the data does not start like a model file.
	ErrNotModel = errors.New("not a diplotext topic model")
	// ErrVersion means the model was written by a newer format version.
	ErrVersion = errors.New("unsupported model format version")
	// ErrCorrupt means the model file is truncated or damaged.
	ErrCorrupt = errors.New("model file is truncated or corrupt")
)

// Load reads a model written by [Model.Save]. A truncated or corrupted
// model, or one written by a newer format version, gives an error wrapping
// [ErrCorrupt], [ErrVersion] or [ErrNotModel]; use [LoadFile] for errors
// that name the file.
func Load(r io.Reader) (*Model, error) {
	m, err := load(r)
	if err != nil {
		return nil, fmt.Errorf("topic: load model: %w", err)
	}
	return m, nil
}

// LoadFile reads the model file at path; errors name the file.
func LoadFile(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("topic: load model: %w", err)
	}
	defer f.Close()
	m, err := load(bufio.NewReader(f))
	if err != nil {
		return nil, fmt.Errorf("topic: load model %s: %w", path, err)
	}
	return m, nil
}

func load(r io.Reader) (*Model, error) {
	var hdr [24]byte
	if n, err := io.ReadFull(r, hdr[:]); err != nil {
		if n < 8 || !bytes.Equal(hdr[:8], magic[:]) {
			return nil, ErrNotModel
		}
		return nil, fmt.Errorf("%w: header has %d of 24 bytes", ErrCorrupt, n)
	}
	if !bytes.Equal(hdr[:8], magic[:]) {
		return nil, ErrNotModel
	}
	v := binary.LittleEndian.Uint32(hdr[8:])
	if v != 1 && v != FormatVersion {
		return nil, fmt.Errorf("%w %d (this build reads version %d; upgrade diplotext)", ErrVersion, v, FormatVersion)
	}
	n := binary.LittleEndian.Uint64(hdr[12:])
	if n > maxPayload {
		return nil, fmt.Errorf("%w: payload length %d", ErrCorrupt, n)
	}
	var payload []byte
	var err error
	if lr, ok := r.(interface{ Len() int }); ok && uint64(lr.Len()) >= n {
		// a reader that knows its length (bytes.Reader, as for an
		// embedded model): one allocation, not ReadAll's growing copies
		payload = make([]byte, n)
		_, err = io.ReadFull(r, payload)
	} else {
		payload, err = io.ReadAll(io.LimitReader(r, int64(n)))
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	if uint64(len(payload)) != n {
		return nil, fmt.Errorf("%w: payload has %d of %d bytes", ErrCorrupt, len(payload), n)
	}
	if crc32.Checksum(payload, castagnoli) != binary.LittleEndian.Uint32(hdr[20:]) {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrCorrupt)
	}
	var extra [1]byte
	if n, _ := io.ReadFull(r, extra[:]); n > 0 {
		return nil, fmt.Errorf("%w: trailing bytes after the model", ErrCorrupt)
	}
	var mf modelFile
	if v == 1 {
		zr, err := gzip.NewReader(bytes.NewReader(payload))
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
		if err := gob.NewDecoder(zr).Decode(&mf); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
	} else if err := readV2(payload, &mf); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return fromFile(&mf)
}

// appendV2 appends the version 2 payload of mf to b.
func appendV2(b []byte, mf *modelFile) []byte {
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	f32s := func(v []float32) {
		b = binary.AppendUvarint(b, uint64(len(v)))
		for _, x := range v {
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(x))
		}
	}
	str(mf.Algo)
	b = binary.AppendUvarint(b, uint64(len(mf.Labels)))
	for _, l := range mf.Labels {
		str(l)
	}
	b = binary.AppendUvarint(b, uint64(len(mf.Hashes)))
	for _, h := range mf.Hashes {
		b = binary.LittleEndian.AppendUint64(b, h)
	}
	for _, v := range [][]float32{mf.IDF, mf.Bias, mf.PlattA, mf.PlattB, mf.Threshold} {
		f32s(v)
	}
	b = binary.LittleEndian.AppendUint32(b, math.Float32bits(mf.DefIDF))
	b = binary.AppendUvarint(b, uint64(max(mf.MinLabels, 0)))
	keys := slices.Sorted(maps.Keys(mf.Meta))
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		str(k)
		str(mf.Meta[k])
	}
	// weights: the bits of a zero are all zero (a negative zero is kept)
	bitmap := make([]uint64, (len(mf.Weights)+63)/64)
	nz := 0
	for i, x := range mf.Weights {
		if math.Float32bits(x) != 0 {
			bitmap[i/64] |= 1 << (i % 64)
			nz++
		}
	}
	b = binary.AppendUvarint(b, uint64(len(mf.Weights)))
	b = binary.AppendUvarint(b, uint64(nz))
	for _, w := range bitmap {
		b = binary.LittleEndian.AppendUint64(b, w)
	}
	for _, x := range mf.Weights {
		if bits := math.Float32bits(x); bits != 0 {
			b = binary.LittleEndian.AppendUint32(b, bits)
		}
	}
	return b
}

// readV2 decodes a version 2 payload into mf.
func readV2(b []byte, mf *modelFile) error {
	bad := false
	uvarint := func() uint64 {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			bad, b = true, nil
			return 0
		}
		b = b[n:]
		return v
	}
	take := func(n uint64, size int) []byte {
		if bad || n > uint64(len(b)/size) {
			bad, b = true, nil
			return nil
		}
		v := b[:int(n)*size]
		b = b[int(n)*size:]
		return v
	}
	str := func() string { return string(take(uvarint(), 1)) }
	f32s := func() []float32 {
		raw := take(uvarint(), 4)
		v := make([]float32, len(raw)/4)
		for i := range v {
			v[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
		}
		return v
	}
	mf.Algo = str()
	nl := uvarint()
	if nl > uint64(len(b)) {
		return errors.New("bad label count")
	}
	mf.Labels = make([]string, nl)
	for i := range mf.Labels {
		mf.Labels[i] = str()
	}
	raw := take(uvarint(), 8)
	mf.Hashes = make([]uint64, len(raw)/8)
	for i := range mf.Hashes {
		mf.Hashes[i] = binary.LittleEndian.Uint64(raw[8*i:])
	}
	mf.IDF, mf.Bias, mf.PlattA, mf.PlattB, mf.Threshold = f32s(), f32s(), f32s(), f32s(), f32s()
	if raw := take(1, 4); raw != nil {
		mf.DefIDF = math.Float32frombits(binary.LittleEndian.Uint32(raw))
	}
	mf.MinLabels = int(min(uvarint(), 1))
	nm := uvarint()
	if nm > uint64(len(b)) {
		return errors.New("bad metadata count")
	}
	mf.Meta = make(map[string]string, nm)
	for range nm {
		k := str()
		mf.Meta[k] = str()
	}
	nw, nz := uvarint(), uvarint()
	if bad || nw > uint64(len(b))*8 || nz > nw {
		return errors.New("bad weight count")
	}
	bitmap := take((nw+63)/64, 8)
	vals := take(nz, 4)
	if bad {
		return errors.New("truncated")
	}
	if len(b) > 0 {
		return errors.New("bytes after the weights")
	}
	mf.Weights = make([]float32, nw)
	p := 0
	for wi := 0; wi < len(bitmap); wi += 8 {
		word := binary.LittleEndian.Uint64(bitmap[wi:])
		for word != 0 {
			i := wi/8*64 + bits.TrailingZeros64(word)
			word &= word - 1
			if uint64(i) >= nw || p+4 > len(vals) {
				return errors.New("weight bitmap and values disagree")
			}
			mf.Weights[i] = math.Float32frombits(binary.LittleEndian.Uint32(vals[p:]))
			p += 4
		}
	}
	if p != len(vals) {
		return errors.New("weight bitmap and values disagree")
	}
	return nil
}

func fromFile(mf *modelFile) (*Model, error) {
	var algo Algorithm
	if err := algo.UnmarshalText([]byte(mf.Algo)); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	L, F := len(mf.Labels), len(mf.Hashes)
	if L == 0 || len(mf.Bias) != L || len(mf.PlattA) != L || len(mf.PlattB) != L || len(mf.Threshold) != L ||
		len(mf.IDF) != F || len(mf.Weights) != F*L {
		return nil, fmt.Errorf("%w: inconsistent sizes", ErrCorrupt)
	}
	for i := 1; i < F; i++ {
		if mf.Hashes[i] <= mf.Hashes[i-1] {
			return nil, fmt.Errorf("%w: features out of order", ErrCorrupt)
		}
	}
	for _, s := range [][]float32{mf.IDF, mf.Weights, mf.Bias, mf.PlattA, mf.PlattB, mf.Threshold, {mf.DefIDF}} {
		for _, x := range s {
			if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
				return nil, fmt.Errorf("%w: non-finite weight", ErrCorrupt)
			}
		}
	}
	if mf.Meta == nil {
		mf.Meta = map[string]string{}
	}
	return &Model{
		algo: algo, labels: mf.Labels, hashes: mf.Hashes, idf: mf.IDF, weights: mf.Weights, bias: mf.Bias,
		plattA: mf.PlattA, plattB: mf.PlattB, threshold: mf.Threshold, defIDF: mf.DefIDF,
		minLabels: min(max(mf.MinLabels, 0), 1), meta: mf.Meta,
	}, nil
}
