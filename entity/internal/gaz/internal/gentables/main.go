// Command gentables writes the built-in gazetteer index of package gaz
// at go generate time: tables_gen.go (its entries and aliases as Go
// literals) and tables.bin (its hash tables, read in place), so that a
// process using the gazetteer builds nothing when it starts. Run it with
// go generate in entity/internal/gaz, after the generator of the country
// and city tables and after every change to lexicon.txt, titles.go or the
// word lists (TestTablesCurrent fails until then).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/diplotext/diplotext/entity/internal/gaz"
)

func main() {
	out := flag.String("out", ".", "output folder (the gaz package)")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gentables:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	src, blob, err := gaz.WriteTables()
	if err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dir, "tables.bin"), blob); err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, "tables_gen.go"), src)
}

// writeFile replaces path with data through a temporary file, so that an
// interrupted run leaves the old file whole.
func writeFile(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("replace %s: %w", path, err)
	}
	return nil
}
