package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// TestLightGC: the percentage is raised for a small heap, put back past
// lightGCHeap of live heap and by the returned function, and left alone
// when GOGC is set.
func TestLightGC(t *testing.T) {
	before := gcPercent()
	restore := lightGC()
	if got := gcPercent(); got != lightGCPercent {
		t.Fatalf("after lightGC: GC percent %d, want %d", got, lightGCPercent)
	}
	runtime.GC()
	runtime.GC()
	if got := gcPercent(); got != lightGCPercent {
		t.Fatalf("small heap after two collections: GC percent %d, want %d", got, lightGCPercent)
	}
	big := make([]byte, lightGCHeap+(8<<20))
	for i := 0; i < len(big); i += 4096 {
		big[i] = 1
	}
	// the finalizer runs on its own goroutine after a collection
	for i := 0; i < 200 && gcPercent() != before; i++ {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	if got := gcPercent(); got != before {
		t.Errorf("with %d MB live: GC percent %d, want %d back", len(big)>>20, got, before)
	}
	runtime.KeepAlive(big)
	restore()
	if got := gcPercent(); got != before {
		t.Errorf("after restore: GC percent %d, want %d", got, before)
	}

	t.Setenv("GOGC", "150")
	debug.SetGCPercent(150)
	defer debug.SetGCPercent(before)
	restore = lightGC()
	if got := gcPercent(); got != 150 {
		t.Errorf("GOGC set: GC percent %d, want 150", got)
	}
	restore()
}

// TestLightGCOverlap: runs side by side in one process leave the
// percentage raised until the last one ends, then put back the first's.
func TestLightGCOverlap(t *testing.T) {
	before := gcPercent()
	r1 := lightGC()
	r2 := lightGC()
	r1()
	if got := gcPercent(); got != lightGCPercent {
		t.Fatalf("one run of two ended: GC percent %d, want %d", got, lightGCPercent)
	}
	r1() // a second call does nothing
	if got := gcPercent(); got != lightGCPercent {
		t.Fatalf("first restore called twice: GC percent %d, want %d", got, lightGCPercent)
	}
	r2()
	if got := gcPercent(); got != before {
		t.Errorf("both ended: GC percent %d, want %d", got, before)
	}
}

// TestOneProc: one processor while any run lasts, the previous count
// after the last, and nothing when GOMAXPROCS is set.
func TestOneProc(t *testing.T) {
	before := runtime.GOMAXPROCS(0)
	r1 := oneProc()
	r2 := oneProc()
	if got := runtime.GOMAXPROCS(0); got != 1 {
		t.Fatalf("during two runs: GOMAXPROCS %d, want 1", got)
	}
	r1()
	r1()
	if got := runtime.GOMAXPROCS(0); got != 1 {
		t.Fatalf("one run of two ended: GOMAXPROCS %d, want 1", got)
	}
	r2()
	if got := runtime.GOMAXPROCS(0); got != before {
		t.Errorf("both ended: GOMAXPROCS %d, want %d", got, before)
	}
	t.Setenv("GOMAXPROCS", "3")
	r := oneProc()
	if got := runtime.GOMAXPROCS(0); got != before {
		t.Errorf("GOMAXPROCS set: %d, want %d left alone", got, before)
	}
	r()
}
