//go:build !purego

package main

// plainRun16 is plainEnd's loop in SSE2 (in every amd64 processor) over
// the whole 16-byte chunks of the n bytes at p: k is the index of the
// first quote, backslash or control byte (found), or else the number of
// bytes tested (n rounded down to 16); high tells whether a byte before k
// is 0x80 or more. About 1 instruction a byte, against 4 for eight bytes
// at a time in Go.
//
//go:noescape
func plainRun16(p *byte, n int) (k int, high, found bool)

func plainEnd(b []byte, i int) (int, bool) {
	if len(b)-i < 16 {
		return plainEndGo(b, i)
	}
	k, high, found := plainRun16(&b[i], len(b)-i)
	if found {
		return i + k, !high
	}
	j, ascii := plainEndGo(b, i+k)
	return j, ascii && !high
}
