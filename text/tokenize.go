package text

import (
	"unicode"
	"unicode/utf8"
)

// byte classes of ASCII characters
const (
	cOther uint8 = iota
	cSpace
	cLower
	cUpper
	cDigit
)

var asciiClass = func() (t [256]uint8) {
	for _, c := range " \t\n\r\v\f" {
		t[c] = cSpace
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = cLower
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = cUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = cDigit
	}
	return t
}()

// Abbreviations that keep their period and do not end a sentence when a
// capitalised word follows (titles, name parts).
var titleAbbrevs = map[string]bool{
	"Mr": true, "Mrs": true, "Ms": true, "Messrs": true, "Dr": true, "Prof": true,
	"Gen": true, "Lt": true, "Col": true, "Maj": true, "Capt": true, "Cpt": true, "Sgt": true,
	"Cpl": true, "Pvt": true, "Adm": true, "Cmdr": true, "Cdr": true, "Brig": true, "Gov": true,
	"Sen": true, "Rep": true, "Reps": true, "Sens": true, "Amb": true, "Pres": true, "Hon": true,
	"Rev": true, "Fr": true, "Sr": true, "Jr": true, "St": true, "Mt": true, "Ft": true,
	"No": true, "Nos": true, "Vol": true, "Art": true, "Para": true, "Fig": true, "Ave": true,
	"vs": true, "v": true, "Sec": true, "Supt": true, "Insp": true, "Det": true, "Ald": true,
	"Atty": true, "Gens": true, "Lieut": true, "Comdr": true, "Msgr": true,
	"Jan": true, "Feb": true, "Mar": true, "Apr": true, "Jun": true, "Jul": true, "Aug": true,
	"Sep": true, "Sept": true, "Oct": true, "Nov": true, "Dec": true,
	"p": true, "pp": true, "ca": true, "cf": true, "approx": true, "ibid": true, "viz": true,
	"co": true, "Co": true, "Inc": true, "Corp": true, "Ltd": true, "Bros": true, "Dept": true,
	"Univ": true, "Assn": true, "est": true, "fig": true, "no": true, "ed": true, "eds": true,
	"et": true, "al": true, "etc": true, "Calif": true, "Mass": true, "Conn": true, "Penn": true,
	"Ariz": true, "Colo": true, "Fla": true, "Ga": true, "Ill": true, "Ind": true,
	"Kan": true, "Ky": true, "La": true, "Md": true, "Mich": true, "Minn": true, "Miss": true,
	"Mo": true, "Mont": true, "Neb": true, "Nev": true, "Okla": true, "Ore": true, "Pa": true,
	"Tenn": true, "Tex": true, "Va": true, "Vt": true, "Wash": true, "Wis": true, "Wyo": true,
}

// Abbreviations that may also end a sentence: after them a sentence break
// is taken only before a word that usually starts sentences.
var endAbbrevs = map[string]bool{
	"etc": true, "Inc": true, "Corp": true, "Ltd": true, "Co": true, "Bros": true, "Jr": true,
	"Sr": true, "al": true, "No": true, "co": true,
}

// Tokenize appends the tokens of s to dst and returns the extended slice.
// Tokens are in order, do not overlap and cover every byte of s that is not
// white space. Passing a reused dst[:0] makes tokenisation allocation-free
// once the slice is large enough.
func Tokenize(s string, dst []Token) []Token {
	n := len(s)
	i := 0
	for i < n {
		c := s[i]
		if c < utf8.RuneSelf {
			switch asciiClass[c] {
			case cSpace:
				i++
				continue
			case cLower, cUpper, cDigit:
				if (c == 'h' || c == 'H' || c == 'w' || c == 'W') && isURLStart(s[i:]) {
					end := scanURL(s, i)
					dst = append(dst, Token{i, end, URL})
					i = end
					continue
				}
				end, kind := scanWord(s, i)
				dst = append(dst, Token{i, end, kind})
				i = end
				continue
			}
			if c == '\'' {
				if end := scanClitic(s, i+1); end > 0 {
					dst = append(dst, Token{i, end, Word})
					i = end
					continue
				}
			}
			end := i + 1
			switch c {
			case '.', '-', '*', '_', '#', '=', '~', '!', '?', '`':
				for end < n && s[end] == c {
					end++
				}
			}
			dst = append(dst, Token{i, end, asciiKind(c)})
			i = end
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, Token{i, i + 1, Symbol})
			i++
		case isSpaceRune(r):
			i += size
		case isWordRune(r):
			end, kind := scanWord(s, i)
			dst = append(dst, Token{i, end, kind})
			i = end
		case r == '’' || r == 'ʼ':
			if end := scanClitic(s, i+size); end > 0 {
				dst = append(dst, Token{i, end, Word})
				i = end
				continue
			}
			dst = append(dst, Token{i, i + size, Punct})
			i += size
		case unicode.IsPunct(r):
			end := i + size
			if r == '…' || r == '—' || r == '–' {
				for end+size <= n && s[end:end+size] == s[i:i+size] {
					end += size
				}
			}
			dst = append(dst, Token{i, end, Punct})
			i = end
		default:
			dst = append(dst, Token{i, i + size, Symbol})
			i += size
		}
	}
	return dst
}

