package diplotext

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/diplotext/diplotext/text"
)

// Every window is at most windowBytes long, the windows tile the text
// without a gap or an overlap, and none starts inside a character.
func TestWindowsTileTheText(t *testing.T) {
	defer func(w int) { windowBytes = w }(windowBytes)
	windowBytes = 1000
	inputs := map[string]string{
		"no-space": strings.Repeat("abcdefghij", 700),
		"dots":     strings.Repeat(".", 5000),
		"commas":   strings.Repeat(",", 5000),
		"U.S.":     strings.Repeat("U.S. ", 1500),
		"prose":    strings.Repeat("Ministers met in Geneva on Monday. They agreed to talk again. ", 120),
		"runes":    strings.Repeat("日本語の文章", 400),
		"bytes":    strings.Repeat("\xff\xfe\x80a", 2000),
	}
	for name, s := range inputs {
		var b strings.Builder
		n := 0
		for off := 0; off < len(s); n++ {
			d, next := nextWindow(s, off)
			if next <= off || next > len(s) {
				t.Fatalf("%s: window at %d ends at %d", name, off, next)
			}
			if len(d.Text) > windowBytes || len(d.Text) > next-off {
				t.Fatalf("%s: window at %d holds %d bytes (next at %d)", name, off, len(d.Text), next)
			}
			if next < len(s) && utf8.ValidString(s) && !utf8.RuneStart(s[next]) {
				t.Fatalf("%s: window at %d cuts a character", name, next)
			}
			for i, tok := range d.Tokens {
				if tok.End > len(d.Text) {
					t.Fatalf("%s: token %d [%d,%d) past the window's %d bytes", name, i, tok.Start, tok.End, len(d.Text))
				}
			}
			for _, se := range d.Sentences {
				if se.End > len(d.Text) || se.Last > len(d.Tokens) {
					t.Fatalf("%s: sentence %+v past the window (%d bytes, %d tokens)", name, se, len(d.Text), len(d.Tokens))
				}
			}
			b.WriteString(s[off:next])
			off = next
		}
		if b.String() != s {
			t.Fatalf("%s: the windows do not give back the text", name)
		}
		if n < 2 {
			t.Fatalf("%s: %d window(s) for %d bytes", name, n, len(s))
		}
	}
}

