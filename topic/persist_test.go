package topic

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
)

// TestLoadVersion1 reads a model in format version 1 (a gzipped gob),
// which Save wrote before version 2, and finds the model that Save now
// writes in version 2, a negative zero weight included.
func TestLoadVersion1(t *testing.T) {
	m, err := Train(context.Background(), []Example{
		{Text: "the goalkeeper saved a penalty in the cup final", Labels: []string{"sport"}},
		{Text: "the striker scored twice in the league match", Labels: []string{"sport"}},
		{Text: "the central bank raised interest rates again", Labels: []string{"economy"}},
		{Text: "inflation and interest rates worry the markets", Labels: []string{"economy"}},
	}, WithFolds(0), WithMinDF(1))
	if err != nil {
		t.Fatal(err)
	}
	m.weights[0] = float32(math.Copysign(0, -1))
	mf := modelFile{
		Algo: m.algo.String(), Labels: m.labels, Hashes: m.hashes, IDF: m.idf, Weights: m.weights,
		Bias: m.bias, PlattA: m.plattA, PlattB: m.plattB, Threshold: m.threshold, DefIDF: m.defIDF,
		MinLabels: m.minLabels, Meta: m.meta,
	}
	var payload bytes.Buffer
	zw := gzip.NewWriter(&payload)
	if err := gob.NewEncoder(zw).Encode(&mf); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	v1 := make([]byte, 24, 24+payload.Len())
	copy(v1, magic[:])
	binary.LittleEndian.PutUint32(v1[8:], 1)
	binary.LittleEndian.PutUint64(v1[12:], uint64(payload.Len()))
	binary.LittleEndian.PutUint32(v1[20:], crc32.Checksum(payload.Bytes(), castagnoli))
	v1 = append(v1, payload.Bytes()...)
	old, err := Load(bytes.NewReader(v1))
	if err != nil {
		t.Fatal(err)
	}
	var v2 bytes.Buffer
	if err := old.Save(&v2); err != nil {
		t.Fatal(err)
	}
	if binary.LittleEndian.Uint32(v2.Bytes()[8:]) != 2 {
		t.Fatal("Save does not write version 2")
	}
	cur, err := Load(bytes.NewReader(v2.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(old, cur) || math.Float32bits(cur.weights[0]) != 1<<31 {
		t.Fatal("version 1 and version 2 of one model differ")
	}
	// every truncation of the version 2 payload fails as corrupt
	b := v2.Bytes()
	for n := 24; n < len(b); n += 1 + len(b)/200 {
		c := bytes.Clone(b[:n])
		binary.LittleEndian.PutUint64(c[12:], uint64(n-24))
		binary.LittleEndian.PutUint32(c[20:], crc32.Checksum(c[24:], castagnoli))
		if _, err := Load(bytes.NewReader(c)); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("payload cut at %d: %v", n-24, err)
		}
	}
}

// TestSaveFileIsAtomicAndCleansKilledSaves checks that SaveFile goes
// through internal/atomicfile: a temporary file that a killed save of the
// same model left behind (named for a process that no longer runs) is
// removed by the next save, a failed save leaves the old model and no
// temporary file, and a save leaves nothing but the model.
func TestSaveFileIsAtomicAndCleansKilledSaves(t *testing.T) {
	m, err := Train(context.Background(), []Example{
		{Text: "the goalkeeper saved a penalty in the cup final", Labels: []string{"sport"}},
		{Text: "the central bank raised interest rates again", Labels: []string{"economy"}},
	}, WithFolds(0), WithMinDF(1))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "x.model")
	// a process that has exited: its pid names a killed save's file
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	stale := fmt.Sprintf("%s.tmp-%d-123456", path, cmd.Process.Pid)
	if err := os.WriteFile(stale, []byte("half a model"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := m.SaveFile(path); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("temporary file of a killed save still there: %v", err)
	}
	if _, err := LoadFile(path); err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(path)
	// a save that fails (a non-finite weight) keeps the old model
	w0 := m.weights[0]
	m.weights[0] = float32(math.Inf(1))
	err = m.SaveFile(path)
	m.weights[0] = w0
	if err == nil {
		t.Fatal("saved a model with an infinite weight")
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, want) {
		t.Fatal("a failed save changed the model file")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != "x.model" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("folder holds %v, want only x.model", names)
	}
	var nilModel *Model
	if err := nilModel.SaveFile(filepath.Join(dir, "nil.model")); err == nil {
		t.Fatal("nil model saved")
	}
}
