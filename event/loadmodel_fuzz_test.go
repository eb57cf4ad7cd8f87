package event

import (
	"errors"
	"testing"
)

// FuzzLoadModel feeds corrupt model files to [LoadModel] (issue 16: a fuzz
// target for every loader). The seeds are the built-in model, cut and
// bit-flipped; every input is refused with an error wrapping ErrBadModel
// or loads, and what a loaded model writes loads back to the same model.
func FuzzLoadModel(f *testing.F) {
	m, err := DefaultModel()
	if err != nil {
		f.Fatal(err)
	}
	b, err := m.MarshalBinary()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add(b[:len(b)/3])
	f.Add(b[:64])
	for _, at := range []int{len(modelMagic) + 1, len(modelMagic) + 5, len(b) / 2, len(b) - 3} {
		c := append([]byte(nil), b...)
		c[at] ^= 0x5a
		f.Add(c)
	}
	f.Add([]byte(modelMagic))
	f.Add([]byte("diplotext-event-model-v9\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := LoadModel(data)
		if err != nil {
			if !errors.Is(err, ErrBadModel) {
				t.Fatalf("error not wrapping ErrBadModel: %v", err)
			}
			return
		}
		out, err := m.MarshalBinary()
		if err != nil {
			t.Fatalf("a loaded model does not marshal: %v", err)
		}
		// a corrupt file may load in a form that writes otherwise (the
		// format has more than one spelling of some values); what it
		// writes must load again to the same model
		m2, err := LoadModel(out)
		if err != nil {
			t.Fatalf("a loaded model writes a file LoadModel refuses: %v", err)
		}
		out2, err := m2.MarshalBinary()
		if err != nil || string(out2) != string(out) {
			t.Fatalf("a written model does not load back to itself (%d and %d bytes): %v", len(out), len(out2), err)
		}
	})
}
