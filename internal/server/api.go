package server

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"

	"github.com/diplotext/diplotext"
	"github.com/diplotext/diplotext/internal/longgc"
	"github.com/diplotext/diplotext/topic"
)

// lineError is the object in place of a document that failed, as the
// command-line tool prints it.
type lineError struct {
	ID     string `json:"id"`
	Error  string `json:"error"`
	Status int    `json:"status,omitempty"`
}

// docError is a document's failure with the status it maps to.
type docError struct {
	status int
	err    error
}

func (e *docError) Error() string { return e.err.Error() }
func (e *docError) Unwrap() error { return e.err }

// ctxError maps a done context to 503 (the request's time is up) or, when
// the client went away, 499 in the logs (nobody reads the response).
func (s *Server) ctxError(ctx context.Context) *docError {
	if errors.Is(context.Cause(ctx), context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &docError{http.StatusServiceUnavailable, fmt.Errorf("request timed out after %v (--timeout)", s.cfg.Timeout)}
	}
	return &docError{499, errors.New("request canceled by the client")}
}

// analyzeOne analyses one record and encodes its report.
func (s *Server) analyzeOne(ctx context.Context, rec *Record) (out []byte, derr *docError) {
	if rec.Err != nil {
		return nil, &docError{http.StatusBadRequest, rec.Err}
	}
	if err := s.acquire(ctx); err != nil {
		return nil, s.ctxError(ctx)
	}
	defer s.release()
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("panic analysing a document", "id", rec.ID, "panic", fmt.Sprint(p))
			out, derr = nil, &docError{http.StatusInternalServerError, fmt.Errorf("internal error: %v", p)}
		}
	}()
	rep, err := s.analyzer.Analyze(ctx, diplotext.Input{ID: rec.ID, Text: rec.Text, Targets: rec.Targets})
	if err != nil {
		if ctx.Err() != nil {
			return nil, s.ctxError(ctx)
		}
		return nil, &docError{http.StatusUnprocessableEntity, err}
	}
	rep.ID = rec.ID
	out, err = json.Marshal(rep)
	if err != nil {
		return nil, &docError{http.StatusInternalServerError, fmt.Errorf("encode report: %w", err)}
	}
	return out, nil
}

// spoolBytes is the length above which the report of a single document
// is written to a temporary file as it is made ([diplotext.Analyzer.WriteReport]
// streams the entities of a document analysed in windows) and copied to
// the response, rather than held whole in memory with its encoding: on
// entity-dense text it is about 40 bytes of JSON per byte of input.
const spoolBytes = 256 << 10

// reportWriter is what *diplotext.Analyzer adds to [Analyzer].
type reportWriter interface {
	WriteReport(ctx context.Context, in diplotext.Input, w io.Writer) error
}

// newSpool creates a temporary file, removed from its folder at once
// where the system allows it (the caller removes f.Name() on closing
// otherwise, which is harmless when it is gone).
func newSpool() (*os.File, error) {
	f, err := os.CreateTemp("", "diplotext-report-*")
	if err != nil {
		return nil, err
	}
	os.Remove(f.Name())
	return f, nil
}

// analyzeSpooled answers a single document with its report written to the
// temporary file f first, so that a failure halfway is still a clean
// error response.
func (s *Server) analyzeSpooled(w http.ResponseWriter, r *http.Request, rw reportWriter, rec *Record, f *os.File) {
	defer func() {
		f.Close()
		os.Remove(f.Name())
	}()
	ctx := r.Context()
	derr := func() (derr *docError) {
		if rec.Err != nil {
			return &docError{http.StatusBadRequest, rec.Err}
		}
		if err := s.acquire(ctx); err != nil {
			return s.ctxError(ctx)
		}
		defer s.release()
		defer func() {
			if p := recover(); p != nil {
				s.log.Error("panic analysing a document", "id", rec.ID, "panic", fmt.Sprint(p))
				derr = &docError{http.StatusInternalServerError, fmt.Errorf("internal error: %v", p)}
			}
		}()
		defer longgc.Enter()()
		bw := bufio.NewWriterSize(f, 64<<10)
		err := rw.WriteReport(ctx, diplotext.Input{ID: rec.ID, Text: rec.Text, Targets: rec.Targets}, bw)
		if err == nil {
			err = bw.WriteByte('\n')
		}
		if err == nil {
			err = bw.Flush()
		}
		if err == nil {
			_, err = f.Seek(0, io.SeekStart)
		}
		if err != nil {
			if ctx.Err() != nil {
				return s.ctxError(ctx)
			}
			return &docError{http.StatusUnprocessableEntity, err}
		}
		return nil
	}()
	s.countDocs(r, derr == nil)
	if derr != nil {
		s.writeError(w, r, &apiError{status: derr.status, msg: derr.Error(), retryAfter: retryFor(derr.status)})
		return
	}
	w.Header().Set("Content-Type", "application/json")
	io.Copy(w, f) // a client gone away is not the server's error
}

