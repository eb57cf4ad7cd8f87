package entityeval

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/diplotext/diplotext/entity"
	"github.com/diplotext/diplotext/entity/statistical"
	"github.com/diplotext/diplotext/internal/shareddata"
)

// TestDumpCanonicalErrors writes the wrong pairs of eval canonical to the
// file named by DIPLOTEXT_CANON_ERRORS (outside the tree), for error
// analysis; it is skipped when the variable is unset.
func TestDumpCanonicalErrors(t *testing.T) {
	out := os.Getenv("DIPLOTEXT_CANON_ERRORS")
	if out == "" {
		t.Skip("set DIPLOTEXT_CANON_ERRORS=FILE to dump the errors of eval canonical")
	}
	dir := shareddata.Require(t, ".")
	rec, err := statistical.New()
	if err != nil {
		t.Fatal(err)
	}
	tg, err := entity.NewTagger(rec)
	if err != nil {
		t.Fatal(err)
	}
	testa, err := os.Open(filepath.Join(dir, "conll2003", "eng.testa"))
	if err != nil {
		t.Fatal(err)
	}
	defer testa.Close()
	aida, err := os.Open(filepath.Join(dir, "aida-conll", "aida-conll-dev.benchmark.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer aida.Close()
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := EvalCanonicalErrors(tg.Tag, testa, aida, f)
	if err != nil {
		t.Fatal(err)
	}
	pr, rc, f1 := p.PRF()
	t.Logf("P %.4f R %.4f F1 %.4f", pr, rc, f1)
}

// TestDumpNERErrors writes the errors of eval ner on eng.testa, raw text
// through the Tagger, to the file named by DIPLOTEXT_NER_ERRORS.
func TestDumpNERErrors(t *testing.T) {
	out := os.Getenv("DIPLOTEXT_NER_ERRORS")
	if out == "" {
		t.Skip("set DIPLOTEXT_NER_ERRORS=FILE to dump the errors of eval ner")
	}
	dir := shareddata.Require(t, ".")
	rec, err := statistical.New()
	if err != nil {
		t.Fatal(err)
	}
	tg, err := entity.NewTagger(rec)
	if err != nil {
		t.Fatal(err)
	}
	testa, err := os.Open(filepath.Join(dir, "conll2003", "eng.testa"))
	if err != nil {
		t.Fatal(err)
	}
	defer testa.Close()
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := EvalCoNLLTextErrors(tg.Tag, testa, false, f)
	if err != nil {
		t.Fatal(err)
	}
	_, _, f1 := s.PRF("")
	t.Logf("F1 %.4f", f1)
}
