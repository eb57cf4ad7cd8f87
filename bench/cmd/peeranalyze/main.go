// Command peeranalyze is the peer of `diplotext analyze` in the
// side-by-side speed harness (cmd/sidebyside): the same JSON Lines contract
// with the usual Go peers, prose v2 (full pipeline: segmentation, tagging,
// entity extraction, its model built once) for entities and govader for
// tone.
//
//	peeranalyze [--workers 2] < in.jsonl > out.jsonl
//
// It reads {"id","text"} lines and writes, per line and in input order,
// {"id","entities":[{"text","type","start","end"}],"tone":{"score","label"}}
// (or {"id","error"} for a bad line). Entity offsets are found by searching
// prose's entity text forward in the input, since prose gives none.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/jdkato/prose/v2"
	"github.com/jonreiter/govader"
)

type input struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

type entity struct {
	Text  string `json:"text"`
	Type  string `json:"type"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

type tone struct {
	Score float64 `json:"score"`
	Label string  `json:"label"`
}

type output struct {
	ID       string   `json:"id"`
	Entities []entity `json:"entities,omitempty"`
	Tone     *tone    `json:"tone,omitempty"`
	Error    string   `json:"error,omitempty"`
}

type job struct {
	line []byte
	n    int
	out  chan []byte
}

func main() {
	workers := flag.Int("workers", 2, "lines processed in parallel (output order is unchanged)")
	flag.Parse()
	if err := run(os.Stdin, os.Stdout, max(*workers, 1)); err != nil {
		fmt.Fprintln(os.Stderr, "peeranalyze:", err)
		os.Exit(1)
	}
}

func run(r io.Reader, w io.Writer, workers int) error {
	model := prose.ModelFromData("en") // built once, shared by the workers
	jobs := make(chan job, 2*workers)
	queue := make(chan chan []byte, 4*workers)
	for range workers {
		go func() {
			va := govader.NewSentimentIntensityAnalyzer()
			for j := range jobs {
				j.out <- analyze(model, va, j.line, j.n)
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		defer close(queue)
		defer close(jobs)
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for n := 1; sc.Scan(); n++ {
			ch := make(chan []byte, 1)
			queue <- ch
			jobs <- job{line: append([]byte(nil), sc.Bytes()...), n: n, out: ch}
		}
		readErr <- sc.Err()
	}()
	bw := bufio.NewWriterSize(w, 1<<16)
	for ch := range queue {
		bw.Write(<-ch)
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return <-readErr
}

func analyze(model *prose.Model, va *govader.SentimentIntensityAnalyzer, line []byte, n int) (res []byte) {
	var in input
	out := output{}
	defer func() {
		if p := recover(); p != nil {
			out = output{ID: out.ID, Error: fmt.Sprint("prose: ", p)}
			res, _ = json.Marshal(out)
		}
	}()
	if err := json.Unmarshal(line, &in); err != nil || in.Text == "" {
		if in.ID == "" {
			in.ID = fmt.Sprint(n)
		}
		out = output{ID: in.ID, Error: "not a JSON line with a text"}
		res, _ = json.Marshal(out)
		return res
	}
	out.ID = in.ID
	if out.ID == "" {
		out.ID = fmt.Sprint(n)
	}
	doc, err := prose.NewDocument(in.Text, prose.UsingModel(model))
	if err != nil {
		out.Error = err.Error()
	} else {
		from := 0
		for _, e := range doc.Entities() {
			i := strings.Index(in.Text[from:], e.Text)
			if i < 0 {
				continue
			}
			s := from + i
			out.Entities = append(out.Entities, entity{Text: e.Text, Type: e.Label, Start: s, End: s + len(e.Text)})
			from = s + len(e.Text)
		}
		sc := va.PolarityScores(in.Text)
		label := "neutral"
		switch {
		case sc.Compound >= 0.05:
			label = "positive"
		case sc.Compound <= -0.05:
			label = "negative"
		}
		out.Tone = &tone{Score: sc.Compound, Label: label}
	}
	res, _ = json.Marshal(out)
	return res
}
