package dedupe

import "math/bits"

// The hashing here is fixed-seed and platform-independent, so signatures
// computed by one process or machine can be compared with those of another.
// It must never change without bumping the snapshot format version.

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

// hashFold hashes s lower-cased (ASCII letters only; other bytes as they
// are), reading 8 bytes at a time. It never allocates.
func hashFold(s string, seed uint64) uint64 {
	h := seed ^ (uint64(len(s)) * prime1)
	i := 0
	for ; i+8 <= len(s); i += 8 {
		var w uint64
		for k := 0; k < 8; k++ {
			w |= uint64(lower(s[i+k])) << (8 * k)
		}
		h = bits.RotateLeft64((h^w)*prime2, 31) * prime1
	}
	var w uint64
	for k := 0; i < len(s); i, k = i+1, k+1 {
		w |= uint64(lower(s[i])) << (8 * k)
	}
	h = bits.RotateLeft64((h^w)*prime2, 31) * prime1
	return mix64(h)
}

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
