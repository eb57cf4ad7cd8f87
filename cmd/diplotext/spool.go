package main

import (
	"fmt"
	"io"
	"os"
)

// spoolBytes is the length above which analyze writes a document's report
// to a temporary file as it is made (diplotext.Analyzer.WriteReport)
// rather than holding it, and its encoding, in memory: on entity-dense
// text the report is about 40 bytes of JSON per byte of input. It is the
// root package's window size, above which WriteReport streams.
const spoolBytes = 256 << 10

// spool is an output line written to a temporary file by a worker and
// copied to the output by the writer in its turn, so that a report that
// fails halfway never reaches the output. The file is removed from its
// folder as soon as it is created (where the system allows it), so nothing
// is left behind even by a killed process.
type spool struct {
	f    *os.File
	name string // set when the file could not be removed at once
}

func newSpool() (*spool, error) {
	f, err := os.CreateTemp("", "diplotext-line-*")
	if err != nil {
		return nil, fmt.Errorf("spool: %w", err)
	}
	s := &spool{f: f}
	if os.Remove(f.Name()) != nil {
		s.name = f.Name()
	}
	return s, nil
}

// Write appends p to the line.
func (s *spool) Write(p []byte) (int, error) { return s.f.Write(p) }

// Close drops the line.
func (s *spool) Close() error {
	err := s.f.Close()
	if s.name != "" {
		os.Remove(s.name)
	}
	return err
}

// copyTo writes the line to w and drops it.
func (s *spool) copyTo(w io.Writer) error {
	defer s.Close()
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("spool: %w", err)
	}
	_, err := io.Copy(w, s.f)
	return err
}
