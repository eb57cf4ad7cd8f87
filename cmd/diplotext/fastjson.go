package main

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// decodeRecord decodes the common form of an input line, a flat JSON
// object with "id", "text" and optionally "targets" and "time" (other
// keys skipped), without encoding/json's reflection and its separate
// validation pass, which were a quarter of a dedupe run's CPU. It reports
// false for anything it does not read exactly as json.Unmarshal into a
// record would (keys in another case or with escapes, a key given twice,
// invalid UTF-8 in the text, a surrogate escape out of pair, deep
// nesting, invalid JSON), and the caller then uses json.Unmarshal, which
// also reports the errors. A fuzz test holds the two to the same result.
func decodeRecord(raw []byte, rec *record) bool { return decodeRecordText(raw, rec, nil) }

// decodeRecordText is decodeRecord with the text decoded into *text
// (grown as needed) when text is not nil: rec.Text is then a view of that
// buffer, valid while the caller does not reuse it.
func decodeRecordText(raw []byte, rec *record, text *[]byte) bool {
	p := fastParser{b: raw, text: text}
	p.ws()
	if !p.eat('{') {
		return false
	}
	p.ws()
	seen := 0
	if !p.eat('}') {
		for {
			p.ws()
			key, ok := p.plainKey()
			if !ok {
				return false
			}
			p.ws()
			if !p.eat(':') {
				return false
			}
			p.ws()
			bit := 0
			switch key {
			case "id":
				bit = 1
			case "text":
				bit = 2
			case "targets":
				bit = 4
			case "time":
				bit = 8
			default:
				if foldsToField(key) {
					return false // encoding/json matches keys case-insensitively
				}
			}
			if seen&bit != 0 {
				return false
			}
			seen |= bit
			start := p.i
			if bit == 2 && p.peek() == '"' {
				s, ok := p.stringValue()
				if !ok {
					return false
				}
				rec.Text = &s
			} else {
				if !p.skipValue(0) {
					return false
				}
				v := raw[start:p.i]
				switch bit {
				case 1:
					rec.ID = append([]byte(nil), v...)
				case 2:
					if string(v) != "null" {
						return false // not a string: json.Unmarshal's error
					}
				case 4:
					rec.Targets = append([]byte(nil), v...)
				case 8:
					rec.Time = append([]byte(nil), v...)
				}
			}
			p.ws()
			if p.eat('}') {
				break
			}
			if !p.eat(',') {
				return false
			}
		}
	}
	p.ws()
	return p.i == len(p.b)
}

// foldsToField reports whether key matches a record field in another
// case (ASCII keys only reach here).
func foldsToField(key string) bool {
	for _, f := range [...]string{"id", "text", "targets", "time"} {
		if len(key) == len(f) {
			same := true
			for i := 0; i < len(f); i++ {
				if key[i]|0x20 != f[i] {
					same = false
					break
				}
			}
			if same {
				return true
			}
		}
	}
	return false
}

type fastParser struct {
	b []byte
	i int
	// text, when not nil, is the buffer string values are decoded into;
	// they are returned as views of it
	text *[]byte
}

func (p *fastParser) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *fastParser) peek() byte {
	if p.i < len(p.b) {
		return p.b[p.i]
	}
	return 0
}

func (p *fastParser) eat(c byte) bool {
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

// plainKey reads a key of printable ASCII without escapes.
func (p *fastParser) plainKey() (string, bool) {
	if !p.eat('"') {
		return "", false
	}
	start := p.i
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			k := string(p.b[start:p.i])
			p.i++
			return k, true
		case c < 0x20 || c >= 0x80 || c == '\\':
			return "", false
		}
		p.i++
	}
	return "", false
}

// stringValue reads a string with its escapes decoded; false for invalid
// UTF-8 (encoding/json would replace it) and lone surrogates.
func (p *fastParser) stringValue() (string, bool) {
	p.i++ // the quote
	start := p.i
	k, ascii := plainEnd(p.b, p.i)
	p.i = k
	if k >= len(p.b) {
		return "", false
	}
	switch p.b[k] {
	case '"':
		s := p.b[start:k]
		p.i++
		if !ascii && !utf8.Valid(s) {
			return "", false
		}
		if p.text != nil {
			*p.text = append((*p.text)[:0], s...)
			return unsafe.String(unsafe.SliceData(*p.text), len(*p.text)), true
		}
		return string(s), true
	case '\\':
		return p.escapedString(start, ascii)
	}
	return "", false // a control byte
}

// escapedString goes on reading a string from p.i, at a backslash, with
// the plain bytes from start before it (ascii: all of them below 0x80).
func (p *fastParser) escapedString(start int, ascii bool) (string, bool) {
	var out []byte
	if p.text != nil {
		out = slices.Grow((*p.text)[:0], len(p.b)-start)
		defer func() { *p.text = out[:0] }() // keep the grown buffer
	} else {
		out = make([]byte, 0, len(p.b)-start)
	}
	out = append(out, p.b[start:p.i]...)
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			p.i++
			// Escapes append valid UTF-8, so only raw bytes can make it
			// invalid (also where they meet an escape's rune).
			if !ascii && !utf8.Valid(out) {
				return "", false
			}
			if p.text != nil || len(out) >= cap(out)/2 {
				// out is the caller's text buffer, or this function's own
				// buffer, never written again: the string can share it
				// instead of copying a text-sized buffer once more,
				// wasting at most half.
				return unsafe.String(unsafe.SliceData(out), len(out)), true
			}
			return string(out), true
		case c < 0x20:
			return "", false
		case c != '\\':
			// a run of plain bytes, copied at once
			k, a := plainEnd(p.b, p.i+1)
			ascii = ascii && a && c < 0x80
			out = append(out, p.b[p.i:k]...)
			p.i = k
			continue
		}
		if p.i+1 >= len(p.b) {
			return "", false
		}
		e := p.b[p.i+1]
		p.i += 2
		switch e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return "", false
			}
			if utf16.IsSurrogate(r) {
				if !(p.i+1 < len(p.b) && p.b[p.i] == '\\' && p.b[p.i+1] == 'u') {
					return "", false
				}
				p.i += 2
				r2, ok := p.hex4()
				if !ok {
					return "", false
				}
				if r = utf16.DecodeRune(r, r2); r == utf8.RuneError {
					return "", false
				}
			}
			out = utf8.AppendRune(out, r)
		default:
			return "", false
		}
	}
	return "", false
}

