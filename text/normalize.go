package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode normalisation form C (composed characters), so
// that "é" written as e + combining accent equals the precomposed "é".
// Invalid UTF-8 bytes are kept as they are.
func NFC(s string) string {
	if norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}

// foldPunct maps typographic quotes, apostrophes, dashes and spaces to their
// ASCII forms.
func foldPunct(r rune) rune {
	switch r {
	case '‘', '’', '‚', '‛', 'ʼ', '′', '`', '´':
		return '\''
	case '“', '”', '„', '‟', '″', '«', '»':
		return '"'
	case '‐', '‑', '‒', '–', '—', '―', '−', '﹘', '﹣', '－':
		return '-'
	case '\u00a0', '\u2007', '\u202f', '\u2009', '\u200a', '\u2002', '\u2003':
		return ' '
	}
	return r
}

// FoldPunct returns s with curly quotes and apostrophes folded to ' and ",
// every kind of dash and hyphen to -, and non-breaking and thin spaces to a
// plain space. The result may be shorter than s (multi-byte characters
// become one byte), so byte offsets into s do not carry over; fold single
// tokens, not whole documents, when offsets matter.
func FoldPunct(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || s[i] == '`' {
			return strings.Map(foldPunct, s)
		}
	}
	return s
}

// Fold returns s case-folded for comparison ("Lavrov", "LAVROV" and
// "lavrov" fold alike) with its punctuation folded as [FoldPunct] does.
// It is fast for ASCII input and allocates only when s changes.
func Fold(s string) string {
	ascii := true
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c == '`' {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' {
			upper = true
		}
	}
	if ascii {
		if !upper {
			return s
		}
		b := make([]byte, len(s))
		for i := 0; i < len(s); i++ {
			c := s[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b[i] = c
		}
		return string(b)
	}
	return strings.Map(func(r rune) rune {
		r = foldPunct(r)
		if r == utf8.RuneError {
			return r
		}
		return unicode.ToLower(unicode.SimpleFold(unicode.ToUpper(r)))
	}, s)
}
