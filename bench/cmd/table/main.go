// Command table runs the side-by-side benchmarks of this module and prints a
// Markdown table of throughput per implementation and the ratio of
// diplotext's throughput to each peer's.
//
//	cd bench && go run ./cmd/table                 # all benchmarks
//	cd bench && go run ./cmd/table -bench Tokenize # a subset
//	go test -bench . ./ | go run ./cmd/table -in - # from saved output
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// result is one benchmark line's figures.
type result struct {
	nsPerOp float64
	mbPerS  float64
	allocs  float64
	extra   map[string]float64 // custom metrics such as tokens/s
}

var lineRE = regexp.MustCompile(`^Benchmark([^/\s]+)/(\S+?)(-\d+)?\s+\d+\s+(.*)$`)

func parse(r io.Reader) (map[string]map[string]result, []string, error) {
	tasks := map[string]map[string]result{}
	var order []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		m := lineRE.FindStringSubmatch(strings.TrimSpace(sc.Text()))
		if m == nil {
			continue
		}
		task, impl, rest := m[1], m[2], strings.Fields(m[4])
		res := result{extra: map[string]float64{}}
		for i := 0; i+1 < len(rest); i += 2 {
			v, err := strconv.ParseFloat(rest[i], 64)
			if err != nil {
				continue
			}
			switch unit := rest[i+1]; unit {
			case "ns/op":
				res.nsPerOp = v
			case "MB/s":
				res.mbPerS = v
			case "allocs/op":
				res.allocs = v
			case "B/op":
			default:
				res.extra[unit] = v
			}
		}
		if tasks[task] == nil {
			tasks[task] = map[string]result{}
			order = append(order, task)
		}
		tasks[task][impl] = res
	}
	return tasks, order, sc.Err()
}

// throughput is MB/s when the benchmark set bytes, else operations/s.
func throughput(r result) (float64, string) {
	if r.mbPerS > 0 {
		return r.mbPerS, "MB/s"
	}
	if r.nsPerOp > 0 {
		return 1e9 / r.nsPerOp, "op/s"
	}
	return 0, ""
}

func main() {
	in := flag.String("in", "", "read benchmark output from this file (- for stdin) instead of running the benchmarks")
	bench := flag.String("bench", ".", "benchmarks to run (go test -bench)")
	benchtime := flag.String("benchtime", "3x", "go test -benchtime")
	flag.Parse()

	var out []byte
	var err error
	switch *in {
	case "":
		cmd := exec.Command("go", "test", "-run", "^$", "-bench", *bench, "-benchtime", *benchtime, "-benchmem", ".")
		cmd.Stderr = os.Stderr
		out, err = cmd.Output()
		os.Stderr.Write(out)
		if err != nil {
			fmt.Fprintf(os.Stderr, "table: go test: %v\n", err)
			os.Exit(1)
		}
	case "-":
		out, err = io.ReadAll(os.Stdin)
	default:
		out, err = os.ReadFile(*in)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "table: %v\n", err)
		os.Exit(1)
	}
	tasks, order, err := parse(bytes.NewReader(out))
	if err != nil || len(tasks) == 0 {
		fmt.Fprintf(os.Stderr, "table: no side-by-side benchmark results found (%v)\n", err)
		os.Exit(1)
	}
	fmt.Println("| task | implementation | throughput | allocs/op | diplotext ÷ this |")
	fmt.Println("|---|---|---:|---:|---:|")
	for _, task := range order {
		impls := tasks[task]
		names := make([]string, 0, len(impls))
		for n := range impls {
			names = append(names, n)
		}
		sort.Slice(names, func(i, j int) bool {
			if (names[i] == "diplotext") != (names[j] == "diplotext") {
				return names[i] == "diplotext"
			}
			return names[i] < names[j]
		})
		ours, _ := throughput(impls["diplotext"])
		for _, n := range names {
			v, unit := throughput(impls[n])
			ratio := "—"
			if n != "diplotext" && v > 0 && ours > 0 {
				ratio = fmt.Sprintf("%.1f×", ours/v)
			}
			fmt.Printf("| %s | %s | %.3g %s | %.0f | %s |\n", task, n, v, unit, impls[n].allocs, ratio)
		}
	}
}
