// Package server is the HTTP service behind "diplotext serve": the JSON API
// (POST /v1/analyze, POST /v1/dedupe, GET /v1/taxonomy, /healthz, /metrics)
// and the reading page for analysts at "/".
//
// The API speaks the objects of the command-line tool: a request body is
// one JSON document or JSON Lines, and the response has one object per
// document, in input order, with {"id","error"} in place of a document that
// failed. Every request is bounded: the body by [Config.MaxBytes], the time
// by [Config.Timeout], the number of requests admitted at once by
// [Config.MaxInFlight] (429 with Retry-After beyond it) and the CPU work by
// [Config.Workers]. Panics are recovered per request and per document.
//
// A [Server] is safe for concurrent use. It is internal to the tool: the
// library packages never log, this package logs one structured line per
// request through log/slog.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/diplotext/diplotext"
)

// Analyzer analyses one document; *diplotext.Analyzer is the one the tool
// uses. Tests plug in slow or panicking ones.
type Analyzer interface {
	Analyze(ctx context.Context, in diplotext.Input) (diplotext.Report, error)
}

// Config configures a [Server]. The zero value of each field selects its
// documented default.
type Config struct {
	// Analyzer analyses documents (default: diplotext.New()).
	Analyzer Analyzer
	// Dedupe opens the index of a dedupe mode ("near" or "story") on first
	// use (default: [OpenIndex] with StoreURL for near mode and StoryStoreURL
	// for story mode).
	Dedupe func(ctx context.Context, mode string) (Deduper, error)
	// StoreURL is the near-mode index store: "" (memory), "file:PATH" or
	// "redis://host:port/db", as the --store of "diplotext dedupe".
	StoreURL string
	// StoryStoreURL is the story-mode index store: "" (memory) or
	// "file:PATH".
	StoryStoreURL string
	// Workers bounds the documents analysed at once (default: GOMAXPROCS).
	Workers int
	// MaxInFlight bounds the API requests admitted at once; one more gets
	// 429 Too Many Requests with Retry-After (default: 256).
	MaxInFlight int
	// MaxBytes caps a request body, and so each document (default: 10 MiB).
	MaxBytes int64
	// Timeout bounds the handling of one request (default: 60s). A document
	// not finished by then gets an error object; a single document gets 503.
	Timeout time.Duration
	// ReadTimeout bounds reading a whole request, headers and body, so that
	// a slow client cannot hold a connection (default: 30s).
	ReadTimeout time.Duration
	// Logger receives one line per request (default: JSON to stderr).
	Logger *slog.Logger
	// CORSOrigin, when set, is sent as Access-Control-Allow-Origin on API
	// responses, and preflight requests are answered; by default no CORS
	// headers are sent.
	CORSOrigin string
}

// Server is the HTTP service. Build it with [New], serve with [Server.Serve]
// or [Server.ListenAndServe]; it is safe for concurrent use.
type Server struct {
	cfg      Config
	analyzer Analyzer
	log      *slog.Logger
	work     chan struct{} // one token per document being analysed
	admit    chan struct{} // one token per API request admitted
	metrics  *metrics
	handler  http.Handler
	closing  atomic.Bool

	mu      sync.Mutex
	indexes map[string]Deduper
	closed  bool
}

