package server

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/diplotext/diplotext/dedupe"
	"github.com/diplotext/diplotext/internal/grouping"
)

// Deduper is the server's view of a dedupe index: the one place to adapt
// when the dedupe package's types change. Add groups one document with the
// documents added before it; Close flushes and closes its store.
type Deduper interface {
	Add(ctx context.Context, id, text string, t time.Time) (Cluster, error)
	Close() error
}

// Cluster is the group of one added document, the object "diplotext dedupe"
// prints: Cluster is the id of the first document of the group.
type Cluster struct {
	ID      string    `json:"id"`
	Cluster string    `json:"cluster"`
	Similar []Similar `json:"similar,omitempty"`
}

// Similar is one earlier document a new document matched.
type Similar struct {
	ID     string  `json:"id"`
	Score  float64 `json:"score"`
	Method string  `json:"method,omitempty"`
}

// errDuplicateID marks an id already in the index (409 Conflict).
var errDuplicateID = errors.New("duplicate document id")

// OpenIndex opens a dedupe index of mode "near" or "story" on the store
// named by url ("" for memory, "file:PATH", or "redis://host:port/db" in
// near mode), as "diplotext dedupe --store" does.
func OpenIndex(ctx context.Context, mode, url string) (Deduper, error) {
	g, err := grouping.Open(ctx, mode, 0, url)
	if err != nil {
		return nil, err
	}
	return indexDeduper{g}, nil
}

type indexDeduper struct{ g *grouping.Grouper }

func (d indexDeduper) Add(ctx context.Context, id, text string, t time.Time) (Cluster, error) {
	r, err := d.g.AddAt(ctx, id, text, t)
	if err != nil {
		if errors.Is(err, dedupe.ErrDuplicateID) {
			return Cluster{}, fmt.Errorf("%w: %w", errDuplicateID, err)
		}
		return Cluster{}, err
	}
	c := Cluster{ID: r.ID, Cluster: r.Cluster}
	for _, s := range r.Similar {
		c.Similar = append(c.Similar, Similar{ID: s.ID, Score: s.Score, Method: s.Method})
	}
	return c, nil
}

func (d indexDeduper) Close() error { return d.g.Close() }
