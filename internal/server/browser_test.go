package server

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium returns the path of a Chromium binary, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("DIPLOTEXT_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	t.Skip("Chromium not found (apt-get install chromium, or set DIPLOTEXT_CHROMIUM): skipping the browser test")
	return ""
}

// browser starts headless Chromium with a new empty profile and no network
// services of its own.
func browser(t *testing.T, width, height int) context.Context {
	t.Helper()
	exe := chromium(t) // skips the test when Chromium is absent
	profile, err := os.MkdirTemp("", "diplotext-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(width, height),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	ctx, cancelC := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() {
		cancelC()
		cancelB()
		cancelA()
		// Chromium's helper processes may still write to the profile for a
		// moment after the browser is gone: retry its removal briefly.
		for i := 0; i < 50; i++ {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	return ctx
}

type pageState struct {
	Types     map[string]int `json:"types"`
	Persons   []string       `json:"persons"`
	Tips      []string       `json:"tips"`
	Focusable int            `json:"focusable"`
	Topics    []string       `json:"topics"`
	BandSegs  int            `json:"bandSegs"`
	Sentences int            `json:"sentences"`
	Polarity  string         `json:"polarity"`
	Overflow  bool           `json:"overflow"`
	External  []string       `json:"external"`
}

const stateJS = `(() => {
  const s = {types: {}, persons: [], tips: [], topics: [], external: []};
  document.querySelectorAll('#doc mark.ent').forEach(m => {
    s.types[m.dataset.type] = (s.types[m.dataset.type] || 0) + 1;
    if (m.dataset.type === 'PERSON') s.persons.push(m.firstChild ? m.textContent.replace(/PERSON$/, '') : '');
    s.tips.push(m.dataset.tip);
  });
  s.focusable = document.querySelectorAll('#doc mark.ent[tabindex="0"]').length;
  document.querySelectorAll('#topics button.topic .tlabel').forEach(b => s.topics.push(b.textContent));
  s.bandSegs = document.querySelectorAll('#tone-band .seg').length;
  s.sentences = document.querySelectorAll('#doc .sent').length;
  const p = document.getElementById('polarity');
  s.polarity = p ? p.textContent : '';
  s.overflow = document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;
  performance.getEntriesByType('resource').forEach(r => { if (!r.name.startsWith(location.origin)) s.external.push(r.name); });
  return s;
})()`

func TestBrowserReadsTheSampleArticle(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	sample, err := os.ReadFile(filepath.Join("..", "..", "examples", "briefing", "sample.txt"))
	if err != nil {
		t.Fatal(err)
	}
	_, ts := newTest(t, Config{}) // httptest listens on 127.0.0.1
	ctx := browser(t, 1280, 1000)
	var st pageState
	var shot []byte
	var evOn int
	var focused string
	err = chromedp.Run(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible("#text", chromedp.ByID),
		chromedp.SetValue("#text", string(sample), chromedp.ByID),
		chromedp.Click("#analyze", chromedp.ByID),
		chromedp.WaitVisible("#doc", chromedp.ByID),
		chromedp.Evaluate(stateJS, &st),
		// keyboard: tab from the submit button lands in the text's entities
		chromedp.Focus("#analyze", chromedp.ByID),
		chromedp.KeyEvent("\t"),
		chromedp.Evaluate(`document.activeElement.className + " " + (document.activeElement.dataset.tip || "")`, &focused),
		chromedp.Click("#topics button.topic", chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll('#doc .ev.on').length`, &evOn),
		chromedp.Blur("#topics button.topic", chromedp.ByQuery),
		chromedp.FullScreenshot(&shot, 100),
	)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("page state: %+v", st)
	if st.Types["PERSON"] == 0 || st.Types["COUNTRY"] == 0 || st.Types["ORG"] == 0 {
		t.Errorf("entity types highlighted: %v, want PERSON, COUNTRY and ORG", st.Types)
	}
	if !strings.Contains(strings.Join(st.Persons, "|"), "Marco Rubio") {
		t.Errorf("persons %q lack Marco Rubio", st.Persons)
	}
	if !strings.Contains(strings.Join(st.Tips, "|"), "Sergey Lavrov · RUS · foreign minister") {
		t.Errorf("tooltips %q lack Lavrov's canonical name, country and role", st.Tips)
	}
	if st.Focusable == 0 || !strings.Contains(focused, "ent") {
		t.Errorf("entities not keyboard-focusable: %d focusable, Tab from the button reached %q", st.Focusable, focused)
	}
	if len(st.Topics) == 0 || evOn == 0 {
		t.Errorf("topics %q, %d evidence pieces highlighted after selecting the first", st.Topics, evOn)
	}
	if st.BandSegs < 5 || st.Sentences < st.BandSegs || !strings.HasPrefix(st.Polarity, "Tone: ") {
		t.Errorf("tone band: %d segments, %d sentences, polarity %q", st.BandSegs, st.Sentences, st.Polarity)
	}
	if len(st.External) > 0 {
		t.Errorf("the page loaded external resources: %q", st.External)
	}
	out := filepath.Join(t.TempDir(), "serve.png")
	if err := os.WriteFile(out, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", out, len(shot))
	if p := os.Getenv("DIPLOTEXT_SCREENSHOT"); p != "" { // go test -run Browser with it set refreshes docs/serve.png
		if err := os.WriteFile(p, shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// at 200% zoom a 1280-pixel window is 640 CSS pixels wide: the page
	// must reflow, not scroll sideways
	zoomed := browser(t, 640, 900)
	var st2 pageState
	err = chromedp.Run(zoomed,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.SetValue("#text", string(sample), chromedp.ByID),
		chromedp.Click("#analyze", chromedp.ByID),
		chromedp.WaitVisible("#doc", chromedp.ByID),
		chromedp.Evaluate(stateJS, &st2),
	)
	if err != nil {
		t.Fatal(err)
	}
	if st2.Overflow {
		t.Error("at 640 CSS pixels (200% zoom) the page scrolls sideways")
	}
}

func TestBrowserBatchView(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	_, ts := newTest(t, Config{})
	ctx := browser(t, 1280, 900)
	a := "Ministers met in Geneva on Monday to discuss the ceasefire and aid corridors for the besieged city, officials said."
	jsonl := fmt.Sprintf("{\"id\":\"a\",\"text\":%q}\n{\"id\":\"b\",\"text\":%q}\nnot json\n{\"id\":\"c\",\"text\":\"Russia condemned the sanctions imposed by Washington on its banks.\"}\n", a, "GENEVA (Wire) - "+a)
	var rows, errs int
	var clusters []string
	var shot []byte
	err := chromedp.Run(ctx,
		chromedp.Navigate(ts.URL+"/batch"),
		chromedp.Click("details summary", chromedp.ByQuery),
		chromedp.SetValue("#jsonl", jsonl, chromedp.ByID),
		chromedp.Click("#analyze", chromedp.ByID),
		chromedp.WaitVisible("#batch", chromedp.ByID),
		chromedp.Evaluate(`document.querySelectorAll('#batch tbody tr').length`, &rows),
		chromedp.Evaluate(`document.querySelectorAll('#batch tbody td.error').length`, &errs),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('#batch tbody tr')).map(r => r.lastElementChild.textContent.trim())`, &clusters),
		chromedp.FullScreenshot(&shot, 100),
	)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "batch.png")
	if err := os.WriteFile(out, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", out)
	if p := os.Getenv("DIPLOTEXT_SCREENSHOT_BATCH"); p != "" {
		os.WriteFile(p, shot, 0o644)
	}
	if rows != 4 || errs != 1 {
		t.Errorf("%d rows with %d errors, want 4 and 1", rows, errs)
	}
	if len(clusters) == 4 && (!strings.HasPrefix(clusters[0], "a") || !strings.HasPrefix(clusters[1], "a")) {
		t.Errorf("story clusters %q: want the two Geneva reports in story a", clusters)
	}
}