// A document longer than the window gives nearly the report of the whole
// document: the same entities at the same offsets (but for mentions cut at
// a window's edge), offsets that fit the text, events in the right
// sentences; under the window the path is the whole-document one.
func TestWindowedReportMatchesTheWholeDocument(t *testing.T) {
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	para := "Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State Marco Rubio in Geneva on Monday. " +
		"The two sides condemned the attack and agreed to resume talks on Ukraine. " +
		"China welcomed the meeting, while the European Union warned of new sanctions against Iran.\n\n"
	doc := strings.Repeat(para, 40)
	ctx := context.Background()
	whole, err := a.Analyze(ctx, Input{Text: doc, Targets: []Span{{Start: 0, End: 24}}})
	if err != nil {
		t.Fatal(err)
	}
	defer func(w int) { windowBytes = w }(windowBytes)
	windowBytes = 2000
	win, err := a.Analyze(ctx, Input{Text: doc, Targets: []Span{{Start: 0, End: 24}}})
	if err != nil {
		t.Fatal(err)
	}
	type key struct {
		start, end int
		typ        string
	}
	seen := map[key]bool{}
	for _, e := range whole.Entities {
		seen[key{e.Start, e.End, e.Type.String()}] = true
	}
	same := 0
	for _, e := range win.Entities {
		if e.Start < 0 || e.End > len(doc) || doc[e.Start:e.End] != e.Text {
			t.Fatalf("entity %+v does not fit the text", e.Entity)
		}
		if e.Tone == nil || e.Tone.Start != e.Start {
			t.Fatalf("entity %+v has tone %+v", e.Entity, e.Tone)
		}
		if seen[key{e.Start, e.End, e.Type.String()}] {
			same++
		}
	}
	if len(whole.Entities) == 0 || float64(same) < 0.95*float64(len(whole.Entities)) || len(win.Entities) > len(whole.Entities)+len(whole.Entities)/20 {
		t.Fatalf("windowed: %d entities, %d of the whole document's %d", len(win.Entities), same, len(whole.Entities))
	}
	if len(win.Events) < len(whole.Events)*9/10 || len(win.Events) == 0 {
		t.Fatalf("windowed: %d events, whole: %d", len(win.Events), len(whole.Events))
	}
	for _, ev := range win.Events {
		if doc[ev.Trigger.Start:ev.Trigger.End] != ev.Trigger.Text {
			t.Fatalf("event trigger %+v does not fit the text", ev.Trigger)
		}
	}
	if win.Tone == nil || len(win.Tone.Sentences) != len(whole.Tone.Sentences) {
		t.Fatalf("windowed tone sentences %d, whole %d", len(win.Tone.Sentences), len(whole.Tone.Sentences))
	}
	if d := win.Tone.Score - whole.Tone.Score; d > 0.05 || d < -0.05 || win.Tone.Label != whole.Tone.Label {
		t.Fatalf("windowed tone %.4f %v, whole %.4f %v", win.Tone.Score, win.Tone.Label, whole.Tone.Score, whole.Tone.Label)
	}
	if len(win.Targets) != 1 || win.Targets[0].Start != 0 || win.Targets[0].End != 24 {
		t.Fatalf("windowed targets %+v", win.Targets)
	}
	if len(win.Topics) == 0 || len(whole.Topics) == 0 || win.Topics[0].ID != whole.Topics[0].ID {
		t.Fatalf("windowed topics %+v, whole %+v", win.Topics, whole.Topics)
	}
	if len(win.Actors) == 0 || win.Actors[0].Canonical != whole.Actors[0].Canonical || win.Actors[0].Mentions != whole.Actors[0].Mentions {
		t.Fatalf("windowed first actor %+v, whole %+v", win.Actors[0], whole.Actors[0])
	}
	for _, tp := range win.Topics {
		for _, ev := range tp.Evidence {
			if ev.Start < 0 || ev.End > len(doc) || doc[ev.Start:ev.End] != ev.Text {
				t.Fatalf("topic %s evidence %+v does not fit the text", tp.ID, ev)
			}
		}
		for _, p := range tp.Passages {
			if p.Start < 0 || p.Start >= p.End || p.End > len(doc) {
				t.Fatalf("topic %s passage %+v out of range", tp.ID, p)
			}
		}
	}
	for _, ev := range win.Tone.Evidence {
		if ev.Start < 0 || ev.End > len(doc) || doc[ev.Start:ev.End] != ev.Text {
			t.Fatalf("tone evidence %+v does not fit the text", ev)
		}
	}
	for i, st := range win.Tone.Sentences {
		if st.Start != whole.Tone.Sentences[i].Start || st.End != whole.Tone.Sentences[i].End {
			t.Fatalf("tone sentence %d at [%d,%d), whole [%d,%d)", i, st.Start, st.End, whole.Tone.Sentences[i].Start, whole.Tone.Sentences[i].End)
		}
	}
	t.Logf("entities %d/%d, events %d/%d, tone %.4f/%.4f, topics %d/%d, actors %d/%d",
		len(win.Entities), len(whole.Entities), len(win.Events), len(whole.Events), win.Tone.Score, whole.Tone.Score,
		len(win.Topics), len(whole.Topics), len(win.Actors), len(whole.Actors))
}

