package corpus_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/diplotext/diplotext/internal/eval/topic/corpus"
	"github.com/diplotext/diplotext/internal/shareddata"
)

// The fixtures in testdata are invented texts written in the formats of the
// shared corpora; none is copied from them.

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readReuters(t *testing.T, s string) []corpus.ReutersDoc {
	t.Helper()
	docs, err := corpus.ReadReuters(strings.NewReader(s))
	if err != nil {
		t.Fatalf("ReadReuters: %v", err)
	}
	return docs
}

func TestReadReutersFixture(t *testing.T) {
	docs := readReuters(t, string(readFixture(t, "reuters.sgm")))
	want := []corpus.ReutersDoc{
		{
			ID: 11, Split: "TRAIN", Topics: "YES",
			// duplicates and empty <D> elements dropped, labels trimmed
			Labels: []string{"grain", "wheat"},
			// &amp; decoded
			Title: "RURITANIA SETS WHEAT & BARLEY QUOTA",
			// &lt; decoded, &#3; dropped, the "Reuter" sign-off and the
			// surrounding space trimmed, inner line breaks kept
			Body: "The Ruritanian farm ministry said it\nwould cap wheat exports at 1.2 mln tonnes, <RFM> said.\n" +
				"    Officials said barley was not affected.",
		},
		{
			// TYPE="BRIEF": a title and no body
			ID: 12, Split: "TEST", Topics: "YES", Labels: []string{"acq"},
			Title: "ACME BUYS STAKE IN WIDGETCO",
		},
		{
			// the upper-case "REUTER" sign-off is trimmed too
			ID: 13, Split: "NOT-USED", Topics: "BYPASS", Labels: []string{"earn"},
			Title: "WIDGETCO <WGT> QUARTERLY NET",
			Body:  "Shr 10 cts vs 8 cts\n    Net 1.5 mln vs 1.2 mln",
		},
		{
			// TYPE="UNPROC": no <TITLE> nor <BODY>; the text inside
			// <TEXT TYPE="UNPROC"> is the body, without the tag.
			ID: 14, Split: "TRAIN", Topics: "YES", Labels: []string{"money-supply"},
			Body: "MONEY TABLE - MARCH 3\n    Line one 12.5 vs 12.1",
		},
		{
			ID: 15, Split: "TRAIN", Topics: "YES",
			Title: "NO CATEGORY ASSIGNED",
			Body:  "A story the coders gave no topic.",
		},
		{
			// entities are decoded once: "&amp;amp;" gives "&amp;" and
			// "&amp;#3;" gives "&#3;", which is kept
			ID: 16, Split: "TRAIN", Topics: "NO",
			Body: "Body without a title, &amp; a literal &#3; kept.",
		},
	}
	if !reflect.DeepEqual(docs, want) {
		t.Fatalf("ReadReuters:\n got %#v\nwant %#v", docs, want)
	}

	texts := []string{
		"RURITANIA SETS WHEAT & BARLEY QUOTA\n\n" + want[0].Body,
		"ACME BUYS STAKE IN WIDGETCO",
		"WIDGETCO <WGT> QUARTERLY NET\n\n" + want[2].Body,
		want[3].Body,
		"NO CATEGORY ASSIGNED\n\nA story the coders gave no topic.",
		want[5].Body,
	}
	// ModApte: TOPICS="YES", the split, and at least one category
	train := []bool{true, false, false, true, false, false}
	test := []bool{false, true, false, false, false, false}
	for i := range docs {
		if got := docs[i].Text(); got != texts[i] {
			t.Errorf("doc %d Text() = %q, want %q", docs[i].ID, got, texts[i])
		}
		if got := docs[i].ModApteTrain(); got != train[i] {
			t.Errorf("doc %d ModApteTrain() = %v, want %v", docs[i].ID, got, train[i])
		}
		if got := docs[i].ModApteTest(); got != test[i] {
			t.Errorf("doc %d ModApteTest() = %v, want %v", docs[i].ID, got, test[i])
		}
	}
}

func TestReutersDocText(t *testing.T) {
	for _, c := range []struct {
		d    corpus.ReutersDoc
		want string
	}{
		{corpus.ReutersDoc{}, ""},
		{corpus.ReutersDoc{Title: "T"}, "T"},
		{corpus.ReutersDoc{Body: "B"}, "B"},
		{corpus.ReutersDoc{Title: "T", Body: "B"}, "T\n\nB"},
	} {
		if got := c.d.Text(); got != c.want {
			t.Errorf("%+v.Text() = %q, want %q", c.d, got, c.want)
		}
	}
}

