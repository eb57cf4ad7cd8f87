package dedupe

import "math/bits"

// The hashing here is fixed-seed and platform-independent, so signatures
// computed by one process or machine can be compared with those of another.
// It must never change without bumping sketchVersion, which snapshots and
// Redis stores record.

// sketchVersion numbers the way shingles and sketches are computed:
// 1 tokenised with text.Tokenize and densified; 2 scans bytes and fills
// sparse sketches in rounds.
const sketchVersion = 2

const (
	prime1 = 0x9e3779b97f4a7c15 // 2^64 / golden ratio
	prime2 = 0xc2b2ae3d27d4eb4f
	prime3 = 0x165667b19e3779f9
)

// mix64 is a 64-bit finaliser with full avalanche (the murmur3 fmix64
// constants, written here).
func mix64(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

// lower lower-cases an ASCII letter.
func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// combine folds v into a running hash h (order-sensitive).
func combine(h, v uint64) uint64 {
	return bits.RotateLeft64((h^v)*prime3, 27) * prime1
}
