package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/diplotext/diplotext/entity/internal/ner"
	"github.com/diplotext/diplotext/internal/eval/conll"
	"github.com/diplotext/diplotext/text"
)

// Word clusters from unlabelled text: every word of the vocabulary is
// represented by the positive PMI of its left and right neighbours among
// the most frequent words, projected to a few dimensions at random, and
// grouped by spherical k-means at two granularities. Cluster ids are
// features of the recogniser, which lets it generalise from "Lavrov" in
// training to a name it has not seen in the same kind of context.

const (
	minFreq     = 3
	maxVocab    = 60000
	numContexts = 1500
	dims        = 96
)

// corpusTexts calls fn with every text of the unlabelled corpora found in
// data (the shared data folder): Reuters-21578 bodies, UN speeches, AG
// News, MSRP sentences; and the words of CoNLL eng.train.
func corpusTexts(data string, train []conll.Document, fn func(string)) (int, error) {
	n := 0
	emit := func(s string) { n++; fn(s) }
	for _, d := range train {
		for _, s := range d.Sentences {
			emit(strings.Join(s.Words, " "))
		}
	}
	files, _ := filepath.Glob(filepath.Join(data, "reuters21578", "*.sgm"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return n, err
		}
		s := string(b)
		for {
			i := strings.Index(s, "<BODY>")
			if i < 0 {
				break
			}
			j := strings.Index(s[i:], "</BODY>")
			if j < 0 {
				break
			}
			emit(html.UnescapeString(s[i+6 : i+j]))
			s = s[i+j:]
		}
	}
	if f, err := os.Open(filepath.Join(data, "ungd2017", "ungd2017.jsonl")); err == nil {
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 16<<20)
		for sc.Scan() {
			var r struct {
				Text string `json:"text"`
			}
			if json.Unmarshal(sc.Bytes(), &r) == nil {
				emit(r.Text)
			}
		}
		f.Close()
	}
	if f, err := os.Open(filepath.Join(data, "ag_news", "test.csv")); err == nil {
		r := csv.NewReader(f)
		r.FieldsPerRecord = -1
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				continue
			}
			if len(rec) >= 3 {
				emit(rec[1] + "\n" + strings.ReplaceAll(rec[2], "\\", " "))
			}
		}
		f.Close()
	}
	if b, err := os.ReadFile(filepath.Join(data, "msrp", "msr_paraphrase_train.txt")); err == nil {
		for _, line := range strings.Split(string(b), "\n")[1:] {
			if f := strings.Split(line, "\t"); len(f) == 5 {
				emit(f[3])
				emit(f[4])
			}
		}
	}
	// more unlabelled news: BBC articles (lower-cased, which does not
	// matter for folded words), NewsMTSC sentences, UCI headlines, NYT
	// headlines and subjects, US Congress bill titles
	readCSV(filepath.Join(data, "bbc-news", "bbc-text.csv"), ',', func(rec []string) {
		if len(rec) >= 2 {
			emit(rec[1])
		}
	})
	if f, err := os.Open(filepath.Join(data, "newsmtsc", "train.jsonl")); err == nil {
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 16<<20)
		for sc.Scan() {
			var r struct {
				Text string `json:"sentence_normalized"`
			}
			if json.Unmarshal(sc.Bytes(), &r) == nil {
				emit(r.Text)
			}
		}
		f.Close()
	}
	readCSV(filepath.Join(data, "uci-news-aggregator", "uci-news-aggregator-sample.csv"), ',', func(rec []string) {
		if len(rec) >= 2 {
			emit(rec[1])
		}
	})
	readCSV(filepath.Join(data, "rtexttools-cap", "NYTimes.csv"), ';', func(rec []string) {
		if len(rec) >= 4 {
			emit(rec[2])
			emit(rec[3])
		}
	})
	readCSV(filepath.Join(data, "rtexttools-cap", "USCongress.csv"), ';', func(rec []string) {
		if len(rec) >= 6 {
			emit(rec[5])
		}
	})
	return n, nil
}