func TestReadReutersCRLF(t *testing.T) {
	lf := readFixture(t, "reuters.sgm")
	crlf := bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n"))
	want := readReuters(t, string(lf))
	got := readReuters(t, string(crlf))
	if len(got) != len(want) {
		t.Fatalf("CRLF: %d documents, want %d", len(got), len(want))
	}
	// The reader does not normalise line ends: a CR stays before each LF
	// inside a body, and titles and labels, on one line, are unchanged.
	for i := range got {
		g, w := got[i], want[i]
		g.Body = strings.ReplaceAll(g.Body, "\r\n", "\n")
		if !reflect.DeepEqual(g, w) {
			t.Errorf("CRLF doc %d:\n got %#v\nwant %#v", w.ID, got[i], w)
		}
	}
	if !strings.Contains(got[0].Body, "it\r\nwould") {
		t.Errorf("CRLF body %q: want the CR kept", got[0].Body)
	}
}

func TestReadReutersEncoding(t *testing.T) {
	const tmpl = `<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" NEWID="7">` +
		"<TOPICS><D>trade</D></TOPICS><TEXT><TITLE>%s</TITLE><BODY>x</BODY></TEXT></REUTERS>"
	for _, title := range []string{
		"CAF\u00c9 EXPORTS \u2013 S\u00c3O PAULO", // UTF-8
		"CAF\xc9 EXPORTS",                         // Latin-1: kept as is, not transcoded
		"NUL\x00BYTE \xff\xfe",                    // NUL and invalid UTF-8 bytes kept
	} {
		docs := readReuters(t, strings.Replace(tmpl, "%s", title, 1))
		if len(docs) != 1 || docs[0].Title != title {
			t.Errorf("title %q: got %#v", title, docs)
		}
	}
}

func TestReadReutersBadInput(t *testing.T) {
	full := string(readFixture(t, "reuters.sgm"))
	for _, c := range []struct {
		name    string
		in      string
		wantErr bool
		wantIDs []int
	}{
		{name: "empty", in: ""},
		{name: "no records", in: "<!DOCTYPE lewis>\nplain text\n"},
		{name: "invalid UTF-8", in: "\xff\xfe\x00<REUTERS"},
		// a truncated file: the last record has no </REUTERS>
		{name: "truncated in body", in: full[:strings.Index(full, "barley was")], wantErr: true},
		{name: "truncated tag", in: `<REUTERS TOPICS="YES"`, wantErr: true},
		{name: "truncated after records", in: full + `<REUTERS NEWID="99">`, wantErr: true},
		// a record whose </REUTERS> is missing would swallow the next one
		{name: "missing close", in: strings.Replace(full, "</REUTERS>", "", 1), wantErr: true},
		// a record whose opening tag is never closed by '>' is skipped
		{name: "tag without >", in: `<REUTERS NEWID="1"</REUTERS>` + full, wantIDs: []int{11, 12, 13, 14, 15, 16}},
		// <REUTERS> without attributes is not a record opening
		{name: "bare tag", in: "<REUTERS><TITLE>X</TITLE></REUTERS>"},
		// a non-numeric NEWID gives ID 0
		{name: "bad NEWID", in: `<REUTERS NEWID="x1"><TITLE>X</TITLE></REUTERS>`, wantIDs: []int{0}},
	} {
		t.Run(c.name, func(t *testing.T) {
			docs, err := corpus.ReadReuters(strings.NewReader(c.in))
			if c.wantErr {
				if err == nil || !strings.Contains(err.Error(), "corpus: read reuters:") ||
					!strings.Contains(err.Error(), "no </REUTERS>") {
					t.Fatalf("err = %v, want a truncated-record error", err)
				}
				if docs != nil {
					t.Errorf("docs = %v with an error, want nil", docs)
				}
				return
			}
			if err != nil {
				t.Fatalf("err = %v", err)
			}
			var ids []int
			for _, d := range docs {
				ids = append(ids, d.ID)
			}
			if !reflect.DeepEqual(ids, c.wantIDs) {
				t.Errorf("IDs = %v, want %v", ids, c.wantIDs)
			}
		})
	}
	errBoom := errors.New("boom")
	if _, err := corpus.ReadReuters(iotest.ErrReader(errBoom)); !errors.Is(err, errBoom) {
		t.Errorf("failing reader: err = %v, want it wrapped", err)
	}
}