func asciiKind(c byte) Kind {
	switch c {
	case '$', '%', '&', '+', '<', '=', '>', '^', '`', '|', '~':
		return Symbol
	}
	return Punct
}

func isSpaceRune(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || r == '\u2060'
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// wordRuneAt reports whether s[i:] starts with a letter, digit or mark, and
// the rune's size and class (cLower, cUpper, cDigit or cOther for other
// letters).
func wordRuneAt(s string, i int) (ok bool, size int, class uint8) {
	if i >= len(s) {
		return false, 0, 0
	}
	c := s[i]
	if c < utf8.RuneSelf {
		cl := asciiClass[c]
		return cl >= cLower, 1, cl
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError && size == 1 {
		return false, 1, 0
	}
	if !isWordRune(r) {
		return false, size, 0
	}
	switch {
	case unicode.IsUpper(r):
		return true, size, cUpper
	case unicode.IsLower(r):
		return true, size, cLower
	case unicode.IsDigit(r):
		return true, size, cDigit
	}
	return true, size, cOther
}

// apostropheAt returns the byte length of an apostrophe at s[i] (' or ’ or
// ʼ), or 0.
func apostropheAt(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	if s[i] == '\'' {
		return 1
	}
	if s[i] == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x99 {
		return 3
	}
	if s[i] == 0xCA && i+1 < len(s) && s[i+1] == 0xBC {
		return 2
	}
	return 0
}

// scanClitic returns the end of an English clitic ('s, 're, 've, 'll, 'd,
// 'm) whose letters start at s[i], or 0 if there is none.
func scanClitic(s string, i int) int {
	j := i
	for j < len(s) && j-i < 3 && asciiClass[s[j]] >= cLower && asciiClass[s[j]] <= cUpper {
		j++
	}
	if j == i {
		return 0
	}
	if ok, _, _ := wordRuneAt(s, j); ok {
		return 0
	}
	switch s[i:j] {
	case "s", "S", "re", "RE", "ve", "VE", "ll", "LL", "d", "D", "m", "M":
		return j
	}
	return 0
}

// scanWord scans a word or number starting at s[i] and returns its end and
// kind.
func scanWord(s string, i int) (int, Kind) {
	n := len(s)
	j := i
	letters, digits := 0, 0
	initialism := false // X.Y. pattern seen
	for {
		// one run of word characters: the digits and upper-case letters
		// counted in the two halves of acc, the letters from the run's
		// length
		runStart := j
		var acc uint64
		wide := 0 // bytes of multi-byte runes past their first
		for j < n {
			if v := runCount[s[j]]; v != runEnd {
				acc += v
				j++
				continue
			}
			if s[j] < utf8.RuneSelf {
				break
			}
			ok, size, cl := wordRuneAt(s, j)
			if !ok {
				break
			}
			switch cl {
			case cDigit:
				acc++
			case cUpper:
				acc += 1 << 32
			}
			wide += size - 1
			j += size
		}
		runLen := j - runStart
		runDigits, runUpper := int(uint32(acc)), int(acc>>32)
		runLetters := runLen - wide - runDigits
		digits += runDigits
		letters += runLetters
		if j >= n {
			break
		}
		c := s[j]
		switch {
		case c == '.':
			if end := emailEnd(s, i); end > 0 {
				return end, Email // Jane.Doe@example.com
			}
			next, _, ncl := wordRuneAt(s, j+1)
			switch {
			case runLetters == 1 && runLen == 1 && next && ncl != cDigit && j+2 < n && s[j+2] == '.':
				// U.S, e.g: single letters separated by periods
				initialism = true
				j += 2
				continue
			case initialism:
				j++ // final period of U.S.
				if j+1 < n && s[j] == '-' {
					if ok, _, _ := wordRuneAt(s, j+1); ok {
						j++
						continue
					}
				}
				return j, Word
			case digits > 0 && letters == 0 && next && ncl == cDigit:
				j++ // decimal point
				continue
			case runLen == 1 && runUpper == 1 && j == i+1:
				return j + 1, Word // initial: "E."
			case j-i <= 8 && titleAbbrevs[s[i:j]]:
				return j + 1, Word
			case letters > 0 && runLetters == runLen && next && ncl == cLower && j > i+1 && asciiClass[s[j-1]] == cLower:
				// domain-like: example.com, but not end.The
				j++
				continue
			}
			return j, kindOf(letters, digits)
		case c == '-' || c == '_':
			if ok, _, _ := wordRuneAt(s, j+1); ok {
				j++
				continue
			}
		case c == ',' || c == ':' || c == '/':
			if letters == 0 && digits > 0 && j+1 < n && asciiClass[s[j+1]] == cDigit {
				j++
				continue
			}
		case c == '&':
			if runUpper == runLen && runLen > 0 && j+1 < n && asciiClass[s[j+1]] == cUpper {
				j++
				continue
			}
		case c == '@':
			if letters+digits > 0 {
				if end := scanEmailDomain(s, j+1); end > 0 {
					return end, Email
				}
			}
		default:
			if a := apostropheAt(s, j); a > 0 {
				if ok, _, _ := wordRuneAt(s, j+a); !ok {
					break
				}
				// n't: "don't" -> "do" + "n't"; "n't" alone stays whole
				if s[j-1] == 'n' || s[j-1] == 'N' {
					if e := j + a; e < n && (s[e] == 't' || s[e] == 'T') {
						if ok, _, _ := wordRuneAt(s, e+1); !ok {
							if j-1 == i {
								return e + 1, Word
							}
							return j - 1, Word
						}
					}
				}
				if scanClitic(s, j+a) > 0 {
					return j, kindOf(letters, digits)
				}
				j += a // O'Brien, d'Ivoire
				continue
			}
			if c >= utf8.RuneSelf {
				r, size := utf8.DecodeRuneInString(s[j:])
				if r == '\u2011' || r == '\u00ad' { // non-breaking and soft hyphen
					if ok, _, _ := wordRuneAt(s, j+size); ok {
						j += size
						continue
					}
				}
			}
		}
		break
	}
	return j, kindOf(letters, digits)
}

// runCount is what scanWord's run loop adds for an ASCII byte: 1 for a
// digit, 1<<32 for an upper-case letter, 0 for a lower-case one, and
// runEnd for any other byte (which ends the run, or is a non-ASCII byte
// to decode). Counting with one addition a byte instead of a branch for
// each class made the loop a third shorter.
var runCount = func() (t [256]uint64) {
	for c := range t {
		switch asciiClass[c] {
		case cLower:
		case cUpper:
			t[c] = 1 << 32
		case cDigit:
			t[c] = 1
		default:
			t[c] = runEnd
		}
	}
	return t
}()

// runEnd marks the bytes that are not ASCII letters or digits in runCount.
const runEnd = 1 << 63

// emailEnd returns the end of an e-mail address starting at s[i] whose
// local part has dots ("jane.doe@"), or 0. The local part is at most 64
// bytes (RFC 5321), which keeps tokenisation linear.
func emailEnd(s string, i int) int {
	for j := i; j < len(s) && j-i <= 64; j++ {
		c := s[j]
		switch {
		case asciiClass[c] >= cLower || c == '.' || c == '_' || c == '+' || c == '-' || c == '%':
			continue
		case c == '@' && j > i && s[j-1] != '.':
			return scanEmailDomain(s, j+1)
		}
		return 0
	}
	return 0
}

func kindOf(letters, digits int) Kind {
	if letters == 0 && digits > 0 {
		return Number
	}
	return Word
}

// scanEmailDomain scans the domain of an e-mail address starting at s[i] and
// returns its end, or 0 if it is not a domain with at least one dot.
func scanEmailDomain(s string, i int) int {
	j, dots := i, 0
	for j < len(s) {
		c := s[j]
		cl := asciiClass[c]
		if cl >= cLower || c == '-' {
			j++
			continue
		}
		if c == '.' && j+1 < len(s) && asciiClass[s[j+1]] >= cLower {
			dots++
			j++
			continue
		}
		break
	}
	if dots == 0 || j == i {
		return 0
	}
	return j
}

func isURLStart(s string) bool {
	return hasPrefixFold(s, "http://") || hasPrefixFold(s, "https://") ||
		(hasPrefixFold(s, "www.") && len(s) > 4 && asciiClass[s[4]] >= cLower)
}

func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for k := 0; k < len(prefix); k++ {
		c := s[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[k] {
			return false
		}
	}
	return true
}

// scanURL returns the end of the URL starting at s[i]: up to white space or
// a delimiter, without trailing punctuation.
func scanURL(s string, i int) int {
	j := i
	open := 0
	for j < len(s) {
		c := s[j]
		if asciiClass[c] == cSpace || c == '<' || c == '>' || c == '"' || c >= utf8.RuneSelf {
			break
		}
		switch c {
		case '(':
			open++
		case ')':
			open--
		}
		j++
	}
	for j > i+1 {
		c := s[j-1]
		if c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' || (c == ')' && open < 0) {
			if c == ')' {
				open++
			}
			j--
			continue
		}
		break
	}
	return j
}