// readCSV calls fn with every record after the header of the CSV file at
// path, if it exists; malformed records are skipped.
func readCSV(path string, sep rune, fn func([]string)) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = sep
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	header := true
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			continue
		}
		if header {
			header = false
			continue
		}
		fn(rec)
	}
}

// buildClusters returns, for each word hash of the vocabulary, a fine and
// a coarse cluster id and a capitalisation profile (see ner.CapProfile).
func buildClusters(data string, train []conll.Document, fine, coarse int, seed uint64) (map[uint64][3]uint16, error) {
	freq := map[uint64]int{}
	var seqs [][]uint64
	var toks []text.Token
	var prof profileCounts
	ndocs, err := corpusTexts(data, train, func(s string) {
		toks = text.Tokenize(s, toks[:0])
		seq := make([]uint64, len(toks))
		for i, t := range toks {
			seq[i] = text.Hash(s[t.Start:t.End])
			freq[seq[i]]++
		}
		seqs = append(seqs, seq)
		prof.add(s, toks, seq)
	})
	if err != nil {
		return nil, err
	}
	type wf struct {
		h uint64
		n int
	}
	var words []wf
	for h, n := range freq {
		if n >= minFreq {
			words = append(words, wf{h, n})
		}
	}
	slices.SortFunc(words, func(a, b wf) int {
		if a.n != b.n {
			return b.n - a.n
		}
		if a.h < b.h {
			return -1
		}
		return 1
	})
	if len(words) > maxVocab {
		words = words[:maxVocab]
	}
	index := make(map[uint64]int32, len(words))
	for i, w := range words {
		index[w.h] = int32(i)
	}
	nctx := min(numContexts, len(words))
	// co-occurrence counts: word × (left|right context)
	counts := make([]map[int32]float32, len(words))
	ctxTotal := make([]float64, 2*nctx)
	wordTotal := make([]float64, len(words))
	var total float64
	for _, seq := range seqs {
		for i, h := range seq {
			w, ok := index[h]
			if !ok {
				continue
			}
			for _, side := range [2]int{-1, 1} {
				j := i + side
				var c int32 = -1
				if j >= 0 && j < len(seq) {
					if k, ok := index[seq[j]]; ok && int(k) < nctx {
						c = k
					}
				}
				if c < 0 {
					continue
				}
				if side > 0 {
					c += int32(nctx)
				}
				if counts[w] == nil {
					counts[w] = map[int32]float32{}
				}
				counts[w][c]++
				ctxTotal[c]++
				wordTotal[w]++
				total++
			}
		}
	}
	// random projection of the PPMI vectors
	rng := rand.New(rand.NewPCG(seed, 7))
	proj := make([]float32, 2*nctx*dims)
	for i := range proj {
		proj[i] = float32(rng.NormFloat64())
	}
	vecs := make([]float32, len(words)*dims)
	for w, m := range counts {
		v := vecs[w*dims : (w+1)*dims]
		// in a fixed order, so that the sums and the clusters are reproducible
		ctxs := make([]int32, 0, len(m))
		for c := range m {
			ctxs = append(ctxs, c)
		}
		slices.Sort(ctxs)
		for _, c := range ctxs {
			n := m[c]
			pmi := math.Log(float64(n) * total / (wordTotal[w] * ctxTotal[c]))
			if pmi <= 0 {
				continue
			}
			p := proj[int(c)*dims : (int(c)+1)*dims]
			for k := range v {
				v[k] += float32(pmi) * p[k]
			}
		}
		normalise(v)
	}
	fineIDs := kmeans(vecs, len(words), fine, 12, rng)
	coarseIDs := kmeans(vecs, len(words), coarse, 12, rng)
	out := make(map[uint64][3]uint16, len(words))
	for i, w := range words {
		out[w.h] = [3]uint16{uint16(fineIDs[i]) + 1, uint16(coarseIDs[i]) + 1, ner.CapProfile(prof.lower[w.h], prof.capMid[w.h])}
	}
	var byProfile [5]int
	for _, v := range out {
		byProfile[v[2]]++
	}
	fmt.Fprintf(os.Stderr, "clusters: %d texts, %.0f context pairs, %d words; capitalisation profiles 0-4: %v\n", ndocs, total, len(words), byProfile)
	if os.Getenv("PROFDEBUG") != "" {
		for _, w := range strings.Fields(os.Getenv("PROFDEBUG")) {
			h := text.Hash(w)
			fmt.Fprintf(os.Stderr, "  %s lower %d capMid %d profile %d\n", w, prof.lower[h], prof.capMid[h], out[h][2])
		}
	}
	return out, nil
}

