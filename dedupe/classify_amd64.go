//go:build !purego

package dedupe

// classify64 is classify64Go in SSE2 (which every amd64 processor has):
// 16 bytes in about fifteen instructions instead of about sixty.
//
//go:noescape
func classify64(p *byte) (word, high uint64)

// blockValues is blockValuesGo in assembly, where the Go compiler's code
// for the loop took about 40 instructions a word.
//
//go:noescape
func blockValues(p *byte, starts, ends uint64, dst *uint64) (n, stop int, long bool)
