package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// FNV-1a 64-bit parameters (Fowler, Noll, Vo).
const (
	hashOffset uint64 = 14695981039346656037
	hashPrime  uint64 = 1099511628211
)

// HashSeed is the hash of the empty string: the value [HashAppend] starts
// from, so that HashAppend(HashSeed, s) == HashFolded(s).
const HashSeed = hashOffset

// HashFolded returns the 64-bit FNV-1a hash of the bytes of s, taken as
// already folded (by [Fold], or read from [Document.TokenFold]). It does
// not allocate. Hash values are stable across runs, versions and machines
// and may be persisted.
func HashFolded(s string) uint64 {
	return HashAppend(hashOffset, s)
}

// HashAppend continues the FNV-1a hash h over the bytes of s:
// HashAppend(HashFolded(a), b) == HashFolded(a+b). Use it to hash phrases
// ("minister", " ", "lavrov") without building the string.
func HashAppend(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * hashPrime
	}
	return h
}

// Hash returns the hash of the folded form of s without allocating:
// Hash(s) == HashFolded(Fold(s)), so "Lavrov", "LAVROV" and "lavrov"
// hash alike, and so do "Russia’s" and "Russia's".
func Hash(s string) uint64 {
	h := hashOffset
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			} else if c == '`' {
				c = '\''
			}
			h = (h ^ uint64(c)) * hashPrime
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			h = (h ^ uint64(c)) * hashPrime // invalid bytes are kept as they are
			i++
			continue
		}
		i += size
		var buf [utf8.UTFMax]byte
		n := utf8.EncodeRune(buf[:], foldRune(r))
		for _, b := range buf[:n] {
			h = (h ^ uint64(b)) * hashPrime
		}
	}
	return h
}

// foldRune is the per-character mapping of [Fold] for non-ASCII runes.
func foldRune(r rune) rune {
	return unicode.ToLower(unicode.ToUpper(foldPunct(r)))
}

// Shape is the case shape of a word: a set of flags computed from its
// letters and digits. [ShapeOf] computes it; [Document.TokenShape] reads the
// one [Parse] computed for each token. The methods [Shape.AllCaps],
// [Shape.Title], [Shape.Lower] and [Shape.Mixed] name the usual classes.
//
// Letters of every script count; title-case letters (such as "ǅ") count as
// upper case; letters without case (Chinese, Arabic, ...) set only
// [ShapeLetter].
type Shape uint8

// Shape flags.
const (
	// ShapeUpper: the word has an upper-case (or title-case) letter.
	ShapeUpper Shape = 1 << iota
	// ShapeLower: the word has a lower-case letter.
	ShapeLower
	// ShapeInitialUpper: the first character is an upper-case letter
	// ("Lavrov", "US", "U.S."), as [StartsUpper] reports.
	ShapeInitialUpper
	// ShapeInnerUpper: an upper-case letter directly follows another letter
	// ("NATO", "McDonald", "iPhone"), not after a hyphen, apostrophe or
	// period ("Al-Assad", "O'Brien" and "U.S." do not have it).
	ShapeInnerUpper
	// ShapeDigit: the word has a decimal digit.
	ShapeDigit
	// ShapeLetter: the word has a letter of any script.
	ShapeLetter
)

// AllCaps reports whether the word has upper-case letters and no
// lower-case one: "NATO", "U.S.", "G7", "I".
func (s Shape) AllCaps() bool { return s&(ShapeUpper|ShapeLower) == ShapeUpper }

// Title reports whether the word is in title case: it starts with an
// upper-case letter, has lower-case letters, and no upper-case letter
// directly after another letter: "Lavrov", "O'Brien", "Al-Assad".
func (s Shape) Title() bool {
	return s&(ShapeInitialUpper|ShapeLower|ShapeInnerUpper) == ShapeInitialUpper|ShapeLower
}

// Lower reports whether the word has lower-case letters and no upper-case
// one: "talks", "n't", "covid-19".
func (s Shape) Lower() bool { return s&(ShapeUpper|ShapeLower) == ShapeLower }

// Mixed reports whether the word has both cases and is not in title case:
// "iPhone", "McDonald", "US-Russia".
func (s Shape) Mixed() bool { return s&(ShapeUpper|ShapeLower) == ShapeUpper|ShapeLower && !s.Title() }

var shapeNames = [...]string{"Upper", "Lower", "InitialUpper", "InnerUpper", "Digit", "Letter"}

