package entity_test

import (
	"strings"
	"testing"

	"github.com/diplotext/diplotext/entity"
)

// FuzzReadGazetteer feeds arbitrary bytes to the gazetteer loader (issue
// 16: a fuzz target for every loader). A file is refused with an error or
// loaded; a loaded gazetteer builds a tagger, and tagging a text that
// holds the file's own names returns spans inside the text.
func FuzzReadGazetteer(f *testing.F) {
	f.Add([]byte("# test\nORG\tContoso Institute\t-\tCI|Contoso\nLOCATION\tNorthern Reach\tMYS\n"))
	f.Add([]byte("COUNTRY\tRuritania\tRUR\tRuritanian Republic|the Republic\r\nCITY\tStrelsau\tRUR\n"))
	f.Add([]byte("NORP\tRuritanians\n\n#\nMISC\tThe Accord\t-\t|||\n"))
	f.Add([]byte("ORG\t\t-\tX"))
	f.Add([]byte("PERSON\tJohn Smith\n"))
	f.Add([]byte("ORG\tA\tB\tC\tD\n"))
	f.Add([]byte("org\t\xff\xfe\t-\t\u00e9\u0301|\u200b\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := entity.ReadGazetteer(strings.NewReader(string(data)))
		if err != nil {
			if g != nil {
				t.Fatalf("error %v with a gazetteer", err)
			}
			if !strings.HasPrefix(err.Error(), "entity: ") {
				t.Fatalf("error without the package prefix: %v", err)
			}
			return
		}
		if g == nil {
			t.Fatal("no error and no gazetteer")
		}
		tg, err := entity.NewTagger(nil, entity.WithGazetteer(g))
		if err != nil {
			return // refused when the tagger is built: an error, not a panic
		}
		var text strings.Builder
		text.WriteString("Officials of ")
		for i, line := range strings.Split(string(data), "\n") {
			if f := strings.Split(line, "\t"); len(f) > 1 && i < 8 {
				text.WriteString(f[1])
				text.WriteString(" and ")
			}
		}
		text.WriteString("others met.")
		in := text.String()
		ents, err := tg.Tag(in)
		if err != nil {
			return
		}
		for _, e := range ents {
			if e.Start < 0 || e.End > len(in) || e.Start >= e.End || in[e.Start:e.End] != e.Text {
				t.Fatalf("entity %+v does not fit the text %q", e, in)
			}
		}
	})
}