// handleAnalyze is POST /v1/analyze.
func (s *Server) handleAnalyze(w http.ResponseWriter, r *http.Request) {
	req, err := s.readRequest(w, r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if req.single && len(req.recs[0].Text) > spoolBytes {
		if rw, ok := s.analyzer.(reportWriter); ok {
			if f, err := newSpool(); err == nil {
				s.analyzeSpooled(w, r, rw, &req.recs[0], f)
				return
			}
		}
	}
	if req.single {
		out, derr := s.analyzeOne(r.Context(), &req.recs[0])
		s.countDocs(r, derr == nil)
		if derr != nil {
			s.writeError(w, r, &apiError{status: derr.status, msg: derr.Error(), retryAfter: retryFor(derr.status)})
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(append(out, '\n'))
		return
	}
	s.streamLines(w, r, req, func(ctx context.Context, rec *Record) ([]byte, *docError) {
		return s.analyzeOne(ctx, rec)
	}, s.cfg.Workers)
}

// handleDedupe is POST /v1/dedupe?mode=near|story.
func (s *Server) handleDedupe(w http.ResponseWriter, r *http.Request) {
	mode := r.URL.Query().Get("mode")
	if mode == "" {
		mode = "near"
	}
	if mode != "near" && mode != "story" {
		s.writeError(w, r, &apiError{status: http.StatusBadRequest, msg: fmt.Sprintf("mode %q: want near or story", mode)})
		return
	}
	req, err := s.readRequest(w, r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	ix, err := s.index(r.Context(), mode)
	if err != nil {
		status := http.StatusServiceUnavailable
		s.writeError(w, r, &apiError{status: status, msg: err.Error(), retryAfter: 5})
		return
	}
	add := func(ctx context.Context, rec *Record) ([]byte, *docError) {
		return s.dedupeOne(ctx, ix, rec)
	}
	if req.single {
		out, derr := add(r.Context(), &req.recs[0])
		s.countDocs(r, derr == nil)
		if derr != nil {
			s.writeError(w, r, &apiError{status: derr.status, msg: derr.Error(), retryAfter: retryFor(derr.status)})
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(append(out, '\n'))
		return
	}
	// The index is streaming: each document is grouped with the ones
	// before it, so the batch runs in input order on one goroutine.
	s.streamLines(w, r, req, add, 1)
}

// dedupeOne adds one record to ix. Every failure is reported, so a client
// always knows which documents are not in the index.
func (s *Server) dedupeOne(ctx context.Context, ix Deduper, rec *Record) (out []byte, derr *docError) {
	if rec.Err != nil {
		return nil, &docError{http.StatusBadRequest, rec.Err}
	}
	if !rec.HasID {
		return nil, &docError{http.StatusBadRequest, fmt.Errorf("line %d: no \"id\" field: the server's index needs an id unique across requests", rec.No)}
	}
	t, err := rec.parseTime()
	if err != nil {
		return nil, &docError{http.StatusBadRequest, fmt.Errorf("line %d: %w", rec.No, err)}
	}
	if err := s.acquire(ctx); err != nil {
		return nil, s.ctxError(ctx)
	}
	defer s.release()
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("panic adding a document to the index", "id", rec.ID, "panic", fmt.Sprint(p))
			out, derr = nil, &docError{http.StatusInternalServerError, fmt.Errorf("internal error: %v", p)}
		}
	}()
	c, err := ix.Add(ctx, rec.ID, rec.Text, t)
	switch {
	case err == nil:
	case errors.Is(err, errDuplicateID):
		return nil, &docError{http.StatusConflict, fmt.Errorf("id %q is already in the index: %w", rec.ID, err)}
	case ctx.Err() != nil:
		return nil, s.ctxError(ctx)
	default:
		// the store failed (a Redis server gone away, a closed index):
		// the document is not in the index
		return nil, &docError{http.StatusServiceUnavailable, fmt.Errorf("dedupe index: document not added: %w", err)}
	}
	out, err = json.Marshal(c)
	if err != nil {
		return nil, &docError{http.StatusInternalServerError, fmt.Errorf("encode result: %w", err)}
	}
	return out, nil
}

// handleTaxonomy is GET /v1/taxonomy: the built-in topics.
func (s *Server) handleTaxonomy(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, topic.Taxonomy())
}

// handleHealth is GET /healthz: 200 while serving, 503 once shutting down.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	if s.closing.Load() {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "shutting down", "version": diplotext.Version})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "version": diplotext.Version})
}

func retryFor(status int) int {
	if status == http.StatusServiceUnavailable || status == http.StatusTooManyRequests {
		return 1
	}
	return 0
}

func (s *Server) countDocs(r *http.Request, ok bool) {
	outcome, failed := "ok", 0
	if !ok {
		outcome, failed = "error", 1
	}
	s.metrics.docs.WithLabelValues(routeOf(r), outcome).Inc()
	setDocs(r, 1, failed)
}

// writeError writes {"error": msg} with the error's status (500 for an
// error that is not an *apiError).
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	var ae *apiError
	if !errors.As(err, &ae) {
		ae = &apiError{status: http.StatusInternalServerError, msg: err.Error()}
	}
	if ae.retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(ae.retryAfter))
	}
	status := ae.status
	if status == 499 { // the client is gone; any status will do
		status = http.StatusServiceUnavailable
	}
	if status == http.StatusRequestEntityTooLarge {
		// the rest of the body is not read: the connection cannot carry
		// another request
		w.Header().Set("Connection", "close")
	}
	setErr(r, ae.msg)
	writeJSON(w, status, map[string]any{"error": ae.msg, "status": status})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error":"encode response"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}