func TestReadReutersDir(t *testing.T) {
	dir := t.TempDir()
	full := readFixture(t, "reuters.sgm")
	one := `<REUTERS TOPICS="NO" LEWISSPLIT="TRAIN" NEWID="1"><TEXT><TITLE>FIRST</TITLE></TEXT></REUTERS>`
	// files are read in name order; files not named *.sgm are ignored
	for name, b := range map[string][]byte{
		"reut2-001.sgm": full,
		"reut2-000.sgm": []byte(one),
		"notes.txt":     []byte(`<REUTERS NEWID="5"><TITLE>NOT READ</TITLE></REUTERS>`),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	docs, err := corpus.ReadReutersDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	if want := []int{1, 11, 12, 13, 14, 15, 16}; !reflect.DeepEqual(ids, want) {
		t.Errorf("IDs = %v, want %v", ids, want)
	}

	// a truncated file: the error names it
	bad := filepath.Join(dir, "reut2-002.sgm")
	if err := os.WriteFile(bad, full[:len(full)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := corpus.ReadReutersDir(dir); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("truncated file: err = %v, want one naming %s", err, bad)
	}

	empty := t.TempDir()
	if _, err := corpus.ReadReutersDir(empty); err == nil || !strings.Contains(err.Error(), "no .sgm files") {
		t.Errorf("empty folder: err = %v", err)
	}
	if _, err := corpus.ReadReutersDir(filepath.Join(empty, "missing")); err == nil {
		t.Error("missing folder: no error")
	}
}

func TestTop10(t *testing.T) {
	want := []string{"earn", "acq", "money-fx", "grain", "crude", "trade", "interest", "ship", "wheat", "corn"}
	a := corpus.Top10()
	if !reflect.DeepEqual(a, want) {
		t.Fatalf("Top10() = %v", a)
	}
	// each call returns a fresh slice: a caller may modify it
	a[0] = "changed"
	if corpus.Top10()[0] != "earn" {
		t.Error("Top10 returns a shared slice")
	}
}

func TestReadNYTFixture(t *testing.T) {
	b := readFixture(t, "nyt.csv")
	if !bytes.Contains(b, []byte("\r\n")) {
		t.Fatal("fixture nyt.csv lost its CRLF line ends")
	}
	docs, err := corpus.ReadNYT(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	want := []corpus.CAPDoc{
		// a semicolon inside a quoted field
		{ID: "90001", Text: "Envoys Meet in Geneva; Talks Stall", Subject: "Arms talks between two powers stall", Code: 19},
		// doubled quotes inside a quoted field
		{ID: "90002", Text: `Pentagon Orders New "Stealth" Planes`, Subject: "Air force procurement", Code: 16},
		{ID: "90003", Text: "Tariff Fight Over Steel Imports", Subject: "Trade dispute on steel", Code: 18},
		{ID: "90004", Text: "City Schools Face Budget Gap", Code: 6},
		// "NA" code and a row with too few columns are skipped;
		// fields are trimmed and UTF-8 is kept
		{ID: "90007", Text: "Caf\u00e9 Owners Protest Rent Rise", Subject: "Rent protest", Code: 14},
	}
	if !reflect.DeepEqual(docs, want) {
		t.Fatalf("ReadNYT:\n got %#v\nwant %#v", docs, want)
	}
}

func TestReadNYTHeader(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     []corpus.CAPDoc
		err      string
	}{
		{name: "empty", in: "", err: "corpus: read NYT: empty file"},
		{name: "no header", in: "\"1\";\"1-Jan-96\";\"A\";\"B\";\"19\"\n", err: "no Topic.Code column"},
		{name: "header only", in: "Article_ID;Title;Topic.Code\n"},
		{
			// BOM, other column order, spaces around header names,
			// no quotes, no final line end, extra columns ignored
			name: "BOM and order",
			in:   "\ufeffTopic.Code ; Title;Extra;Article_ID\n19;Summit Ends;x;7\n18;Quota Deal;y;8",
			want: []corpus.CAPDoc{{ID: "7", Text: "Summit Ends", Code: 19}, {ID: "8", Text: "Quota Deal", Code: 18}},
		},
		{
			// a quoted field may span lines; a lone quote inside an
			// unquoted field is taken literally
			name: "multi-line and lazy quotes",
			in:   "Article_ID;Title;Subject;Topic.Code\n1;\"Two\nLines\";5\" Guns;16\n",
			want: []corpus.CAPDoc{{ID: "1", Text: "Two\nLines", Subject: `5" Guns`, Code: 16}},
		},
		{
			// a non-numeric or fractional code skips the row; a
			// missing ID gives an empty ID
			name: "codes",
			in:   "Article_ID;Title;Topic.Code\n1;A;nineteen\n2;B;19.0\n;C;-1\n3;D;\n",
			want: []corpus.CAPDoc{{Text: "C", Code: -1}},
		},
		{
			// a row without a title is skipped, subject or not
			name: "no title",
			in:   "Article_ID;Title;Subject;Topic.Code\n1; ;Arms;19\n2;;;19\n3;E;;19\n",
			want: []corpus.CAPDoc{{ID: "3", Text: "E", Code: 19}},
		},
		{
			// Latin-1 and invalid UTF-8 bytes are returned as they are
			name: "latin-1",
			in:   "Article_ID;Title;Topic.Code\n1;Caf\xe9 \xff;19\n",
			want: []corpus.CAPDoc{{ID: "1", Text: "Caf\xe9 \xff", Code: 19}},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			docs, err := corpus.ReadNYT(strings.NewReader(c.in))
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("err = %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(docs, c.want) {
				t.Errorf("got %#v\nwant %#v", docs, c.want)
			}
		})
	}
	errBoom := errors.New("boom")
	if _, err := corpus.ReadNYT(iotest.ErrReader(errBoom)); !errors.Is(err, errBoom) {
		t.Errorf("failing reader: err = %v, want it wrapped", err)
	}
}

func TestReadCongressFixture(t *testing.T) {
	docs, err := corpus.ReadCongress(bytes.NewReader(readFixture(t, "congress.csv")))
	if err != nil {
		t.Fatal(err)
	}
	want := []corpus.CAPDoc{
		{ID: "1", Text: "To suspend temporarily the duty on imaginary widgets; and for other purposes.", Code: 18},
		{ID: "2", Text: "A bill to authorize assistance to Freedonia.", Code: 19},
		{ID: "3", Text: "To amend the Public Health Service Act regarding rural clinics.", Code: 3},
		// the row with code "x" and the row cut before its text
		// column are skipped
		{ID: "6", Text: "A bill to authorize the procurement of patrol ships.", Code: 16},
	}
	if !reflect.DeepEqual(docs, want) {
		t.Fatalf("ReadCongress:\n got %#v\nwant %#v", docs, want)
	}
	// CRLF line ends give the same result
	crlf := bytes.ReplaceAll(readFixture(t, "congress.csv"), []byte("\n"), []byte("\r\n"))
	docs, err = corpus.ReadCongress(bytes.NewReader(crlf))
	if err != nil || !reflect.DeepEqual(docs, want) {
		t.Errorf("CRLF: got %#v, %v", docs, err)
	}

	for in, msg := range map[string]string{
		"":                             "corpus: read Congress: empty file",
		"ID;text\n1;A bill\n":          "no major column",
		"ID;Topic.Code;text\n1;19;A\n": "no major column",
	} {
		if _, err := corpus.ReadCongress(strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("ReadCongress(%q): err = %v, want %q", in, err, msg)
		}
	}
}

func TestReadAGNewsFixture(t *testing.T) {
	docs, err := corpus.ReadAGNews(bytes.NewReader(readFixture(t, "agnews.csv")))
	if err != nil {
		t.Fatal(err)
	}
	want := []corpus.AGDoc{
		// the backslash AG News writes for a line break becomes a space
		{Class: 1, Title: "Freedonia and Sylvania Sign Border Pact",
			Description: "ZENDA (Wire) - The two neighbours signed a treaty on Tuesday, ending a long dispute. The pact takes effect in May."},
		// HTML entities are decoded in titles and descriptions
		{Class: 2, Title: "Rovers Win the Cup & the League", Description: "The club completed a rare double with a 2-1 win."},
		{Class: 3, Title: "Widget Maker Profit Rises", Description: "Shares of Acme rose 5 percent after it said <b>profit</b> climbed."},
		{Class: 4, Title: `New "Quantum" Chip Unveiled`, Description: `Researchers said the chip, described as "fast", runs cool.`},
		// a non-numeric class and a row with two fields are skipped
	}
	if !reflect.DeepEqual(docs, want) {
		t.Fatalf("ReadAGNews:\n got %#v\nwant %#v", docs, want)
	}
}

func TestReadAGNewsEdges(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     []corpus.AGDoc
	}{
		{name: "empty"}, // no documents, no error
		{name: "header row skipped", in: "Class,Title,Description\n"}, // "Class" is not a number
		{
			name: "CRLF, spaces around the class, Latin-1 kept",
			in:   " 2 ,Caf\xe9,Desc\\ here\r\n3,T,D\r\n",
			want: []corpus.AGDoc{{Class: 2, Title: "Caf\xe9", Description: "Desc  here"}, {Class: 3, Title: "T", Description: "D"}},
		},
		{
			// a stray quote is taken literally; extra fields ignored
			name: "lazy quotes",
			in:   "1,5\" Guns,d,extra\n",
			want: []corpus.AGDoc{{Class: 1, Title: `5" Guns`, Description: "d"}},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			docs, err := corpus.ReadAGNews(strings.NewReader(c.in))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(docs, c.want) {
				t.Errorf("got %#v\nwant %#v", docs, c.want)
			}
		})
	}
	errBoom := errors.New("boom")
	if _, err := corpus.ReadAGNews(iotest.ErrReader(errBoom)); !errors.Is(err, errBoom) {
		t.Errorf("failing reader: err = %v, want it wrapped", err)
	}
}

