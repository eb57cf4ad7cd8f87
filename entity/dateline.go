package entity

// datelineMatches returns what datelineRe.FindAllStringSubmatchIndex(s,
// n) returns (n > 0), running the expression only over the few windows
// of s that can hold a match: around each dash that a capitalised word
// follows.
//
// Every match of datelineRe has a dash (--, —, – or " - ") followed by
// spaces and a capital letter and a small one, and every byte of it but
// the first and the last is one datelineInner accepts (capitals, spaces,
// full stops, apostrophes, quotes, commas, dashes, and the small letters
// of a qualifier after a comma: ", Ky."). A window is the run of such
// bytes around a dash, with the byte before it and the byte after it;
// overlapping windows are merged. A match lies inside the window of its
// dash, so the matches of s are those of the windows, in order. Cut out
// of s, a window cannot match at its start through ^ (the byte there is
// no capital), and the expression looks at nothing outside its match.
func datelineMatches(s string, n int) [][]int {
	var out [][]int
	start, end := -1, -1 // the window being gathered
	flush := func() bool {
		if start < 0 {
			return true
		}
		for _, m := range datelineRe.FindAllStringSubmatchIndex(s[start:end], n-len(out)) {
			for k := range m {
				if m[k] >= 0 {
					m[k] += start
				}
			}
			out = append(out, m)
		}
		return len(out) < n
	}
	for i := 0; i < len(s); i++ {
		l := dashLen(s, i)
		if l == 0 || i < end {
			continue
		}
		// the dash must be followed by spaces or dashes and "Xx"
		j := i + l
		for j < len(s) && (s[j] == ' ' || s[j] == '\t' || dashLen(s, j) > 0) {
			if d := dashLen(s, j); d > 0 {
				j += d
			} else {
				j++
			}
		}
		if j+1 >= len(s) || s[j] < 'A' || s[j] > 'Z' || s[j+1] < 'a' || s[j+1] > 'z' {
			continue
		}
		ws := i
		for ws > 0 && datelineInner(s, ws-1) {
			ws--
		}
		if ws > 0 {
			ws-- // the byte before: a newline or sentence end may begin the match
		}
		we := i
		for we < len(s) && datelineInner(s, we) {
			we++
		}
		if we < len(s) {
			we++ // the byte after: the small letter that ends the match
		}
		if start >= 0 && ws < end {
			end = max(end, we)
			continue
		}
		if !flush() {
			return out
		}
		start, end = ws, we
	}
	flush()
	return out
}

// dashLen returns the length of the dash at s[i] (a hyphen, an en or an
// em dash), or 0.
func dashLen(s string, i int) int {
	switch {
	case s[i] == '-':
		return 1
	case s[i] == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0x93 || s[i+2] == 0x94):
		return 3
	}
	return 0
}

// datelineInner reports whether s[i] can stand inside a match of
// datelineRe, after its first byte and before its last: a capital, a
// space or tab, one of . ' " , -, a byte of a non-ASCII character (the
// dashes and curly quotes), or a small letter up to six bytes after a
// comma, a space and a capital (the qualifier ", Ky.").
func datelineInner(s string, i int) bool {
	c := s[i]
	switch {
	case c >= 'A' && c <= 'Z', c == ' ', c == '\t', c == '.', c == '\'', c == '"', c == ',', c == '-', c >= 0x80:
		return true
	case c >= 'a' && c <= 'z':
		for j := max(2, i-6); j < i; j++ {
			if s[j-2] == ',' && s[j-1] == ' ' && s[j] >= 'A' && s[j] <= 'Z' {
				return true
			}
		}
	}
	return false
}
