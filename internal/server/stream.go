package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"strconv"
	"sync"
)

// batchInflightBytes bounds the bytes of the request lines of one batch
// that are read but whose result line is not yet written (a line longer
// than this takes the whole budget and runs alone), so that a batch is
// streamed at bounded memory, as the command-line tool's --inflight-bytes.
const batchInflightBytes = 4 << 20

// batchInflightLines bounds the lines of one batch read but not written,
// so that a client that stops reading the response does not make the
// server hold thousands of finished results of short lines.
const batchInflightLines = 256

// request is a request body read as far as needed to know its shape: a
// single document or a batch whose records are all decoded (recs), or a
// JSON Lines batch read line by line as it is answered (src).
type request struct {
	recs   []Record
	single bool
	src    *lineSource
}

// lineSource reads the non-blank lines of a JSON Lines body one at a time.
type lineSource struct {
	s     *Server
	br    *bufio.Reader
	first []byte // the first line, already read
	no    int    // records read so far
	n     int64  // body bytes read so far
	err   *apiError
}

// next returns the next non-blank line and its 1-based record number; at
// the end of the body ok is false, and err is set when the body could not
// be read to its end (413, 408 or 400, as for a whole body).
func (l *lineSource) next() (line []byte, no int, ok bool) {
	if l.first != nil {
		line, l.first = l.first, nil
		l.no++
		return line, l.no, true
	}
	for l.err == nil {
		b, err := l.br.ReadBytes('\n')
		l.n += int64(len(b))
		if t := bytes.TrimSpace(b); len(t) > 0 && (err == nil || err == io.EOF) {
			l.no++
			if err == io.EOF {
				l.err = errEOF
			}
			return t, l.no, true
		}
		if err == io.EOF {
			l.err = errEOF
		} else if err != nil {
			l.err = l.s.bodyError(err, l.n)
		}
	}
	return nil, 0, false
}

// errEOF marks a body read to its end.
var errEOF = &apiError{}

// readError is the error that ended the body early, or nil.
func (l *lineSource) readError() *apiError {
	if l.err == errEOF {
		return nil
	}
	return l.err
}

// bodyError maps an error reading the body after n bytes to its response.
func (s *Server) bodyError(err error, n int64) *apiError {
	var mbe *http.MaxBytesError
	var ne net.Error
	switch {
	case errors.As(err, &mbe):
		return &apiError{status: http.StatusRequestEntityTooLarge,
			msg: fmt.Sprintf("request body is larger than the limit of %d bytes (--max-bytes)", s.cfg.MaxBytes)}
	case errors.As(err, &ne) && ne.Timeout():
		return &apiError{status: http.StatusRequestTimeout,
			msg: fmt.Sprintf("request body not received within the read timeout (%v)", s.cfg.ReadTimeout)}
	default:
		return &apiError{status: http.StatusBadRequest,
			msg: fmt.Sprintf("request body truncated or unreadable after %d bytes: %v", n, err)}
	}
}

// isJSONLines reports a content type that names JSON Lines.
func isJSONLines(mt string) bool {
	switch mt {
	case "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines":
		return true
	}
	return false
}

// readRequest reads the request body, capped at MaxBytes, and splits it
// as [ParseRecords] does. A JSON Lines batch (its content type says so, or
// its first line is a whole JSON value and more follows, which a single
// document cannot) is not read whole: its lines are read as the batch is
// answered. Any other body is read whole first.
func (s *Server) readRequest(w http.ResponseWriter, r *http.Request) (*request, error) {
	if r.ContentLength > s.cfg.MaxBytes {
		return nil, &apiError{status: http.StatusRequestEntityTooLarge,
			msg: fmt.Sprintf("request body of %d bytes is larger than the limit of %d bytes (--max-bytes)", r.ContentLength, s.cfg.MaxBytes)}
	}
	ctype := r.Header.Get("Content-Type")
	mt, _, _ := mime.ParseMediaType(ctype)
	// the middleware's writer, not the server's own: a streamed body is
	// read on another goroutine than the handler's, and the server's
	// writer, told there that the cap was hit, would set a header while
	// the handler writes them (a data race). writeError closes the
	// connection after a 413 itself.
	body := http.MaxBytesReader(w, r.Body, s.cfg.MaxBytes)
	if mt != "text/plain" {
		src := &lineSource{s: s, br: bufio.NewReaderSize(body, 64<<10)}
		if isJSONLines(mt) {
			return &request{src: src}, nil
		}
		// the first non-blank line, and whether anything follows it
		var head []byte
		var first []byte
		for len(first) == 0 {
			b, err := src.br.ReadBytes('\n')
			head = append(head, b...)
			src.n += int64(len(b))
			first = bytes.TrimSpace(b)
			if err == io.EOF {
				return s.wholeBody(r, head, ctype)
			}
			if err != nil {
				return nil, s.bodyError(err, src.n)
			}
		}
		more, err := nonBlankFollows(src.br)
		if err != nil {
			return nil, s.bodyError(err, src.n)
		}
		if !more {
			return s.wholeBody(r, head, ctype)
		}
		if json.Valid(first) {
			src.first = first
			return &request{src: src}, nil
		}
		// a document over several lines, or a batch whose first line is
		// bad: read the rest and decide on the whole body
		rest, err := io.ReadAll(src.br)
		if err != nil {
			return nil, s.bodyError(err, src.n+int64(len(rest)))
		}
		return s.wholeBody(r, append(head, rest...), ctype)
	}
	var buf bytes.Buffer
	if r.ContentLength > 0 {
		buf.Grow(int(r.ContentLength))
	}
	if _, err := buf.ReadFrom(body); err != nil {
		return nil, s.bodyError(err, int64(buf.Len()))
	}
	return s.wholeBody(r, buf.Bytes(), ctype)
}

