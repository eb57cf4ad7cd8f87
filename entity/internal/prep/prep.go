// Package prep computes, once per document, what both the statistical
// recogniser and the Tagger of package entity read: the words, their
// folded hashes and the sentences with hard-wrapped lines joined.
package prep

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/diplotext/diplotext/entity/internal/ner"
	"github.com/diplotext/diplotext/text"
)

// Doc is a document prepared for tagging. Its slices are owned by the Doc;
// [Doc.Reset] reuses them.
type Doc struct {
	D *text.Document
	// Words[i] is the text of token i, Hashes[i] its text.Hash (the
	// document's own D.Hashes when Parse computed them).
	Words  []string
	Hashes []uint64
	hashes []uint64 // the buffer of Hashes when D has none
	// Wrapped[k] reports whether sentence k continues on the next line
	// (see [wrapped]).
	Wrapped []bool
	// Sents are the sentences as token ranges, wrapped lines joined with
	// the next.
	Sents []ner.Span
	// Upper and Lower report whether the text has upper-case and
	// lower-case letters.
	Upper, Lower bool
}

// Reset prepares d for document doc, reusing p's buffers. doc must be a
// valid document (token and sentence offsets within its text).
func (p *Doc) Reset(doc *text.Document) {
	p.D = doc
	n := len(doc.Tokens)
	p.Words = grow(p.Words, n)
	for i, tk := range doc.Tokens {
		p.Words[i] = doc.Text[tk.Start:tk.End]
	}
	if len(doc.Hashes) == n {
		p.Hashes = doc.Hashes
	} else {
		p.hashes = grow(p.hashes, n)
		for i, w := range p.Words {
			p.hashes[i] = text.Hash(w)
		}
		p.Hashes = p.hashes
	}
	p.Wrapped = grow(p.Wrapped, len(doc.Sentences))
	for k := range doc.Sentences {
		p.Wrapped[k] = k+1 < len(doc.Sentences) && wrapped(doc, k)
	}
	p.Sents = p.Sents[:0]
	for k := 0; k < len(doc.Sentences); k++ {
		first := doc.Sentences[k].First
		// hard-wrapped text: a "heading" line that is the start of a
		// sentence continued on the next line ("the International
		// Monetary\nFund") is read with it
		for k+1 < len(doc.Sentences) && p.Wrapped[k] {
			k++
		}
		p.Sents = append(p.Sents, ner.Span{First: first, Last: doc.Sentences[k].Last})
	}
	if len(doc.Shapes) == n {
		var all text.Shape
		for _, sh := range doc.Shapes {
			all |= sh
		}
		p.Upper, p.Lower = all&text.ShapeUpper != 0, all&text.ShapeLower != 0
	} else {
		p.Upper, p.Lower = LetterCases(doc.Text)
	}
}

// Release drops the references to the document's text, so that a pooled
// Doc does not keep it alive.
func (p *Doc) Release() {
	clear(p.Words)
	p.D, p.Hashes = nil, nil
}

func grow[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]T, n, n+n/4)
}

// wrapped reports whether sentence k of d ends in a line break without
// final punctuation and continues on the next line: its last token is a
// word, it is followed by a single line break and it has at least two
// words starting in lower case, which headings do not.
func wrapped(d *text.Document, k int) bool {
	s, next := d.Sentences[k], d.Sentences[k+1]
	if s.Last <= s.First || s.End > next.Start || next.Start > len(d.Text) || d.Tokens[s.Last-1].Kind != text.Word {
		return false
	}
	breaks := 0
	for _, c := range []byte(d.Text[s.End:next.Start]) {
		switch c {
		case '\n':
			breaks++
		case ' ', '\t', '\r':
		default:
			return false
		}
	}
	if breaks != 1 {
		return false
	}
	lower := 0
	for _, t := range d.Tokens[s.First:s.Last] {
		if c := d.Text[t.Start]; t.Kind == text.Word && 'a' <= c && c <= 'z' {
			lower++
		}
	}
	return lower >= 2
}

// MostlyLower reports whether d is a text of at least 30 words of which
// fewer than one in 50 is capitalised, not at the start of a sentence and
// not in capitals only: lower-cased text with the odd acronym (US, BBC)
// left in capitals. News has one in 10 or more.
func MostlyLower(d *text.Document) bool {
	words, capitals := 0, 0
	for _, s := range d.Sentences {
		for i := s.First; i < s.Last && i < len(d.Tokens); i++ {
			t := d.Tokens[i]
			if t.Kind != text.Word {
				continue
			}
			words++
			if sh := d.TokenShape(i); i > s.First && sh&(text.ShapeUpper|text.ShapeLower|text.ShapeInitialUpper) == text.ShapeUpper|text.ShapeLower|text.ShapeInitialUpper {
				capitals++
			}
		}
	}
	return words >= 30 && capitals*50 < words
}

// LetterCases reports whether s has upper-case and lower-case letters (for
// a document built without shapes).
func LetterCases(s string) (upper, lower bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z':
			upper = true
		case 'a' <= c && c <= 'z':
			lower = true
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsUpper(r) {
				upper = true
			} else if unicode.IsLower(r) {
				lower = true
			}
			i += size - 1
		}
		if upper && lower {
			return
		}
	}
	return
}

// Check returns an error unless d's tokens are ordered, non-empty spans of
// its text and its sentences ordered ranges of its tokens.
func Check(d *text.Document) error {
	end := 0
	for i, tk := range d.Tokens {
		if tk.Start < end || tk.End <= tk.Start || tk.End > len(d.Text) {
			return fmt.Errorf("token %d [%d, %d) out of order or out of a text of %d bytes", i, tk.Start, tk.End, len(d.Text))
		}
		end = tk.End
	}
	last := 0
	for i, s := range d.Sentences {
		if s.First < last || s.Last < s.First || s.Last > len(d.Tokens) || s.Start < 0 || s.End < s.Start || s.End > len(d.Text) {
			return fmt.Errorf("sentence %d: tokens [%d, %d), bytes [%d, %d) out of order or out of range", i, s.First, s.Last, s.Start, s.End)
		}
		last = s.Last
	}
	return nil
}
