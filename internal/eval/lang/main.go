// Command lang measures package lang on the shared labelled data: the share
// of documents, sentences and headlines of each set detected as their
// language, left undecided ("") or given another language, and the speed
// of Detect.
//
//	go run ./internal/eval/lang [-data DIR] [-split tune|report|all]
//
// Sets: Spanish and Dutch CoNLL-2002 (sentences, and documents of ten
// consecutive sentences or the articles marked -DOCSTART-), Russian
// factRuEval-2016 (whole documents and their lines), English UN speeches,
// Reuters-21578 and BBC bodies (documents), and English headlines
// (AG News, UCI News Aggregator, New York Times front page). The "tune"
// split (training files, AG News) is the one the thresholds of package
// lang were chosen on; "report" is the rest.
package main

import (
	"bufio"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/diplotext/diplotext/internal/shareddata"
	"github.com/diplotext/diplotext/lang"
)

// Set is one labelled set of texts in one language.
type Set struct {
	Name  string
	Want  string // ISO 639-1 code
	Split string // "tune" or "report"
	Texts []string
}

// Result is the outcome of Detect on one set.
type Result struct {
	Set                     string
	Split                   string
	N                       int
	Right, Undecided, Wrong int
	WrongAs                 map[string]int
	Bytes                   int
	Elapsed                 time.Duration
}

func main() {
	data := flag.String("data", "", "shared data folder (default: found as the tests find it)")
	split := flag.String("split", "all", "tune, report or all")
	flag.Parse()
	dir := *data
	if dir == "" {
		d, err := shareddata.Dir()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		dir = d
	}
	sets, err := LoadSets(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%-32s %-6s %5s %7s %9s %7s  %s\n", "set", "split", "n", "right", "undecided", "wrong", "wrong as")
	for _, s := range sets {
		if *split != "all" && s.Split != *split {
			continue
		}
		r := Evaluate(s)
		fmt.Printf("%-32s %-6s %5d %6.1f%% %8.1f%% %6.1f%%  %s\n", r.Set, r.Split, r.N,
			pct(r.Right, r.N), pct(r.Undecided, r.N), pct(r.Wrong, r.N), top(r.WrongAs, 4))
	}
	speed(sets)
}

func pct(a, n int) float64 {
	if n == 0 {
		return 0
	}
	return 100 * float64(a) / float64(n)
}

// top formats the k most frequent wrong answers.
func top(m map[string]int, k int) string {
	type kv struct {
		k string
		v int
	}
	var l []kv
	for c, n := range m {
		l = append(l, kv{c, n})
	}
	sort.Slice(l, func(i, j int) bool { return l[i].v > l[j].v || l[i].v == l[j].v && l[i].k < l[j].k })
	var b strings.Builder
	for i, e := range l {
		if i == k {
			break
		}
		fmt.Fprintf(&b, "%s:%d ", e.k, e.v)
	}
	return b.String()
}

// Evaluate runs Detect on every text of s.
func Evaluate(s Set) Result {
	r := Result{Set: s.Name, Split: s.Split, N: len(s.Texts), WrongAs: map[string]int{}}
	t0 := time.Now()
	for _, t := range s.Texts {
		code, _ := lang.Detect(t)
		switch code {
		case s.Want:
			r.Right++
		case "":
			r.Undecided++
		default:
			r.Wrong++
			r.WrongAs[code]++
		}
		r.Bytes += len(t)
	}
	r.Elapsed = time.Since(t0)
	return r
}

// speed prints the throughput of Detect on the UN speeches (long documents,
// of which Detect reads a bounded prefix) and on headlines.
func speed(sets []Set) {
	for _, s := range sets {
		if s.Name != "en ungd2017 speeches" && s.Name != "en uci headlines" {
			continue
		}
		var best time.Duration
		bytes := 0
		for rep := 0; rep < 5; rep++ {
			t0 := time.Now()
			bytes = 0
			for _, t := range s.Texts {
				lang.Detect(t)
				bytes += len(t)
			}
			if el := time.Since(t0); best == 0 || el < best {
				best = el
			}
		}
		fmt.Printf("speed %-26s %d texts, %.2f MB: %.1f µs/text, %.1f MB/s (best of 5, one core)\n", s.Name, len(s.Texts),
			float64(bytes)/1e6, float64(best.Microseconds())/float64(len(s.Texts)), float64(bytes)/best.Seconds()/1e6)
	}
}

// LoadSets reads every set from the shared data folder dir.
func LoadSets(dir string) ([]Set, error) {
	var sets []Set
	add := func(name, want, split string, texts []string, err error) error {
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		sets = append(sets, Set{Name: name, Want: want, Split: split, Texts: texts})
		return nil
	}
	p := func(rel string) string { return filepath.Join(dir, rel) }
	for _, c := range []struct {
		file, want, split, name string
	}{
		{"conll2002/esp.train", "es", "tune", "es conll2002 train"},
		{"conll2002/esp.testa", "es", "report", "es conll2002 testa"},
		{"conll2002/ned.train", "nl", "tune", "nl conll2002 train"},
		{"conll2002/ned.testa", "nl", "report", "nl conll2002 testa"},
	} {
		docs, sents, err := readCoNLL2002(p(c.file))
		if err := add(c.name+" documents", c.want, c.split, limit(docs, 300), err); err != nil {
			return nil, err
		}
		if err := add(c.name+" sentences", c.want, c.split, limit(sents, 1000), err); err != nil {
			return nil, err
		}
	}
	docs, lines, err := readFactRu(p("factRuEval-2016/devset"))
	if err := add("ru factRuEval documents", "ru", "report", docs, err); err != nil {
		return nil, err
	}
	if err := add("ru factRuEval lines", "ru", "report", limit(lines, 1000), err); err != nil {
		return nil, err
	}
	un, err := shareddata.UNSpeeches(p("ungd2017/ungd2017.jsonl"))
	if err := add("en ungd2017 speeches", "en", "report", un, err); err != nil {
		return nil, err
	}
	reu, err := readReuters(p("reuters21578"), 300)
	if err := add("en reuters21578 bodies", "en", "report", reu, err); err != nil {
		return nil, err
	}
	bbc, err := readCSVColumn(p("bbc-news/bbc-text.csv"), ',', "text", 300)
	if err := add("en bbc bodies (lower case)", "en", "report", bbc, err); err != nil {
		return nil, err
	}
	ag, err := readAGTitles(p("ag_news/test.csv"))
	if err := add("en ag_news headlines", "en", "tune", ag, err); err != nil {
		return nil, err
	}
	uci, err := readCSVColumn(p("uci-news-aggregator/uci-news-aggregator-sample.csv"), ',', "TITLE", 0)
	if err := add("en uci headlines", "en", "report", uci, err); err != nil {
		return nil, err
	}
	nyt, err := readCSVColumn(p("rtexttools-cap/NYTimes.csv"), ';', "Title", 0)
	if err := add("en nyt headlines", "en", "report", nyt, err); err != nil {
		return nil, err
	}
	return sets, nil
}

func limit(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// readCoNLL2002 returns the documents (articles marked -DOCSTART-, or runs
// of ten sentences where there are no marks) and sentences of a CoNLL-2002
// file, tokens joined by spaces.
func readCoNLL2002(path string) (docs, sents []string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	var words []string
	var doc []string
	marked := false
	flushSent := func() {
		if len(words) > 0 {
			sents = append(sents, strings.Join(words, " "))
			doc = append(doc, sents[len(sents)-1])
			words = words[:0]
		}
	}
	flushDoc := func() {
		if len(doc) > 0 {
			docs = append(docs, strings.Join(doc, " "))
			doc = doc[:0]
		}
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			flushSent()
			if !marked && len(doc) == 10 {
				flushDoc()
			}
			continue
		}
		w := strings.Fields(line)[0]
		if w == "-DOCSTART-" {
			marked = true
			flushSent()
			flushDoc()
			continue
		}
		words = append(words, w)
	}
	flushSent()
	flushDoc()
	return docs, sents, sc.Err()
}

// readFactRu returns the .txt documents of the factRuEval devset and their
// non-empty lines.
func readFactRu(dir string) (docs, lines []string, err error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, nil, err
	}
	sort.Strings(paths)
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, nil, err
		}
		docs = append(docs, string(b))
		for _, l := range strings.Split(string(b), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
	}
	return docs, lines, nil
}

