package atomicfile

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestWriteReplacesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.snap")
	for _, s := range []string{"first", "second"} {
		if err := Write(path, func(w io.Writer) error { _, err := io.WriteString(w, s); return err }); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil || string(b) != s {
			t.Fatalf("read %q, %v; want %q", b, err, s)
		}
	}
	if left := temps(t, path); len(left) != 0 {
		t.Fatalf("temporary files left: %v", left)
	}
}

func TestWriteFailureKeepsTheOldFileAndNoTemp(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.snap")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Write(path, func(w io.Writer) error { io.WriteString(w, "half"); return boom })
	if !errors.Is(err, boom) {
		t.Fatalf("err %v, want boom", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Fatalf("file now %q", b)
	}
	if left := temps(t, path); len(left) != 0 {
		t.Fatalf("temporary files left: %v", left)
	}
}

func temps(t *testing.T, path string) []string {
	t.Helper()
	m, err := filepath.Glob(path + ".tmp*")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// The child half of TestKilledSaveIsCleanedAtNextOpen: it starts a save of
// the file named by the variable and never finishes it.
func TestMain(m *testing.M) {
	if path := os.Getenv("ATOMICFILE_HANG_SAVE"); path != "" {
		Write(path, func(w io.Writer) error {
			io.WriteString(w, "partial")
			w.(*os.File).Sync()
			os.WriteFile(path+".started", nil, 0o644)
			select {}
		})
		os.Exit(3)
	}
	os.Exit(m.Run())
}

// A process killed with SIGKILL during a save leaves its temporary file;
// the next CheckWritable (what the stores call when they open) removes it,
// and the file itself is untouched.
func TestKilledSaveIsCleanedAtNextOpen(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("needs kill -9 and process ids")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "x.snap")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "ATOMICFILE_HANG_SAVE="+path)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := os.Stat(path + ".started"); err == nil {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the child never started its save")
		}
		time.Sleep(10 * time.Millisecond)
	}
	os.Remove(path + ".started")
	// while the child runs, its temporary file is somebody's save in progress
	if err := CheckWritable(path); err != nil {
		t.Fatal(err)
	}
	if left := temps(t, path); len(left) != 1 {
		t.Fatalf("with the writer alive, temporary files %v, want its one file kept", left)
	}
	cmd.Process.Kill() // SIGKILL
	cmd.Wait()
	if left := temps(t, path); len(left) != 1 {
		t.Fatalf("after kill -9, temporary files %v, want the one left behind", left)
	}
	if err := CheckWritable(path); err != nil {
		t.Fatal(err)
	}
	if left := temps(t, path); len(left) != 0 {
		t.Fatalf("after the next open, temporary files left: %v", left)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Fatalf("file now %q, want the old contents", b)
	}
}

func TestCleanLeavesOtherFilesAndRecentLegacyTemps(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.snap")
	keep := []string{"x.snap", "x.snapshot", "y.snap.tmp-1-2", "x.snap.tmp12345", "x.snap.tmpnotdigits", "x.snap.tmp-abc-1"}
	for _, n := range keep {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	old := filepath.Join(dir, "x.snap.tmp999")
	if err := os.WriteFile(old, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	past := time.Now().Add(-2 * legacyAge)
	if err := os.Chtimes(old, past, past); err != nil {
		t.Fatal(err)
	}
	removed, err := Clean(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 1 || removed[0] != old {
		t.Fatalf("removed %v, want only %s", removed, old)
	}
	for _, n := range keep {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s was removed", n)
		}
	}
}

func TestCheckWritable(t *testing.T) {
	dir := t.TempDir()
	if err := CheckWritable(dir); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Fatalf("a folder: err %v", err)
	}
	if err := CheckWritable(filepath.Join(dir, "missing", "x.snap")); err == nil {
		t.Fatal("a file in a missing folder: no error")
	}
	if err := CheckWritable(filepath.Join(dir, "x.snap")); err != nil {
		t.Fatal(err)
	}
}
