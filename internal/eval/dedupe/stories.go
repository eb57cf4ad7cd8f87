package dedupeeval

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Headline is one row of the UCI news aggregator sample.
type Headline struct {
	ID, Title, Publisher, Story string
	Time                        time.Time
}

// LoadHeadlines reads uci-news-aggregator/uci-news-aggregator-sample.csv
// from dir (columns ID, TITLE, URL, PUBLISHER, CATEGORY, STORY, HOSTNAME,
// TIMESTAMP in milliseconds), in file order.
func LoadHeadlines(dir string) ([]Headline, error) {
	path := filepath.Join(dir, "uci-news-aggregator", "uci-news-aggregator-sample.csv")
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("dedupeeval: %w", err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("dedupeeval: %s: %w", path, err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("dedupeeval: %s: empty", path)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, c := range []string{"ID", "TITLE", "STORY", "TIMESTAMP", "PUBLISHER"} {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("dedupeeval: %s: no %s column", path, c)
		}
	}
	var out []Headline
	for _, r := range recs[1:] {
		ms, _ := strconv.ParseInt(r[col["TIMESTAMP"]], 10, 64)
		out = append(out, Headline{ID: r[col["ID"]], Title: r[col["TITLE"]], Publisher: r[col["PUBLISHER"]],
			Story: r[col["STORY"]], Time: time.UnixMilli(ms).UTC()})
	}
	return out, nil
}

// Pair is two headlines and whether they report one story.
type Pair struct {
	A, B Headline
	Same bool
}

// StoryPairs returns, from the headlines of one part ("dev", "test" or ""
// for all, split by story as [PartOf] splits), every same-story pair of
// consecutive headlines of a story, and as many different-story pairs that
// share a word: each headline with the next headline of another story (in
// file order, wrapping) that has a word of four or more letters in common
// with it, so that a pair is not told apart by having no word in common.
// The order is fixed.
func StoryPairs(hs []Headline, part string) []Pair {
	var kept []Headline
	by := map[string][]Headline{}
	var order []string
	for _, h := range hs {
		if part != "" && PartOf(h.Story) != part {
			continue
		}
		if _, ok := by[h.Story]; !ok {
			order = append(order, h.Story)
		}
		by[h.Story] = append(by[h.Story], h)
		kept = append(kept, h)
	}
	var same, diff []Pair
	for _, s := range order {
		g := by[s]
		for j := 1; j < len(g); j++ {
			same = append(same, Pair{A: g[j-1], B: g[j], Same: true})
		}
	}
	words := make([]map[string]bool, len(kept))
	for i, h := range kept {
		words[i] = map[string]bool{}
		for _, w := range strings.FieldsFunc(strings.ToLower(h.Title), func(r rune) bool {
			return !unicode.IsLetter(r)
		}) {
			if len(w) >= 4 {
				words[i][w] = true
			}
		}
	}
	for i, h := range kept {
		for k := 1; k < len(kept); k++ {
			j := (i + k) % len(kept)
			if kept[j].Story == h.Story {
				continue
			}
			shared := false
			for w := range words[i] {
				if words[j][w] {
					shared = true
					break
				}
			}
			if shared {
				diff = append(diff, Pair{A: h, B: kept[j]})
				break
			}
		}
	}
	if len(diff) > len(same) {
		// as many different-story pairs as same-story ones, spread evenly
		sub := make([]Pair, 0, len(same))
		for i := range same {
			sub = append(sub, diff[i*len(diff)/len(same)])
		}
		diff = sub
	}
	return append(same, diff...)
}
