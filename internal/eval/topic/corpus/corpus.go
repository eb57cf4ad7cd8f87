// Package corpus reads the public labelled corpora that diplotext's topic
// classifiers are trained and measured on: Reuters-21578 (SGML), the
// Comparative Agendas Project codings of New York Times headlines and US
// Congress bills distributed with RTextTools (semicolon-separated), and AG
// News (comma-separated).
//
// The readers accept arbitrary bytes: malformed records are skipped or
// reported as errors, never a panic. No data is embedded in this package.
package corpus

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/encoding/charmap"
)

// ReutersDoc is one document of Reuters-21578.
type ReutersDoc struct {
	ID     int      // NEWID
	Split  string   // LEWISSPLIT: "TRAIN", "TEST" or "NOT-USED"
	Topics string   // the TOPICS attribute: "YES", "NO" or "BYPASS"
	Labels []string // the <TOPICS> categories
	Title  string
	Body   string
}

// Text returns the title and the body, separated by a blank line.
func (d *ReutersDoc) Text() string {
	switch {
	case d.Title == "":
		return d.Body
	case d.Body == "":
		return d.Title
	}
	return d.Title + "\n\n" + d.Body
}

// ModApteTrain reports whether d belongs to the ModApte training set:
// LEWISSPLIT="TRAIN", TOPICS="YES" and at least one category.
func (d *ReutersDoc) ModApteTrain() bool {
	return d.Split == "TRAIN" && d.Topics == "YES" && len(d.Labels) > 0
}

// ModApteTest reports whether d belongs to the ModApte test set:
// LEWISSPLIT="TEST", TOPICS="YES" and at least one category.
func (d *ReutersDoc) ModApteTest() bool {
	return d.Split == "TEST" && d.Topics == "YES" && len(d.Labels) > 0
}

// Top10 returns the ten most frequent ModApte categories, the usual
// evaluation set ("R10").
func Top10() []string {
	return []string{"earn", "acq", "money-fx", "grain", "crude", "trade", "interest", "ship", "wheat", "corn"}
}

var (
	reutersAttr = regexp.MustCompile(`(\w+)="([^"]*)"`)
	reutersD    = regexp.MustCompile(`<D>(.*?)</D>`)
	numEntity   = regexp.MustCompile(`&#\d+;`)
)

func between(s, open, close string) string {
	i := strings.Index(s, open)
	if i < 0 {
		return ""
	}
	s = s[i+len(open):]
	j := strings.Index(s, close)
	if j < 0 {
		return s
	}
	return s[:j]
}

func clean(s string) string {
	s = numEntity.ReplaceAllString(s, "")
	s = html.UnescapeString(s)
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, "Reuter")
	s = strings.TrimSuffix(s, "REUTER")
	return strings.TrimSpace(s)
}

// ReadReuters reads the documents of one Reuters-21578 SGML file: every
// <REUTERS ...> record, in input order; text outside records is ignored.
// Title and body have numeric character references such as &#3; removed,
// named entities such as &lt; decoded, surrounding space and the closing
// "Reuter" sign-off trimmed. A record that is not closed by </REUTERS>
// before the next record or the end of the input (a truncated file) is an
// error, and so is a failing reader; a record whose opening tag has no
// closing '>' is skipped.
func ReadReuters(r io.Reader) ([]ReutersDoc, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("corpus: read reuters: %w", err)
	}
	var docs []ReutersDoc
	s := string(b)
	for {
		i := strings.Index(s, "<REUTERS ")
		if i < 0 {
			break
		}
		s = s[i:]
		end := strings.Index(s, "</REUTERS>")
		next := strings.Index(s[len("<REUTERS "):], "<REUTERS ")
		if end < 0 || next >= 0 && next+len("<REUTERS ") < end {
			return nil, fmt.Errorf("corpus: read reuters: record at byte %d has no </REUTERS>", len(b)-len(s))
		}
		rec := s[:end]
		s = s[end+len("</REUTERS>"):]
		var d ReutersDoc
		tagEnd := strings.IndexByte(rec, '>')
		if tagEnd < 0 {
			continue
		}
		for _, m := range reutersAttr.FindAllStringSubmatch(rec[:tagEnd], -1) {
			switch m[1] {
			case "NEWID":
				d.ID, _ = strconv.Atoi(m[2])
			case "LEWISSPLIT":
				d.Split = m[2]
			case "TOPICS":
				d.Topics = m[2]
			}
		}
		for _, m := range reutersD.FindAllStringSubmatch(between(rec, "<TOPICS>", "</TOPICS>"), -1) {
			if l := strings.TrimSpace(m[1]); l != "" && !slices.Contains(d.Labels, l) {
				d.Labels = append(d.Labels, l)
			}
		}
		d.Title = clean(between(rec, "<TITLE>", "</TITLE>"))
		d.Body = clean(between(rec, "<BODY>", "</BODY>"))
		if d.Body == "" && d.Title == "" {
			// TYPE="UNPROC" documents keep their text directly in
			// <TEXT ...>: drop the rest of the opening tag.
			t := between(rec, "<TEXT", "</TEXT>")
			if k := strings.IndexByte(t, '>'); k >= 0 {
				t = t[k+1:]
			}
			d.Body = clean(t)
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// ReadReutersDir reads every reut2-*.sgm file of dir, in name order.
func ReadReutersDir(dir string) ([]ReutersDoc, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.sgm"))
	if err != nil {
		return nil, fmt.Errorf("corpus: read reuters: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("corpus: read reuters: no .sgm files in %s", dir)
	}
	slices.Sort(files)
	var docs []ReutersDoc
	for _, p := range files {
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("corpus: read reuters: %w", err)
		}
		d, err := ReadReuters(bufio.NewReader(f))
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("corpus: %s: %w", p, err)
		}
		docs = append(docs, d...)
	}
	return docs, nil
}

// CAPDoc is one CAP-coded text: a New York Times headline or a Congress bill
// title with its CAP major topic code.
type CAPDoc struct {
	ID      string
	Text    string // the headline or the bill title
	Subject string // NYT only: the coder's short summary
	Code    int    // CAP major topic code
}

func readSemicolon(r io.Reader, what string) ([][]string, map[string]int, error) {
	cr := csv.NewReader(r)
	cr.Comma = ';'
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, nil, fmt.Errorf("corpus: read %s: %w", what, err)
	}
	if len(rows) == 0 {
		return nil, nil, fmt.Errorf("corpus: read %s: empty file", what)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	return rows[1:], col, nil
}

func field(row []string, col map[string]int, name string) string {
	i, ok := col[name]
	if !ok || i >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[i])
}

