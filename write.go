package diplotext

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// entitiesKey is how the entities field of a Report starts in its JSON
// encoding; the fields before it are the ID and the Language.
var entitiesKey = []byte(`"entities":[`)

// WriteReport analyses in as [Analyzer.Analyze] does and writes the
// report's JSON encoding to w: exactly the bytes json.Marshal gives for the
// Report that Analyze returns, with no newline after them.
//
// For a document analysed in windows (longer than 256 KB), the entities
// are encoded and written as each window is merged and are never held all
// at once: on entity-dense text (a list of countries, a table) they are
// most of the report, about 250 bytes of JSON and 170 bytes of memory for
// every 5-10 bytes of input, so a report held whole, and its encoding,
// cost tens of times the input. The rest of the report (topics, tone,
// events, actors) is written after the last window. Shorter documents are
// analysed whole and their report is encoded at once.
//
// The errors are Analyze's and w's. On an error, w may already hold the
// beginning of the report: callers that must not show a partial report
// write to a buffer or a temporary file first. A panic in a callback (a
// user's classifier, grouper or w) is an error wrapping [ErrPanic].
func (a *Analyzer) WriteReport(ctx context.Context, in Input, w io.Writer) (err error) {
	if a == nil {
		return errors.New("diplotext: nil *Analyzer")
	}
	defer recoverPanic(&err, nil)
	if w == nil {
		return errors.New("diplotext: write report: nil io.Writer")
	}
	if len(in.Text) <= windowBytes {
		rep, err := a.Analyze(ctx, in)
		if err != nil {
			return err
		}
		b, err := json.Marshal(rep)
		if err != nil {
			return fmt.Errorf("diplotext: encode report: %w", err)
		}
		if _, err := w.Write(b); err != nil {
			return fmt.Errorf("diplotext: write report: %w", err)
		}
		return nil
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	es := entityWriter{w: bw}
	es.enc = json.NewEncoder(&es.buf)
	rep, err := a.analyze(ctx, in, es.entity)
	if err != nil {
		return err
	}
	if err := es.finish(&rep); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("diplotext: write report: %w", err)
	}
	return nil
}

// entityWriter writes a report whose entities come one by one: the head of
// the report (up to the entities' opening bracket) before the first, the
// entities separated by commas, and the rest of the report at the end.
type entityWriter struct {
	w    io.Writer
	enc  *json.Encoder // encodes into buf
	buf  bytes.Buffer
	head []byte // the report's encoding up to and including entitiesKey
	n    int    // entities written
}

// headOf is the encoding of rep up to and including the opening bracket of
// its entities.
func headOf(rep *Report) ([]byte, error) {
	r := Report{ID: rep.ID, Language: rep.Language, Entities: []Entity{}}
	b, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	// a quote inside a string is escaped, so the first unescaped
	// `"entities":[` is the field itself
	i := bytes.Index(b, entitiesKey)
	if i < 0 {
		return nil, errors.New("no entities field in the report's encoding")
	}
	return b[:i+len(entitiesKey)], nil
}

func (es *entityWriter) entity(head *Report, e *Entity) error {
	if es.n == 0 {
		h, err := headOf(head)
		if err != nil {
			return fmt.Errorf("diplotext: encode report: %w", err)
		}
		es.head = h
		if _, err := es.w.Write(h); err != nil {
			return fmt.Errorf("diplotext: write report: %w", err)
		}
	}
	es.buf.Reset()
	if es.n > 0 {
		es.buf.WriteByte(',')
	}
	// an Encoder writes what json.Marshal does, and a newline
	if err := es.enc.Encode(e); err != nil {
		return fmt.Errorf("diplotext: encode entity %d: %w", es.n, err)
	}
	b := es.buf.Bytes()
	if _, err := es.w.Write(b[:len(b)-1]); err != nil {
		return fmt.Errorf("diplotext: write report: %w", err)
	}
	es.n++
	return nil
}

// finish writes the rest of rep, whose Entities are empty (they were
// written).
func (es *entityWriter) finish(rep *Report) error {
	b, err := json.Marshal(rep)
	if err != nil {
		return fmt.Errorf("diplotext: encode report: %w", err)
	}
	if es.n > 0 {
		// b is the same head, "[]" for the entities, and the rest
		if len(b) < len(es.head) || !bytes.Equal(b[:len(es.head)], es.head) {
			return errors.New("diplotext: encode report: the report's head changed while it was written")
		}
		b = b[len(es.head):]
	}
	if _, err := es.w.Write(b); err != nil {
		return fmt.Errorf("diplotext: write report: %w", err)
	}
	return nil
}
