//go:build tonetrain

package tone

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/diplotext/diplotext/text"
)

// Word clusters for the targeted model, learned from unlabelled news text
// in the shared data (none of it NewsMTSC): each stem's contexts (the
// stems within two words) weighted by positive pointwise mutual
// information, projected to a dense random basis, and grouped by spherical
// k-means. A cluster feature stands beside each word feature of the
// targeted model, so a word seen too rarely in NewsMTSC to get a weight of
// its own takes the weight of its cluster. The cluster weights are folded
// into the words' own weights when the model is written (the runtime model
// is unchanged in form: see foldClusters).

// unlabelledTexts reads the unlabelled news text of the shared data: the
// Reuters-21578 bodies, BBC News, AG News, the UN General Debate 2017 and
// the sentences of the directed-sentiment set (entity brackets removed).
func unlabelledTexts(t trainT, dir string) []string {
	var out []string
	body := regexp.MustCompile(`(?s)<BODY>(.*?)</BODY>`)
	files, _ := filepath.Glob(filepath.Join(dir, "reuters21578", "*.sgm"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range body.FindAllSubmatch(b, -1) {
			s := strings.ReplaceAll(string(m[1]), "&lt;", "<")
			s = strings.ReplaceAll(s, "&amp;", "&")
			out = append(out, strings.TrimSuffix(strings.TrimSpace(s), "Reuter\n&#3;"))
		}
	}
	readCSV := func(path string, cols ...int) {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
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
			var parts []string
			for _, c := range cols {
				if c < len(rec) {
					parts = append(parts, rec[c])
				}
			}
			out = append(out, strings.Join(parts, ". "))
		}
	}
	readCSV(filepath.Join(dir, "bbc-news", "bbc-text.csv"), 1)
	readCSV(filepath.Join(dir, "ag_news", "test.csv"), 1, 2)
	if f, err := os.Open(filepath.Join(dir, "ungd2017", "ungd2017.jsonl")); err == nil {
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() {
			var rec struct{ Text string }
			if json.Unmarshal(sc.Bytes(), &rec) == nil {
				out = append(out, rec.Text)
			}
		}
		f.Close()
	}
	if f, err := os.Open(filepath.Join(dir, "directed-sentiment", "train.txt")); err == nil {
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			s, _, _ := strings.Cut(sc.Text(), "\t")
			out = append(out, strings.NewReplacer("[", "", "]", "").Replace(s))
		}
		f.Close()
	}
	return out
}

// featureStem is the stem a word token gets in the targeted model's word
// features ("" for office words), as in targetFeatures.
func featureStem(w string) string {
	lw := strings.ToLower(w)
	if officeWords[lw] {
		return ""
	}
	if len(lw) <= maxWordBytes {
		return text.Stem(lw)
	}
	return lw
}

// learnClusters returns the cluster of each stem seen at least minCount
// times in texts, k clusters.
func learnClusters(texts []string, k, minCount, dim int) map[string]int {
	// Stems by sentence.
	var seqs [][]string
	count := map[string]int{}
	for _, s := range texts {
		d := text.Parse(s)
		for _, sn := range d.Sentences {
			var seq []string
			for i := sn.First; i < sn.Last; i++ {
				tk := d.Tokens[i]
				if tk.Kind != text.Word {
					continue
				}
				st := featureStem(d.Text[tk.Start:tk.End])
				if st == "" {
					continue
				}
				seq = append(seq, st)
				count[st]++
			}
			seqs = append(seqs, seq)
		}
	}
	var vocab []string
	for w, c := range count {
		if c >= minCount {
			vocab = append(vocab, w)
		}
	}
	sort.Slice(vocab, func(i, j int) bool {
		if count[vocab[i]] != count[vocab[j]] {
			return count[vocab[i]] > count[vocab[j]]
		}
		return vocab[i] < vocab[j]
	})
	id := make(map[string]int, len(vocab))
	for i, w := range vocab {
		id[w] = i
	}
	// Context vocabulary: the most frequent stems.
	nctx := min(len(vocab), 3000)
	co := make([]map[int32]float32, len(vocab))
	for i := range co {
		co[i] = map[int32]float32{}
	}
	var total float64
	ctxCount := make([]float64, nctx)
	for _, seq := range seqs {
		for i, w := range seq {
			wi, ok := id[w]
			if !ok {
				continue
			}
			for j := max(i-2, 0); j <= min(i+2, len(seq)-1); j++ {
				if j == i {
					continue
				}
				cj, ok := id[seq[j]]
				if !ok || cj >= nctx {
					continue
				}
				co[wi][int32(cj)]++
				ctxCount[cj]++
				total++
			}
		}
	}
	// Random basis of the contexts.
	rng := rand.New(rand.NewPCG(11, 13))
	basis := make([][]float32, nctx)
	for c := range basis {
		basis[c] = make([]float32, dim)
		for d := range basis[c] {
			basis[c][d] = float32(rng.NormFloat64())
		}
	}
	emb := make([][]float32, len(vocab))
	for wi := range vocab {
		v := make([]float32, dim)
		var wtot float64
		for _, x := range co[wi] {
			wtot += float64(x)
		}
		for c, x := range co[wi] {
			// PPMI with context smoothing (alpha 0.75 is folded into the
			// plain ratio here for simplicity).
			pmi := math.Log(float64(x) * total / (wtot * ctxCount[c]))
			if pmi <= 0 {
				continue
			}
			for d := range v {
				v[d] += float32(pmi) * basis[c][d]
			}
		}
		normalizeVec(v)
		emb[wi] = v
	}
	// Spherical k-means, seeded with the k most frequent words.
	k = min(k, len(vocab))
	cent := make([][]float32, k)
	for c := range cent {
		cent[c] = slices.Clone(emb[c*len(vocab)/k])
	}
	assign := make([]int, len(vocab))
	for range 12 {
		for wi, v := range emb {
			best, bs := 0, math.Inf(-1)
			for c, cv := range cent {
				var s float64
				for d := range v {
					s += float64(v[d] * cv[d])
				}
				if s > bs {
					best, bs = c, s
				}
			}
			assign[wi] = best
		}
		for c := range cent {
			clear(cent[c])
		}
		for wi, v := range emb {
			cv := cent[assign[wi]]
			for d := range v {
				cv[d] += v[d]
			}
		}
		for c := range cent {
			normalizeVec(cent[c])
		}
	}
	out := make(map[string]int, len(vocab))
	for wi, w := range vocab {
		out[w] = assign[wi]
	}
	return out
}

