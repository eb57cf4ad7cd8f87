//go:build unix

package event

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time used by the process so far (user + system), to
// report throughput per core on a loaded machine where wall time is shared.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
