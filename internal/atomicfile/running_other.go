//go:build !unix

package atomicfile

// running cannot be decided here: a temporary file with a process id is
// then kept, as if its process ran.
func running(pid int) bool { return true }
