package tone

import (
	"encoding/binary"
	"hash/crc32"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/diplotext/diplotext/text"
)

// The embedded article-level model decodes, declares the bags' width and
// holds weights.
func TestActorModelEmbedded(t *testing.T) {
	m, err := decodeActorModel(actorsBin)
	require.NoError(t, err)
	assert.Equal(t, uint(ActorModelBits), m.bits)
	nonzero := 0
	for _, w := range m.w {
		if w != 0 {
			nonzero++
		}
	}
	assert.Greater(t, nonzero, 1000, "the model has learned bucket weights")
	assert.NotEqual(t, [3]float32{}, m.base, "the base score has weights")
}

func TestActorModelRoundTrip(t *testing.T) {
	w := map[uint32][3]float64{0: {0.5, -0.25, 1e-4}, 7: {-3, 0, 2}, 255: {0, 0, 0}, 256 - 2: {1.2345, 0, -1.2345}}
	b, err := encodeActorModel(8, [3]float64{0.1, 0.2, -0.3}, [3]float64{-1, 0, 1}, w)
	require.NoError(t, err)
	m, err := decodeActorModel(b)
	require.NoError(t, err)
	assert.Equal(t, uint(8), m.bits)
	assert.Equal(t, [3]float32{0.1, 0.2, -0.3}, m.bias)
	assert.Equal(t, [3]float32{-1, 0, 1}, m.base)
	for k, v := range w {
		for c := range 3 {
			assert.InDelta(t, v[c], m.w[3*k+uint32(c)], 1e-6, "bucket %d class %d", k, c)
		}
	}
	assert.Equal(t, float32(0), m.w[3*3])
	// Out-of-range input to the encoder is an error.
	_, err = encodeActorModel(8, [3]float64{}, [3]float64{}, map[uint32][3]float64{256: {1, 0, 0}})
	assert.Error(t, err)
	_, err = encodeActorModel(0, [3]float64{}, [3]float64{}, nil)
	assert.Error(t, err)
	_, err = encodeActorModel(8, [3]float64{math.NaN(), 0, 0}, [3]float64{}, nil)
	assert.Error(t, err)
	_, err = encodeActorModel(8, [3]float64{}, [3]float64{}, map[uint32][3]float64{1: {math.Inf(1), 0, 0}})
	assert.Error(t, err)
}

func TestActorModelCorrupt(t *testing.T) {
	good, err := encodeActorModel(8, [3]float64{}, [3]float64{1, 0, -1}, map[uint32][3]float64{3: {1, 2, 3}, 9: {-1, 0, 1}})
	require.NoError(t, err)
	edit := func(f func([]byte) []byte) []byte { return f(append([]byte(nil), good...)) }
	cases := map[string][]byte{
		"empty":     nil,
		"magic":     edit(func(b []byte) []byte { b[0] = 'X'; return b }),
		"version":   reseal(edit(func(b []byte) []byte { b[4] = 9; return b })),
		"checksum":  edit(func(b []byte) []byte { b[len(b)-1] ^= 1; return b }),
		"truncated": reseal(good[:len(good)-6]),
		"left over": reseal(append(append([]byte(nil), good[:len(good)-4]...), 0, 0, 0, 0, 0)),
		"bits":      reseal(edit(func(b []byte) []byte { b[5] = 40; return b })),
	}
	// Buckets out of order: a zero gap after the first.
	var dup []byte
	dup = append([]byte(actorBinMagic), actorBinVersion)
	dup = binary.AppendUvarint(dup, 8)
	dup = append(dup, make([]byte, 6)...)
	dup = binary.AppendUvarint(dup, 2)
	for range 2 {
		dup = binary.AppendUvarint(dup, 0)
		dup = append(dup, 0, 0, 0)
	}
	cases["order"] = binary.LittleEndian.AppendUint32(dup, crc32.ChecksumIEEE(dup))
	// A bucket beyond the declared bits.
	var far []byte
	far = append([]byte(actorBinMagic), actorBinVersion)
	far = binary.AppendUvarint(far, 8)
	far = append(far, make([]byte, 6)...)
	far = binary.AppendUvarint(far, 1)
	far = binary.AppendUvarint(far, 300)
	far = append(far, 0, 0, 0)
	cases["range"] = binary.LittleEndian.AppendUint32(far, crc32.ChecksumIEEE(far))
	for name, b := range cases {
		_, err := decodeActorModel(b)
		assert.ErrorIs(t, err, errCorruptModel, name)
	}
}

