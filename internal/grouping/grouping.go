// Package grouping opens a dedupe grouper of either mode by name and store
// URL, as "diplotext dedupe --mode M --store URL" and "diplotext serve" do:
// a near-duplicate [dedupe.Index] on a memory, file or Redis store, or a
// same-story [dedupe.Stories] kept in memory and, with a file:PATH store,
// loaded from that file and saved back to it on Close (written to a
// temporary file, synced, then renamed).
package grouping

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/diplotext/diplotext/dedupe"
	"github.com/diplotext/diplotext/internal/atomicfile"
)

// Grouper is a dedupe index of either mode. It is safe for concurrent use
// as its index is; Close must be called once, after the last Add.
type Grouper struct {
	ix   *dedupe.Index
	st   *dedupe.Stories
	path string // story mode: the snapshot file to save on Close
}

// Near reports whether g groups near-duplicates (and so reads no time).
func (g *Grouper) Near() bool { return g.ix != nil }

// AddAt adds document id with text s; t is the document's time, used by
// story mode only (the zero time is "now" for the story window).
func (g *Grouper) AddAt(ctx context.Context, id, s string, t time.Time) (dedupe.Result, error) {
	if g.ix != nil {
		return g.ix.Add(ctx, id, s)
	}
	return g.st.AddAt(ctx, id, s, t)
}

// Cluster returns the group of a document added before.
func (g *Grouper) Cluster(ctx context.Context, id string) (string, error) {
	if g.ix != nil {
		return g.ix.Cluster(ctx, id)
	}
	return g.st.Cluster(ctx, id)
}

// Close closes the index; in story mode with a file it first saves the
// stories there.
func (g *Grouper) Close() error {
	if g.ix != nil {
		return g.ix.Close()
	}
	var err error
	if g.path != "" {
		err = writeFileAtomic(g.path, func(w io.Writer) error {
			_, err := g.st.WriteTo(w)
			return err
		})
	}
	if cerr := g.st.Close(); err == nil {
		err = cerr
	}
	return err
}

// StoryMaxBytes is how much of a document story mode reads: the first 1
// MiB (dedupe.WithStoryMaxBytes; the package's default is 10 MiB). A story
// is told by its text's terms, which a news report, a readout or a speech
// states in far less; reading more only makes memory grow with the
// document (the tokens of 10 MiB of punctuation took 1.2 GB, issue 16.4).
// Documents of at most this length are grouped exactly as before.
const StoryMaxBytes = 1 << 20

// Open opens a grouper of mode "near" or "story" with the given threshold
// (0 for the mode's default) on the store named by storeURL: "" or
// "memory:", "file:PATH", or (near mode only) "redis://host:port/db".
func Open(ctx context.Context, mode string, threshold float64, storeURL string) (*Grouper, error) {
	switch mode {
	case "near":
		var opts []dedupe.Option
		if threshold != 0 {
			opts = append(opts, dedupe.WithThreshold(threshold))
		}
		if storeURL != "" {
			st, err := dedupe.OpenStore(ctx, storeURL)
			if err != nil {
				return nil, err
			}
			opts = append(opts, dedupe.WithStore(st))
		}
		ix, err := dedupe.NewIndex(opts...)
		if err != nil {
			return nil, err
		}
		return &Grouper{ix: ix}, nil
	case "story":
	default:
		return nil, fmt.Errorf("--mode %q: want near or story", mode)
	}
	opts := []dedupe.StoryOption{dedupe.WithStoryMaxBytes(StoryMaxBytes)}
	if threshold != 0 {
		opts = append(opts, dedupe.WithStoryThreshold(threshold))
	}
	g := &Grouper{}
	switch {
	case storeURL == "" || storeURL == "memory:":
	case strings.HasPrefix(storeURL, "file:") && len(storeURL) > len("file:"):
		g.path = strings.TrimPrefix(storeURL, "file:")
	case strings.HasPrefix(storeURL, "redis://") || strings.HasPrefix(storeURL, "rediss://"):
		return nil, errors.New("--store redis:// is near mode only (story mode keeps its index in one process); use --store file:PATH to keep stories between runs")
	default:
		return nil, fmt.Errorf("--store %q: want file:PATH or memory: in story mode", storeURL)
	}
	st, err := dedupe.NewStories(opts...)
	if err != nil {
		return nil, err
	}
	g.st = st
	if g.path != "" {
		if err := checkWritable(g.path); err != nil {
			return nil, err
		}
		f, err := os.Open(g.path)
		switch {
		case errors.Is(err, os.ErrNotExist):
		case err != nil:
			return nil, fmt.Errorf("open story snapshot: %w", err)
		default:
			_, err = st.ReadFrom(bufio.NewReader(f))
			f.Close()
			if err != nil {
				return nil, fmt.Errorf("%s: %w", g.path, err)
			}
		}
	}
	return g, nil
}

// checkWritable removes the temporary files a save killed part-way left
// beside path, and fails when a file cannot be created there, so that a
// snapshot that cannot be saved is found before the stream, not after.
func checkWritable(path string) error {
	if err := atomicfile.CheckWritable(path); err != nil {
		return fmt.Errorf("--store file:%w", err)
	}
	return nil
}

// writeFileAtomic writes path with write (buffered): to a temporary file in
// the same folder, synced, then renamed over path, so that a crash leaves
// the old file or the new one, never part of one (internal/atomicfile).
func writeFileAtomic(path string, write func(io.Writer) error) error {
	return atomicfile.Write(path, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<16)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	})
}
