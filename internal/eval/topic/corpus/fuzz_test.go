package corpus_test

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/diplotext/diplotext/internal/eval/topic/corpus"
)

// seed adds the fixtures and a few hostile inputs to a fuzz corpus.
func seed(f *testing.F, fixtures ...string) {
	for _, name := range fixtures {
		b := readFixture(f, name)
		f.Add(b)
		f.Add(b[:len(b)/2])
		f.Add(bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")))
	}
	for _, s := range []string{
		"", "\x00", "\xff\xfe\xfd", "\ufeff", ";;;\n;;\n", ",,,\n", `"`, `""""`, "\"a;b\nc\";d",
		strings.Repeat(".", 1000),
		`<REUTERS NEWID="1"><TOPICS><D>a</D><D>a</D></TOPICS><TEXT TYPE="UNPROC">x</TEXT></REUTERS>`,
		`<REUTERS NEWID="1"><TITLE>&#x0;&#9999999;&amp;amp;&#3;</TITLE></REUTERS>`,
	} {
		f.Add([]byte(s))
	}
}

func trimmed(s string) bool { return strings.TrimSpace(s) == s }

func FuzzReadReuters(f *testing.F) {
	seed(f, "reuters.sgm")
	f.Fuzz(func(t *testing.T, in []byte) {
		docs, err := corpus.ReadReuters(bytes.NewReader(in))
		if err != nil {
			if docs != nil || !strings.HasPrefix(err.Error(), "corpus: read reuters: ") {
				t.Fatalf("error %v with %d documents", err, len(docs))
			}
			if !bytes.Contains(in, []byte("<REUTERS ")) {
				t.Fatalf("error %v on an input without records", err)
			}
			return
		}
		if n := bytes.Count(in, []byte("<REUTERS ")); len(docs) > n {
			t.Fatalf("%d documents from %d record openings", len(docs), n)
		}
		valid := utf8.Valid(in)
		for i := range docs {
			d := &docs[i]
			if !trimmed(d.Title) {
				t.Errorf("doc %d: title %q not trimmed", i, d.Title)
			}
			for j, l := range d.Labels {
				if l == "" || !trimmed(l) || slices.Contains(d.Labels[:j], l) {
					t.Errorf("doc %d: labels %q: empty, untrimmed or repeated", i, d.Labels)
				}
			}
			want := d.Title + "\n\n" + d.Body
			if d.Title == "" {
				want = d.Body
			} else if d.Body == "" {
				want = d.Title
			}
			if d.Text() != want {
				t.Errorf("doc %d: Text() %q inconsistent with title %q and body %q", i, d.Text(), d.Title, d.Body)
			}
			if d.ModApteTrain() && (d.Split != "TRAIN" || d.Topics != "YES" || len(d.Labels) == 0) ||
				d.ModApteTest() && (d.Split != "TEST" || d.Topics != "YES" || len(d.Labels) == 0) ||
				d.ModApteTrain() && d.ModApteTest() {
				t.Errorf("doc %d: ModApte split inconsistent: %+v", i, d)
			}
			if valid {
				for _, s := range append([]string{d.Title, d.Body, d.Split, d.Topics}, d.Labels...) {
					if !utf8.ValidString(s) {
						t.Errorf("doc %d: invalid UTF-8 %q from valid input", i, s)
					}
				}
			}
		}
		again, err := corpus.ReadReuters(bytes.NewReader(in))
		if err != nil || !reflect.DeepEqual(docs, again) {
			t.Fatalf("second read differs: %v", err)
		}
	})
}

// checkCAP checks the CAP documents read from in by read, and that writing
// them back as a semicolon-separated file with header header (the names of
// the ID, text, subject and code columns; subject may be "") and reading
// that gives the same documents.
func checkCAP(t *testing.T, in []byte, read func(*bytes.Reader) ([]corpus.CAPDoc, error), header []string) {
	docs, err := read(bytes.NewReader(in))
	if err != nil {
		if docs != nil || !strings.HasPrefix(err.Error(), "corpus: read ") {
			t.Fatalf("error %v with %d documents", err, len(docs))
		}
		return
	}
	if !bytes.Contains(in, []byte(header[3])) {
		t.Fatalf("success on an input without a %s column", header[3])
	}
	valid := utf8.Valid(in)
	roundTrip := true
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	hdr := slices.DeleteFunc(slices.Clone(header), func(s string) bool { return s == "" })
	w.Write(hdr)
	for i, d := range docs {
		if !trimmed(d.ID) || !trimmed(d.Text) || !trimmed(d.Subject) {
			t.Errorf("doc %d: fields not trimmed: %+v", i, d)
		}
		if header[2] == "" && d.Subject != "" {
			t.Errorf("doc %d: a subject from a reader without one: %+v", i, d)
		}
		if valid && !(utf8.ValidString(d.ID) && utf8.ValidString(d.Text) && utf8.ValidString(d.Subject)) {
			t.Errorf("doc %d: invalid UTF-8 from valid input: %+v", i, d)
		}
		// the CSV reader turns CRLF inside a quoted field into LF
		if strings.Contains(d.ID+d.Text+d.Subject, "\r") {
			roundTrip = false
		}
		row := []string{d.ID, d.Text, d.Subject, strconv.Itoa(d.Code)}
		if header[2] == "" {
			row = slices.Delete(row, 2, 3)
		}
		w.Write(row)
	}
	w.Flush()
	if !roundTrip {
		return
	}
	again, err := read(bytes.NewReader(buf.Bytes()))
	if err != nil || !reflect.DeepEqual(docs, again) && !(len(docs) == 0 && len(again) == 0) {
		t.Fatalf("write and read back:\n got %#v, %v\nwant %#v\nfile %q", again, err, docs, buf.String())
	}
}

func FuzzReadNYT(f *testing.F) {
	seed(f, "nyt.csv")
	f.Fuzz(func(t *testing.T, in []byte) {
		checkCAP(t, in, func(r *bytes.Reader) ([]corpus.CAPDoc, error) { return corpus.ReadNYT(r) },
			[]string{"Article_ID", "Title", "Subject", "Topic.Code"})
	})
}

func FuzzReadCongress(f *testing.F) {
	seed(f, "congress.csv")
	f.Fuzz(func(t *testing.T, in []byte) {
		checkCAP(t, in, func(r *bytes.Reader) ([]corpus.CAPDoc, error) { return corpus.ReadCongress(r) },
			[]string{"ID", "text", "", "major"})
	})
}

func FuzzReadAGNews(f *testing.F) {
	seed(f, "agnews.csv")
	f.Fuzz(func(t *testing.T, in []byte) {
		docs, err := corpus.ReadAGNews(bytes.NewReader(in))
		if err != nil {
			if docs != nil || !strings.HasPrefix(err.Error(), "corpus: read AG News: ") {
				t.Fatalf("error %v with %d documents", err, len(docs))
			}
			return
		}
		if n := bytes.Count(in, []byte{','}); len(docs)*2 > n {
			t.Fatalf("%d documents from %d commas", len(docs), n)
		}
		valid := utf8.Valid(in)
		for i, d := range docs {
			if strings.Contains(d.Description, `\`) {
				t.Errorf("doc %d: backslash left in description %q", i, d.Description)
			}
			if valid && !(utf8.ValidString(d.Title) && utf8.ValidString(d.Description)) {
				t.Errorf("doc %d: invalid UTF-8 from valid input: %+v", i, d)
			}
		}
		again, err := corpus.ReadAGNews(bytes.NewReader(in))
		if err != nil || !reflect.DeepEqual(docs, again) {
			t.Fatalf("second read differs: %v", err)
		}
	})
}

// TestHostileInput feeds every reader large degenerate inputs: each must
// return (a result or an error) without panicking. Time is not asserted.
func TestHostileInput(t *testing.T) {
	size := 1 << 20
	if testing.Short() {
		size = 64 << 10
	}
	const rec = `<REUTERS NEWID="1"><TOPICS><D>x</D></TOPICS></REUTERS>`
	inputs := map[string][]byte{
		"dots":          bytes.Repeat([]byte("."), size),
		"no spaces":     bytes.Repeat([]byte("abcdefgh"), size/8),
		"NUL":           make([]byte, size),
		"quotes":        bytes.Repeat([]byte(`"`), size),
		"separators":    bytes.Repeat([]byte(";,\n"), size/3),
		"record opens":  bytes.Repeat([]byte("<REUTERS "), size/9),
		"closed":        bytes.Repeat([]byte(rec), size/len(rec)),
		"one big topic": []byte(`<REUTERS NEWID="1"><TOPICS>` + strings.Repeat("<D>", size/3) + "</TOPICS></REUTERS>"),
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			_, _ = corpus.ReadReuters(bytes.NewReader(in))
			_, _ = corpus.ReadNYT(bytes.NewReader(in))
			_, _ = corpus.ReadCongress(bytes.NewReader(in))
			_, _ = corpus.ReadAGNews(bytes.NewReader(in))
		})
	}
	// a record repeated many times is read as as many documents
	docs, err := corpus.ReadReuters(bytes.NewReader(inputs["closed"]))
	if err != nil || len(docs) != size/len(rec) || !slices.Equal(docs[len(docs)-1].Labels, []string{"x"}) {
		t.Errorf("repeated records: %d documents, %v", len(docs), err)
	}
	if _, err := corpus.ReadReuters(bytes.NewReader(inputs["record opens"])); err == nil {
		t.Error("unclosed records: no error")
	}
}
