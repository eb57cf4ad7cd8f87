package dedupeeval

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Doc is one generated document with its true group: copies of one
// article share the Cluster of the article.
type Doc struct {
	ID      string `json:"id"`
	Text    string `json:"text"`
	Cluster string `json:"cluster"`
	// Edits lists the transformations applied to make this copy
	// ("header", "footer", "truncate", "drop", "words", "ocr", "lead");
	// empty for an original; "negative" for an unrelated article dressed in
	// another document's boilerplate.
	Edits []string `json:"edits,omitempty"`
}

// Config controls [Generate].
type Config struct {
	Seed uint64
	// Part keeps only articles of one part: "dev", "test" or "" for all.
	Part string
	// Articles is the number of source articles used (0: all of the part).
	Articles int
	// CopyRate is the share of articles that get copies (0: 0.5).
	CopyRate float64
	// NegativeRate is the share of articles re-issued in the boilerplate of
	// another document as hard negatives (0: 0.2).
	NegativeRate float64
}

// PartOf returns "dev" or "test" for an article or story id: a fixed hash
// splits ids about 50/50, so that tuning on "dev" leaves "test" unseen.
func PartOf(id string) string {
	var h uint64 = 14695981039346656037
	for i := 0; i < len(id); i++ {
		h = (h ^ uint64(id[i])) * 1099511628211
	}
	h ^= h >> 29
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 32
	if h&1 == 0 {
		return "dev"
	}
	return "test"
}

// Generate returns originals, copies and negatives built from arts, in a
// shuffled order, deterministically for cfg.Seed.
func Generate(arts []Article, cfg Config) []Doc {
	if cfg.CopyRate == 0 {
		cfg.CopyRate = 0.5
	}
	if cfg.NegativeRate == 0 {
		cfg.NegativeRate = 0.2
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5eed))
	var pool []Article
	for _, a := range arts {
		if cfg.Part == "" || PartOf(a.ID) == cfg.Part {
			pool = append(pool, a)
		}
	}
	rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	if cfg.Articles > 0 && cfg.Articles < len(pool) {
		pool = pool[:cfg.Articles]
	}
	// negatives use articles of their own, never copied elsewhere
	nNeg := int(float64(len(pool)) * cfg.NegativeRate)
	negs, pool := pool[:nNeg], pool[nNeg:]

	var docs []Doc
	var dressed []string // raw texts (with markers) of docs that carry boilerplate
	for _, a := range pool {
		g := &gen{rng: rng}
		orig := Doc{ID: a.ID, Text: a.Text, Cluster: a.ID}
		if rng.Float64() < 0.3 {
			raw := g.header(a.Text)
			orig.Text = strings.ReplaceAll(raw, markHead, "")
			orig.Edits = []string{"header"}
			dressed = append(dressed, raw)
		}
		docs = append(docs, orig)
		if rng.Float64() >= cfg.CopyRate {
			continue
		}
		n := 1 + rng.IntN(3)
		for c := 0; c < n; c++ {
			raw, edits := g.copy(a.Text)
			docs = append(docs, Doc{ID: fmt.Sprintf("%s#copy%d", a.ID, c+1), Text: strings.ReplaceAll(raw, markHead, ""),
				Cluster: a.ID, Edits: edits})
			if hasEdit(edits, "header") || hasEdit(edits, "footer") {
				dressed = append(dressed, raw)
			}
		}
	}
	for _, a := range negs {
		g := &gen{rng: rng}
		d := Doc{ID: a.ID, Text: a.Text, Cluster: a.ID, Edits: []string{"negative"}}
		if len(dressed) > 0 {
			// wrap it in exactly the boilerplate of a dressed document
			d.Text = g.redress(dressed[rng.IntN(len(dressed))], a.Text)
		} else {
			d.Text = g.header(g.footer(a.Text))
		}
		d.Text = strings.ReplaceAll(d.Text, markHead, "")
		docs = append(docs, d)
	}
	rng.Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
	return docs
}

