// Package lang tells which language a text is written in, so that text in a
// language the English models of diplotext do not support is not fed to
// them.
//
// [Detect] returns an ISO 639-1 code ("en", "fr", "ru", "zh", ...) and a
// confidence, or "" when it cannot decide: too few letters, or no language
// clearly ahead of the others. It reads a bounded sample of the text (the
// first [SampleBytes] bytes), so its cost does not grow with the length of
// a document.
//
// Detection is by script, then, for scripts several languages share
// (Latin, Cyrillic, Arabic, Devanagari, Hebrew, Ethiopic), by the trigram
// profiles of github.com/abadojack/whatlanggo (MIT; a Go port of franc),
// generated into this package by go generate ([ProfilesVersion]) and
// scored with an inverted index, so that a detection costs a few
// microseconds a headline. The distance is whatlanggo's rank distance
// (capped per trigram); the guards are written for diplotext and measured
// in docs/lang.md: a minimum number of letters, a confidence threshold
// below which the answer is "" rather than a guess, and a margin English
// keeps on Latin text: another language must beat English clearly, since
// short English headlines are where trigram profiles are weakest. Callers
// that run English models should treat "" as "possibly English" and skip
// only a decided other language.
//
// Everything in the package is safe for concurrent use.
package lang

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/diplotext/diplotext/text"
)

//go:generate go run ./internal/gen -o profiles_gen.go

// SampleBytes is the length of the prefix of a text that [Detect] reads.
const SampleBytes = 2048

// MinLetters is the number of letters below which [Detect] does not decide.
const MinLetters = 12

// MinConfidence is the confidence below which [Detect] returns "" rather
// than its best guess (whatlanggo's confidence: 1 when the best language is
// far ahead of the second).
const MinConfidence = 0.05

// EnglishMargin is how much closer than English another language must be
// to Latin-script text for [Detect] to return it: its rank distance must
// be below EnglishMargin times English's.
const EnglishMargin = 0.97

// English is the code of English, the language of the models of diplotext.
const English = "en"

// Profile scoring constants, as in whatlanggo.
const (
	maxTrigramDistance = 300
	profileLen         = 300
	maxTotalDistance   = maxTrigramDistance * profileLen
)

// trigram packs three characters (21 bits each) into one key.
type trigram uint64

func pack(a, b, c rune) trigram {
	return trigram(uint64(a&0x1fffff)<<42 | uint64(b&0x1fffff)<<21 | uint64(c&0x1fffff))
}

type posting struct {
	lang int16 // index into model.codes
	rank int16
}

// model is the decoded profiles: for each trigram, the languages whose
// profile holds it and its rank there.
type model struct {
	codes   []string
	script  []string // script of each language
	index   map[trigram][]posting
	english int
}

var loadModel = sync.OnceValue(func() *model {
	m := &model{index: map[trigram][]posting{}, english: -1}
	for i, p := range profileData {
		m.codes = append(m.codes, p.code)
		m.script = append(m.script, p.script)
		if p.code == English {
			m.english = i
		}
		for r, t := range strings.Split(p.trigrams, "|") {
			var rs [3]rune
			k := 0
			for _, c := range t {
				if k < 3 {
					rs[k] = c
				}
				k++
			}
			if k != 3 {
				continue
			}
			tg := pack(rs[0], rs[1], rs[2])
			m.index[tg] = append(m.index[tg], posting{int16(i), int16(r)})
		}
	}
	return m
})

// direct maps the scripts of one language to it.
var direct = []struct {
	table *unicode.RangeTable
	code  string
}{
	{unicode.Hangul, "ko"}, {unicode.Greek, "el"}, {unicode.Georgian, "ka"}, {unicode.Thai, "th"},
	{unicode.Bengali, "bn"}, {unicode.Tamil, "ta"}, {unicode.Telugu, "te"}, {unicode.Kannada, "kn"},
	{unicode.Malayalam, "ml"}, {unicode.Gujarati, "gu"}, {unicode.Gurmukhi, "pa"}, {unicode.Oriya, "or"},
	{unicode.Myanmar, "my"}, {unicode.Sinhala, "si"}, {unicode.Khmer, "km"},
}

// profiled are the scripts several profiled languages share.
var profiled = []struct {
	table *unicode.RangeTable
	name  string
}{
	{unicode.Cyrillic, "Cyrillic"}, {unicode.Arabic, "Arabic"}, {unicode.Devanagari, "Devanagari"},
	{unicode.Hebrew, "Hebrew"}, {unicode.Ethiopic, "Ethiopic"},
}