func (p *fastParser) hex4() (rune, bool) {
	if p.i+4 > len(p.b) {
		return 0, false
	}
	var r rune
	for _, c := range p.b[p.i : p.i+4] {
		switch {
		case '0' <= c && c <= '9':
			r = r<<4 | rune(c-'0')
		case 'a' <= c && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case 'A' <= c && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	p.i += 4
	return r, true
}

// skipValue steps over one valid JSON value.
func (p *fastParser) skipValue(depth int) bool {
	if depth > 64 {
		return false
	}
	switch c := p.peek(); {
	case c == '"':
		p.i++
		for p.i < len(p.b) {
			c := p.b[p.i]
			switch {
			case c == '"':
				p.i++
				return true
			case c < 0x20:
				return false
			case c == '\\':
				if p.i+1 >= len(p.b) {
					return false
				}
				switch p.b[p.i+1] {
				case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
					p.i += 2
				case 'u':
					p.i += 2
					if _, ok := p.hex4(); !ok {
						return false
					}
				default:
					return false
				}
				continue
			}
			p.i++
		}
		return false
	case c == '{':
		p.i++
		p.ws()
		if p.eat('}') {
			return true
		}
		for {
			p.ws()
			if p.peek() != '"' || !p.skipValue(depth+1) {
				return false
			}
			p.ws()
			if !p.eat(':') {
				return false
			}
			p.ws()
			if !p.skipValue(depth + 1) {
				return false
			}
			p.ws()
			if p.eat('}') {
				return true
			}
			if !p.eat(',') {
				return false
			}
		}
	case c == '[':
		p.i++
		p.ws()
		if p.eat(']') {
			return true
		}
		for {
			p.ws()
			if !p.skipValue(depth + 1) {
				return false
			}
			p.ws()
			if p.eat(']') {
				return true
			}
			if !p.eat(',') {
				return false
			}
		}
	case c == 't':
		return p.word("true")
	case c == 'f':
		return p.word("false")
	case c == 'n':
		return p.word("null")
	case c == '-' || '0' <= c && c <= '9':
		return p.number()
	}
	return false
}

func (p *fastParser) word(w string) bool {
	if len(p.b)-p.i >= len(w) && string(p.b[p.i:p.i+len(w)]) == w {
		p.i += len(w)
		return true
	}
	return false
}

// number steps over a JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *fastParser) number() bool {
	p.eat('-')
	digits := func() int {
		n := 0
		for p.i < len(p.b) && '0' <= p.b[p.i] && p.b[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	if p.eat('0') {
		// no more digits may follow a leading zero
	} else if digits() == 0 {
		return false
	}
	if p.eat('.') && digits() == 0 {
		return false
	}
	if p.eat('e') || p.eat('E') {
		if !p.eat('+') {
			p.eat('-')
		}
		if digits() == 0 {
			return false
		}
	}
	return true
}

const (
	swarLow  = 0x0101010101010101
	swarHigh = 0x8080808080808080
)

// swarZero has the high bit set in some byte if and only if a byte of x
// is zero (bits above the lowest zero byte may be false positives, so
// only "any" is exact).
func swarZero(x uint64) uint64 { return (x - swarLow) &^ x & swarHigh }

// plainEnd returns the index of the first byte from i on that ends a
// plain run inside a JSON string, a quote, a backslash or a control byte
// (len(b) if none), and whether the bytes from i to it are all ASCII. It
// tests eight bytes at a time: the per-byte loop was a tenth of a dedupe
// run's instructions. (plainEndGo is plainEnd where there is no vector
// version.)
func plainEndGo(b []byte, i int) (int, bool) {
	var high uint64
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		// Flipping bit 1 turns a quote (0x22) into 0x20 and keeps the
		// control bytes below 0x20 (and nothing else below 0x21), so one
		// borrowing subtraction finds both; like swarZero it is exact
		// for the lowest byte found.
		v := w ^ (swarLow * 0x02)
		m := swarZero(w^(swarLow*'\\')) | ((v - swarLow*0x21) &^ v & swarHigh)
		if m != 0 {
			j := bits.TrailingZeros64(m) &^ 7 // bit offset of the first special byte
			high |= w & (1<<j - 1)
			return i + j/8, high&swarHigh == 0
		}
		high |= w
	}
	ascii := high&swarHigh == 0
	for ; i < len(b); i++ {
		c := b[i]
		if c == '"' || c == '\\' || c < 0x20 {
			break
		}
		if c >= 0x80 {
			ascii = false
		}
	}
	return i, ascii
}
