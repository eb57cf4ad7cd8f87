package tone

import (
	"errors"
	"fmt"

	"github.com/diplotext/diplotext/text"
)

// ErrDocument is wrapped by the error for a hand-built [text.Document]
// whose tokens or sentences do not fit its text (text.Parse never makes
// one).
var ErrDocument = errors.New("tone: inconsistent document")

// checkDocument verifies, in one pass, what the analysis relies on: every
// token inside the text, non-empty and in order; every sentence a range of
// tokens in order. It is what keeps a hand-built Document from making an
// exported entry point panic.
func checkDocument(d *text.Document) error {
	prev := 0
	for i, t := range d.Tokens {
		if t.Start < prev || t.End <= t.Start || t.End > len(d.Text) {
			return fmt.Errorf("%w: token %d [%d,%d) does not fit a text of %d bytes after offset %d", ErrDocument, i, t.Start, t.End, len(d.Text), prev)
		}
		prev = t.End
	}
	last, end := 0, 0
	for i, s := range d.Sentences {
		if s.First < last || s.Last < s.First || s.Last > len(d.Tokens) {
			return fmt.Errorf("%w: sentence %d holds tokens [%d,%d) of %d, after token %d", ErrDocument, i, s.First, s.Last, len(d.Tokens), last)
		}
		// Its bytes hold exactly its tokens.
		if s.Start < end || s.End < s.Start || s.End > len(d.Text) ||
			(s.First < s.Last && (d.Tokens[s.First].Start < s.Start || d.Tokens[s.Last-1].End > s.End)) ||
			(s.First > 0 && d.Tokens[s.First-1].End > s.Start) ||
			(s.Last < len(d.Tokens) && d.Tokens[s.Last].Start < s.End) {
			return fmt.Errorf("%w: sentence %d [%d,%d) does not match its tokens [%d,%d)", ErrDocument, i, s.Start, s.End, s.First, s.Last)
		}
		last, end = s.Last, s.End
	}
	return nil
}
