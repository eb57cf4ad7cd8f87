package statistical

import (
	"bytes"
	"testing"

	"github.com/diplotext/diplotext/entity/internal/gaz"
	"github.com/diplotext/diplotext/entity/internal/ner"

	"github.com/diplotext/diplotext/text"
)

// TestEmbeddedModels decodes both embedded models, the lower-case one
// being decoded only when a document needs it.
func TestEmbeddedModels(t *testing.T) {
	m, err := load()
	if err != nil {
		t.Fatal(err)
	}
	lm, err := loadLower()
	if err != nil {
		t.Fatal(err)
	}
	// the decoded weights encode back to the embedded bytes
	for _, c := range []struct {
		m    *ner.Model
		data []byte
	}{{m.cased, nerModel}, {lm, nerLowerModel}} {
		b, err := c.m.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, c.data) {
			t.Error("a decoded model encodes differently from its embedded bytes")
		}
	}
}

// TestLowerCaseDocument tags a document without capitals, which the
// lower-case model reads.
func TestLowerCaseDocument(t *testing.T) {
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	const s = "president vladimir putin met angela merkel in berlin on monday ."
	ms, err := r.Recognize(text.Parse(s))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range ms {
		got = append(got, s[m.Start:m.End]+"/"+m.Type.String())
	}
	if len(got) == 0 {
		t.Fatalf("no mentions in %q", s)
	}
	t.Log(got)
}

func BenchmarkLoad(b *testing.B) {
	for _, c := range []struct {
		name string
		data []byte
	}{{"cased", nerModel}, {"lower", nerLowerModel}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ner.Load(c.data, gaz.Default()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