// ReadNYT reads NYTimes.csv of RTextTools (columns Article_ID, Date, Title,
// Subject, Topic.Code), found by the names in the first row. Rows without
// a numeric code or without a title (a row cut short) are skipped; an
// empty input or a first row without Topic.Code is an error. Fields are
// trimmed, not transcoded.
func ReadNYT(r io.Reader) ([]CAPDoc, error) {
	rows, col, err := readSemicolon(r, "NYT")
	if err != nil {
		return nil, err
	}
	if _, ok := col["Topic.Code"]; !ok {
		return nil, fmt.Errorf("corpus: read NYT: no Topic.Code column")
	}
	var out []CAPDoc
	for _, row := range rows {
		code, err := strconv.Atoi(field(row, col, "Topic.Code"))
		title := field(row, col, "Title")
		if err != nil || title == "" {
			continue
		}
		out = append(out, CAPDoc{ID: field(row, col, "Article_ID"), Text: title,
			Subject: field(row, col, "Subject"), Code: code})
	}
	return out, nil
}

// ReadCongress reads USCongress.csv of RTextTools (columns ID, cong,
// billnum, h_or_sen, major, text), found by the names in the first row.
// Rows without a numeric code or without text (a row cut short) are
// skipped; an empty input or a first row without major is an error.
func ReadCongress(r io.Reader) ([]CAPDoc, error) {
	rows, col, err := readSemicolon(r, "Congress")
	if err != nil {
		return nil, err
	}
	if _, ok := col["major"]; !ok {
		return nil, fmt.Errorf("corpus: read Congress: no major column")
	}
	var out []CAPDoc
	for _, row := range rows {
		code, err := strconv.Atoi(field(row, col, "major"))
		txt := field(row, col, "text")
		if err != nil || txt == "" {
			continue
		}
		out = append(out, CAPDoc{ID: field(row, col, "ID"), Text: txt, Code: code})
	}
	return out, nil
}

// AGDoc is one AG News article: class 1 World, 2 Sports, 3 Business,
// 4 Sci/Tech.
type AGDoc struct {
	Class       int
	Title       string
	Description string
}

// ReadAGNews reads an AG News split (class, title, description; no header).
// Rows with fewer than three fields or a non-numeric class are skipped; an
// empty input gives no documents and no error. HTML entities such as
// &amp; are decoded, and so are the references AG News wrote without their
// ampersand ("don#39;t", " quot;Hello quot;", "#36;5", with codes 128-159
// read as Windows-1252 as browsers do); the backslashes AG News writes for
// line breaks in descriptions become spaces.
func ReadAGNews(r io.Reader) ([]AGDoc, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	var out []AGDoc
	for {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("corpus: read AG News: %w", err)
		}
		if len(row) < 3 {
			continue
		}
		c, err := strconv.Atoi(strings.TrimSpace(row[0]))
		if err != nil {
			continue
		}
		desc := strings.ReplaceAll(row[2], "\\", " ")
		out = append(out, AGDoc{Class: c, Title: agText(row[1]), Description: agText(desc)})
	}
	return out, nil
}

// brokenNum matches a numeric character reference that lost its
// ampersand ("#39;"), and brokenQuot a &quot; that did (" quot;"), not
// inside a word.
var (
	brokenNum  = regexp.MustCompile(`(^|[^&])#([0-9]{2,5});`)
	brokenQuot = regexp.MustCompile(`(^|[^&\pL\pN])quot;`)
)

// agText decodes the entities of an AG News field, with and without their
// ampersand.
func agText(s string) string {
	s = html.UnescapeString(s)
	if !strings.Contains(s, ";") {
		return s
	}
	s = brokenQuot.ReplaceAllString(s, `$1"`)
	return brokenNum.ReplaceAllStringFunc(s, func(m string) string {
		sub := brokenNum.FindStringSubmatch(m)
		n, err := strconv.Atoi(sub[2])
		if err != nil || n == 0 || n > unicode.MaxRune || 0xD800 <= n && n < 0xE000 {
			return m
		}
		r := rune(n)
		if 128 <= n && n < 160 {
			r = charmap.Windows1252.DecodeByte(byte(n))
		}
		return sub[1] + string(r)
	})
}
