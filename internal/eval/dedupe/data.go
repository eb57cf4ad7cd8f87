// Package dedupeeval builds reproducible evaluation sets for package dedupe:
// realistic near-duplicate copies of real articles (syndication headers and
// footers, truncation, dropped sentences, word edits, OCR-like noise, a
// swapped lead paragraph) and unrelated articles that share the same
// boilerplate, with the true group of every document.
//
// The articles are read from the development data in ../shared/data (never
// copied into the repository). Generation is deterministic for a given seed.
package dedupeeval

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/diplotext/diplotext/internal/shareddata"
)

// Article is one source article.
type Article struct {
	ID     string // "bbc:12", "ungd:AFG:3", "reuters:5544"
	Source string // "bbc", "ungd", "reuters"
	Text   string
}

// DataDir returns the shared data folder: $DIPLOTEXT_DATA, or the first
// "shared/data" found beside the working directory or one of its parents.
func DataDir() (string, error) {
	d, err := shareddata.Dir()
	if err != nil {
		return "", fmt.Errorf("dedupeeval: %w", err)
	}
	return d, nil
}

// MinWords is the shortest article, in words, that LoadArticles keeps.
const MinWords = 80

// LoadArticles reads the article bodies of bbc-news, ungd2017 (speeches cut
// into article-length pieces of about 400-700 words at paragraph breaks) and
// reuters21578 (bodies of at least MinWords words) from dir. Exact and
// prefix duplicates in the sources are dropped, so that no two articles are
// copies of each other. Articles come in a fixed order.
func LoadArticles(dir string) ([]Article, error) {
	var arts []Article
	a, err := loadBBC(filepath.Join(dir, "bbc-news", "bbc-text.csv"))
	if err != nil {
		return nil, err
	}
	arts = append(arts, a...)
	a, err = loadUNGD(filepath.Join(dir, "ungd2017", "ungd2017.jsonl"))
	if err != nil {
		return nil, err
	}
	arts = append(arts, a...)
	a, err = loadReuters(filepath.Join(dir, "reuters21578"))
	if err != nil {
		return nil, err
	}
	arts = append(arts, a...)
	return uniq(arts), nil
}

func wordCount(s string) int { return len(strings.Fields(s)) }

func loadBBC(path string) ([]Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("dedupeeval: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("dedupeeval: %s: %w", path, err)
	}
	var out []Article
	for i, rec := range recs {
		if i == 0 || len(rec) < 2 || wordCount(rec[1]) < MinWords {
			continue
		}
		// The corpus is lower-cased with sentences separated by double spaces.
		t := strings.ReplaceAll(strings.TrimSpace(rec[1]), ".  ", ".\n\n")
		out = append(out, Article{ID: fmt.Sprintf("bbc:%d", i), Source: "bbc", Text: t})
	}
	return out, nil
}

func loadUNGD(path string) ([]Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("dedupeeval: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	var out []Article
	for sc.Scan() {
		var rec struct {
			ISO  string `json:"country_iso"`
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("dedupeeval: %s: %w", path, err)
		}
		var cur []string
		n, piece := 0, 0
		flush := func() {
			if n >= MinWords {
				out = append(out, Article{ID: fmt.Sprintf("ungd:%s:%d", rec.ISO, piece), Source: "ungd",
					Text: strings.Join(cur, "\n\n")})
				piece++
			}
			cur, n = cur[:0], 0
		}
		for _, p := range strings.Split(rec.Text, "\n") {
			p = strings.TrimSpace(p)
			if p == "" {
				continue
			}
			cur = append(cur, p)
			n += wordCount(p)
			if n >= 400 {
				flush()
			}
		}
		flush()
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("dedupeeval: %s: %w", path, err)
	}
	return out, nil
}

var (
	reutersRe = regexp.MustCompile(`(?s)<REUTERS[^>]*NEWID="(\d+)"[^>]*>.*?</REUTERS>`)
	bodyRe    = regexp.MustCompile(`(?s)<BODY>(.*?)</BODY>`)
)

func loadReuters(dir string) ([]Article, error) {
	files, err := filepath.Glob(filepath.Join(dir, "reut2-*.sgm"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("dedupeeval: no reut2-*.sgm in %s", dir)
	}
	sort.Strings(files)
	var out []Article
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("dedupeeval: %w", err)
		}
		for _, m := range reutersRe.FindAllSubmatch(b, -1) {
			bm := bodyRe.FindSubmatch(m[0])
			if bm == nil {
				continue
			}
			body := html.UnescapeString(string(bytes.TrimSpace(bm[1])))
			body = strings.TrimSuffix(strings.TrimSpace(body), "Reuter\n\x03")
			body = strings.TrimSpace(strings.TrimRight(body, "\x03"))
			body = strings.TrimSuffix(body, "Reuter")
			if wordCount(body) < MinWords {
				continue
			}
			// paragraphs are indented lines
			body = strings.ReplaceAll(body, "\n    ", "\n\n")
			body = strings.Join(strings.FieldsFunc(body, func(r rune) bool { return r == '\r' }), "")
			out = append(out, Article{ID: "reuters:" + string(m[1]), Source: "reuters", Text: body})
		}
	}
	return out, nil
}

// uniq drops articles that share 20% or more of their word 4-grams with an
// earlier article: the sources contain repeated and updated stories, which
// would otherwise count as false matches.
func uniq(arts []Article) []Article {
	post := map[uint64][]int32{}
	out := arts[:0]
	counts := map[int32]int{}
	for _, a := range arts {
		w := strings.Fields(strings.ToLower(a.Text))
		set := map[uint64]bool{}
		for i := 0; i+4 <= len(w); i++ {
			var h uint64 = 14695981039346656037
			for _, x := range w[i : i+4] {
				for k := 0; k < len(x); k++ {
					h = (h ^ uint64(x[k])) * 1099511628211
				}
				h = (h ^ ' ') * 1099511628211
			}
			set[h] = true
		}
		clear(counts)
		dup := false
		for h := range set {
			for _, j := range post[h] {
				counts[j]++
				if float64(counts[j]) >= 0.2*float64(len(set)) {
					dup = true
				}
			}
		}
		if dup || len(set) == 0 {
			continue
		}
		id := int32(len(out))
		for h := range set {
			if len(post[h]) < 50 {
				post[h] = append(post[h], id)
			}
		}
		out = append(out, a)
	}
	return out
}

// WriteJSONL writes docs as {"id","text","cluster"} lines.
func WriteJSONL(w io.Writer, docs []Doc) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	for _, d := range docs {
		if err := enc.Encode(d); err != nil {
			return fmt.Errorf("dedupeeval: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("dedupeeval: %w", err)
	}
	return nil
}