// String returns the flags joined by "|" ("Upper|InitialUpper|Letter"),
// or "None".
func (s Shape) String() string {
	if s == 0 {
		return "None"
	}
	var b strings.Builder
	for i, n := range shapeNames {
		if s&(1<<i) != 0 {
			if b.Len() > 0 {
				b.WriteByte('|')
			}
			b.WriteString(n)
		}
	}
	return b.String()
}

// ShapeOf returns the case shape of w.
func ShapeOf(w string) Shape {
	sh, _ := shapeOf(w)
	return sh
}

// StartsUpper reports whether w starts with an upper-case (or title-case)
// letter of any script: "Lavrov", "Élysée", "Россия".
func StartsUpper(w string) bool {
	if w == "" {
		return false
	}
	if c := w[0]; c < utf8.RuneSelf {
		return 'A' <= c && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(w)
	return isUpper(r)
}

func isUpper(r rune) bool { return unicode.IsUpper(r) || unicode.IsTitle(r) }

// shapeOf returns the shape of w and whether [Fold] changes w.
func shapeOf(w string) (sh Shape, changes bool) {
	prevLetter := false
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z':
				sh |= ShapeLower | ShapeLetter
				prevLetter = true
			case 'A' <= c && c <= 'Z':
				sh |= ShapeUpper | ShapeLetter
				if i == 1 {
					sh |= ShapeInitialUpper
				} else if prevLetter {
					sh |= ShapeInnerUpper
				}
				prevLetter = true
				changes = true
			case '0' <= c && c <= '9':
				sh |= ShapeDigit
				prevLetter = false
			default:
				if c == '`' {
					changes = true
				}
				prevLetter = false
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		first := i == 0
		i += size
		if r == utf8.RuneError && size == 1 {
			prevLetter = false
			continue
		}
		if !changes && foldRune(r) != r {
			changes = true
		}
		switch {
		case unicode.IsLetter(r):
			sh |= ShapeLetter
			if isUpper(r) {
				sh |= ShapeUpper
				if first {
					sh |= ShapeInitialUpper
				} else if prevLetter {
					sh |= ShapeInnerUpper
				}
			} else if unicode.IsLower(r) {
				sh |= ShapeLower
			}
			prevLetter = true
		case unicode.IsMark(r):
			// a combining accent continues its letter
		default:
			if unicode.IsDigit(r) {
				sh |= ShapeDigit
			}
			prevLetter = false
		}
	}
	return sh, changes
}

// foldedLen returns len(Fold(w)).
func foldedLen(w string) int {
	n := 0
	for i := 0; i < len(w); {
		if w[i] < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		i += size
		if r == utf8.RuneError && size == 1 {
			n++
			continue
		}
		n += utf8.RuneLen(foldRune(r))
	}
	return n
}

// appendFold appends Fold(w) to b.
func appendFold(b []byte, w string) []byte {
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			b = append(b, asciiFold[c])
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, c)
		} else {
			b = utf8.AppendRune(b, foldRune(r))
		}
		i += size
	}
	return b
}

// asciiFold folds ASCII bytes; asciiShape gives their shape flags, with
// flagChange for bytes that folding changes.
var asciiFold, asciiShape = func() (f, sh [utf8.RuneSelf]byte) {
	for c := range f {
		f[c] = byte(c)
		switch {
		case 'a' <= c && c <= 'z':
			sh[c] = byte(ShapeLower | ShapeLetter)
		case 'A' <= c && c <= 'Z':
			f[c] = byte(c) + 'a' - 'A'
			sh[c] = byte(ShapeUpper|ShapeLetter) | flagChange
		case '0' <= c && c <= '9':
			sh[c] = byte(ShapeDigit)
		case c == '`':
			f[c] = '\''
			sh[c] = flagChange
		}
	}
	return
}()

// flagChange is a bit of asciiShape outside the Shape flags.
const flagChange = 0x80

