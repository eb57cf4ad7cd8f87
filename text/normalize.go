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
	case '‘', '’', '‚', '‛', 'ʼ', '′', '`', '´', '‹', '›', '＇':
		return '\''
	case '“', '”', '„', '‟', '″', '«', '»', '＂':
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
			return mapRunes(s, foldPunct)
		}
	}
	return s
}

// mapRunes is strings.Map that keeps invalid UTF-8 bytes as they are
// instead of replacing them with U+FFFD.
func mapRunes(s string, f func(rune) rune) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteByte(s[i])
		} else {
			b.WriteRune(f(r))
		}
		i += size
	}
	return b.String()
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
	return mapRunes(s, func(r rune) rune {
		return unicode.ToLower(unicode.ToUpper(foldPunct(r)))
	})
}