// New returns a Server for cfg, or an error naming the field whose value
// makes no sense (a negative limit or timeout).
func New(cfg Config) (*Server, error) {
	switch {
	case cfg.Workers < 0:
		return nil, fmt.Errorf("server: Workers (--workers) must be positive, got %d", cfg.Workers)
	case cfg.MaxInFlight < 0:
		return nil, fmt.Errorf("server: MaxInFlight (--max-inflight) must be positive, got %d", cfg.MaxInFlight)
	case cfg.MaxBytes < 0:
		return nil, fmt.Errorf("server: MaxBytes (--max-bytes) must be positive, got %d", cfg.MaxBytes)
	case cfg.Timeout < 0:
		return nil, fmt.Errorf("server: Timeout (--timeout) must be positive, got %v", cfg.Timeout)
	case cfg.ReadTimeout < 0:
		return nil, fmt.Errorf("server: ReadTimeout (--read-timeout) must be positive, got %v", cfg.ReadTimeout)
	}
	if cfg.Workers == 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	if cfg.MaxInFlight == 0 {
		cfg.MaxInFlight = 256
	}
	if cfg.MaxBytes == 0 {
		cfg.MaxBytes = 10 << 20
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 60 * time.Second
	}
	if cfg.ReadTimeout == 0 {
		cfg.ReadTimeout = 30 * time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewJSONHandler(io.Discard, nil))
	}
	s := &Server{
		cfg:     cfg,
		log:     cfg.Logger,
		work:    make(chan struct{}, cfg.Workers),
		admit:   make(chan struct{}, cfg.MaxInFlight),
		indexes: map[string]Deduper{},
	}
	s.analyzer = cfg.Analyzer
	if s.analyzer == nil {
		a, err := diplotext.New()
		if err != nil {
			return nil, fmt.Errorf("server: %w", err)
		}
		s.analyzer = a
	}
	if s.cfg.Dedupe == nil {
		s.cfg.Dedupe = func(ctx context.Context, mode string) (Deduper, error) {
			url := cfg.StoreURL
			if mode == "story" {
				url = cfg.StoryStoreURL
			}
			return OpenIndex(ctx, mode, url)
		}
	}
	s.metrics = newMetrics(s)
	s.handler = s.routes()
	return s, nil
}

// Handler returns the server's routes with its limits, metrics and logs.
func (s *Server) Handler() http.Handler { return s.handler }

// Open opens the dedupe index of each mode now, so that a bad store URL or
// an unreachable Redis is an error at start-up rather than on the first
// request.
func (s *Server) Open(ctx context.Context, modes ...string) error {
	for _, m := range modes {
		if _, err := s.index(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

// ListenAndServe listens on addr and serves until ctx is done, then shuts
// down gracefully (see [Server.Serve]).
func (s *Server) ListenAndServe(ctx context.Context, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("server: %w", err)
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx is done. It then stops accepting, waits for
// the requests in flight to finish (at most the request timeout and a few
// seconds more), and flushes and closes the dedupe indexes, returning the
// first error of these steps.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: min(s.cfg.ReadTimeout, 10*time.Second),
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.ReadTimeout + s.cfg.Timeout + 5*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	s.log.Info("serving", "addr", ln.Addr().String(), "workers", s.cfg.Workers,
		"max_inflight", s.cfg.MaxInFlight, "max_bytes", s.cfg.MaxBytes, "timeout", s.cfg.Timeout.String())
	var err error
	select {
	case err = <-errc:
		// the listener failed
	case <-ctx.Done():
		s.closing.Store(true)
		s.log.Info("shutting down: finishing requests in flight")
		sctx, cancel := context.WithTimeout(context.Background(), s.cfg.Timeout+5*time.Second)
		err = hs.Shutdown(sctx)
		cancel()
		if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) && err == nil {
			err = serr
		}
	}
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("server: %w", err)
	}
	s.log.Info("stopped")
	return nil
}

// Close flushes and closes the dedupe indexes (saving a file: store's
// snapshot). Requests using them afterwards get 503. Closing twice does
// nothing.
func (s *Server) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	var first error
	for mode, ix := range s.indexes {
		if err := ix.Close(); err != nil && first == nil {
			first = fmt.Errorf("close %s index: %w", mode, err)
		}
	}
	return first
}

// index returns the index of mode, opening it on first use.
func (s *Server) index(ctx context.Context, mode string) (Deduper, error) {
	if mode != "near" && mode != "story" {
		return nil, fmt.Errorf("mode %q: want near or story", mode)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, errShuttingDown
	}
	if ix, ok := s.indexes[mode]; ok {
		return ix, nil
	}
	ix, err := s.cfg.Dedupe(ctx, mode)
	if err != nil {
		return nil, fmt.Errorf("open %s index: %w", mode, err)
	}
	s.indexes[mode] = ix
	return ix, nil
}

var errShuttingDown = errors.New("server is shutting down")

// acquire takes a worker token, waiting until one is free or ctx is done.
func (s *Server) acquire(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err // never start work for a request whose time is up
	}
	select {
	case s.work <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *Server) release() { <-s.work }