// TestSharedData checks the readers against the counts the shared data
// README and docs/topic.md state. It skips when the shared data is absent.
func TestSharedData(t *testing.T) {
	t.Run("NYT", func(t *testing.T) {
		p := shareddata.Require(t, "rtexttools-cap/NYTimes.csv")
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		docs, err := corpus.ReadNYT(f)
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) != 1552 {
			t.Errorf("NYTimes.csv: %d coded headlines, want 1,552", len(docs))
		}
		codes := map[int]int{}
		foreign := 0
		for _, d := range docs {
			codes[d.Code]++
			if corpus.ForeignCode(d.Code) {
				foreign++
			}
		}
		if foreign != 550 || codes[16] != 226 || codes[18] != 7 || codes[19] != 317 {
			t.Errorf("NYTimes.csv: %d foreign (16: %d, 18: %d, 19: %d), want 550 (226, 7, 317)",
				foreign, codes[16], codes[18], codes[19])
		}
	})
	t.Run("Congress", func(t *testing.T) {
		p := shareddata.Require(t, "rtexttools-cap/USCongress.csv")
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		docs, err := corpus.ReadCongress(f)
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) != 4449 {
			t.Errorf("USCongress.csv: %d bills, want 4,449", len(docs))
		}
		for _, d := range docs {
			if d.Text == "" || d.ID == "" {
				t.Fatalf("USCongress.csv: bill without ID or text: %+v", d)
			}
		}
	})
	t.Run("AGNews", func(t *testing.T) {
		p := shareddata.Require(t, "ag_news/test.csv")
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		docs, err := corpus.ReadAGNews(f)
		if err != nil {
			t.Fatal(err)
		}
		classes := map[int]int{}
		for _, d := range docs {
			classes[d.Class]++
		}
		// the AG News test split is balanced: 1,900 a class
		if len(docs) != 7600 || classes[1] != 1900 || classes[2] != 1900 || classes[3] != 1900 || classes[4] != 1900 {
			t.Errorf("ag_news/test.csv: %d titles, classes %v, want 7,600, 1,900 each", len(docs), classes)
		}
	})
	t.Run("Reuters", func(t *testing.T) {
		dir := shareddata.Require(t, "reuters21578")
		docs, err := corpus.ReadReutersDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) != 14668 {
			t.Errorf("reuters21578: %d documents, want 14,668", len(docs))
		}
		// the selection of `diplotext eval topic --reuters` (convertReuters
		// in cmd/diplotext/eval_topic.go): ModApteTrain
		train, withTop10 := 0, 0
		top := corpus.Top10()
		for i := range docs {
			d := &docs[i]
			if d.Split != "TRAIN" {
				t.Fatalf("reuters21578: doc %d has LEWISSPLIT %q; the shared folder holds TRAIN only", d.ID, d.Split)
			}
			if !d.ModApteTrain() {
				continue
			}
			train++
			for _, l := range d.Labels {
				if slices.Contains(top, l) {
					withTop10++
					break
				}
			}
		}
		if train != 7775 {
			t.Errorf("reuters21578: %d ModApte training documents, want 7,775", train)
		}
		t.Logf("ModApte training documents with a top-10 category: %d", withTop10)
	})
	t.Run("ForeignSet", func(t *testing.T) {
		nyt := shareddata.Require(t, "rtexttools-cap/NYTimes.csv")
		dir := filepath.Dir(filepath.Dir(nyt))
		for _, p := range []string{"rtexttools-cap/USCongress.csv", "ag_news/test.csv", "uci-news-aggregator/uci-news-aggregator-sample.csv"} {
			shareddata.Require(t, p)
		}
		s, err := corpus.LoadForeignSet(nyt, dir)
		if err != nil {
			t.Fatal(err)
		}
		// every coded headline has a subject: three views each; every
		// coded speech sentence two (with its neighbours, alone)
		if len(s.NYT) != 1552 || len(s.SOTU) != 3250 || len(s.Examples) != 3*1552+2*3250 {
			t.Errorf("foreign set: %d headlines, %d sentences, %d examples, want 1,552, 3,250 and 11,156", len(s.NYT), len(s.SOTU), len(s.Examples))
		}
		if !strings.HasPrefix(s.Summary, "NYT headlines 1552 and SOTU sentences 3250 (11156 examples), Congress bills 4449, AG News titles 7600, UCI headlines ") {
			t.Errorf("foreign set summary %q", s.Summary)
		}
	})
	t.Run("TaxonomySet", func(t *testing.T) {
		sotu := shareddata.Require(t, "cap-sotu/sotu-dev.csv")
		s, err := corpus.LoadTaxonomySet(filepath.Dir(filepath.Dir(sotu)))
		if err != nil {
			t.Fatal(err)
		}
		if len(s.SOTU) != 3250 || len(s.Examples) != 2*3250 || len(s.Background) == 0 {
			t.Fatalf("taxonomy set: %d sentences, %d examples, %d background", len(s.SOTU), len(s.Examples), len(s.Background))
		}
		// gold decides: a sentence coded 1927 is terrorism and not war
		for i, x := range s.SOTU {
			ls := s.Examples[2*i].Labels
			if x.Sub == 1927 && (!slices.Contains(ls, "terrorism") || slices.Contains(ls, "armed_conflict")) {
				t.Fatalf("sentence %q coded 1927 has labels %v", x.Text, ls)
			}
		}
	})
}

