package dedupeeval

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"
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