// profileCounts counts, per word hash, the occurrences starting in lower
// case and those capitalised away from the start of a sentence, in lines
// of running text: lines with no capital at all (lower-cased corpora) and
// lines where most words are capitalised (headlines in title case or in
// capitals) say nothing of how a word is written, and are skipped.
type profileCounts struct {
	lower, capMid map[uint64]int
}

func (p *profileCounts) add(s string, toks []text.Token, seq []uint64) {
	if p.lower == nil {
		p.lower, p.capMid = map[uint64]int{}, map[uint64]int{}
	}
	for lo := 0; lo < len(toks); {
		// one line: up to a token preceded by a line break
		hi := lo + 1
		for hi < len(toks) && !strings.Contains(s[toks[hi-1].End:toks[hi].Start], "\n") {
			hi++
		}
		nl, nc := 0, 0
		for _, t := range toks[lo:hi] {
			r, _ := utf8.DecodeRuneInString(s[t.Start:t.End])
			switch {
			case unicode.IsLower(r):
				nl++
			case unicode.IsUpper(r):
				nc++
			}
		}
		if nc > 0 && nl > nc {
			for i := lo; i < hi; i++ {
				t := toks[i]
				r, _ := utf8.DecodeRuneInString(s[t.Start:t.End])
				switch {
				case unicode.IsLower(r):
					p.lower[seq[i]]++
				case unicode.IsUpper(r) && i > lo && !opensSentence(s[toks[i-1].Start:toks[i-1].End]):
					p.capMid[seq[i]]++
				}
			}
		}
		lo = hi
	}
}

// opensSentence reports whether a word after token w may be capitalised
// because a sentence, a quotation or a parenthesis starts there.
func opensSentence(w string) bool {
	switch w {
	case ".", "!", "?", ":", ";", "\"", "\u201c", "\u201d", "'", "\u2018", "(", "[", "-", "--", "\u2013", "\u2014", "...", "\u2026", "*", "\u2022":
		return true
	}
	return false
}

func normalise(v []float32) {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	if s == 0 {
		return
	}
	f := float32(1 / math.Sqrt(s))
	for k := range v {
		v[k] *= f
	}
}

// kmeans groups the n unit vectors of vecs into k clusters by cosine
// similarity and returns each vector's cluster.
func kmeans(vecs []float32, n, k, iters int, rng *rand.Rand) []int {
	k = min(k, n)
	cent := make([]float32, k*dims)
	// initial centroids: the most frequent words spread over the list
	for c := 0; c < k; c++ {
		i := rng.IntN(n)
		copy(cent[c*dims:(c+1)*dims], vecs[i*dims:(i+1)*dims])
	}
	assign := make([]int, n)
	for it := 0; it < iters; it++ {
		for i := 0; i < n; i++ {
			v := vecs[i*dims : (i+1)*dims]
			best, arg := float32(-2), 0
			for c := 0; c < k; c++ {
				ct := cent[c*dims : (c+1)*dims]
				var d float32
				for j := range v {
					d += v[j] * ct[j]
				}
				if d > best {
					best, arg = d, c
				}
			}
			assign[i] = arg
		}
		clear(cent)
		for i := 0; i < n; i++ {
			ct := cent[assign[i]*dims : (assign[i]+1)*dims]
			for j, x := range vecs[i*dims : (i+1)*dims] {
				ct[j] += x
			}
		}
		for c := 0; c < k; c++ {
			normalise(cent[c*dims : (c+1)*dims])
		}
	}
	return assign
}
