package tone

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"maps"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readTargetText parses the readable form of the targeted model from disk.
func readTargetText(tb testing.TB) *targetModel {
	tb.Helper()
	gz, err := os.ReadFile("model/target.txt.gz")
	require.NoError(tb, err)
	m, err := parseTarget(gz)
	require.NoError(tb, err)
	return m
}

// The embedded binary model holds exactly the weights of the readable one,
// so every score is what the text model gave.
func TestTargetBinMatchesText(t *testing.T) {
	txt := readTargetText(t)
	bin, err := loadTargetBin(targetBin)
	require.NoError(t, err)
	require.Equal(t, len(txt.w), len(bin.w))
	for k, w := range txt.w {
		if bin.w[k] != w {
			t.Fatalf("feature %q: binary %v, text %v", k, bin.w[k], w)
		}
	}
	assert.Equal(t, txt.fixed, bin.fixed)
	assert.Equal(t, len(txt.bags), len(bin.bags))
	// The training program's encoding of the text is the embedded file.
	enc, err := encodeTargetBin(txt.w)
	require.NoError(t, err)
	assert.Equal(t, targetBin, enc, "model/target.bin is not the encoding of model/target.txt.gz: rerun the training program")
}

func TestTargetBinRoundTrip(t *testing.T) {
	w := map[string][3]float32{"bias": {-0.158, 0.182, -0.093}, "c:a": {0, 1.5, -32.767}, "c:ab": {0.001, -0.001, 100}, "z": {}}
	b, err := encodeTargetBin(w)
	require.NoError(t, err)
	got, err := decodeTargetBin(b)
	require.NoError(t, err)
	assert.Equal(t, w, got)
	empty, err := encodeTargetBin(nil)
	require.NoError(t, err)
	got, err = decodeTargetBin(empty)
	require.NoError(t, err)
	assert.Empty(t, got)
	for _, bad := range []map[string][3]float32{{"x": {0.0001, 0, 0}}, {"": {}}, {"nan": {float32(nan()), 0, 0}}} {
		_, err := encodeTargetBin(bad)
		assert.Error(t, err, "%v", bad)
	}
}

func nan() float64 { var z float64; return z / z }

// reseal replaces the checksum of b, so a test reaches the checks behind it.
func reseal(b []byte) []byte {
	b = append([]byte(nil), b[:len(b)-4]...)
	return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

func TestTargetBinCorrupt(t *testing.T) {
	good, err := encodeTargetBin(map[string][3]float32{"a": {1, 2, 3}, "ab": {0.5, 0, -0.5}})
	require.NoError(t, err)
	flipped := append([]byte(nil), good...)
	flipped[7] ^= 1
	version := append([]byte(nil), good...)
	version[4] = 2
	// The second record: shared 1, rest 1, "b", then weights of 2, 1 and 2
	// bytes and the checksum. Make it the name "A", before "a".
	unsorted := append([]byte(nil), good...)
	nb := len(unsorted) - 4 - 5 - 1
	require.Equal(t, byte('b'), unsorted[nb])
	unsorted[nb-2], unsorted[nb] = 0, 'A'
	cases := map[string][]byte{
		"empty":     nil,
		"gzip text": {0x1f, 0x8b, 0, 0, 0, 0, 0, 0, 0, 0},
		"magic":     reseal(append([]byte("XXXX"), good[4:]...)),
		"version":   reseal(version),
		"checksum":  flipped,
		"truncated": reseal(good[:len(good)-6]),
		"trailing":  reseal(append(append([]byte(nil), good[:len(good)-4]...), 0, 0, 0, 0, 0)),
		"count":     reseal(append([]byte("DTTM\x01\xff\xff\xff\xff\x0f"), make([]byte, 8)...)),
		"unsorted":  reseal(unsorted),
	}
	for name, b := range cases {
		_, err := decodeTargetBin(b)
		if assert.Error(t, err, name) {
			assert.True(t, errors.Is(err, errCorruptModel), "%s: %v", name, err)
		}
		_, err = loadTargetBin(b)
		assert.Error(t, err, name)
	}
}

// FuzzTargetBin: any bytes decode to a model or a clear error, never a
// panic or a huge allocation; what decodes encodes again, to a form that
// decodes to the same weights.
func FuzzTargetBin(f *testing.F) {
	small, err := encodeTargetBin(map[string][3]float32{"bias": {1, 0, -1}, "c:x": {0.25, 0, 0}, "c:xy": {}})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(small)
	f.Add(targetBin[:min(len(targetBin), 512)])
	f.Add([]byte("DTTM\x01"))
	f.Fuzz(func(t *testing.T, b []byte) {
		// As given, and with a valid checksum appended, so the fuzzer
		// reaches the records behind the checksum test.
		checkTargetBin(t, b)
		checkTargetBin(t, reseal(append(b[:len(b):len(b)], 0, 0, 0, 0)))
	})
}

func checkTargetBin(t *testing.T, b []byte) {
	w, err := decodeTargetBin(b)
	if err != nil {
		if !errors.Is(err, errCorruptModel) {
			t.Fatalf("error %v does not wrap errCorruptModel", err)
		}
		return
	}
	again, err := encodeTargetBin(w)
	if err != nil {
		t.Fatalf("decoded model does not encode: %v", err)
	}
	w2, err := decodeTargetBin(again)
	if err != nil || !maps.Equal(w, w2) {
		t.Fatalf("re-encoded model differs: %v", err)
	}
}

// BenchmarkTargetModelLoad is the cold-start cost of the targeted model:
// decoding and indexing the embedded binary form, against parsing the
// gzipped text form that was embedded before.
func BenchmarkTargetModelLoad(b *testing.B) {
	gz, err := os.ReadFile("model/target.txt.gz")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("text", func(b *testing.B) {
		b.SetBytes(int64(len(gz)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := parseTarget(gz); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("binary", func(b *testing.B) {
		b.SetBytes(int64(len(targetBin)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := loadTargetBin(targetBin); err != nil {
				b.Fatal(err)
			}
		}
	})
}