// Languages returns the ISO 639-1 codes [Detect] can return, sorted.
func Languages() []string {
	out := slices.Clone(loadModel().codes)
	out = append(out, "zh", "ja")
	for _, d := range direct {
		out = append(out, d.code)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Detect returns the ISO 639-1 code of the language s is written in and a
// confidence in (0, 1], or "" and 0 when it cannot decide: s has fewer
// than [MinLetters] letters in its first [SampleBytes] bytes, its script
// is one no profile covers, or no language is clearly ahead (confidence
// below [MinConfidence]). It accepts any bytes (invalid UTF-8 is skipped)
// and reads at most SampleBytes of s.
func Detect(s string) (code string, confidence float64) {
	sample := prefix(s, SampleBytes)
	script, letters := dominantScript(sample)
	if letters < MinLetters {
		return "", 0
	}
	switch script {
	case "":
		return "", 0
	case "Latin", "Cyrillic", "Arabic", "Devanagari", "Hebrew", "Ethiopic":
		return scoreProfiles(sample, script)
	}
	return script, 1 // a script of one language: its code
}

// DetectDocument is [Detect] on the text of d; a nil d is the empty
// document, for which it returns "" and 0.
func DetectDocument(d *text.Document) (code string, confidence float64) {
	if d == nil {
		return "", 0
	}
	return Detect(d.Text)
}

// dominantScript returns the script most letters of s are in (a profiled
// script's name, or the code of a one-language script, "zh" or "ja"), and
// the number of letters.
func dominantScript(s string) (script string, letters int) {
	var latin, han, kana int
	var prof [5]int
	var dir [16]int
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'a' <= r|0x20 && r|0x20 <= 'z' {
				latin++
				letters++
			}
			continue
		}
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		switch {
		case r < 0x250 || unicode.Is(unicode.Latin, r):
			latin++
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			kana++
		default:
			found := false
			for i, p := range profiled {
				if unicode.Is(p.table, r) {
					prof[i]++
					found = true
					break
				}
			}
			if !found {
				for i, d := range direct {
					if unicode.Is(d.table, r) {
						dir[i]++
						break
					}
				}
			}
		}
	}
	best, script := latin, "Latin"
	if han+kana > best {
		best, script = han+kana, "zh"
		if kana*10 >= han+kana { // Japanese mixes kanji with kana
			script = "ja"
		}
	}
	for i, n := range prof {
		if n > best {
			best, script = n, profiled[i].name
		}
	}
	for i, d := range direct {
		if dir[i] > best {
			best, script = dir[i], d.code
		}
	}
	if best == 0 {
		return "", letters
	}
	return script, letters
}

// trigramRune maps a character as whatlanggo does: lower case, and a
// space for spaces, punctuation, symbols and digits.
func trigramRune(r rune) rune {
	if r < utf8.RuneSelf {
		switch {
		case 'A' <= r && r <= 'Z':
			return r + 'a' - 'A'
		case 'a' <= r && r <= 'z':
			return r
		}
		return ' '
	}
	if unicode.IsSymbol(r) || unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsDigit(r) {
		return ' '
	}
	return unicode.ToLower(r)
}

type counted struct {
	t trigram
	n int32
}

type scratch struct {
	index  map[trigram]int32 // position in list
	list   []counted         // trigrams in order of first occurrence
	sorted []counted
	hist   []int32
	score  []int
}

var scratchPool = sync.Pool{New: func() any { return &scratch{index: map[trigram]int32{}} }}

// scoreProfiles ranks the trigrams of s and compares them with the
// profiles of the languages of script.
func scoreProfiles(s, script string) (string, float64) {
	m := loadModel()
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	clear(sc.index)
	sc.list = sc.list[:0]
	maxN := int32(0)
	r1, r2 := ' ', rune(0)
	first := true
	emit := func(r3 rune) {
		if first {
			r2, first = r3, false
			return
		}
		if !(r2 == ' ' && (r1 == ' ' || r3 == ' ')) {
			t := pack(r1, r2, r3)
			if i, ok := sc.index[t]; ok {
				sc.list[i].n++
				maxN = max(maxN, sc.list[i].n)
			} else {
				sc.index[t] = int32(len(sc.list))
				sc.list = append(sc.list, counted{t, 1})
				maxN = max(maxN, 1)
			}
		}
		r1, r2 = r2, r3
	}
	for _, r := range s {
		emit(trigramRune(r))
	}
	emit(' ')
	// Most frequent first, ties in order of first occurrence: a counting
	// sort, linear in the sample.
	sc.hist = slices.Grow(sc.hist[:0], int(maxN)+2)[:maxN+2]
	clear(sc.hist)
	for _, c := range sc.list {
		sc.hist[maxN-c.n+1]++
	}
	for i := 1; i < len(sc.hist); i++ {
		sc.hist[i] += sc.hist[i-1]
	}
	sc.sorted = slices.Grow(sc.sorted[:0], len(sc.list))[:len(sc.list)]
	for _, c := range sc.list {
		k := maxN - c.n
		sc.sorted[sc.hist[k]] = c
		sc.hist[k]++
	}
	if cap(sc.score) < len(m.codes) {
		sc.score = make([]int, len(m.codes))
	}
	score := sc.score[:len(m.codes)]
	clear(score)
	for rank, c := range sc.sorted {
		if rank >= profileLen+maxTrigramDistance {
			break // too far from every profile rank to count
		}
		for _, p := range m.index[c.t] {
			d := rank - int(p.rank)
			if d < 0 {
				d = -d
			}
			if d < maxTrigramDistance {
				score[p.lang] += maxTrigramDistance - d
			}
		}
	}
	best, second := -1, -1
	for i, v := range score {
		if m.script[i] != script {
			continue
		}
		if best < 0 || v > score[best] {
			best, second = i, best
		} else if second < 0 || v > score[second] {
			second = i
		}
	}
	if best < 0 || score[best] == 0 {
		return "", 0
	}
	if script == "Latin" && best != m.english && m.english >= 0 {
		// English keeps its place unless another language is clearly closer.
		dBest, dEn := maxTotalDistance-score[best], maxTotalDistance-score[m.english]
		if float64(dBest) >= EnglishMargin*float64(dEn) {
			best, second = m.english, best
		}
	}
	conf := confidence(score[best], score[second], len(sc.sorted))
	if conf < MinConfidence {
		return "", 0
	}
	return m.codes[best], conf
}

// confidence is whatlanggo's: how far the best score is ahead of the
// second, against a threshold that falls with the number of trigrams.
func confidence(best, second, ntri int) float64 {
	if second <= 0 {
		return min(float64(best)/500, 1)
	}
	if best <= second {
		return 0
	}
	rate := float64(best-second) / float64(second)
	confident := 12/float64(ntri) + 0.05
	if rate > confident {
		return 1
	}
	return rate / confident
}

// prefix returns s cut to at most n bytes, at a character boundary.
func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && i > n-utf8.UTFMax && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}
