package dedupe

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// Doc is one document of a batch for [Index.AddBatch].
type Doc struct {
	ID   string
	Text string
}

// batchChunk is the number of documents a worker sketches at a time.
const batchChunk = 32

// AddBatch adds docs as if by calling [Index.Add] for each in slice
// order: each document is compared with every document added before it,
// including the earlier ones of the batch, so the results are the same as
// sequential adds. The sketches (the costly part) are computed on up to
// GOMAXPROCS goroutines while the groups are decided in order.
//
// It stops at the first error (a duplicate id with different content, a
// cancelled context, a store error), returning the results of the
// documents added before it and the error, which names the document.
func (ix *Index) AddBatch(ctx context.Context, docs []Doc) ([]Result, error) {
	if ix == nil {
		return nil, errNilIndex
	}
	if ctx == nil {
		ctx = context.Background()
	}
	res := make([]Result, 0, len(docs))
	workers := min(runtime.GOMAXPROCS(0), (len(docs)+batchChunk-1)/batchChunk)
	if workers <= 1 {
		for _, d := range docs {
			r, err := ix.Add(ctx, d.ID, d.Text)
			if err != nil {
				return res, err
			}
			res = append(res, r)
		}
		return res, nil
	}
	k := ix.cfg.hashes
	sigs := make([]uint16, len(docs)*k)
	sizes := make([]uint32, len(docs))
	errs := make([]error, len(docs))
	chunks := (len(docs) + batchChunk - 1) / batchChunk
	done := make([]chan struct{}, chunks)
	for i := range done {
		done[i] = make(chan struct{})
	}
	var next atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	defer func() {
		close(stop) // on an early return, workers stop after their chunk
		wg.Wait()
	}()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := ix.getScratch()
			defer ix.pool.Put(sc)
			for {
				c := int(next.Add(1) - 1)
				if c >= chunks {
					return
				}
				select {
				case <-stop:
					return
				default:
				}
				for i := c * batchChunk; i < min(len(docs), (c+1)*batchChunk); i++ {
					sizes[i], errs[i] = ix.sketchString(docs[i].Text, sc, sigs[i*k:(i+1)*k])
				}
				close(done[c])
			}
		}()
	}
	for c := range chunks {
		select {
		case <-done[c]:
		case <-ctx.Done():
			return res, fmt.Errorf("dedupe: add batch: %w", ctx.Err())
		}
		for i := c * batchChunk; i < min(len(docs), (c+1)*batchChunk); i++ {
			if err := ctx.Err(); err != nil {
				return res, fmt.Errorf("dedupe: add %q: %w", docs[i].ID, err)
			}
			if errs[i] != nil {
				return res, fmt.Errorf("dedupe: add %q: %w", docs[i].ID, errs[i])
			}
			r, err := ix.insert(ctx, docs[i].ID, sizes[i], sigs[i*k:(i+1)*k])
			if err != nil {
				return res, err
			}
			res = append(res, r)
		}
	}
	return res, nil
}
