package server

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/diplotext/diplotext/dedupe"
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
	var m dedupe.Mode
	if err := m.UnmarshalText([]byte(mode)); err != nil {
		return nil, err
	}
	if m == dedupe.Story && (strings.HasPrefix(url, "redis://") || strings.HasPrefix(url, "rediss://")) {
		return nil, errors.New("a redis:// store is near mode only; give story mode a file:PATH store or none")
	}
	opts := []dedupe.Option{dedupe.WithMode(m)}
	if url != "" {
		st, err := dedupe.OpenStore(ctx, url)
		if err != nil {
			return nil, err
		}
		opts = append(opts, dedupe.WithStore(st))
	}
	ix, err := dedupe.NewIndex(opts...)
	if err != nil {
		return nil, err
	}
	return indexDeduper{ix}, nil
}

type indexDeduper struct{ ix *dedupe.Index }

func (d indexDeduper) Add(ctx context.Context, id, text string, t time.Time) (Cluster, error) {
	r, err := d.ix.AddTextAt(ctx, id, text, t)
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

func (d indexDeduper) Close() error { return d.ix.Close() }