func TestReadAGNewsBrokenEntities(t *testing.T) {
	in := `"3","Oil #36;50 a barrel, don#39;t panic","Traders said quot;calm quot; \ and #151; waited &amp;#39; aliquot; #0; #99999999;"` + "\n"
	docs, err := corpus.ReadAGNews(strings.NewReader(in))
	if err != nil || len(docs) != 1 {
		t.Fatalf("ReadAGNews = %v, %v; want one document", docs, err)
	}
	if want := "Oil $50 a barrel, don't panic"; docs[0].Title != want {
		t.Errorf("Title = %q, want %q", docs[0].Title, want)
	}
	// an escaped reference (&amp;#39;) stays literal, "aliquot;" is a word,
	// and references to no character stay as they are
	if want := `Traders said "calm "   and — waited &#39; aliquot; #0; #99999999;`; docs[0].Description != want {
		t.Errorf("Description = %q, want %q", docs[0].Description, want)
	}
}

func TestSOTUWindow(t *testing.T) {
	ss := []corpus.SOTUSentence{
		{Speech: "a", Text: "A1."}, {Speech: "a", Text: " A2. "}, {Speech: "a", Text: "A3."},
		{Speech: "b", Text: "B1."}, {Speech: "b", Text: ""}, {Speech: "b", Text: "B3."},
	}
	for _, c := range []struct {
		i, r int
		want string
	}{
		{0, 2, "A1. A2. A3."},
		{2, 1, "A2. A3."}, // another speech's row is no context
		{4, 1, "B1. B3."}, // an empty row adds nothing
		{1, 0, "A2."},
		{6, 2, ""},
		{-1, 2, ""},
	} {
		if got := corpus.SOTUWindow(ss, c.i, c.r); got != c.want {
			t.Errorf("SOTUWindow(%d, %d) = %q, want %q", c.i, c.r, got, c.want)
		}
	}
}
