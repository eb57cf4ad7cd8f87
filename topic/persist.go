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
	"math"
	"os"
	"path/filepath"
)

// FormatVersion is the version of the model file format written by
// [Model.Save]. [Load] reads this version and refuses newer ones.
const FormatVersion = 1

// model file layout: magic (8 bytes), format version (uint32), payload
// length (uint64), CRC-32C of the payload (uint32), payload: gzip of a gob
// of modelFile. All integers are little-endian.
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
	var payload bytes.Buffer
	zw, err := gzip.NewWriterLevel(&payload, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("topic: save model: %w", err)
	}
	mf := modelFile{
		Algo: m.algo.String(), Labels: m.labels, Hashes: m.hashes, IDF: m.idf, Weights: m.weights,
		Bias: m.bias, PlattA: m.plattA, PlattB: m.plattB, Threshold: m.threshold, DefIDF: m.defIDF,
		MinLabels: m.minLabels, Meta: m.meta,
	}
	if err := gob.NewEncoder(zw).Encode(&mf); err != nil {
		return fmt.Errorf("topic: save model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("topic: save model: %w", err)
	}
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

// SaveFile writes m to the file path, atomically: it writes a temporary
// file in the same folder and renames it, so a partly written model is
// never left behind.
func (m *Model) SaveFile(path string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("topic: save model %s: %w", path, err)
	}
	bw := bufio.NewWriter(tmp)
	err = tmp.Chmod(0o644)
	if err == nil {
		err = m.Save(bw)
	}
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = tmp.Sync() // the data is on disk before the rename makes it the model
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("topic: save model %s: %w", path, err)
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
	if v := binary.LittleEndian.Uint32(hdr[8:]); v != FormatVersion {
		return nil, fmt.Errorf("%w %d (this build reads version %d; upgrade diplotext)", ErrVersion, v, FormatVersion)
	}
	n := binary.LittleEndian.Uint64(hdr[12:])
	if n > maxPayload {
		return nil, fmt.Errorf("%w: payload length %d", ErrCorrupt, n)
	}
	payload, err := io.ReadAll(io.LimitReader(r, int64(n)))
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
	zr, err := gzip.NewReader(bytes.NewReader(payload))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	var mf modelFile
	if err := gob.NewDecoder(zr).Decode(&mf); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return fromFile(&mf)
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