// asciiWord returns the shape and folded hash of w and whether folding
// changes it, or ok == false if w is not all ASCII.
func asciiWord(w string) (sh Shape, h uint64, changes, ok bool) {
	if w == "" {
		return 0, hashOffset, false, true
	}
	h = hashOffset
	c := w[0]
	if c >= utf8.RuneSelf {
		return 0, 0, false, false
	}
	prev := asciiShape[c]
	acc := prev | (prev&byte(ShapeUpper))<<2 // ShapeInitialUpper
	h = (h ^ uint64(asciiFold[c])) * hashPrime
	for i := 1; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return 0, 0, false, false
		}
		f := asciiShape[c]
		// ShapeInnerUpper: this byte is upper case and the previous one a letter.
		acc |= f | (f&(prev>>5)&1)<<3
		prev = f
		h = (h ^ uint64(asciiFold[c])) * hashPrime
	}
	return Shape(acc &^ flagChange), h, acc&flagChange != 0, true
}

// Marks FillWords sets on Shapes while it works, outside the Shape flags.
const (
	markChanged Shape = 0x40 // folding changes the token
	markWide    Shape = 0x80 // the token is not all ASCII
)

// FillWords computes d.Folded, d.Hashes and d.Shapes from d.Text and
// d.Tokens, reusing the slices' capacity. [Parse] calls it; call it after
// building or changing a Document by hand. It must not run concurrently
// with readers of d.
//
// The folded forms share one allocation: a token that folding leaves
// unchanged is a sub-string of d.Text, the others are sub-strings of one
// buffer.
func (d *Document) FillWords() {
	if d == nil {
		return
	}
	n := len(d.Tokens)
	d.Folded = grow(d.Folded, n)
	d.Hashes = grow(d.Hashes, n)
	d.Shapes = grow(d.Shapes, n)
	var buf []byte
	for i := range d.Tokens {
		w := d.TokenText(i)
		sh, h, changes, ok := asciiWord(w)
		if ok {
			if changes {
				if buf == nil {
					buf = make([]byte, 0, len(d.Text)/8+len(w))
				}
				for j := 0; j < len(w); j++ {
					buf = append(buf, asciiFold[w[j]])
				}
				sh |= markChanged
			}
		} else {
			sh, changes = shapeOf(w)
			if changes {
				start := len(buf)
				buf = appendFold(buf, w)
				h = hashBytes(buf[start:])
				sh |= markChanged | markWide
			} else {
				h = HashFolded(w)
			}
		}
		d.Shapes[i] = sh
		d.Hashes[i] = h
		d.Folded[i] = w
	}
	if buf == nil {
		return
	}
	// buf is complete and never written again: its bytes can back strings.
	all := unsafe.String(unsafe.SliceData(buf), len(buf))
	off := 0
	for i, sh := range d.Shapes {
		if sh&markChanged == 0 {
			continue
		}
		w := d.Folded[i]
		m := len(w)
		if sh&markWide != 0 {
			m = foldedLen(w)
		}
		d.Folded[i] = all[off : off+m]
		d.Shapes[i] = sh &^ (markChanged | markWide)
		off += m
	}
}

// hashBytes is HashFolded over a byte slice.
func hashBytes(b []byte) uint64 {
	h := hashOffset
	for _, c := range b {
		h = (h ^ uint64(c)) * hashPrime
	}
	return h
}

// grow returns s resized to n elements, reusing its capacity.
func grow[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]T, n)
}

// TokenFold returns the folded form of token i, Fold(d.TokenText(i)): the
// one [Parse] computed, or computed now for a Document built by hand
// without [Document.FillWords]. It returns "" for an index out of range.
func (d *Document) TokenFold(i int) string {
	if d == nil || i < 0 || i >= len(d.Tokens) {
		return ""
	}
	if len(d.Folded) == len(d.Tokens) {
		return d.Folded[i]
	}
	return Fold(d.TokenText(i))
}

// TokenHash returns the hash of the folded form of token i,
// Hash(d.TokenText(i)), the one [Parse] computed when there is one. It
// returns HashSeed (the hash of "") for an index out of range.
func (d *Document) TokenHash(i int) uint64 {
	if d == nil || i < 0 || i >= len(d.Tokens) {
		return HashSeed
	}
	if len(d.Hashes) == len(d.Tokens) {
		return d.Hashes[i]
	}
	return Hash(d.TokenText(i))
}

// TokenShape returns the case shape of token i, ShapeOf(d.TokenText(i)),
// the one [Parse] computed when there is one. It returns 0 for an index
// out of range.
func (d *Document) TokenShape(i int) Shape {
	if d == nil || i < 0 || i >= len(d.Tokens) {
		return 0
	}
	if len(d.Shapes) == len(d.Tokens) {
		return d.Shapes[i]
	}
	return ShapeOf(d.TokenText(i))
}