// A document of windowBytes bytes or fewer takes the whole-document path:
// its report is the same whatever the window size above its length.
func TestDocumentsUnderTheWindowAreAnalysedWhole(t *testing.T) {
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	doc := strings.Repeat("Lavrov met Rubio in Geneva and condemned the strikes on Kyiv. ", 30)
	ctx := context.Background()
	defer func(w int) { windowBytes = w }(windowBytes)
	var reports []Report
	for _, w := range []int{len(doc), len(doc) + 1, 256 << 10} {
		windowBytes = w
		rep, err := a.Analyze(ctx, Input{Text: doc})
		if err != nil {
			t.Fatal(err)
		}
		reports = append(reports, rep)
	}
	for i := 1; i < len(reports); i++ {
		if !reflect.DeepEqual(reports[0], reports[i]) {
			t.Fatalf("window size %d changed the report of a %d-byte document", i, len(doc))
		}
	}
	windowBytes = len(doc) - 1
	rep, err := a.Analyze(ctx, Input{Text: doc})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Entities) != len(reports[0].Entities) {
		t.Fatalf("one byte over the window: %d entities, whole: %d", len(rep.Entities), len(reports[0].Entities))
	}
}

// A target that crosses a window's end is read where its tokens are, and
// reported on its own span; one whose part in the first window is only
// white space is read in the next window rather than refused.
func TestTargetsAcrossAWindowEdge(t *testing.T) {
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	para := "Lavrov met Rubio in Geneva and condemned the strikes on Kyiv.\n\n"
	doc := strings.Repeat(para, 60)
	defer func(w int) { windowBytes = w }(windowBytes)
	windowBytes = 1000
	_, next := nextWindow(doc, 0)
	if doc[next-2:next] != "\n\n" {
		t.Fatalf("the first window ends at %d, after %q", next, doc[next-10:next])
	}
	targets := []Span{{Start: next - 6, End: next + 6}, {Start: next - 2, End: next + 6}, {Start: 0, End: 6}}
	rep, err := a.Analyze(context.Background(), Input{Text: doc, Targets: targets})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Targets) != len(targets) {
		t.Fatalf("%d targets, want %d", len(rep.Targets), len(targets))
	}
	for i, tg := range rep.Targets {
		if tg.Start != targets[i].Start || tg.End != targets[i].End {
			t.Fatalf("target %d reported on [%d,%d), want %+v", i, tg.Start, tg.End, targets[i])
		}
	}
}

// Windows walks the windows that Analyze reads: they tile the text, each
// parsed on its own; a text under the window is one window parsed whole;
// fn's error stops the walk.
func TestWindowsWalksAnalyzesWindows(t *testing.T) {
	defer func(w int) { windowBytes = w }(windowBytes)
	windowBytes = 1000
	s := strings.Repeat("Russia and China met in Geneva. U.S. ", 200)
	next := 0
	n := 0
	err := Windows(s, func(d *text.Document, off int) error {
		if off != next || len(d.Text) > windowBytes || s[off:off+len(d.Text)] != d.Text {
			t.Fatalf("window %d at %d (%d bytes) does not continue the tiling at %d", n, off, len(d.Text), next)
		}
		if len(d.Tokens) == 0 || len(d.Sentences) == 0 {
			t.Fatalf("window %d not parsed", n)
		}
		next = off + len(d.Text)
		n++
		return nil
	})
	if err != nil || next != len(s) || n < len(s)/windowBytes {
		t.Fatalf("err %v, covered %d of %d bytes in %d windows", err, next, len(s), n)
	}
	short := s[:900]
	n = 0
	if err := Windows(short, func(d *text.Document, off int) error {
		n++
		if off != 0 || d.Text != short || len(d.Tokens) != len(text.Parse(short).Tokens) {
			t.Fatal("a short text is not one window parsed whole")
		}
		return nil
	}); err != nil || n != 1 {
		t.Fatalf("short text: %d windows, %v", n, err)
	}
	stop := errors.New("stop")
	n = 0
	if err := Windows(s, func(*text.Document, int) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Fatalf("fn's error: %v after %d windows", err, n)
	}
	if err := Windows(s, nil); err == nil {
		t.Fatal("nil func: no error")
	}
}