// nonBlankFollows skips white space in br and reports whether anything
// else follows.
func nonBlankFollows(br *bufio.Reader) (bool, error) {
	for {
		c, err := br.ReadByte()
		if err == io.EOF {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return true, br.UnreadByte()
	}
}

// wholeBody splits a body read whole; the "id" query parameter names a
// single document that has no "id" of its own (a text/plain body).
func (s *Server) wholeBody(r *http.Request, body []byte, ctype string) (*request, error) {
	s.metrics.bytes.WithLabelValues(routeOf(r)).Add(float64(len(body)))
	recs, single, err := ParseRecords(body, ctype)
	if err != nil {
		return nil, err
	}
	if single {
		if id := r.URL.Query().Get("id"); id != "" && !recs[0].HasID {
			recs[0].ID, recs[0].HasID = id, true
		}
	}
	return &request{recs: recs, single: single}, nil
}

// budget is a byte-weighted semaphore.
type budget struct {
	mu    sync.Mutex
	cond  *sync.Cond
	avail int
}

func newBudget(n int) *budget {
	b := &budget{avail: n}
	b.cond = sync.NewCond(&b.mu)
	return b
}

// take waits for n bytes, or returns false once stop is set.
func (b *budget) take(n int, stop *bool) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	for b.avail < n && !*stop {
		b.cond.Wait()
	}
	if *stop {
		return false
	}
	b.avail -= n
	return true
}

func (b *budget) give(n int) {
	b.mu.Lock()
	b.avail += n
	b.mu.Unlock()
	b.cond.Broadcast()
}

// halt sets *stop under the lock and wakes every waiter.
func (b *budget) halt(stop *bool) {
	b.mu.Lock()
	*stop = true
	b.mu.Unlock()
	b.cond.Broadcast()
}

// batchLine is one line of a batch on its way through streamLines.
type batchLine struct {
	raw    []byte  // the line, when rec is to be decoded from it
	rec    *Record // the decoded record
	no     int
	weight int
	out    []byte
	err    *docError
	end    *apiError // the body ended early here: no record
	done   chan struct{}
}

