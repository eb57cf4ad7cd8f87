// Package longgc lowers the GC percent while long documents are analysed,
// for the tool's analyze command and its server.
//
// A document longer than 256 KB is analysed in windows (root window.go)
// whose working memory (tens of MB for 256 KB of entity-dense text) is
// most of the heap while it runs, and Go's default GC percent of 100 lets
// the heap grow to twice what is live before it collects. At [Percent], 1
// MB of "U.S. " through analyze peaks at about 210 MB resident instead of
// 220-250 MB, for about 5% more CPU time on that document (measured with
// GOGC=70 against the default). Short documents run at the default.
package longgc

import (
	"os"
	"runtime/debug"
	"sync"
)

// Percent is the GC percent while a long document is in progress.
const Percent = 70

var state struct {
	sync.Mutex
	n    int // long documents in progress
	prev int // the percent before the first
}

// Enter sets the GC percent to [Percent] for a long document, unless GOGC
// is set in the environment (the user's choice stands) or the percent is
// already lower, and returns the function to call when the document ends:
// when the last long document in progress ends, the percent before the
// first is restored. It is safe for concurrent use.
func Enter() (exit func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	state.Lock()
	defer state.Unlock()
	if state.n == 0 {
		state.prev = debug.SetGCPercent(Percent)
		if state.prev >= 0 && state.prev < Percent {
			debug.SetGCPercent(state.prev)
		}
	}
	state.n++
	var once sync.Once
	return func() {
		once.Do(func() {
			state.Lock()
			defer state.Unlock()
			if state.n--; state.n == 0 {
				debug.SetGCPercent(state.prev)
			}
		})
	}
}