var reutersBody = regexp.MustCompile(`(?s)<BODY>(.*?)</BODY>`)

// readReuters returns the first n article bodies of the Reuters-21578 files.
func readReuters(dir string, n int) ([]string, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.sgm"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var out []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		for _, m := range reutersBody.FindAllSubmatch(b, -1) {
			body := strings.ReplaceAll(string(m[1]), "&lt;", "<")
			body = strings.ReplaceAll(body, "&amp;", "&")
			out = append(out, strings.TrimSuffix(strings.TrimSpace(body), "Reuter\n&#3;"))
			if len(out) == n {
				return out, nil
			}
		}
	}
	return out, nil
}

// readCSVColumn returns column col of a CSV file with a header row (the
// first n rows, or all if n is 0).
func readCSVColumn(path string, sep rune, col string, n int) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = sep
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, err
	}
	ci := -1
	for i, h := range head {
		if h == col {
			ci = i
		}
	}
	if ci < 0 {
		return nil, fmt.Errorf("%s: no column %q", path, col)
	}
	var out []string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if ci < len(rec) && strings.TrimSpace(rec[ci]) != "" {
			out = append(out, rec[ci])
		}
		if n > 0 && len(out) == n {
			break
		}
	}
	return out, nil
}

// readAGTitles returns the titles (second column) of AG News test.csv,
// which has no header row.
func readAGTitles(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	var out []string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(rec) >= 2 {
			out = append(out, rec[1])
		}
	}
	return out, nil
}
