package longgc

import (
	"os"
	"runtime/debug"
	"testing"
)

// The GC percent is Percent while any long document is in progress and
// the one before once the last ends (an exit called twice counts once); a
// lower percent is kept; with GOGC set it is left alone.
func TestEnterRestoresThePercent(t *testing.T) {
	t.Setenv("GOGC", "")
	os.Unsetenv("GOGC")
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	get := func() int { p := debug.SetGCPercent(-1); debug.SetGCPercent(p); return p }
	e1, e2 := Enter(), Enter()
	if p := get(); p != Percent {
		t.Fatalf("two in progress: %d", p)
	}
	e1()
	e1()
	if p := get(); p != Percent {
		t.Fatalf("one in progress: %d", p)
	}
	e2()
	if p := get(); p != 100 {
		t.Fatalf("after the last: %d, want 100", p)
	}
	debug.SetGCPercent(40)
	e := Enter()
	if p := get(); p != 40 {
		t.Fatalf("a lower percent: %d, want 40", p)
	}
	e()
	t.Setenv("GOGC", "200")
	debug.SetGCPercent(200)
	e = Enter()
	if p := get(); p != 200 {
		t.Fatalf("GOGC set: %d, want 200", p)
	}
	e()
}
