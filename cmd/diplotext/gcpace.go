package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
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

// lightGC raises the GC percentage for a small heap and returns the
// function that puts back the previous one. It does nothing when GOGC is
// set in the environment: the user's setting wins.
func lightGC() (restore func()) {
	if _, set := os.LookupEnv("GOGC"); set {
		return func() {}
	}
	old := debug.SetGCPercent(lightGCPercent)
	var stopped atomic.Bool
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
	return func() {
		if !stopped.Swap(true) {
			debug.SetGCPercent(old)
		}
	}
}
