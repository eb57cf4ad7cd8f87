package tone

// charToByte converts a character (code point) offset of s to a byte
// offset, or -1 if it lies beyond s.
func charToByte(s string, c int) int {
	if c < 0 {
		return -1
	}
	i := 0
	for b := range s {
		if i == c {
			return b
		}
		i++
	}
	if i == c {
		return len(s)
	}
	return -1
}
