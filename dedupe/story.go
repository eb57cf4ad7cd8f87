package dedupe

import (
	"math"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/diplotext/diplotext/text"
)

// Story-mode defaults, tuned on the dev part of the story-clustered
// headlines (see docs/dedupe.md).
const (
	// DefaultStoryThreshold is the cosine similarity between a document's
	// weighted terms and a story's centroid at which the document joins
	// the story.
	DefaultStoryThreshold = 0.05
	// DefaultStoryWindow is how far apart in time two reports of one
	// story may be.
	DefaultStoryWindow = 72 * time.Hour
	// storyPostings bounds the stories remembered per term, so that each
	// new document is compared with a bounded number of stories.
	storyPostings = 256
	// capsBoost multiplies the weight of capitalised words (names).
	capsBoost = 1.5
)

// storyIndex clusters documents into stories in one pass: each document is
// compared with the centroids of the stories that share a term with it
// (through an inverted index capped per term) within the time window, and
// joins the most similar one above the threshold or starts a story.
// Terms are stemmed words weighted by TF-IDF, with document frequencies
// counted as documents arrive.
type storyIndex struct {
	thresh float64
	window time.Duration
	vocab  map[string]uint32
	df     []uint32
	n      int              // documents seen
	ids    map[string]int32 // document → story
	docs   []string         // story → first document id
	cents  []centroid
	post   map[uint32][]int32 // term → stories, most recent last
}

type centroid struct {
	w map[uint32]float64
	// terms are the keys of w in increasing order: the norm is summed in
	// that order, so that it does not depend on map iteration order and
	// one stream gives the same groups in every run, and after a reload.
	terms []uint32
	norm  float64
	last  time.Time
	first time.Time
}

type termWeight struct {
	term uint32
	w    float64
}

func newStoryIndex(c config) *storyIndex {
	return &storyIndex{thresh: c.storyThresh, window: c.window, vocab: map[string]uint32{},
		ids: map[string]int32{}, post: map[uint32][]int32{}}
}

var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the and or but of to in on at for by with from as is are was were be been
		being it its this that these those he she they we you i his her their our your my me him them us
		not no so if than then too very can will would should could may might must do does did has have had
		up down out over under into onto about after before again more most some any all each both few other
		such only own same just now new says said say s t after vs via how what why when where who which
		while amid says report reports`) {
		m[w] = true
	}
	return m
}()

// terms returns the weighted, normalised term vector of d and updates the
// document frequencies.
func (s *storyIndex) terms(d *text.Document, learn bool) []termWeight {
	tf := map[uint32]float64{}
	words, caps := 0, 0
	type tok struct {
		id  uint32
		cap bool
	}
	var toks []tok
	for _, t := range d.Tokens {
		if t.Kind != text.Word && t.Kind != text.Number {
			continue
		}
		w := d.Text[t.Start:t.End]
		if len(w) > 64 {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		isCap := unicode.IsUpper(r)
		lw := text.Fold(w)
		lw = strings.TrimSuffix(strings.ReplaceAll(lw, ".", ""), "'s")
		if lw == "" || stopWords[lw] || lw == "'s" || lw == "n't" {
			continue
		}
		words++
		if isCap {
			caps++
		}
		st := lw
		if t.Kind == text.Word {
			st = text.Stem(lw)
		}
		id, ok := s.vocab[st]
		if !ok {
			if !learn {
				continue
			}
			id = uint32(len(s.df))
			s.vocab[st] = id
			s.df = append(s.df, 0)
		}
		toks = append(toks, tok{id, isCap})
	}
	// in Title Case headlines capitals say nothing about names
	titleCase := words > 0 && float64(caps) >= 0.6*float64(words)
	for _, t := range toks {
		w := 1.0
		if t.cap && !titleCase {
			w = capsBoost
		}
		tf[t.id] = max(tf[t.id], w)
	}
	if learn {
		s.n++
		for id := range tf {
			s.df[id]++
		}
	}
	out := make([]termWeight, 0, len(tf))
	var norm float64
	for id, w := range tf {
		idf := math.Log(1 + float64(s.n)/float64(max(s.df[id], 1)))
		v := w * idf
		if v <= 0 {
			continue
		}
		out = append(out, termWeight{id, v})
		norm += v * v
	}
	norm = math.Sqrt(norm)
	for i := range out {
		out[i].w /= norm
	}
	sort.Slice(out, func(a, b int) bool { return out[a].term < out[b].term })
	return out
}

func (s *storyIndex) best(tw []termWeight, t time.Time) (int32, float64) {
	scores := map[int32]float64{}
	for _, x := range tw {
		for _, c := range s.post[x.term] {
			cen := &s.cents[c]
			if !s.inWindow(cen, t) {
				continue
			}
			scores[c] += x.w * cen.w[x.term]
		}
	}
	bestC, bestS := int32(-1), 0.0
	for c, sc := range scores {
		sc /= s.cents[c].norm
		if sc > bestS || (sc == bestS && c < bestC) {
			bestC, bestS = c, sc
		}
	}
	return bestC, bestS
}

func (s *storyIndex) inWindow(c *centroid, t time.Time) bool {
	if t.IsZero() || c.last.IsZero() || s.window <= 0 {
		return true
	}
	return t.Sub(c.last) <= s.window && c.first.Sub(t) <= s.window
}

func (s *storyIndex) add(id string, d *text.Document, t time.Time) (Result, error) {
	if c, ok := s.ids[id]; ok {
		return Result{}, errDup(id, s.docs[c])
	}
	tw := s.terms(d, true)
	c, score := s.best(tw, t)
	res := Result{ID: id, Cluster: id}
	if c >= 0 && score >= s.thresh {
		res.Cluster = s.docs[c]
		res.Similar = []Similar{{ID: s.docs[c], Score: math.Round(score*1000) / 1000, Method: "story"}}
	} else {
		c = int32(len(s.cents))
		s.cents = append(s.cents, centroid{w: map[uint32]float64{}, first: t, last: t})
		s.docs = append(s.docs, id)
	}
	s.ids[id] = c
	cen := &s.cents[c]
	if t.After(cen.last) {
		cen.last = t
	}
	if !t.IsZero() && t.Before(cen.first) {
		cen.first = t
	}
	var norm float64
	for _, x := range tw {
		if _, ok := cen.w[x.term]; !ok {
			p := s.post[x.term]
			if len(p) >= storyPostings {
				p = append(p[:0], p[1:]...)
			}
			s.post[x.term] = append(p, c)
			i, _ := slices.BinarySearch(cen.terms, x.term)
			cen.terms = slices.Insert(cen.terms, i, x.term)
		}
		cen.w[x.term] += x.w
	}
	for _, t := range cen.terms {
		v := cen.w[t]
		norm += v * v
	}
	cen.norm = math.Sqrt(norm)
	return res, nil
}

func (s *storyIndex) query(d *text.Document, t time.Time) []Similar {
	tw := s.terms(d, false)
	c, score := s.best(tw, t)
	if c < 0 || score < s.thresh {
		return nil
	}
	return []Similar{{ID: s.docs[c], Score: math.Round(score*1000) / 1000, Method: "story"}}
}

func (s *storyIndex) remove(id string) {
	delete(s.ids, id)
}

func (s *storyIndex) root(id string) string {
	if c, ok := s.ids[id]; ok {
		return s.docs[c]
	}
	return ""
}

func (s *storyIndex) len() int { return len(s.ids) }