func normalizeVec(v []float32) {
	var n float64
	for _, x := range v {
		n += float64(x * x)
	}
	if n == 0 {
		return
	}
	s := float32(1 / math.Sqrt(n))
	for d := range v {
		v[d] *= s
	}
}

// clusterFamilies are the word-feature families that get a cluster
// feature beside them.
var clusterFamilies = []string{"c:", "s:", "wl:", "wr:"}

// addClusterFeatures appends, for each word feature of a family in
// clusterFamilies whose stem has a cluster, the feature "k"+family+cluster.
func addClusterFeatures(feats []feature, cl map[string]int) []feature {
	n := len(feats)
	for _, f := range feats[:n] {
		for _, p := range clusterFamilies {
			if stem, ok := strings.CutPrefix(f.name, p); ok {
				if c, ok := cl[stem]; ok {
					feats = append(feats, feature{"k" + p + strconv.Itoa(c), f.val})
				}
				break
			}
		}
	}
	return feats
}

// foldClusters adds the weight of each stem's cluster features to the
// stem's own word features, creating those it lacks, and drops the
// cluster features: the model then scores as before it was folded, in the
// form the runtime reads.
func foldClusters(w map[string][3]float64, cl map[string]int) {
	for stem, c := range cl {
		for _, p := range clusterFamilies {
			kw, ok := w["k"+p+strconv.Itoa(c)]
			if !ok {
				continue
			}
			v := w[p+stem]
			for i := range 3 {
				v[i] += kw[i]
			}
			w[p+stem] = v
		}
	}
	for name := range w {
		for _, p := range clusterFamilies {
			if strings.HasPrefix(name, "k"+p) {
				delete(w, name)
			}
		}
	}
}

// extraTargetFeatures are candidate features of a target's role in its
// clause, tried on the CV (DIPLOTEXT_TGT_EXTRA=1) before being built into
// the runtime model: the nearest evaluative word on each side within the
// clause, a passive or agentive frame around the target, and the clause's
// evaluation crossed with the target's position as subject or object.
func extraTargetFeatures(d *text.Document, si, first, last int, sc *scratch, dst []feature) []feature {
	s := d.Sentences[si]
	toks := d.Tokens
	cs, ce := targetClause(d, si, first, last)
	var nl, nr float64
	dl, dr := 1<<30, 1<<30
	var cl, cr float64
	for _, c := range sc.contribs {
		if c.tok >= cs && c.tok < first {
			cl += c.v
			if first-c.tok < dl {
				dl, nl = first-c.tok, c.v
			}
		}
		if c.tok >= last && c.tok < ce {
			cr += c.v
			if c.tok-last < dr {
				dr, nr = c.tok-last, c.v
			}
		}
	}
	lw := func(i int) string {
		if i < s.First || i >= s.Last {
			return ""
		}
		t := toks[i]
		return strings.ToLower(d.Text[t.Start:t.End])
	}
	passive := false
	for i := last; i < min(last+2, ce); i++ {
		switch lw(i) {
		case "was", "were", "is", "are", "been", "being", "be", "got", "gets", "get":
			passive = true
		}
	}
	agent := lw(first-1) == "by"
	dst = append(dst,
		feature{"x:nl", float32(nl / 4)},
		feature{"x:nr", float32(nr / 4)},
	)
	if passive {
		dst = append(dst, feature{"x:pass", 1}, feature{"x:pass*cr", float32(normalize(cr))})
	}
	if agent {
		dst = append(dst, feature{"x:agent", 1}, feature{"x:agent*cl", float32(normalize(cl))})
	}
	if first == cs {
		dst = append(dst, feature{"x:subj*cr", float32(normalize(cr))})
	}
	if last == ce {
		dst = append(dst, feature{"x:obj*cl", float32(normalize(cl))})
	}
	return dst
}