func hasEdit(edits []string, e string) bool {
	for _, x := range edits {
		if x == e {
			return true
		}
	}
	return false
}

type gen struct {
	rng *rand.Rand
}

var outlets = []string{"Global Wire Service", "The Daily Courier", "Associated Newsdesk", "World Affairs Today",
	"Capital Tribune", "Metro Herald Online", "Pacific Syndicate", "Continental Press Agency"}

var months = []string{"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December"}

const (
	markHead = "\u2063" // invisible separators let redress find the boilerplate
)

// header prefixes a syndication header: outlet, byline and dateline.
func (g *gen) header(body string) string {
	o := outlets[g.rng.IntN(len(outlets))]
	var h string
	switch g.rng.IntN(3) {
	case 0:
		h = fmt.Sprintf("%s | %d %s 20%02d | By Staff Reporter\nShare this article on Facebook, Twitter, LinkedIn or by email\n\n", o, 1+g.rng.IntN(28), months[g.rng.IntN(12)], 10+g.rng.IntN(16))
	case 1:
		h = fmt.Sprintf("(%s) - Published %d %s 20%02d. Updated %d minutes ago.\n\n", o, 1+g.rng.IntN(28), months[g.rng.IntN(12)], 10+g.rng.IntN(16), 2+g.rng.IntN(50))
	default:
		h = fmt.Sprintf("Home > News > World\n%s exclusive. Listen to this article. Reading time: %d minutes.\n\n", o, 2+g.rng.IntN(9))
	}
	return h + markHead + body
}

// footer appends syndication boilerplate.
func (g *gen) footer(body string) string {
	o := outlets[g.rng.IntN(len(outlets))]
	var f string
	switch g.rng.IntN(3) {
	case 0:
		f = fmt.Sprintf("\n\nCopyright %s 20%02d. All rights reserved. This material may not be published, broadcast, rewritten or redistributed without permission. Distributed by %s syndication services. For licensing enquiries contact our syndication desk.", o, 10+g.rng.IntN(16), o)
	case 1:
		f = fmt.Sprintf("\n\nRelated stories\nMore from %s\nSign up for our morning newsletter and get the top stories delivered to your inbox every day. Follow us on social media for the latest updates and breaking news alerts. Comments are closed for this article.", o)
	default:
		f = fmt.Sprintf("\n\nReporting by our correspondents; editing by the %s news desk. Our standards: the trust principles apply to all our reporting. Have a news tip? Contact us securely. Advertisement. Continue reading the main story below the advertisement.", o)
	}
	return body + markHead + f
}

// redress wraps body in the header and footer of dressed (a generated text).
func (g *gen) redress(dressed, body string) string {
	head, foot := "", ""
	parts := strings.Split(dressed, markHead)
	switch len(parts) {
	case 3:
		head, foot = parts[0], parts[2]
	case 2:
		if strings.HasPrefix(parts[1], "\n\n") && len(parts[1]) < 400 {
			foot = parts[1]
		} else {
			head = parts[0]
		}
	}
	if head == "" && foot == "" {
		return g.header(g.footer(body))
	}
	return head + markHead + body + markHead + foot
}

// copy applies one to three random transformations to text.
func (g *gen) copy(text string) (string, []string) {
	ops := []string{"header", "footer", "truncate", "drop", "words", "ocr", "lead"}
	g.rng.Shuffle(len(ops), func(i, j int) { ops[i], ops[j] = ops[j], ops[i] })
	ops = ops[:1+g.rng.IntN(3)]
	// apply in a natural order: content edits first, then wrapping, then noise
	order := map[string]int{"lead": 0, "drop": 1, "truncate": 2, "words": 3, "header": 4, "footer": 5, "ocr": 6}
	for i := 1; i < len(ops); i++ {
		for j := i; j > 0 && order[ops[j]] < order[ops[j-1]]; j-- {
			ops[j], ops[j-1] = ops[j-1], ops[j]
		}
	}
	for _, op := range ops {
		switch op {
		case "header":
			text = g.header(text)
		case "footer":
			text = g.footer(text)
		case "truncate":
			text = g.truncate(text, 0.6+0.2*g.rng.Float64())
		case "drop":
			text = g.drop(text, 0.1+0.1*g.rng.Float64())
		case "words":
			text = g.words(text, 0.03+0.04*g.rng.Float64())
		case "ocr":
			text = g.ocr(text, 0.01)
		case "lead":
			text = g.lead(text)
		}
	}
	return text, ops
}

