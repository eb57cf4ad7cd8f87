package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/diplotext/diplotext"
)

// Record is one document of a request: a JSON object
// {"id", "text", "targets"?, "time"?} as "diplotext analyze" and
// "diplotext dedupe" read them, or a whole plain-text body.
type Record struct {
	No      int              // 1-based line number in the body
	ID      string           // "id" (a string, or a number's text), or the line number
	HasID   bool             // the record had an "id"
	Text    string           // "text"
	Targets []diplotext.Span // "targets", spans whose tone is wanted
	Time    json.RawMessage  // "time" (RFC 3339 or Unix milliseconds), for story mode
	Err     error            // the record could not be decoded; the other fields may be partial
}

// apiError is an error response: its status, message and, for 429 and 503,
// the seconds a client should wait before retrying.
type apiError struct {
	status     int
	msg        string
	retryAfter int
}

func (e *apiError) Error() string { return e.msg }

// ParseRecords splits a request body into records. A text/plain body is one
// document. A JSON Lines content type (application/x-ndjson,
// application/jsonl, application/x-jsonlines) is a batch, one record per
// non-blank line. Otherwise a body that is one JSON value (it may span
// lines) is a single document, and any other body is read as JSON Lines.
// single reports a single document, answered with one object rather than
// JSON Lines. A record that cannot be decoded has Err set; a single bad
// document is an *apiError (400).
func ParseRecords(body []byte, contentType string) (recs []Record, single bool, err error) {
	mt, _, _ := mime.ParseMediaType(contentType)
	trimmed := bytes.TrimSpace(body)
	switch mt {
	case "text/plain":
		if len(trimmed) == 0 {
			return nil, true, &apiError{status: http.StatusBadRequest, msg: "empty body: send the document's text"}
		}
		if !utf8.Valid(body) {
			return nil, true, &apiError{status: http.StatusBadRequest, msg: invalidUTF8(body, "body")}
		}
		return []Record{{No: 1, ID: "1", Text: string(body)}}, true, nil
	case "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines":
		return splitLines(body), false, nil
	}
	if len(trimmed) == 0 {
		return nil, true, &apiError{status: http.StatusBadRequest, msg: `empty body: send {"id": ..., "text": ...} or JSON Lines`}
	}
	if json.Valid(trimmed) || !bytes.Contains(trimmed, []byte("\n")) {
		rec := decodeRecord(trimmed, 1, "body")
		if rec.Err != nil {
			return nil, true, &apiError{status: http.StatusBadRequest, msg: rec.Err.Error()}
		}
		return []Record{rec}, true, nil
	}
	return splitLines(body), false, nil
}

// splitLines decodes each non-blank line of body; blank lines are not
// records, and line numbers count records, as in the command-line tool.
func splitLines(body []byte) []Record {
	n := bytes.Count(body, []byte("\n")) + 1
	recs := make([]Record, 0, min(n, 1<<16))
	no := 0
	for len(body) > 0 {
		line := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			body = nil
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		no++
		recs = append(recs, decodeRecord(line, no, fmt.Sprintf("line %d", no)))
	}
	return recs
}

// decodeRecord decodes one JSON object; where names it in errors.
func decodeRecord(raw []byte, no int, where string) Record {
	rec := Record{No: no, ID: strconv.Itoa(no)}
	if !utf8.Valid(raw) {
		rec.Err = errors.New(invalidUTF8(raw, where))
		return rec
	}
	var v struct {
		ID      json.RawMessage  `json:"id"`
		Text    *string          `json:"text"`
		Targets []diplotext.Span `json:"targets"`
		Time    json.RawMessage  `json:"time"`
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		rec.Err = fmt.Errorf("%s: not a JSON object {\"id\", \"text\"}: %w", where, err)
		// keep the id of a record that is JSON but has a field of the wrong type
		var idOnly struct {
			ID json.RawMessage `json:"id"`
		}
		if json.Unmarshal(raw, &idOnly) == nil {
			rec.setID(idOnly.ID)
		}
		return rec
	}
	rec.setID(v.ID)
	if v.Text == nil {
		rec.Err = fmt.Errorf("%s: no \"text\" field", where)
		return rec
	}
	rec.Text = *v.Text
	rec.Targets = v.Targets
	if len(v.Time) > 0 && string(v.Time) != "null" {
		rec.Time = v.Time
	}
	return rec
}

func (r *Record) setID(raw json.RawMessage) {
	if len(raw) == 0 || string(raw) == "null" {
		return
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		r.ID = s
	} else {
		r.ID = string(raw) // a number: keep its text
	}
	r.HasID = true
}

// parseTime reads a record's "time": RFC 3339 or Unix milliseconds.
func (r *Record) parseTime() (time.Time, error) {
	if len(r.Time) == 0 {
		return time.Time{}, nil
	}
	var ms int64
	if err := json.Unmarshal(r.Time, &ms); err == nil {
		return time.UnixMilli(ms).UTC(), nil
	}
	var s string
	if err := json.Unmarshal(r.Time, &s); err != nil {
		return time.Time{}, errors.New("time: want an RFC 3339 string or Unix milliseconds")
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("time: %w", err)
	}
	return t, nil
}

func invalidUTF8(b []byte, where string) string {
	off := 0
	for off < len(b) {
		r, size := utf8.DecodeRune(b[off:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		off += size
	}
	return fmt.Sprintf("%s: invalid UTF-8 at byte %d (send UTF-8 text; offsets are byte offsets into it)", where, off)
}
