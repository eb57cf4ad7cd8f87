package main

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/diplotext/diplotext"
	"github.com/diplotext/diplotext/internal/server"
)

const serveUsage = `Usage: diplotext serve [--addr HOST:PORT] [--store URL] [--workers N] [flags]

Serves the objects of "diplotext analyze" and "diplotext dedupe" over HTTP,
and a reading page for analysts at /:

  POST /v1/analyze          one JSON document {"id","text","targets"?} (or
                            text/plain) -> one report; JSON Lines -> one line
                            per document, in order, {"id","error"} for a bad one
  POST /v1/dedupe?mode=near|story   JSON document or JSON Lines {"id","text","time"?}
                            -> {"id","cluster","similar"}; adds them to the
                            server's index (--store for near mode)
  GET  /v1/taxonomy         the built-in topics
  GET  /healthz             200 {"status":"ok"}; 503 while shutting down
  GET  /metrics             Prometheus metrics
  GET  /                    paste or drop an article and read it back
  GET  /batch               a table of a JSON Lines file's documents

A body over --max-bytes is 413; more than --max-inflight requests at once get
429 with Retry-After; a request not done within --timeout gets 503 (or error
lines for the documents not done). SIGINT or SIGTERM stops accepting, lets
requests in flight finish and flushes and closes the dedupe store. One JSON log
line per request goes to stderr. No CORS headers unless --cors ORIGIN.

Examples:
  diplotext serve --addr 127.0.0.1:8080
  curl -s --data-binary @examples/briefing/sample.txt -H 'Content-Type: text/plain' http://127.0.0.1:8080/v1/analyze
  diplotext serve --store redis://127.0.0.1:6379/0 --workers 4`

// serveCommand returns the serve command.
func serveCommand() command {
	var c command
	c = command{
		name:    "serve",
		summary: "serve analyze and dedupe over HTTP, with a reading page",
		usage:   serveUsage,
		run: func(ctx context.Context, e *env, args []string) error {
			fs := newFlagSet(c, e)
			addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
			store := fs.String("store", "", "near-mode dedupe index store: file:PATH or redis://host:port/db (default: in memory)")
			storyStore := fs.String("story-store", "", "story-mode dedupe index store: file:PATH (default: in memory)")
			workers := fs.Int("workers", runtime.GOMAXPROCS(0), "documents analysed at once")
			maxInFlight := fs.Int("max-inflight", 256, "requests admitted at once; more get 429")
			maxBytes := fs.Int64("max-bytes", 10<<20, "largest request body, in bytes (413 beyond)")
			timeout := fs.Duration("timeout", 60*time.Second, "time limit of one request")
			readTimeout := fs.Duration("read-timeout", 30*time.Second, "time limit to receive one request (slow clients get 408)")
			cors := fs.String("cors", "", "send Access-Control-Allow-Origin: ORIGIN on API responses (default: no CORS)")
			skip := skipFlags(fs)
			if help, err := parseFlags(fs, args); help || err != nil {
				return err
			}
			if fs.NArg() > 0 {
				fmt.Fprintf(e.stderr, "diplotext serve: unexpected arguments %q\n", fs.Args())
				return errUsage
			}
			a, err := diplotext.New(skip()...)
			if err != nil {
				return err
			}
			log := slog.New(slog.NewJSONHandler(e.stderr, nil))
			if strings.HasPrefix(*store, "redis") {
				// the Redis client's own messages (failed dials) join the
				// structured log instead of going to stderr as plain text
				redis.SetLogger(redisLog{log})
			}
			srv, err := server.New(server.Config{
				Analyzer: a, StoreURL: *store, StoryStoreURL: *storyStore,
				Workers: *workers, MaxInFlight: *maxInFlight, MaxBytes: *maxBytes,
				Timeout: *timeout, ReadTimeout: *readTimeout, Logger: log, CORSOrigin: *cors,
			})
			if err != nil {
				return err
			}
			// open the configured stores now: a bad URL fails at start-up
			var modes []string
			if *store != "" {
				modes = append(modes, "near")
			}
			if *storyStore != "" {
				modes = append(modes, "story")
			}
			if err := srv.Open(ctx, modes...); err != nil {
				srv.Close()
				return err
			}
			return srv.ListenAndServe(ctx, *addr)
		},
	}
	return c
}

// redisLog sends the go-redis client's messages to the request log.
type redisLog struct{ log *slog.Logger }

func (l redisLog) Printf(ctx context.Context, format string, v ...any) {
	l.log.WarnContext(ctx, "redis", "detail", fmt.Sprintf(format, v...))
}
