package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestGeneratedUpToDate regenerates the profiles and compares them with
// the committed lang/profiles_gen.go: a change of whatlanggo's version in
// go.mod, or of the generator, must come with `go generate ./lang`.
func TestGeneratedUpToDate(t *testing.T) {
	out := filepath.Join(t.TempDir(), "profiles_gen.go")
	if err := generate(out); err != nil {
		t.Skipf("cannot run the generator here (needs the go tool and the module cache): %v", err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "profiles_gen.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("lang/profiles_gen.go is stale: run go generate ./lang")
	}
}