// FuzzActorModel: any bytes decode or fail cleanly, with the checksum as
// given and resealed; what decodes has weights within the bound.
func FuzzActorModel(f *testing.F) {
	f.Add(actorsBin[:min(len(actorsBin), 200)])
	good, _ := encodeActorModel(4, [3]float64{1, 2, 3}, [3]float64{}, map[uint32][3]float64{2: {1, 0, 0}})
	f.Add(good)
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, in := range [][]byte{b, func() []byte {
			if len(b) < 4 {
				return b
			}
			return reseal(b)
		}()} {
			m, err := decodeActorModel(in)
			if err != nil {
				continue
			}
			for _, w := range m.w {
				if math.Abs(float64(w)) > actorBinMaxQ/1e4 {
					t.Fatalf("weight %v beyond the bound", w)
				}
			}
		}
	})
}

// The bags: each sentence's words once, the words beside each mention, and
// Within over a stretch reads only the mentions inside it.
func TestActorBags(t *testing.T) {
	in := "Holm won the final. Critics praised Holm warmly. Nothing else."
	d := text.Parse(in)
	b := &actorBags{bits: ActorModelBits}
	// "Holm" at token 0 of sentence 0 and in sentence 1.
	sp := spansOf(in, "Holm")
	require.Len(t, sp, 2)
	for _, s := range sp {
		si, first, last, err := locateSpan(d, s)
		require.NoError(t, err)
		b.addTarget(d, si, first, last)
	}
	s, w := b.features(func(int) bool { return true }, nil, nil)
	// Sentence words: Holm won the final / Critics praised Holm warmly,
	// "Holm" shared: 7 distinct.
	assert.Len(t, s, 7)
	// Window: right of the first (won the final), left of the second
	// (praised Critics final) and right (warmly Nothing else).
	assert.Len(t, w, 9)
	s1, w1 := b.features(func(i int) bool { return i == 0 }, nil, nil)
	assert.Len(t, s1, 4)
	assert.Len(t, w1, 3)
	// Buckets are within the width.
	for _, x := range append(s, w...) {
		assert.Less(t, x, uint32(1)<<ActorModelBits)
	}
}

// The words next to an actor move its score: the same base tone, with
// words the model reads as bad news, scores lower; the label always agrees
// with the score's sign and band.
func TestActorWordsMoveScore(t *testing.T) {
	l := newLabeler(t)
	good := "Karl Holm was honoured at the ceremony and thanked his supporters."
	bad := "Karl Holm was arrested and charged with fraud by the police."
	score := func(in string) ActorTone {
		acts, err := l.Actors(text.Parse(in), []ActorMentions{{Name: "Karl Holm", Person: true, Mentions: spansOf(in, "Karl Holm")}})
		require.NoError(t, err)
		return acts[0]
	}
	g, b := score(good), score(bad)
	assert.Greater(t, g.Score, b.Score)
	for _, a := range []ActorTone{g, b} {
		switch a.Label {
		case Positive:
			assert.GreaterOrEqual(t, a.Score, ActorBand)
		case Negative:
			assert.LessOrEqual(t, a.Score, -ActorBand)
		default:
			assert.Less(t, math.Abs(a.Score), ActorBand)
		}
	}
	assert.Equal(t, Negative, b.Label)
}

// BenchmarkActorModelLoad is the cold-start cost of the article-level
// model, decoded once per process.
func BenchmarkActorModelLoad(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		if _, err := decodeActorModel(actorsBin); err != nil {
			b.Fatal(err)
		}
	}
}
