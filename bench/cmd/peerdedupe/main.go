// Command peerdedupe is the peer of `diplotext dedupe` in the side-by-side
// speed harness (cmd/sidebyside): the same JSON Lines contract with
// github.com/ekzhu/minhash-lsh in its usual setting (lower-cased word
// 5-grams, 128 hashes, Jaccard threshold 0.7), as bench/dedupe_test.go
// runs it.
//
//	peerdedupe [--workers 2] < in.jsonl > out.jsonl
//
// It reads {"id","text"} lines and writes {"id","cluster"} per line in
// input order, where cluster is the id of the first document of its group.
// The library's index is built in batch (Add, Index, then Query), so the
// whole input is read first; signatures are computed by the workers.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	minhashlsh "github.com/ekzhu/minhash-lsh"
)

type input struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

type output struct {
	ID      string `json:"id"`
	Cluster string `json:"cluster,omitempty"`
	Error   string `json:"error,omitempty"`
}

func main() {
	workers := flag.Int("workers", 2, "goroutines computing signatures")
	flag.Parse()
	if err := run(os.Stdin, os.Stdout, max(*workers, 1)); err != nil {
		fmt.Fprintln(os.Stderr, "peerdedupe:", err)
		os.Exit(1)
	}
}

func signature(text string) []uint64 {
	mh := minhashlsh.NewMinhash(1, 128)
	w := strings.Fields(strings.ToLower(text))
	for j := 0; j+5 <= len(w); j++ {
		mh.Push([]byte(strings.Join(w[j:j+5], " ")))
	}
	if len(w) < 5 {
		mh.Push([]byte(strings.Join(w, " ")))
	}
	return mh.Signature()
}

func run(r io.Reader, w io.Writer, workers int) error {
	var docs []input
	var bad []bool
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for n := 1; sc.Scan(); n++ {
		var in input
		err := json.Unmarshal(sc.Bytes(), &in)
		if in.ID == "" {
			in.ID = fmt.Sprint(n)
		}
		docs = append(docs, in)
		bad = append(bad, err != nil || in.Text == "")
	}
	if err := sc.Err(); err != nil {
		return err
	}
	sigs := make([][]uint64, len(docs))
	var wg sync.WaitGroup
	next := make(chan int, 256)
	for range workers {
		wg.Go(func() {
			for i := range next {
				sigs[i] = signature(docs[i].Text)
			}
		})
	}
	for i := range docs {
		if !bad[i] {
			next <- i
		}
	}
	close(next)
	wg.Wait()
	lsh := minhashlsh.NewMinhashLSH64(128, 0.7)
	for i := range docs {
		if !bad[i] {
			lsh.Add(i, sigs[i])
		}
	}
	lsh.Index()
	parent := make([]int, len(docs))
	for i := range parent {
		parent[i] = i
	}
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for i := range docs {
		if bad[i] {
			continue
		}
		for _, k := range lsh.Query(sigs[i]) {
			a, b := find(i), find(k.(int))
			if a != b {
				parent[max(a, b)] = min(a, b)
			}
		}
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	for i, d := range docs {
		o := output{ID: d.ID}
		if bad[i] {
			o.Error = "not a JSON line with a text"
		} else {
			o.Cluster = docs[find(i)].ID
		}
		if err := enc.Encode(o); err != nil {
			return err
		}
	}
	return bw.Flush()
}
