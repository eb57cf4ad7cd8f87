// Command minhashlsh is the ekzhu/minhash-lsh peer of diplotext dedupe
// behind the same contract, for whole-process comparisons: it reads JSON
// Lines {"id","text"} (files or stdin) and writes one line per document,
// {"id","cluster"}, in input order. Its settings are the library's usual
// ones (lower-cased word 5-grams, 128 hashes, Jaccard threshold 0.7); its
// index is built in batch (Add, Index, then Query), so it reads the whole
// input before writing, and groups are joined with union-find.
//
//	go run ./cmd/minhashlsh docs.jsonl > out.jsonl
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"os"
	"strings"

	minhashlsh "github.com/ekzhu/minhash-lsh"
)

type rec struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

func main() {
	var docs []rec
	read := func(r io.Reader) {
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() {
			var d rec
			if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
				log.Fatal(err)
			}
			docs = append(docs, d)
		}
		if err := sc.Err(); err != nil {
			log.Fatal(err)
		}
	}
	if len(os.Args) < 2 {
		read(os.Stdin)
	}
	for _, p := range os.Args[1:] {
		f, err := os.Open(p)
		if err != nil {
			log.Fatal(err)
		}
		read(f)
		f.Close()
	}
	lsh := minhashlsh.NewMinhashLSH64(128, 0.7)
	sigs := make([][]uint64, len(docs))
	for i, d := range docs {
		mh := minhashlsh.NewMinhash(1, 128)
		w := strings.Fields(strings.ToLower(d.Text))
		for j := 0; j+5 <= len(w); j++ {
			mh.Push([]byte(strings.Join(w[j:j+5], " ")))
		}
		if len(w) < 5 {
			mh.Push([]byte(strings.Join(w, " ")))
		}
		sigs[i] = mh.Signature()
		lsh.Add(i, sigs[i])
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
		for _, k := range lsh.Query(sigs[i]) {
			a, b := find(i), find(k.(int))
			if a != b {
				parent[max(a, b)] = min(a, b)
			}
		}
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<16)
	for i, d := range docs {
		id, _ := json.Marshal(d.ID)
		cl, _ := json.Marshal(docs[find(i)].ID)
		fmt.Fprintf(w, "{\"id\":%s,\"cluster\":%s}\n", id, cl)
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
}
