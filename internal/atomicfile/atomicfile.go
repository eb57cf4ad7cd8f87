// Package atomicfile writes a file so that a crash leaves either its old
// contents or its new ones, never part of either, and removes the
// temporary files that a process killed during a save (kill -9, a power
// cut) left behind.
//
// [Write] writes to a temporary file in the same folder, named
// "<name>.tmp-<pid>-<random>", syncs it, renames it over the file and syncs
// the folder. [Clean] (called by [CheckWritable], which every store calls
// when it opens its file) removes the temporary files of that file whose
// writing process no longer runs, and those of the older "<name>.tmp<digits>"
// form that are more than an hour old. A temporary file of a process that
// is still running (another process saving the same file right now) is
// left alone.
//
// It is used by dedupe's file store and by internal/grouping; it is safe
// for concurrent use.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// legacyAge is how old a temporary file without a process id must be
// before Clean removes it.
const legacyAge = time.Hour

// prefix is the start of the name of every temporary file of path.
func prefix(path string) string { return filepath.Base(path) + ".tmp" }

// Write writes path with write: to a temporary file in the same folder,
// synced, then renamed over path, so that a crash leaves the old file or
// the new one. The temporary file is removed when anything fails. The new
// file has mode 0644 (before the umask).
func Write(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, fmt.Sprintf("%s-%d-*", prefix(path), os.Getpid()))
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	name := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			os.Remove(name)
		}
	}()
	err = tmp.Chmod(0o644)
	if err == nil {
		err = write(tmp)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(name, path)
	}
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	ok = true
	// make the rename itself durable where the system allows it
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// CheckWritable removes the stale temporary files of path ([Clean]) and
// fails when path is a folder or a file cannot be created beside it, so
// that a file that cannot be saved is found when it is opened rather than
// when it is saved.
func CheckWritable(path string) error {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fmt.Errorf("%s: is a directory", path)
	}
	Clean(path)
	tmp, err := os.CreateTemp(filepath.Dir(path), fmt.Sprintf("%s-%d-*", prefix(path), os.Getpid()))
	if err != nil {
		return fmt.Errorf("%s cannot be saved: %w", path, err)
	}
	name := tmp.Name()
	tmp.Close()
	os.Remove(name)
	return nil
}

// Clean removes the temporary files that an interrupted [Write] of path
// left in its folder: those whose process no longer runs, and those of the
// older form without a process id that are more than an hour old. It
// returns the names it removed and the first error met removing one; a
// folder that cannot be listed is no error (nothing is removed).
func Clean(path string) ([]string, error) {
	dir := filepath.Dir(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil
	}
	pre := prefix(path)
	var removed []string
	var first error
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, pre) {
			continue
		}
		if !stale(name[len(pre):], e) {
			continue
		}
		full := filepath.Join(dir, name)
		if err := os.Remove(full); err != nil && !errors.Is(err, os.ErrNotExist) {
			if first == nil {
				first = err
			}
			continue
		}
		removed = append(removed, full)
	}
	return removed, first
}

// stale reports whether a temporary file whose name ends with rest (what
// follows "<name>.tmp") is left over from a process that is gone.
func stale(rest string, e os.DirEntry) bool {
	if pidText, tail, ok := strings.Cut(strings.TrimPrefix(rest, "-"), "-"); ok && strings.HasPrefix(rest, "-") && tail != "" {
		pid, err := strconv.Atoi(pidText)
		if err != nil || pid <= 0 {
			return false
		}
		if pid == os.Getpid() {
			return false // this process may be writing it now
		}
		return !running(pid)
	}
	// the older form, "<name>.tmp<digits>" (os.CreateTemp's random part)
	if rest == "" {
		return false
	}
	for _, c := range rest {
		if c < '0' || c > '9' {
			return false
		}
	}
	info, err := e.Info()
	return err == nil && time.Since(info.ModTime()) > legacyAge
}
