//go:build tonetrain

package tone

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/diplotext/diplotext/internal/eval/stats"
	"github.com/diplotext/diplotext/text"
	"github.com/diplotext/diplotext/tone/internal/tonedata"
)

// Training of the learned weights, built only with the tag tonetrain (the
// public package holds no training code and reads no development data).
// The program tone/internal/train calls Train; run it through
//
//	go generate ./tone
//
// or one model at a time from the tone folder:
//
//	go run -tags tonetrain ./internal/train -what polarity [-dry]
//	go run -tags tonetrain ./internal/train -what target [-dry]
//
// Each prints its cross-validated figures and rewrites model/*.txt.gz;
// -dry prints the figures without writing. The DIPLOTEXT_* environment
// variables read below are the knobs of the recorded sweeps (docs/tone.md);
// left unset, they give the committed models byte for byte.

// trainT is what the training code needs of its caller: a log and a way
// to stop. trainT satisfies it too.
type trainT interface {
	Helper()
	Logf(format string, args ...any)
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

// trainStop is the panic value of trainLog's Fatal, recovered by Train.
type trainStop struct{ err error }

type trainLog struct {
	logf func(format string, args ...any)
}

func (trainLog) Helper()                           {}
func (l trainLog) Logf(format string, args ...any) { l.logf(format, args...) }
func (trainLog) Fatal(args ...any)                 { panic(trainStop{errors.New(fmt.Sprint(args...))}) }
func (trainLog) Fatalf(format string, args ...any) { panic(trainStop{fmt.Errorf(format, args...)}) }

// TrainOptions says what Train learns and where.
type TrainOptions struct {
	What     string // "polarity" or "target"
	DataDir  string // the shared data folder (holding vader-groundtruth, newsmtsc)
	ModelDir string // where model/*.txt.gz are written: the tone folder
	Dry      bool   // print the figures, write nothing
	Logf     func(format string, args ...any)
}

// Train learns one of tone's embedded models from the shared data, prints
// its cross-validated figures through o.Logf and, unless o.Dry, rewrites
// the model file. Built only with the tag tonetrain.
func Train(o TrainOptions) (err error) {
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	t := trainLog{o.Logf}
	defer func() {
		if r := recover(); r != nil {
			s, ok := r.(trainStop)
			if !ok {
				panic(r)
			}
			err = fmt.Errorf("tone: train %s: %w", o.What, s.err)
		}
	}()
	trainDry = o.Dry
	trainModelDir = o.ModelDir
	switch o.What {
	case "polarity":
		trainPolarity(t, o.DataDir)
	case "target":
		trainTarget(t, o.DataDir)
	case "persent":
		trainPerSenT(t, o.DataDir)
	default:
		return fmt.Errorf("tone: train: unknown model %q (want polarity or target)", o.What)
	}
	return nil
}

var (
	trainDry      bool
	trainModelDir = "."
)

func mustRated(t trainT, dir, set string) []tonedata.Rated {
	r, err := tonedata.LoadRated(dir, set)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func mustNewsMTSC(t trainT, dir string) []tonedata.Target {
	r, err := tonedata.LoadNewsMTSC(dir)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// stopWord reports the words that never get a learned valence: they carry
// none, and giving them one would bias long neutral texts. This is not
// text's stop list (text.IsStopWord, 209 words, for retrieval): that one
// also holds words whose learned valence helps ("not"-like function words,
// "more", "only", ...): training with it cost 0.006-0.012 Pearson in CV
// (movie 0.538 -> 0.532, Amazon 0.691 -> 0.683, news 0.529 -> 0.520).
func stopWord(w string) bool { return noValenceWords[w] }

var noValenceWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the and or of to in on at by for from with as is are was were be been being
		it its it's this that these those he she they we you i me him her them us my your his their our
		has have had do does did will shall can 's 're 've 'll 'd am which who whom whose what when where why how
		there here than then if so such into about over after before under up down out off again also just
		one two three first new said says mr. mrs. ms. s t`) {
		m[w] = true
	}
	return m
}()

// polItem is one token's share of a sentence's valence sum: m*(a*v0+delta[w]).
type polItem struct {
	w  int32 // index into the vocabulary, -1 for none
	m  float32
	v0 float32
}

type polSent struct {
	items  []polItem
	add    float64
	exclam int
	y      float64
	set    int
	weight float64 // equalises the data sets' shares of the loss
}

func polFeatures(lx *lexicon, sents []tonedata.Rated, vocab map[string]int32) []polSent {
	out := make([]polSent, len(sents))
	var sc scratch
	setIdx := map[string]int{}
	for i, s := range polSets {
		setIdx[s] = i
	}
	for i, r := range sents {
		d := text.Parse(r.Text)
		ps := polSent{y: r.Rating / 4, set: setIdx[r.Set]}
		// Sentence weights as in LabelDocument.
		ws := sentenceWeights(d, lx, &sc, nil)
		var wsum float64
		for _, w := range ws {
			wsum += w
		}
		norm := 1 / max(1, wsum/docSpan)
		for si := range d.Sentences {
			st := lx.analyzeSentence(d, si, &sc)
			ps.exclam += st.exclam
			f := ws[si] * norm
			if f == 0 {
				continue
			}
			if len(vocab) > 0 {
				s := d.Sentences[si]
				for k := s.First; k+1 < s.Last; k++ {
					if key, ok := trainBigram(d, k); ok {
						if id, ok := vocab[key]; ok {
							ps.items = append(ps.items, polItem{id, float32(f), 0})
						}
					}
				}
			}
			for _, c := range sc.contribs {
				ps.add += f * c.add
				if c.ntok == 1 {
					key := strings.ReplaceAll(strings.ToLower(d.Text[c.start:c.end]), "’", "'")
					e := lx.words[key]
					id, ok := vocab[key]
					if !ok || c.name {
						id = -1
					}
					ps.items = append(ps.items, polItem{id, float32(f * c.m), e.val})
				} else if c.v != 0 {
					ps.items = append(ps.items, polItem{-1, float32(f * c.m), float32(c.v / c.m)})
				}
			}
		}
		out[i] = ps
	}
	return out
}

type polParams struct {
	a     float64
	delta []float64
}

func (p *polParams) predict(s *polSent) float64 {
	S := s.add
	for _, it := range s.items {
		v := p.a * float64(it.v0)
		if it.w >= 0 {
			v += p.delta[it.w]
		}
		S += float64(it.m) * v
	}
	if S != 0 && s.exclam > 0 {
		S += math.Copysign(float64(min(s.exclam, 4))*exclamBoost, S)
	}
	return normalize(S)
}

// fitPolarity fits the lexicon scale and per-word deltas by full-batch Adam
// on squared error with an L2 penalty lambda on the deltas.
func fitPolarity(data []polSent, nv int, lambda float64, epochs int) *polParams {
	p := &polParams{a: 1, delta: make([]float64, nv)}
	if polFixScale {
		p.a = envFloat("DIPLOTEXT_FIXSCALE", 1)
	}
	// Each data set gets its own intercept b (learned, then dropped):
	// correlation ignores it, and without it the words typical of a set
	// would absorb that set's mean rating (news sentences lean negative,
	// Amazon snippets positive) and carry it into other genres.
	np := nv + 1 + len(polSets)
	g := make([]float64, np)
	m1 := make([]float64, np)
	m2 := make([]float64, np)
	b := make([]float64, len(polSets))
	const lr, b1, b2 = 0.02, 0.9, 0.999
	n := float64(len(data))
	for ep := 1; ep <= epochs; ep++ {
		clear(g)
		for i := range data {
			s := &data[i]
			S := s.add
			for _, it := range s.items {
				v := p.a * float64(it.v0)
				if it.w >= 0 {
					v += p.delta[it.w]
				}
				S += float64(it.m) * v
			}
			if S != 0 && s.exclam > 0 {
				S += math.Copysign(float64(min(s.exclam, 4))*exclamBoost, S)
			}
			pred := normalize(S)
			if polIntercepts {
				pred += b[s.set]
			}
			err := s.weight * 2 * (pred - s.y) / n
			g[nv+1+s.set] += err
			dS := err * alpha / math.Pow(S*S+alpha, 1.5)
			for _, it := range s.items {
				g[nv] += dS * float64(it.m) * float64(it.v0)
				if it.w >= 0 {
					g[it.w] += dS * float64(it.m)
				}
			}
		}
		for j := 0; j < nv; j++ {
			lj := lambda
			if polInLex != nil && !polInLex[j] {
				lj *= polOOVMult
			}
			g[j] += 2 * lj * p.delta[j]
		}
		c1 := 1 - math.Pow(b1, float64(ep))
		c2 := 1 - math.Pow(b2, float64(ep))
		for j := 0; j < np; j++ {
			m1[j] = b1*m1[j] + (1-b1)*g[j]
			m2[j] = b2*m2[j] + (1-b2)*g[j]*g[j]
			step := lr * (m1[j] / c1) / (math.Sqrt(m2[j]/c2) + 1e-8)
			if j > nv {
				b[j-nv-1] -= step
			} else if j == nv {
				if !polFixScale {
					p.a -= step
				}
			} else {
				p.delta[j] -= step
			}
		}
	}
	return p
}

// polFixScale keeps the lexicon scale fixed (at DIPLOTEXT_FIXSCALE).
var polFixScale = os.Getenv("DIPLOTEXT_FIXSCALE") != ""

var polSkipNames = os.Getenv("DIPLOTEXT_KEEPNAMES") == ""

// polInLex marks the vocabulary words with a lexicon valence; the others
// are penalised polOOVMult times as much.
var (
	polInLex   []bool
	polOOVMult = envFloat("DIPLOTEXT_OOVMULT", 4)
)

var polIntercepts = os.Getenv("DIPLOTEXT_NOINTERCEPT") == ""

// tweetWeight gives the tweets, VADER's home genre and the set where
// learning most easily loses to the plain lexicon, a larger share.
var tweetWeight = func() float64 {
	w := 4.0
	if e := os.Getenv("DIPLOTEXT_TWEETW"); e != "" {
		fmt.Sscan(e, &w)
	}
	return w
}()

// oovOnly restricts learned adjustments to words without a lexicon valence.
var oovOnly = os.Getenv("DIPLOTEXT_OOV") != ""

// trainingLexicon is the base lexicon where every vocabulary word carries
// a (zero) valence, so that the rules record its multiplier.
func trainingLexicon(t trainT, sents []tonedata.Rated, minCount int) (*lexicon, map[string]int32, []string) {
	base, err := buildBase()
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	// Occurrences inside sentences, and how many of them are capitalised:
	// words mostly capitalised there are names ("Trump", "Brexit") and get
	// no learned valence, which would carry the news of one period into
	// every other.
	mid, capMid := map[string]int{}, map[string]int{}
	for _, r := range sents {
		d := text.Parse(r.Text)
		seen := map[string]bool{}
		for _, s := range d.Sentences {
			for i := s.First; i < s.Last; i++ {
				tk := d.Tokens[i]
				if tk.Kind != text.Word {
					continue
				}
				raw := d.TokenText(i)
				w := strings.ReplaceAll(strings.ToLower(raw), "’", "'")
				if !seen[w] {
					seen[w] = true
					counts[w]++
				}
				if i > s.First && !s.Heading && !isCapsWord(raw) {
					mid[w]++
					if text.StartsUpper(raw) {
						capMid[w]++
					}
				}
			}
		}
	}
	lx := base.clone()
	vocab := map[string]int32{}
	var words []string
	keys := make([]string, 0, len(counts))
	for w := range counts {
		keys = append(keys, w)
	}
	sort.Strings(keys)
	names := 0
	for _, w := range keys {
		c := counts[w]
		e := lx.words[w]
		if c < minCount || stopWord(w) || officeWords[w] || len(w) < 2 || len(w) > maxWordBytes || (e != nil && e.flags != 0) || (oovOnly && e != nil && e.val != 0) {
			continue
		}
		if polSkipNames && mid[w] > 0 && 2*capMid[w] > mid[w] {
			names++
			continue
		}
		e = lx.get(w)
		e.hasVal = true
		vocab[w] = int32(len(words))
		words = append(words, w)
	}
	t.Logf("%d name-like words left without a learned valence", names)
	return lx, vocab, words
}

// polSets names the data sets of polarity training: the three rated sets
// of the VADER ground truth and the NewsMTSC sentence proxy.
var polSets = append(append([]string{}, tonedata.RatedSets...), "news")

const newsSet = 3

func envFloat(name string, def float64) float64 {
	if e := os.Getenv(name); e != "" {
		fmt.Sscan(e, &def)
	}
	return def
}

// polPrep is the polarity training set: the rated and news sentences as
// features over the vocabulary words, weighted.
type polPrep struct {
	data      []polSent
	words     []string
	newsGroup []int // story or article of each news sentence
	nRated    int   // the news sentences follow the rated ones in data
	nNews     int
	newsW     float64
}

// preparePolarity reads and weights the polarity training set.
func preparePolarity(t trainT, dir string) *polPrep {
	var all []tonedata.Rated
	for _, s := range tonedata.RatedSets {
		all = append(all, mustRated(t, dir, s)...)
	}
	news, newsGroup := tonedata.NewsSentences(mustNewsMTSC(t, dir))
	nRated := len(all)
	all = append(all, news...)
	lx, vocab, words := trainingLexicon(t, all, int(envFloat("DIPLOTEXT_POL_MINCOUNT", 3)))
	// Two-word adjustments, for pairs of lower-case words in at least
	// polBigramMin texts.
	if bc := int(envFloat("DIPLOTEXT_BIGRAMS", polBigramMin)); bc > 0 {
		counts := map[string]int{}
		for _, r := range all {
			d := text.Parse(r.Text)
			seen := map[string]bool{}
			for _, s := range d.Sentences {
				for i := s.First; i+1 < s.Last; i++ {
					if k, ok := trainBigram(d, i); ok && !seen[k] {
						seen[k] = true
						counts[k]++
					}
				}
			}
		}
		var keys []string
		for k, c := range counts {
			if c >= bc {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			vocab[k] = int32(len(words))
			words = append(words, k)
		}
		t.Logf("%d word pairs", len(keys))
	}
	data := polFeatures(lx, all, vocab)
	base0, err := buildBase()
	if err != nil {
		t.Fatal(err)
	}
	polInLex = make([]bool, len(words))
	for i, w := range words {
		if e := base0.words[w]; e != nil && e.val != 0 {
			polInLex[i] = true
		}
	}
	newsW := envFloat("DIPLOTEXT_NEWSW", polNewsWeight)
	setWeights := func(data []polSent, newsW float64) {
		var perSet [4]float64
		for _, s := range data {
			perSet[s.set]++
		}
		for i := range data {
			data[i].weight = float64(len(data)) / (4 * perSet[data[i].set])
			switch data[i].set {
			case 0:
				data[i].weight *= tweetWeight
			case newsSet:
				data[i].weight *= newsW
			}
		}
	}
	setWeights(data, newsW)
	return &polPrep{data, words, newsGroup, nRated, len(news), newsW}
}

// foldPolarityLexicon is the base lexicon with polarity weights learned as
// the committed ones are, on the rated sets and the news sentences that
// keepNews keeps (by story or article), rounded as the model file rounds
// them.
func foldPolarityLexicon(t trainT, pp *polPrep, keepNews func(group int) bool) *lexicon {
	var tr []polSent
	for i, d := range pp.data {
		if i >= pp.nRated && !keepNews(pp.newsGroup[i-pp.nRated]) {
			continue
		}
		tr = append(tr, d)
	}
	p := fitPolarity(tr, len(pp.words), envFloat("DIPLOTEXT_LAMBDA", 1.5e-4), int(envFloat("DIPLOTEXT_EPOCHS", 300)))
	m := &polarityModel{scale: float32(math.Round(p.a*1e4) / 1e4), delta: map[string]float32{}}
	for i, w := range pp.words {
		if math.Abs(p.delta[i]) >= 0.05 {
			m.delta[w] = float32(math.Round(p.delta[i]*1e3) / 1e3)
		}
	}
	lx, err := buildBase()
	if err != nil {
		t.Fatal(err)
	}
	m.apply(lx)
	return lx
}

func trainPolarity(t trainT, dir string) {
	pp := preparePolarity(t, dir)
	data, words, newsGroup, nRated, newsW := pp.data, pp.words, pp.newsGroup, pp.nRated, pp.newsW
	t.Logf("%d sentences (%d news), vocabulary %d, news weight %g, tweet weight %g", len(data), pp.nNews, len(words), newsW, tweetWeight)
	// Folds: random for the rated sets; by story or article for news, so
	// no fold shares an event.
	rng := rand.New(rand.NewPCG(1, 2))
	fold := make([]int, len(data))
	for i := range fold {
		fold[i] = rng.IntN(5)
	}
	gfold := map[int]int{}
	for i, g := range newsGroup {
		f, ok := gfold[g]
		if !ok {
			f = rng.IntN(5)
			gfold[g] = f
		}
		fold[nRated+i] = f
	}
	base := &polParams{a: 1, delta: make([]float64, len(words))}
	report := func(name string, pred []float64, keep func(i int) bool) {
		var line []string
		for si, set := range polSets {
			var x, y []float64
			for i := range data {
				if data[i].set == si && keep(i) {
					x = append(x, pred[i])
					y = append(y, data[i].y)
				}
			}
			if len(x) > 0 {
				line = append(line, fmt.Sprintf("%s r=%.3f rho=%.3f", set, stats.Pearson(x, y), stats.Spearman(x, y)))
			}
		}
		t.Logf("%-28s %s", name, strings.Join(line, "  "))
	}
	pred := make([]float64, len(data))
	for i := range data {
		pred[i] = base.predict(&data[i])
	}
	report("lexicon+rules (no learning)", pred, func(int) bool { return true })
	lambda := envFloat("DIPLOTEXT_LAMBDA", 1.5e-4)
	epochs := int(envFloat("DIPLOTEXT_EPOCHS", 300))
	cv := func(name string, data []polSent, skip func(i int) bool) {
		for k := range 5 {
			var tr []polSent
			for i := range data {
				if fold[i] != k && !skip(i) {
					tr = append(tr, data[i])
				}
			}
			p := fitPolarity(tr, len(words), lambda, epochs)
			for i := range data {
				if fold[i] == k {
					pred[i] = p.predict(&data[i])
				}
			}
		}
		report(name, pred, func(int) bool { return true })
	}
	cv(fmt.Sprintf("5-fold CV lambda=%g", lambda), data, func(int) bool { return false })
	if os.Getenv("DIPLOTEXT_CV_ONLY") == "" {
		// Without news supervision: how the rated sets alone transfer to news.
		// (News weighted 0 rather than left out, so the L2 penalty keeps
		// the same strength relative to the data.)
		noNews := slices.Clone(data)
		for i := range noNews {
			if noNews[i].set == newsSet {
				noNews[i].weight = 0
			}
		}
		cv("5-fold CV, no news training", noNews, func(int) bool { return false })
		// Leave-set-out without news, likewise.
		for si := range tonedata.RatedSets {
			var tr []polSent
			for i := range noNews {
				if noNews[i].set != si {
					tr = append(tr, noNews[i])
				}
			}
			p := fitPolarity(tr, len(words), lambda, epochs)
			for i := range data {
				if data[i].set == si {
					pred[i] = p.predict(&data[i])
				}
			}
		}
		report("leave-set-out, no news", pred, func(i int) bool { return data[i].set != newsSet })
		// Leave one data set out: the figure closest to an unseen genre.
		for si := range polSets {
			var tr []polSent
			for i := range data {
				if data[i].set != si {
					tr = append(tr, data[i])
				}
			}
			p := fitPolarity(tr, len(words), lambda, epochs)
			for i := range data {
				if data[i].set == si {
					pred[i] = p.predict(&data[i])
				}
			}
		}
		report(fmt.Sprintf("leave-set-out lambda=%g", lambda), pred, func(int) bool { return true })
	}
	if trainDry {
		return
	}
	p := fitPolarity(data, len(words), lambda, epochs)
	var b strings.Builder
	b.WriteString("# Code generated by tone/internal/train (go generate ./tone; tone/train.go); DO NOT EDIT.\n")
	b.WriteString("# Learned from the VADER ground-truth rated sentences (tweets, movie and Amazon review snippets;\n")
	b.WriteString("# C.J. Hutto, MIT licence) and NewsMTSC train sentences rated by the mean polarity of their\n")
	b.WriteString("# targets (Hamborg & Donnay 2021, MIT licence): lexicon scale and per-token valence adjustments.\n")
	fmt.Fprintf(&b, "# lambda=%g (x%g for words and pairs without a lexicon valence) epochs=%d min-count=3 (pairs %d) news-weight=%g tweet-weight=%g\n", lambda, polOOVMult, epochs, polBigramMin, newsW, tweetWeight)
	fmt.Fprintf(&b, "@scale\t%.4f\n", p.a)
	type kv struct {
		w string
		d float64
	}
	var kept []kv
	for i, w := range words {
		if math.Abs(p.delta[i]) >= 0.05 {
			kept = append(kept, kv{w, p.delta[i]})
		}
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].w < kept[j].w })
	for _, e := range kept {
		fmt.Fprintf(&b, "%s\t%.3f\n", e.w, e.d)
	}
	writeGz(t, filepath.Join(trainModelDir, "model", "polarity.txt.gz"), b.String())
	t.Logf("scale %.3f, %d adjusted tokens written", p.a, len(kept))
}

// bigramKey writes "a b" into buf for the words a and b at tokens i and
// i+1 when both are written in lower case (never names) and short enough
// to be looked up, as analyzeSentence reads them; ok is false otherwise.
func bigramKey(d *text.Document, i int, buf []byte) ([]byte, bool) {
	a, b := d.Tokens[i], d.Tokens[i+1]
	if a.Kind != text.Word || b.Kind != text.Word {
		return buf, false
	}
	wa, wb := d.Text[a.Start:a.End], d.Text[b.Start:b.End]
	if len(wa) > maxWordBytes || len(wb) > maxWordBytes || !isLower(wa) || !isLower(wb) {
		return buf, false
	}
	buf = appendWord(buf, strings.ToLower(wa))
	buf = append(buf, ' ')
	return appendWord(buf, wb), true
}

// trainBigram returns the key of the two words at tokens i and i+1 if
// they may get a learned valence: both lower case (bigramKey), not both
// stop words.
func trainBigram(d *text.Document, i int) (string, bool) {
	k, ok := bigramKey(d, i, nil)
	if !ok {
		return "", false
	}
	a, b, _ := strings.Cut(string(k), " ")
	if stopWord(a) && stopWord(b) {
		return "", false
	}
	return string(k), true
}

// polBigramMin is the number of texts a pair of words must occur in to get
// a learned valence.
const polBigramMin = 5

// polNewsWeight is the share of the news proxy in polarity training,
// relative to one rated set.
const polNewsWeight = 1.5

func writeGz(t trainT, path, s string) {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write([]byte(s))
	zw.Close()
	writeFile(t, path, buf.Bytes())
}

// writeFile replaces the file at path with b, through a temporary file.
func writeFile(t trainT, path string, b []byte) {
	if err := os.WriteFile(path+".tmp", b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(path+".tmp", path); err != nil {
		t.Fatal(err)
	}
}

type tgtExample struct {
	feats []feature
	class int
	sent  int
	group int  // story (allsides) or article (polusa) of the sentence
	extra bool // from the directed-sentiment set: trained on, never scored
}

// tgtFold is the CV fold of an example: by story or article (so no fold
// shares an event or an article), or by sentence with
// DIPLOTEXT_FOLD=sentence (the grouping of the earlier figures).
func tgtFold(e *tgtExample) int {
	if os.Getenv("DIPLOTEXT_FOLD") == "sentence" {
		return e.sent % 5
	}
	h := uint32(e.group)*2654435761 + 12345 + uint32(tgtFoldSeed)*40503
	return int(h>>16) % 5
}

func targetExamples(t trainT, lx *lexicon, data []tonedata.Target) []tgtExample {
	var sc scratch
	var out []tgtExample
	docs := map[string]*text.Document{}
	for _, x := range data {
		d := docs[x.Text]
		if d == nil {
			d = text.Parse(x.Text)
			docs[x.Text] = d
		}
		si, first, last, ok := targetSpan(d, x.Start, x.End)
		if !ok {
			continue
		}
		st := lx.analyzeSentence(d, si, &sc)
		f := lx.targetFeatures(d, si, first, last, st, &sc, nil)
		if tgtExtra {
			f = extraTargetFeatures(d, si, first, last, &sc, f)
		}
		if len(expGroups) > 0 {
			f = expFeatures(d, si, first, last, &sc, f)
		}
		if tgtQuad {
			f = quadFeatures(f)
		}
		extra := x.Sent < 0
		if extra && dsDomain {
			f = append(f, feature{"dom:ds", 1})
		}
		out = append(out, tgtExample{f, x.Class, x.Sent, x.Group, extra})
	}
	return out
}

var tgtMinCount = 2

// tgtAvgIter makes each fit the average of its iterates (Polyak
// averaging, DIPLOTEXT_TGT_AVG=1) rather than its last weights.
var tgtAvgIter = os.Getenv("DIPLOTEXT_TGT_AVG") != ""

// tgtQuad adds the pairwise products of the dense features
// (DIPLOTEXT_TGT_QUAD=1): a test of whether the model gains from
// interactions a linear model cannot express.
var tgtQuad = os.Getenv("DIPLOTEXT_TGT_QUAD") != ""

// tgtExtra adds the candidate features of extraTargetFeatures.
var tgtExtra = os.Getenv("DIPLOTEXT_TGT_EXTRA") != ""

// dsDomain marks the directed-sentiment examples with a feature of their
// own, so that their class mix (few neutrals) is not learned as a prior.
var dsDomain = os.Getenv("DIPLOTEXT_DS_DOMAIN") != "0"

type lrModel struct {
	idx map[string]int
	w   [][3]float64
}

// fitLR averages the weights of lrSeeds models trained in different orders.
func fitLR(ex []tgtExample, lambda float64, epochs int, seed uint64) *lrModel {
	m := fitLROnce(ex, lambda, epochs, seed)
	for s := 1; s < lrSeeds; s++ {
		o := fitLROnce(ex, lambda, epochs, seed+uint64(s)*1000)
		for j := range m.w {
			for k := range 3 {
				m.w[j][k] += o.w[j][k]
			}
		}
	}
	for j := range m.w {
		for k := range 3 {
			m.w[j][k] /= float64(lrSeeds)
		}
	}
	return m
}

var lrRate = func() float64 {
	r := 0.03
	if e := os.Getenv("DIPLOTEXT_LR"); e != "" {
		fmt.Sscan(e, &r)
	}
	return r
}()

// lrClassPow is the power of the class weights (1: balanced classes).
var lrClassPow = envFloat("DIPLOTEXT_CLASSPOW", 1)

var lrSeeds = func() int {
	n := 10
	if e := os.Getenv("DIPLOTEXT_SEEDS"); e != "" {
		fmt.Sscan(e, &n)
	}
	return max(n, 1)
}()

func fitLROnce(ex []tgtExample, lambda float64, epochs int, seed uint64) *lrModel {
	count := map[string]int{}
	for _, e := range ex {
		for _, f := range e.feats {
			count[f.name]++
		}
	}
	m := &lrModel{idx: map[string]int{}}
	keys := make([]string, 0, len(count))
	for k := range count {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		c := count[k]
		if c >= tgtMinCount || !strings.Contains(k, ":") || strings.HasPrefix(k, "lex:") {
			m.idx[k] = len(m.w)
			m.w = append(m.w, [3]float64{})
		}
	}
	var freq [3]float64
	for _, e := range ex {
		freq[e.class]++
	}
	var cw [3]float64
	for k := range 3 {
		cw[k] = math.Pow(float64(len(ex))/(3*math.Max(freq[k], 1)), lrClassPow)
	}
	g2 := make([][3]float64, len(m.w))
	order := make([]int, len(ex))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	lr := lrRate
	ids := make([]int, 0, 128)
	// With DIPLOTEXT_TGT_AVG the model is the average of its iterates
	// (Polyak averaging), kept lazily: u sums step*update.
	var u [][3]float64
	if tgtAvgIter {
		u = make([][3]float64, len(m.w))
	}
	step := 0.0
	for range epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, oi := range order {
			e := &ex[oi]
			ids = ids[:0]
			var z [3]float64
			for _, f := range e.feats {
				j, ok := m.idx[f.name]
				if !ok {
					ids = append(ids, -1)
					continue
				}
				ids = append(ids, j)
				for k := range 3 {
					z[k] += m.w[j][k] * float64(f.val)
				}
			}
			p := softmax(z)
			for fi, f := range e.feats {
				j := ids[fi]
				if j < 0 {
					continue
				}
				for k := range 3 {
					y := 0.0
					if k == e.class {
						y = 1
					}
					g := cw[e.class]*(p[k]-y)*float64(f.val) + lambda*m.w[j][k]
					g2[j][k] += g * g
					dw := lr * g / (math.Sqrt(g2[j][k]) + 1e-6)
					m.w[j][k] -= dw
					if u != nil {
						u[j][k] -= step * dw
					}
				}
			}
			step++
		}
	}
	if u != nil && step > 0 {
		for j := range m.w {
			for k := range 3 {
				m.w[j][k] -= u[j][k] / step
			}
		}
	}
	return m
}

func (m *lrModel) predict(feats []feature) int { return argmax3(m.logits(feats)) }

// logits are the model's class scores before the softmax.
func (m *lrModel) logits(feats []feature) [3]float64 {
	var z [3]float64
	for _, f := range feats {
		if j, ok := m.idx[f.name]; ok {
			for k := range 3 {
				z[k] += m.w[j][k] * float64(f.val)
			}
		}
	}
	return z
}

// argmax3 is the class of the highest score, the first on ties.
func argmax3(z [3]float64) int {
	best := 0
	for k := 1; k < 3; k++ {
		if z[k] > z[best] {
			best = k
		}
	}
	return best
}

func trainTarget(t trainT, dir string) {
	data := mustNewsMTSC(t, dir)
	lx, err := targetLexicon()
	if err != nil {
		t.Fatal(err)
	}
	ex := targetExamples(t, lx, data)
	t.Logf("%d targets", len(ex))
	var clusters map[string]int
	if k := int(envFloat("DIPLOTEXT_CLUSTERS", 0)); k > 0 {
		texts := unlabelledTexts(t, dir)
		clusters = learnClusters(texts, k, int(envFloat("DIPLOTEXT_CLUSTER_MIN", 5)), int(envFloat("DIPLOTEXT_CLUSTER_DIM", 128)))
		t.Logf("%d unlabelled texts, %d stems in %d clusters", len(texts), len(clusters), k)
		if os.Getenv("DIPLOTEXT_CLUSTER_DUMP") != "" {
			by := map[int][]string{}
			for w, c := range clusters {
				if len(by[c]) < 12 {
					by[c] = append(by[c], w)
				}
			}
			for c := range min(k, 25) {
				t.Logf("cluster %d: %v", c, by[c])
			}
		}
		if f := os.Getenv("DIPLOTEXT_CLUSTER_FAMILIES"); f != "" {
			clusterFamilies = strings.Split(f, ",")
		}
		for i := range ex {
			ex[i].feats = addClusterFeatures(ex[i].feats, clusters)
		}
	}
	var extra []tgtExample
	if m := os.Getenv("DIPLOTEXT_DS"); m != "" {
		ds, err := tonedata.LoadDirected(dir, m == "neutral", 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		extra = targetExamples(t, lx, ds)
		t.Logf("%d extra targets from directed-sentiment", len(extra))
	}
	// DIPLOTEXT_SELFTRAIN=p: self-training on the directed-sentiment
	// mentions, used as unlabelled text (their labels are ignored).
	selfThr := envFloat("DIPLOTEXT_SELFTRAIN", 0)
	var unlab []tgtExample
	if selfThr > 0 {
		ds, err := tonedata.LoadDirected(dir, true, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		unlab = targetExamples(t, lx, ds)
		for i := range unlab {
			unlab[i].feats = slices.DeleteFunc(unlab[i].feats, func(f feature) bool { return f.name == "dom:ds" })
		}
		t.Logf("%d unlabelled mentions for self-training", len(unlab))
	}
	// Knobs whose features or predictions the runtime model cannot
	// express: they give figures only.
	if !trainDry && (len(expGroups) > 0 || os.Getenv("DIPLOTEXT_DSSTACK") != "" || os.Getenv("DIPLOTEXT_TGT_2STAGE") != "" || os.Getenv("DIPLOTEXT_TGT_MLP") != "") {
		t.Fatal("DIPLOTEXT_TGT_X, DIPLOTEXT_DSSTACK, DIPLOTEXT_TGT_2STAGE and DIPLOTEXT_TGT_MLP give figures only: add -dry")
	}
	// DIPLOTEXT_DSSTACK=1|neutral: the scores of a model learned on the
	// directed-sentiment targets (with their no-relation pairs as neutral
	// for neutral) as features of the NewsMTSC model (stacking; that model
	// sees no NewsMTSC label, so the CV stays honest).
	if m := os.Getenv("DIPLOTEXT_DSSTACK"); m != "" {
		ds, err := tonedata.LoadDirected(dir, m == "neutral", 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		dsx := targetExamples(t, lx, ds)
		for i := range dsx {
			dsx[i].feats = slices.DeleteFunc(dsx[i].feats, func(f feature) bool { return f.name == "dom:ds" })
		}
		dm := fitLR(dsx, 1e-3, 1, 77)
		sc := envFloat("DIPLOTEXT_DSSTACK_SCALE", 0.25)
		for i := range ex {
			z := dm.logits(ex[i].feats)
			ex[i].feats = append(ex[i].feats, feature{"dss:pn", float32(sc * (z[2] - z[0]))})
			if m == "neutral" {
				ex[i].feats = append(ex[i].feats, feature{"dss:neu", float32(sc * (z[1] - (z[0]+z[2])/2))})
			}
		}
		t.Logf("stacked a model of %d directed-sentiment targets", len(dsx))
	}
	gold := make([]int, len(ex))
	pred := make([]int, len(ex))
	for i, e := range ex {
		gold[i] = e.class
		var clause, sent float64
		for _, f := range e.feats {
			switch f.name {
			case "lex:clause":
				clause = float64(f.val)
			case "lex:sent":
				sent = float64(f.val)
			}
		}
		pred[i] = polClass(clause, 0.1)
		_ = sent
	}
	t.Logf("lexicon, target clause: macro-F1 %.3f", tonedata.MacroF1(gold, pred))
	for i, e := range ex {
		for _, f := range e.feats {
			if f.name == "lex:sent" {
				pred[i] = polClass(float64(f.val), 0.05)
			}
		}
	}
	t.Logf("lexicon, whole sentence: macro-F1 %.3f", tonedata.MacroF1(gold, pred))
	if e := os.Getenv("DIPLOTEXT_MINCOUNT"); e != "" {
		fmt.Sscan(e, &tgtMinCount)
	}
	lambdas := []float64{1e-3}
	epochs := 1
	if e := os.Getenv("DIPLOTEXT_EPOCHS"); e != "" {
		fmt.Sscan(e, &epochs)
	}
	if os.Getenv("DIPLOTEXT_LAMBDA") != "" {
		var l float64
		fmt.Sscan(os.Getenv("DIPLOTEXT_LAMBDA"), &l)
		lambdas = []float64{l}
	}
	oof := make([][3]float64, len(ex))
	// With DIPLOTEXT_TGT_LEX=foldlearned the lexicon sums are read with
	// the learned polarity weights, learned for each fold without the news
	// sentences of that fold's stories (so no label leaks into the figure).
	var pp *polPrep
	if os.Getenv("DIPLOTEXT_TGT_LEX") == "foldlearned" {
		pp = preparePolarity(t, dir)
	}
	for _, lambda := range lambdas {
		for k := range 5 {
			exk := ex
			if pp != nil {
				lxk := foldPolarityLexicon(t, pp, func(g int) bool { return tgtFold(&tgtExample{group: g}) != k })
				exk = targetExamples(t, lxk, data)
				if len(exk) != len(ex) {
					t.Fatalf("fold %d: %d examples, want %d", k, len(exk), len(ex))
				}
			}
			var tr []tgtExample
			for _, e := range exk {
				if tgtFold(&e) != k {
					tr = append(tr, e)
				}
			}
			tr = append(tr, extra...)
			if os.Getenv("DIPLOTEXT_TGT_2STAGE") != "" {
				np, pn := fitTwoStage(tr, lambda, epochs, uint64(k))
				thr := envFloat("DIPLOTEXT_TGT_2THR", 0.5)
				for i, e := range exk {
					if tgtFold(&e) == k {
						pred[i] = predictTwoStage(np, pn, e.feats, thr)
					}
				}
				continue
			}
			if hid := int(envFloat("DIPLOTEXT_TGT_MLP", 0)); hid > 0 {
				// An ensemble of lrSeeds networks, their probabilities averaged.
				ps := make([][3]float64, len(exk))
				for sd := range lrSeeds {
					mm := fitMLP(tr, hid, int(envFloat("DIPLOTEXT_TGT_MLP_EPOCHS", 1)), lambda, lrRate, envFloat("DIPLOTEXT_TGT_MLP_RATE", 0.01), uint64(k*1000+sd))
					for i, e := range exk {
						if tgtFold(&e) == k {
							p := mm.predict(e.feats)
							for c := range 3 {
								ps[i][c] += p[c]
							}
						}
					}
				}
				for i, e := range exk {
					if tgtFold(&e) == k {
						pred[i] = argmax3(ps[i])
					}
				}
				continue
			}
			m := fitLR(tr, lambda, epochs, uint64(k))
			if selfThr > 0 {
				// Self-training: the unlabelled directed-sentiment
				// mentions the fold's model reads with confidence, as
				// extra examples of the class it reads.
				var pseudo []tgtExample
				for _, u := range unlab {
					pr := m.probs(u.feats)
					if c := argmax3(pr); pr[c] >= selfThr {
						u.class = c
						pseudo = append(pseudo, u)
					}
				}
				t.Logf("fold %d: %d pseudo-labelled examples", k, len(pseudo))
				m = fitLR(append(slices.Clip(tr), pseudo...), lambda, epochs, uint64(k))
			}
			for i, e := range exk {
				if tgtFold(&e) == k {
					pred[i] = m.predict(e.feats)
					oof[i] = m.logits(e.feats)
				}
			}
		}
		if os.Getenv("DIPLOTEXT_TGT_ORACLE") != "" {
			b, f1 := bestBias(oof, gold)
			t.Logf("oracle class biases %v on the CV logits: macro-F1 %.3f (not an estimate)", b, f1)
		}
		acc := 0
		for i := range gold {
			if gold[i] == pred[i] {
				acc++
			}
		}
		var cm [3][3]int
		for i := range gold {
			cm[gold[i]][pred[i]]++
		}
		t.Logf("confusion (gold rows neg/neu/pos): %v", cm)
		t.Logf("5-fold CV (folds by %s) lambda=%g epochs=%d: macro-F1 %.3f accuracy %.3f", foldName(), lambda, epochs, tonedata.MacroF1(gold, pred), float64(acc)/float64(len(gold)))
	}
	if trainDry {
		return
	}
	lambda := lambdas[len(lambdas)-1]
	m := fitLR(append(slices.Clip(ex), extra...), lambda, epochs, 99)
	var b strings.Builder
	b.WriteString("# Code generated by tone/internal/train (go generate ./tone; tone/train.go); DO NOT EDIT.\n")
	b.WriteString("# Multinomial logistic regression (classes negative, neutral, positive) learned from\n")
	b.WriteString("# NewsMTSC train.jsonl (Hamborg & Donnay 2021, MIT licence): features of a target's clause and context.\n")
	fmt.Fprintf(&b, "# lambda=%g epochs=%d adagrad-rate=%g averaged-over-orders=%d\n", lambda, epochs, lrRate, lrSeeds)
	names := make([]string, 0, len(m.idx))
	for k, j := range m.idx {
		w := m.w[j]
		if math.Max(math.Abs(w[0]), math.Max(math.Abs(w[1]), math.Abs(w[2]))) >= 0.01 {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	for _, k := range names {
		w := m.w[m.idx[k]]
		fmt.Fprintf(&b, "%s\t%.3f\t%.3f\t%.3f\n", k, w[0], w[1], w[2])
	}
	gzPath := filepath.Join(trainModelDir, "model", "target.txt.gz")
	writeGz(t, gzPath, b.String())
	// The binary form that is embedded, from the text just written, so the
	// two hold the same float32 weights.
	gz, err := os.ReadFile(gzPath)
	if err != nil {
		t.Fatal(err)
	}
	tm, err := parseTarget(gz)
	if err != nil {
		t.Fatal(err)
	}
	bin, err := encodeTargetBin(tm.w)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(trainModelDir, "model", "target.bin"), bin)
	t.Logf("%d features written", len(names))
}

func polClass(s, band float64) int {
	switch {
	case s >= band:
		return 2
	case s <= -band:
		return 0
	}
	return 1
}

var tgtFoldSeed = int(envFloat("DIPLOTEXT_FOLDSEED", 0))

func foldName() string {
	if os.Getenv("DIPLOTEXT_FOLD") == "sentence" {
		return "sentence"
	}
	return "story/article"
}

// targetLexicon is the lexicon whose rule-based sums feed the targeted
// model: the base lexicon, as in Toward (see Labeler.tlx).
func targetLexicon() (*lexicon, error) {
	if os.Getenv("DIPLOTEXT_TGT_LEX") == "default" {
		return defaultLexicon()
	}
	return baseLexicon()
}

// trainPerSenT measures (never writes) whether training the targeted model
// on PerSenT mentions as well lifts the article-level tone toward the main
// person: each name mention in a labelled paragraph is an example with the
// paragraph's label. 5-fold CV by article: for each fold the model is
// learned on all of NewsMTSC plus the other folds' mentions, an article's
// score is the mean P(positive)-P(negative) over its mentions, and the
// shift and band are chosen on the other folds. The same harness with the
// NewsMTSC-only model is the baseline. DIPLOTEXT_PS_DOMAIN=1 marks the
// PerSenT examples (and the articles read) with a feature of their own.
func trainPerSenT(t trainT, dir string) {
	arts, err := tonedata.LoadPerSenT(dir)
	if err != nil {
		t.Fatal(err)
	}
	lx, err := targetLexicon()
	if err != nil {
		t.Fatal(err)
	}
	mtsc := targetExamples(t, lx, mustNewsMTSC(t, dir))
	domain := os.Getenv("DIPLOTEXT_PS_DOMAIN") == "1"
	type art struct {
		fold  int
		gold  int
		feats [][]feature
	}
	var sc scratch
	var as []art
	var psEx []tgtExample
	for i, a := range arts {
		d := text.Parse(a.Text)
		// Paragraph (line) of each byte offset.
		var lineStart []int
		off := 0
		for _, line := range strings.Split(a.Text, "\n") {
			lineStart = append(lineStart, off)
			off += len(line) + 1
		}
		ar := art{fold: (i * 7919) % 5, gold: a.Gold}
		for _, sp := range tonedata.NameMentions(a.Text, a.Person) {
			si, first, last, ok := targetSpan(d, sp[0], sp[1])
			if !ok {
				continue
			}
			st := lx.analyzeSentence(d, si, &sc)
			f := lx.targetFeatures(d, si, first, last, st, &sc, nil)
			if tgtExtra {
				f = extraTargetFeatures(d, si, first, last, &sc, f)
			}
			if domain {
				f = append(f, feature{"dom:ps", 1})
			}
			ar.feats = append(ar.feats, f)
			p := sort.SearchInts(lineStart, sp[0]+1) - 1
			if p >= 0 && p < len(a.Paragraphs) && a.Paragraphs[p] >= -1 {
				psEx = append(psEx, tgtExample{f, a.Paragraphs[p] + 1, -1 - i, ar.fold, true})
			}
		}
		as = append(as, ar)
	}
	t.Logf("%d articles, %d labelled mentions", len(as), len(psEx))
	scoreOf := func(m *lrModel, a *art) float64 {
		if len(a.feats) == 0 {
			return 0
		}
		var s float64
		for _, f := range a.feats {
			p := m.probs(f)
			s += p[2] - p[0]
		}
		return s / float64(len(a.feats))
	}
	cvF1 := func(scores []float64) (float64, float64) {
		var gold, pred []int
		for k := range 5 {
			bestM, bs, bb := -1.0, 0.0, 0.0
			for j := -20; j <= 20; j++ {
				for b := 0; b <= 20; b++ {
					shift, band := float64(j)/50, float64(b)/50
					var g, p []int
					for i := range as {
						if as[i].fold != k {
							g = append(g, as[i].gold+1)
							p = append(p, polClass(scores[i]-shift, band))
						}
					}
					if m := tonedata.MacroF1(g, p); m > bestM {
						bestM, bs, bb = m, shift, band
					}
				}
			}
			for i := range as {
				if as[i].fold == k {
					gold = append(gold, as[i].gold+1)
					pred = append(pred, polClass(scores[i]-bs, bb))
				}
			}
		}
		acc := 0
		for i := range gold {
			if gold[i] == pred[i] {
				acc++
			}
		}
		return tonedata.MacroF1(gold, pred), float64(acc) / float64(len(gold))
	}
	scores := make([]float64, len(as))
	base := fitLR(mtsc, 1e-3, 1, 99)
	for i := range as {
		scores[i] = scoreOf(base, &as[i])
	}
	f1, acc := cvF1(scores)
	t.Logf("NewsMTSC-only model, mean mention tone, shift and band by CV: macro-F1 %.3f accuracy %.3f", f1, acc)
	// Article features learned: a class-weighted logistic regression over
	// the distribution of the mention tones (mean, min, max of P(pos) -
	// P(neg), mean P(neg) and P(pos), shares of mentions read negative and
	// positive, the first mention's tone, log mention count), 5-fold CV by
	// article.
	docEx := make([]tgtExample, len(as))
	for i := range as {
		a := &as[i]
		var fs []feature
		if n := len(a.feats); n > 0 {
			var mean, mn, mx, p0, p2, sn, sp float64
			mn, mx = 1, -1
			for j, f := range a.feats {
				p := base.probs(f)
				v := p[2] - p[0]
				mean += v
				mn, mx = min(mn, v), max(mx, v)
				p0 += p[0]
				p2 += p[2]
				switch {
				case p[0] > p[1] && p[0] > p[2]:
					sn++
				case p[2] > p[1] && p[2] > p[0]:
					sp++
				}
				if j == 0 {
					fs = append(fs, feature{"first", float32(v)})
				}
			}
			nf := float64(n)
			fs = append(fs, feature{"mean", float32(mean / nf)}, feature{"min", float32(mn)}, feature{"max", float32(mx)},
				feature{"p0", float32(p0 / nf)}, feature{"p2", float32(p2 / nf)}, feature{"sneg", float32(sn / nf)},
				feature{"spos", float32(sp / nf)}, feature{"logn", float32(math.Log1p(nf) / 3)})
		}
		fs = append(fs, feature{"bias", 1})
		docEx[i] = tgtExample{fs, a.gold + 1, i, a.fold, false}
	}
	var dg, dp []int
	for k := range 5 {
		var tr []tgtExample
		for _, e := range docEx {
			if e.group != k {
				tr = append(tr, e)
			}
		}
		m := fitLR(tr, 1e-3, int(envFloat("DIPLOTEXT_PS_EPOCHS", 50)), uint64(k))
		for _, e := range docEx {
			if e.group == k {
				dg = append(dg, e.class)
				dp = append(dp, m.predict(e.feats))
			}
		}
	}
	t.Logf("NewsMTSC-only model, article features learned (logistic regression), 5-fold CV by article: macro-F1 %.3f", tonedata.MacroF1(dg, dp))
	if os.Getenv("DIPLOTEXT_PS_BOW") != "" {
		perSenTBoW(t, arts, scores, func(i int) int { return as[i].fold }, cvF1)
	}
	if os.Getenv("DIPLOTEXT_PS_DOCONLY") != "" {
		return
	}
	w := envFloat("DIPLOTEXT_PS_WEIGHT", 1)
	for k := range 5 {
		tr := slices.Clip(mtsc)
		for _, e := range psEx {
			if e.group != k {
				for range int(w) {
					tr = append(tr, e)
				}
			}
		}
		m := fitLR(tr, 1e-3, 1, uint64(k))
		for i := range as {
			if as[i].fold == k {
				scores[i] = scoreOf(m, &as[i])
			}
		}
	}
	f1, acc = cvF1(scores)
	t.Logf("NewsMTSC + PerSenT mentions (weight %g), 5-fold CV by article: macro-F1 %.3f accuracy %.3f", w, f1, acc)
}

// probs of the 3 classes for feats.
func (m *lrModel) probs(feats []feature) [3]float64 {
	var z [3]float64
	for _, f := range feats {
		if j, ok := m.idx[f.name]; ok {
			for k := range 3 {
				z[k] += m.w[j][k] * float64(f.val)
			}
		}
	}
	return softmax(z)
}

// bestBias returns the biases added to the negative and positive logits
// (neutral's stays 0) that maximise the macro-F1 of the logits z against
// gold, searched on a grid of steps of 0.05 in [-1, 1], and that figure.
func bestBias(z [][3]float64, gold []int) ([3]float64, float64) {
	pred := make([]int, len(z))
	score := func(b [3]float64) float64 {
		for i, v := range z {
			pred[i] = argmax3([3]float64{v[0] + b[0], v[1], v[2] + b[2]})
		}
		return tonedata.MacroF1(gold, pred)
	}
	var best [3]float64
	bestF := score(best)
	for i := -20; i <= 20; i++ {
		for j := -20; j <= 20; j++ {
			b := [3]float64{float64(i) * 0.05, 0, float64(j) * 0.05}
			if f := score(b); f > bestF+1e-9 {
				best, bestF = b, f
			}
		}
	}
	return best, bestF
}

// perSenTBoW measures (DIPLOTEXT_PS_BOW=1) a bag of the words of the
// sentences that name the article's person, learned on PerSenT by a
// class-weighted logistic regression in 5-fold CV by article, as a score
// added to the mean mention tone (scores) with a weight, shift and band
// chosen on the training folds.
func perSenTBoW(t trainT, arts []tonedata.Article, scores []float64, fold func(int) int, cvF1 func([]float64) (float64, float64)) {
	bags := make([][]feature, len(arts))
	for i, a := range arts {
		d := text.Parse(a.Text)
		seen := map[int]bool{}
		for _, sp := range tonedata.NameMentions(a.Text, a.Person) {
			if si := d.SentenceAt(sp[0]); si >= 0 {
				seen[si] = true
			}
		}
		if os.Getenv("DIPLOTEXT_PS_BOWDOC") != "" {
			for si := range d.Sentences {
				seen[si] = true
			}
		}
		words := map[string]bool{}
		for si := range seen {
			sn := d.Sentences[si]
			for j := sn.First; j < sn.Last; j++ {
				tk := d.Tokens[j]
				if tk.Kind == text.Word {
					words["b:"+strings.ToLower(d.Text[tk.Start:tk.End])] = true
				}
			}
		}
		fs := []feature{{"bias", 1}}
		for w := range words {
			fs = append(fs, feature{w, 1})
		}
		slices.SortFunc(fs, func(a, b feature) int { return strings.Compare(a.name, b.name) })
		bags[i] = fs
	}
	saved := tgtMinCount
	tgtMinCount = int(envFloat("DIPLOTEXT_PS_BOWMIN", 5))
	defer func() { tgtMinCount = saved }()
	bow := make([]float64, len(arts))
	var g, p []int
	for k := range 5 {
		var tr []tgtExample
		for i, a := range arts {
			if fold(i) != k {
				tr = append(tr, tgtExample{bags[i], a.Gold + 1, i, k, false})
			}
		}
		m := fitLR(tr, envFloat("DIPLOTEXT_PS_BOWL2", 1e-3), int(envFloat("DIPLOTEXT_PS_BOWEPOCHS", 5)), uint64(k))
		for i, a := range arts {
			if fold(i) == k {
				pr := m.probs(bags[i])
				bow[i] = pr[2] - pr[0]
				g = append(g, a.Gold+1)
				p = append(p, m.predict(bags[i]))
			}
		}
	}
	t.Logf("bag of the person's sentences alone (argmax), 5-fold CV by article: macro-F1 %.3f", tonedata.MacroF1(g, p))
	f1, acc := cvF1(bow)
	t.Logf("bag of the person's sentences alone (P(pos)-P(neg), shift and band by CV): macro-F1 %.3f accuracy %.3f", f1, acc)
	// Nested: for each outer fold, the bag scores of the training articles
	// come from an inner 4-fold CV over them, and the weight, shift and
	// band are chosen on those; the outer fold is read with the model of
	// all four training folds.
	alphas := []float64{0, 0.25, 0.5, 1, 2}
	var ng, np []int
	for k := range 5 {
		inner := make([]float64, len(arts))
		for j := range 5 {
			if j == k {
				continue
			}
			var tr []tgtExample
			for i, a := range arts {
				if f := fold(i); f != k && f != j {
					tr = append(tr, tgtExample{bags[i], a.Gold + 1, i, f, false})
				}
			}
			m := fitLR(tr, envFloat("DIPLOTEXT_PS_BOWL2", 1e-3), int(envFloat("DIPLOTEXT_PS_BOWEPOCHS", 5)), uint64(10*k+j))
			for i := range arts {
				if fold(i) == j {
					pr := m.probs(bags[i])
					inner[i] = pr[2] - pr[0]
				}
			}
		}
		bestF, ba, bs, bb := -1.0, 0.0, 0.0, 0.0
		for _, a := range alphas {
			for sj := -20; sj <= 20; sj++ {
				for b := 0; b <= 20; b++ {
					shift, band := float64(sj)/50, float64(b)/50
					var g, p []int
					for i, ar := range arts {
						if fold(i) != k {
							g = append(g, ar.Gold+1)
							p = append(p, polClass(scores[i]+a*inner[i]-shift, band))
						}
					}
					if f := tonedata.MacroF1(g, p); f > bestF {
						bestF, ba, bs, bb = f, a, shift, band
					}
				}
			}
		}
		for i, ar := range arts {
			if fold(i) == k {
				ng = append(ng, ar.Gold+1)
				np = append(np, polClass(scores[i]+ba*bow[i]-bs, bb))
			}
		}
		t.Logf("fold %d: weight %.2f shift %+.2f band %.2f", k, ba, bs, bb)
	}
	t.Logf("mean mention tone + bag score, weight, shift and band by nested CV: macro-F1 %.3f", tonedata.MacroF1(ng, np))
	for _, a := range []float64{0.25, 0.5, 1, 2} {
		mix := make([]float64, len(arts))
		for i := range mix {
			mix[i] = scores[i] + a*bow[i]
		}
		f1, acc := cvF1(mix)
		t.Logf("mean mention tone + %.2f x bag score: macro-F1 %.3f accuracy %.3f", a, f1, acc)
	}
}

// quadFeatures appends the products of each pair of the features without
// a word ("lex:*", flags).
func quadFeatures(f []feature) []feature {
	var dense []feature
	for _, x := range f {
		if x.name == "bias" {
			continue
		}
		if strings.HasPrefix(x.name, "lex:") || !strings.Contains(x.name, ":") || strings.HasPrefix(x.name, "role:") || strings.HasPrefix(x.name, "pos:") || strings.HasPrefix(x.name, "tgt:") {
			dense = append(dense, x)
		}
	}
	for i := range dense {
		for j := i; j < len(dense); j++ {
			f = append(f, feature{"q:" + dense[i].name + "*" + dense[j].name, dense[i].val * dense[j].val})
		}
	}
	return f
}