// streamLines runs fn over the records of req with up to workers
// goroutines and writes one JSON line per record in input order,
// {"id","error","status"} for a failed one, flushing as lines are ready.
// A streamed body is decoded line by line as it arrives, with at most
// batchInflightBytes of lines and batchInflightLines lines read and not
// yet answered. A body that cannot be read to its end (over --max-bytes,
// too slow, truncated) is its error response when nothing has been sent
// yet, else one last error line {"id": "line N", "error", "status"}.
// The number of failed records goes in the Diplotext-Failed trailer.
func (s *Server) streamLines(w http.ResponseWriter, r *http.Request, req *request,
	fn func(ctx context.Context, rec *Record) ([]byte, *docError), workers int) {
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	order := make(chan *batchLine, batchInflightLines)
	jobs := make(chan *batchLine)
	bud := newBudget(batchInflightBytes)
	stop := false
	rc := http.NewResponseController(w)
	// full duplex, before the body is read: HTTP/1.1 would otherwise end
	// the reading of the body at the first flush of the response
	_ = rc.EnableFullDuplex()

	// the reader: hands each line to the writer (in order) and a worker
	go func() {
		defer close(jobs)
		defer close(order)
		send := func(bl *batchLine) bool {
			if !bud.take(bl.weight, &stop) {
				return false
			}
			bl.done = make(chan struct{})
			order <- bl
			jobs <- bl // the workers take every job until jobs is closed
			return true
		}
		if req.src != nil {
			defer func() { s.metrics.bytes.WithLabelValues(routeOf(r)).Add(float64(req.src.n)) }()
		}
		if req.src == nil {
			for i := range req.recs {
				if !send(&batchLine{rec: &req.recs[i], no: req.recs[i].No, weight: min(len(req.recs[i].Text), batchInflightBytes)}) {
					return
				}
			}
			return
		}
		// a request past its deadline goes on: each later line gets its
		// timeout error; a client gone away stops the reading (send)
		for {
			line, no, ok := req.src.next()
			if !ok {
				break
			}
			if !send(&batchLine{raw: line, no: no, weight: min(len(line), batchInflightBytes)}) {
				return
			}
		}
		if e := req.src.readError(); e != nil {
			bl := &batchLine{no: req.src.no + 1, end: e, done: make(chan struct{})}
			close(bl.done)
			order <- bl
		}
	}()
	var wg sync.WaitGroup
	for range max(workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for bl := range jobs {
				if bl.rec == nil {
					rec := decodeRecord(bl.raw, bl.no, "line "+strconv.Itoa(bl.no))
					bl.rec, bl.raw = &rec, nil
				}
				bl.out, bl.err = fn(ctx, bl.rec)
				close(bl.done)
			}
		}()
	}

	w.Header().Set("Content-Type", "application/x-ndjson")
	w.Header().Set("Trailer", "Diplotext-Failed")
	cw := &countWriter{w: w}
	bw := bufio.NewWriterSize(cw, 32<<10)
	total, failed := 0, 0
	writeOK := true
	capHit := false // the body went over --max-bytes after lines were sent
	flush := func() {
		if !writeOK || (bw.Buffered() == 0 && cw.n == 0) {
			return // nothing to send: the status may still be an error's
		}
		if bw.Flush() != nil || rc.Flush() != nil {
			writeOK = false
		}
	}
	for {
		var bl *batchLine
		var ok bool
		select {
		case bl, ok = <-order:
		default:
			flush() // nothing read yet: send what is written so far
			bl, ok = <-order
		}
		if !ok {
			break
		}
		select {
		case <-bl.done:
		default:
			flush() // nothing ready: send what is written so far
			<-bl.done
		}
		if bl.end != nil {
			if cw.n == 0 && total == 0 {
				// nothing sent: the whole request fails, as a body read whole
				bw.Reset(cw)
				s.writeError(w, r, bl.end)
				writeOK = false
				continue
			}
			failed++
			total++
			capHit = bl.end.status == http.StatusRequestEntityTooLarge
			out, _ := json.Marshal(lineError{ID: "line " + strconv.Itoa(bl.no), Error: bl.end.msg, Status: bl.end.status})
			if writeOK {
				bw.Write(out)
				if bw.WriteByte('\n') != nil {
					writeOK = false
				}
			}
			continue
		}
		total++
		out := bl.out
		if bl.err != nil {
			failed++
			out, _ = json.Marshal(lineError{ID: bl.rec.ID, Error: bl.err.Error(), Status: bl.err.status})
		}
		if writeOK {
			bw.Write(out)
			if bw.WriteByte('\n') != nil {
				writeOK = false
				cancel() // the client is gone: read no more
				bud.halt(&stop)
			}
		}
		bl.out, bl.rec = nil, nil
		bud.give(bl.weight)
	}
	wg.Wait()
	bw.Flush()
	if cw.n > 0 || total > 0 {
		w.Header().Set("Diplotext-Failed", strconv.Itoa(failed))
	}
	if capHit {
		closeAfterReply(w)
	}
	s.metrics.docs.WithLabelValues(routeOf(r), "ok").Add(float64(total - failed))
	s.metrics.docs.WithLabelValues(routeOf(r), "error").Add(float64(failed))
	setDocs(r, total, failed)
}

// closeAfterReply tells the server, from the handler's goroutine once the
// reply is written, that the connection must close after it: the rest of
// a body that went over the cap is unread. Without this, net/http drains
// up to 256 KiB of that rest when the handler returns; if that reaches the
// body's end it starts its background read for the next request and then
// reads the connection again itself, which it reports as a recovered
// "invalid concurrent Body.Read call" and a reset connection. The server
// is told as http.MaxBytesReader tells it, by a reader over the limit on
// the server's own writer; it cannot be told from the body's reader
// goroutine, where it would race with the handler's writes.
func closeAfterReply(w http.ResponseWriter) {
	for {
		u, ok := w.(interface{ Unwrap() http.ResponseWriter })
		if !ok {
			break
		}
		w = u.Unwrap()
	}
	var one [1]byte
	_, _ = http.MaxBytesReader(w, io.NopCloser(bytes.NewReader(one[:])), 0).Read(one[:])
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