// truncate keeps the first frac of the words, cut at a word boundary.
func (g *gen) truncate(text string, frac float64) string {
	n := int(float64(len(text)) * frac)
	for n < len(text) && text[n] != ' ' && text[n] != '\n' {
		n++
	}
	return text[:n]
}

// sentences splits text at ". " and paragraph breaks, keeping separators.
func sentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i+1 < len(text); i++ {
		if (text[i] == '.' && (text[i+1] == ' ' || text[i+1] == '\n')) || (text[i] == '\n' && text[i+1] == '\n') {
			out = append(out, text[start:i+2])
			start = i + 2
			i++
		}
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}

// drop removes a share of the sentences.
func (g *gen) drop(text string, frac float64) string {
	ss := sentences(text)
	var b strings.Builder
	for _, s := range ss {
		if len(ss) > 3 && g.rng.Float64() < frac {
			continue
		}
		b.WriteString(s)
	}
	return b.String()
}

var fillers = []string{"reportedly", "also", "now", "officially", "again", "further", "still", "recently", "the", "said"}

// words edits a share of the words: replace, delete, insert or swap.
func (g *gen) words(text string, frac float64) string {
	w := strings.Split(text, " ")
	out := make([]string, 0, len(w)+8)
	for i := 0; i < len(w); i++ {
		if g.rng.Float64() >= frac || w[i] == "" {
			out = append(out, w[i])
			continue
		}
		switch g.rng.IntN(4) {
		case 0: // replace with a synonym-like filler
			out = append(out, fillers[g.rng.IntN(len(fillers))])
		case 1: // delete
		case 2: // insert
			out = append(out, fillers[g.rng.IntN(len(fillers))], w[i])
		default: // swap with the next
			if i+1 < len(w) {
				out = append(out, w[i+1], w[i])
				i++
			} else {
				out = append(out, w[i])
			}
		}
	}
	return strings.Join(out, " ")
}

var ocrSubs = map[byte]string{'m': "rn", 'l': "1", 'o': "0", 'e': "c", 'i': "l", 'a': "o", 'n': "h", 's': "5",
	'O': "0", 'I': "l", 'B': "8", 'S': "5", 'h': "b", 'c': "e", 'u': "v", 't': "f", 'r': "n", 'g': "q"}

// ocr substitutes, drops or doubles a share rate of the letters, and
// sometimes joins two words.
func (g *gen) ocr(text string, rate float64) string {
	var b strings.Builder
	b.Grow(len(text) + len(text)/50)
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c >= 0x80 || g.rng.Float64() >= rate || c == '\n' {
			b.WriteByte(c)
			continue
		}
		switch r := g.rng.IntN(10); {
		case r < 6:
			if s, ok := ocrSubs[c]; ok {
				b.WriteString(s)
			} else {
				b.WriteByte(c)
			}
		case r < 8: // dropped character (a dropped space joins words)
		default:
			b.WriteByte(c)
			b.WriteByte(c)
		}
	}
	return b.String()
}

// lead moves the first paragraph (or sentence) after the second one.
func (g *gen) lead(text string) string {
	ps := strings.Split(text, "\n\n")
	if len(ps) >= 3 {
		ps[0], ps[1] = ps[1], ps[0]
		return strings.Join(ps, "\n\n")
	}
	ss := sentences(text)
	if len(ss) >= 3 {
		ss[0], ss[1] = ss[1], ss[0]
		return strings.Join(ss, "")
	}
	return text
}
