package event

import "testing"

func FuzzExtract(f *testing.F) {
	for _, s := range []string{"", "Iran threatened Israel.", "Jordan and Britain signed a pact.", "\xff\x00", `"'"'`, "A. B. C."} {
		f.Add(s, 0, 4)
	}
	x, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string, a, b int) {
		var acts []Actor
		if a >= 0 && a < b && b <= len(s) {
			acts = []Actor{{Start: a, End: b, Country: "USA"}}
		}
		evs, err := x.Extract(s, acts...)
		if err != nil {
			t.Fatal(err)
		}
		checkEvents(t, s, evs)
		_ = Summarize(evs)
	})
}
