package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// Garbage collection pacing for runs whose live heap is small. Every
// collection scans the binary's 2 MB of pointer-holding globals (the
// generated gazetteer tables among them) whatever the heap's size, so with
// the default GOGC a dedupe run of 12 MB spent about a tenth of its
// instructions in six collections. While the live heap stays under
// lightGCHeap the collector runs at lightGCPercent; past it, the default
// pacing comes back for the rest of the run.
const (
	lightGCPercent = 300
	lightGCHeap    = 64 << 20
)

// gcSentinel is allocated to learn, through its finalizer, that a
// collection has run (it holds a pointer so that it is never a tiny
// allocation, whose finalizer may never run).
type gcSentinel struct{ _ *int }

// override is a process-wide runtime setting shared by the runs of one
// process (tests run commands side by side): the first run applies it, the
// last puts back what was there. Nothing is done when the variable env is
// set in the environment: the user's setting wins.
type override struct {
	env   string
	apply func() (undo func())
	mu    sync.Mutex
	users int
	undo  func()
}

// acquire applies the setting for one run and returns the function that
// ends that run's use of it (calling it twice counts once).
func (o *override) acquire() (release func()) {
	if _, set := os.LookupEnv(o.env); set {
		return func() {}
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.users++
	if o.users == 1 {
		o.undo = o.apply()
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			o.mu.Lock()
			defer o.mu.Unlock()
			o.users--
			if o.users == 0 {
				o.undo()
			}
		})
	}
}

// lightGCSetting raises the GC percentage until the live heap passes
// lightGCHeap (watchHeap) or the last run ends, whichever comes first.
var lightGCSetting = override{env: "GOGC", apply: func() func() {
	stopped := new(atomic.Bool)
	old := debug.SetGCPercent(lightGCPercent)
	watchHeap(stopped, old)
	return func() {
		if !stopped.Swap(true) {
			debug.SetGCPercent(old)
		}
	}
}}

// lightGC raises the GC percentage for a small heap and returns the
// function that puts back the previous one. It does nothing when GOGC is
// set in the environment: the user's setting wins.
func lightGC() (restore func()) { return lightGCSetting.acquire() }

// watchHeap checks the live heap after every collection until stopped,
// and puts back the GC percentage old once it passes lightGCHeap.
func watchHeap(stopped *atomic.Bool, old int) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var arm func()
	arm = func() {
		runtime.SetFinalizer(&gcSentinel{}, func(*gcSentinel) {
			if stopped.Load() {
				return
			}
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() > lightGCHeap {
				if !stopped.Swap(true) {
					debug.SetGCPercent(old)
				}
				return
			}
			arm()
		})
	}
	arm()
}

// oneProcSetting sets GOMAXPROCS to 1 while a run uses it.
var oneProcSetting = override{env: "GOMAXPROCS", apply: func() func() {
	old := runtime.GOMAXPROCS(1)
	return func() { runtime.GOMAXPROCS(old) }
}}

// oneProc runs Go code on one processor (GOMAXPROCS 1) and returns the
// function that puts back the previous count; it does nothing when
// GOMAXPROCS is set in the environment. For dedupe: its index takes lines
// one at a time in input order, and the decode and encode the workers do
// around it are a tenth of the run, while with two processors every
// hand-off of a line between goroutines woke the idle one to look for
// work: 3,400 context switches and a fifth more CPU time (and no less wall
// time) for 7,691 documents. The goroutines still overlap reading,
// decoding, store round trips and writing.
func oneProc() (restore func()) { return oneProcSetting.acquire() }
