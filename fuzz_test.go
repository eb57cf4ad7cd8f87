package diplotext

import (
	"context"
	"errors"
	"testing"

	"github.com/diplotext/diplotext/text"
)

// FuzzAnalyze runs the whole pipeline on arbitrary bytes: no panic, and
// every offset in the report indexes the input.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{readout, "", "\xff\x00U.S.", "KUALA LUMPUR — FRANK TALKS", "Lavrov's \"deep concern\"…"} {
		f.Add(s, 0, 3)
	}
	a, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string, start, end int) {
		in := Input{Text: s}
		valid := 0 <= start && start < end && end <= len(s) && !text.SplitsRune(s, start) && !text.SplitsRune(s, end) &&
			coversToken(s, start, end)
		if valid {
			in.Targets = []Span{{start, end}}
		}
		rep, err := a.Analyze(context.Background(), in)
		if err != nil {
			// targets on a document detected as another language are a
			// documented error (Analyze's doc)
			if valid && !errors.Is(err, ErrLanguage) {
				t.Fatalf("valid target [%d,%d) on %q: %v", start, end, s, err)
			}
			return
		}
		for _, e := range rep.Entities {
			if e.Start < 0 || e.Start >= e.End || e.End > len(s) || s[e.Start:e.End] != e.Text {
				t.Fatalf("entity %+v does not index the input", e.Entity)
			}
		}
		for _, tp := range rep.Topics {
			for _, ev := range tp.Evidence {
				if ev.Start < 0 || ev.Start >= ev.End || ev.End > len(s) {
					t.Fatalf("topic evidence %+v out of range", ev)
				}
			}
		}
		if rep.Tone != nil {
			for _, st := range rep.Tone.Sentences {
				if st.Start < 0 || st.Start >= st.End || st.End > len(s) {
					t.Fatalf("tone sentence %+v out of range", st)
				}
			}
		}
	})
}

// coversToken reports whether some token of s overlaps [start, end): a
// span of spaces alone is documented to be an error.
func coversToken(s string, start, end int) bool {
	for _, t := range text.Parse(s).Tokens {
		if t.Start < end && t.End > start {
			return true
		}
	}
	return false
}
