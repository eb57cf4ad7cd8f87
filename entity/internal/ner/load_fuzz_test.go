package ner

import (
	"bytes"
	"testing"

	"github.com/diplotext/diplotext/entity/internal/gaz"
	"github.com/diplotext/diplotext/text"
)

// FuzzLoad feeds corrupt model files to [Load] (issue 16: a fuzz target for
// every loader; the tagger's models go through it). The seeds are a small
// trained model, cut and bit-flipped. Every input is refused with an error
// or loads; a loaded model encodes to bytes that load again and encode the
// same.
func FuzzLoad(f *testing.F) {
	m := TrainTwoStage(toyExamples(), gaz.Default(), map[uint64][3]uint16{text.Hash("lavrov"): {3, 1, 4}}, TrainOptions{Bits: 10, Folds: 2, Epochs: 2, Seed: 1}, nil)
	b, err := m.MarshalBinary()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add(b[:len(b)/2])
	f.Add(b[:16])
	for _, at := range []int{4, 9, 17, len(b) / 3, len(b) - 2} {
		if at >= 0 && at < len(b) {
			c := append([]byte(nil), b...)
			c[at] ^= 0xa5
			f.Add(c)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Load(data, nil)
		if err != nil {
			return
		}
		b1, err := m.MarshalBinary()
		if err != nil {
			t.Fatalf("a loaded model does not encode: %v", err)
		}
		m2, err := Load(b1, nil)
		if err != nil {
			t.Fatalf("a loaded model encodes to bytes its loader refuses: %v", err)
		}
		b2, err := m2.MarshalBinary()
		if err != nil || !bytes.Equal(b1, b2) {
			t.Fatalf("encode, load, encode changed the model (%v)", err)
		}
	})
}
