package diplotext

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// WriteReport writes exactly json.Marshal of the report Analyze returns,
// for documents under the window and for documents analysed in windows
// (whose entities are written one by one): with entity tone and without,
// with targets, with an id holding quotes and the entities key itself,
// for a document of no entities and one in another language.
func TestWriteReportIsTheReportsEncoding(t *testing.T) {
	full, err := New()
	if err != nil {
		t.Fatal(err)
	}
	noTone, err := New(WithoutEntityTone(), WithoutEvents())
	if err != nil {
		t.Fatal(err)
	}
	para := "Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State Marco Rubio in Geneva on Monday. " +
		"The two sides condemned the attack and agreed to resume talks on Ukraine. " +
		"China welcomed the meeting, while the European Union warned of new sanctions against Iran.\n\n"
	fr := strings.Repeat("Le ministre russe des Affaires étrangères a rencontré son homologue américain à Genève jeudi. ", 40)
	cases := []struct {
		name string
		in   Input
	}{
		{"news", Input{ID: "n1", Text: strings.Repeat(para, 20), Targets: []Span{{Start: 0, End: 24}, {Start: 1990, End: 2100}}}},
		{"entity-dense", Input{ID: `a "quoted" id, "entities":[ <&>`, Text: strings.Repeat("U.S. ", 1500)}},
		{"list", Input{Text: strings.Repeat("Russia and China, ", 400)}},
		{"no entities", Input{ID: "c", Text: strings.Repeat(",", 5000)}},
		{"other language", Input{ID: "fr", Text: fr}},
		{"short", Input{ID: "s", Text: readout}},
	}
	defer func(w int) { windowBytes = w }(windowBytes)
	for _, w := range []int{2000, 256 << 10} {
		windowBytes = w
		for _, a := range []*Analyzer{full, noTone} {
			for _, c := range cases {
				rep, err := a.Analyze(context.Background(), c.in)
				if err != nil {
					t.Fatalf("%s: %v", c.name, err)
				}
				want, err := json.Marshal(rep)
				if err != nil {
					t.Fatal(err)
				}
				var got bytes.Buffer
				if err := a.WriteReport(context.Background(), c.in, &got); err != nil {
					t.Fatalf("%s: %v", c.name, err)
				}
				if !bytes.Equal(got.Bytes(), want) {
					i := 0
					for i < min(got.Len(), len(want)) && got.Bytes()[i] == want[i] {
						i++
					}
					t.Fatalf("%s (window %d): WriteReport differs from json.Marshal at byte %d of %d/%d:\n got %.120q\nwant %.120q",
						c.name, w, i, got.Len(), len(want), got.Bytes()[max(i-40, 0):], want[max(i-40, 0):])
				}
				if w == 2000 && c.name == "entity-dense" && len(rep.Entities) < 1000 {
					t.Fatalf("entity-dense: only %d entities", len(rep.Entities))
				}
			}
		}
	}
}

// WriteReport returns Analyze's errors and the writer's, and refuses a nil
// writer and a nil Analyzer.
func TestWriteReportErrors(t *testing.T) {
	a, err := New(WithoutEvents())
	if err != nil {
		t.Fatal(err)
	}
	defer func(w int) { windowBytes = w }(windowBytes)
	windowBytes = 2000
	text := strings.Repeat("U.S. ", 1000)
	if err := a.WriteReport(context.Background(), Input{Text: text, Targets: []Span{{Start: 4, End: 1}}}, &bytes.Buffer{}); err == nil {
		t.Error("bad target: no error")
	}
	if err := a.WriteReport(context.Background(), Input{Text: text}, nil); err == nil {
		t.Error("nil writer: no error")
	}
	var nilA *Analyzer
	if err := nilA.WriteReport(context.Background(), Input{Text: text}, &bytes.Buffer{}); err == nil {
		t.Error("nil Analyzer: no error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := a.WriteReport(ctx, Input{Text: text}, &bytes.Buffer{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	boom := errors.New("disk full")
	for _, n := range []int{0, 100, 70000} { // in the head, the entities, the flush
		if err := a.WriteReport(context.Background(), Input{Text: text}, &failWriter{after: n, err: boom}); !errors.Is(err, boom) {
			t.Errorf("writer failing after %d bytes: %v", n, err)
		}
	}
}

type failWriter struct {
	after, n int
	err      error
}

func (w *failWriter) Write(p []byte) (int, error) {
	if w.n+len(p) > w.after {
		return 0, w.err
	}
	w.n += len(p)
	return len(p), nil
}
