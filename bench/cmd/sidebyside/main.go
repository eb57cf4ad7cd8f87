// Command sidebyside is the whole-process speed harness of issue 10: it
// builds the diplotext tool and the peer programs of this module, runs each
// as a separate process on the same JSON Lines input, and prints wall time,
// CPU time (user+sys) and peak resident memory (min/median/max over the
// repeats) with the ratio of the peer's median wall time to diplotext's.
//
//	cd bench && go run ./cmd/sidebyside [-n 3] [-cold 21] [-only analyze,analyze-same,dedupe,cold]
//
// Tasks:
//   - analyze: all 196 UN General Debate 2017 speeches (ungd2017, as
//     {"id","text"} lines) through `diplotext analyze --workers 2` and
//     through cmd/peeranalyze (prose v2 full pipeline + govader, 2 workers).
//   - analyze-same: the same speeches through `diplotext analyze --skip
//     topics,events,entity-tone`, which does the peer's work (entities and
//     document tone) and no more, against the same peer.
//   - dedupe: the generated near-duplicate set of the test part
//     (`diplotext eval dedupe --generate test --write`, built once from the
//     shared data) through `diplotext dedupe --workers 2` and through
//     cmd/peerdedupe (ekzhu/minhash-lsh, 2 workers for signatures).
//   - cold: one short line through `diplotext analyze`, median of -cold
//     process runs (and the same line through the peer, for reference).
//
// Every run's output must have one line per input line, or the harness
// stops with an error. Runs of the two implementations are interleaved so
// that a change in machine load hits both alike. Build products and inputs
// go to a temporary folder (-keep to keep it).
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

// measure is one process run.
type measure struct {
	wall, cpu time.Duration
	rssKB     int64
}

// series is the runs of one implementation on one task.
type series struct {
	task, impl string
	runs       []measure
}

func main() {
	n := flag.Int("n", 3, "runs of each implementation per task")
	cold := flag.Int("cold", 21, "process runs for the cold-start figure")
	only := flag.String("only", "analyze,dedupe,cold", "comma-separated tasks to run: analyze, analyze-same, dedupe, cold")
	data := flag.String("data", "", "shared data folder (default: $DIPLOTEXT_DATA or ../shared/data above the repository)")
	keep := flag.String("keep", "", "folder for builds, inputs and outputs, kept afterwards (default: a temporary folder, removed)")
	jsonOut := flag.String("json", "", "also write the figures to this JSON file")
	flag.Parse()
	if err := run(*n, *cold, *only, *data, *keep, *jsonOut); err != nil {
		fmt.Fprintln(os.Stderr, "sidebyside:", err)
		os.Exit(1)
	}
}

func run(n, cold int, only, data, keep, jsonOut string) error {
	benchDir, rootDir, err := moduleDirs()
	if err != nil {
		return err
	}
	if data == "" {
		data = os.Getenv("DIPLOTEXT_DATA")
	}
	if data == "" {
		data = filepath.Join(rootDir, "..", "shared", "data")
	}
	if _, err := os.Stat(data); err != nil {
		return fmt.Errorf("shared data folder %s: %w (set -data or DIPLOTEXT_DATA)", data, err)
	}
	work := keep
	if work == "" {
		if work, err = os.MkdirTemp("", "sidebyside-"); err != nil {
			return err
		}
		defer os.RemoveAll(work)
	} else if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	tasks := map[string]bool{}
	for _, t := range strings.Split(only, ",") {
		switch t = strings.TrimSpace(t); t {
		case "analyze", "analyze-same", "dedupe", "cold":
			tasks[t] = true
		default:
			return fmt.Errorf("-only: unknown task %q (want analyze, analyze-same, dedupe, cold)", t)
		}
	}

	diplo := filepath.Join(work, "diplotext")
	peerA := filepath.Join(work, "peeranalyze")
	peerD := filepath.Join(work, "peerdedupe")
	step("build diplotext and the peers")
	if err := gobuild(rootDir, diplo, "./cmd/diplotext"); err != nil {
		return err
	}
	if err := gobuild(benchDir, peerA, "./cmd/peeranalyze"); err != nil {
		return err
	}
	if err := gobuild(benchDir, peerD, "./cmd/peerdedupe"); err != nil {
		return err
	}
	env := append(os.Environ(), "DIPLOTEXT_DATA="+data)
	var all []series
	var notes []string

	for _, task := range []string{"analyze", "analyze-same"} {
		if !tasks[task] {
			continue
		}
		in := filepath.Join(work, "ungd2017.jsonl")
		lines, size, err := speechesInput(filepath.Join(data, "ungd2017", "ungd2017.jsonl"), in)
		if err != nil {
			return err
		}
		args := []string{diplo, "analyze", "--workers", "2"}
		if task == "analyze-same" {
			args = append(args, "--skip", "topics,events,entity-tone")
		}
		notes = append(notes, fmt.Sprintf("%s: %d UN speeches, %.2f MB", task, lines, float64(size)/1e6))
		s, err := compare(task, n, in, lines, work, env, args, []string{peerA, "--workers", "2"})
		if err != nil {
			return err
		}
		all = append(all, s...)
	}
	if tasks["dedupe"] {
		in := filepath.Join(work, "dedupe-test.jsonl")
		step("generate the dedupe input (diplotext eval dedupe --generate test)")
		cmd := exec.Command(diplo, "eval", "dedupe", "--generate", "test", "--write", in)
		cmd.Env, cmd.Stderr = env, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("generate dedupe input: %w", err)
		}
		lines, size, err := countLines(in)
		if err != nil {
			return err
		}
		notes = append(notes, fmt.Sprintf("dedupe: %d generated documents (test part), %.2f MB", lines, float64(size)/1e6))
		s, err := compare("dedupe", n, in, lines, work, env,
			[]string{diplo, "dedupe", "--workers", "2"}, []string{peerD, "--workers", "2"})
		if err != nil {
			return err
		}
		all = append(all, s...)
	}
	if tasks["cold"] {
		in := filepath.Join(work, "cold.jsonl")
		line := `{"id":"c1","text":"Secretary of State Marco Rubio met Russian Foreign Minister Sergey Lavrov in Kuala Lumpur on Thursday."}` + "\n"
		if err := os.WriteFile(in, []byte(line), 0o644); err != nil {
			return err
		}
		notes = append(notes, "cold: one 104-byte line, one process per run")
		s, err := compare("cold", cold, in, 1, work, env,
			[]string{diplo, "analyze", "--workers", "2"}, []string{peerA, "--workers", "2"})
		if err != nil {
			return err
		}
		all = append(all, s...)
	}
	report(os.Stdout, all, notes)
	if jsonOut != "" {
		return writeJSON(jsonOut, all, notes)
	}
	return nil
}

func step(s string) { fmt.Fprintf(os.Stderr, "== %s\n", s) }

// moduleDirs returns the bench module's folder and the diplotext root.
func moduleDirs() (bench, root string, err error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	bench = filepath.Dir(mod)
	root = filepath.Dir(bench)
	if filepath.Base(bench) != "bench" {
		return "", "", fmt.Errorf("run from the bench module (cd bench): go.mod is %s", mod)
	}
	if _, err := os.Stat(filepath.Join(root, "cmd", "diplotext")); err != nil {
		return "", "", fmt.Errorf("no cmd/diplotext beside %s: %w", bench, err)
	}
	return bench, root, nil
}

func gobuild(dir, out, pkg string) error {
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build %s in %s: %w", pkg, dir, err)
	}
	return nil
}

// speechesInput writes the UN speeches as {"id","text"} lines.
func speechesInput(src, dst string) (lines int, size int64, err error) {
	f, err := os.Open(src)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	var b bytes.Buffer
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var rec struct {
			DocID string `json:"doc_id"`
			Text  string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return 0, 0, fmt.Errorf("%s:%d: %w", src, lines+1, err)
		}
		line, _ := json.Marshal(map[string]string{"id": rec.DocID, "text": rec.Text})
		b.Write(line)
		b.WriteByte('\n')
		lines++
		size += int64(len(rec.Text))
	}
	if err := sc.Err(); err != nil {
		return 0, 0, err
	}
	return lines, size, os.WriteFile(dst, b.Bytes(), 0o644)
}

func countLines(path string) (int, int64, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, err
	}
	return bytes.Count(b, []byte{'\n'}), int64(len(b)), nil
}

// compare runs both commands n times each, interleaved.
func compare(task string, n int, in string, lines int, work string, env []string, diplo, peer []string) ([]series, error) {
	d := series{task: task, impl: "diplotext"}
	p := series{task: task, impl: "peer"}
	for i := range n {
		step(fmt.Sprintf("%s run %d/%d", task, i+1, n))
		for _, s := range []*series{&d, &p} {
			args := diplo
			if s == &p {
				args = peer
			}
			m, err := runOnce(args, in, lines, filepath.Join(work, task+"-"+s.impl+".out"), env)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %w", task, s.impl, err)
			}
			s.runs = append(s.runs, m)
		}
	}
	return []series{d, p}, nil
}

// runOnce runs one process with in as stdin and checks its output lines.
func runOnce(args []string, in string, lines int, out string, env []string) (measure, error) {
	stdin, err := os.Open(in)
	if err != nil {
		return measure{}, err
	}
	defer stdin.Close()
	stdout, err := os.Create(out)
	if err != nil {
		return measure{}, err
	}
	defer stdout.Close()
	var stderr bytes.Buffer
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr, cmd.Env = stdin, stdout, &stderr, env
	t0 := time.Now()
	err = cmd.Run()
	wall := time.Since(t0)
	if err != nil {
		return measure{}, fmt.Errorf("%s: %w: %s", strings.Join(args, " "), err, tail(stderr.String()))
	}
	m := measure{wall: wall}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		m.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		m.rssKB = ru.Maxrss // kilobytes on Linux
	} else {
		m.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	got, _, err := countLines(out)
	if err != nil {
		return measure{}, err
	}
	if got != lines {
		return measure{}, fmt.Errorf("%s wrote %d lines for %d input lines", args[0], got, lines)
	}
	return m, nil
}

func tail(s string) string {
	if len(s) > 500 {
		return "..." + s[len(s)-500:]
	}
	return s
}

// stats returns min, median and max of xs.
func stats(xs []float64) (lo, med, hi float64) {
	s := slices.Clone(xs)
	slices.Sort(s)
	m := len(s) / 2
	med = s[m]
	if len(s)%2 == 0 {
		med = (s[m-1] + s[m]) / 2
	}
	return s[0], med, s[len(s)-1]
}

func field(s series, f func(measure) float64) []float64 {
	out := make([]float64, len(s.runs))
	for i, m := range s.runs {
		out[i] = f(m)
	}
	return out
}

func wallS(m measure) float64 { return m.wall.Seconds() }
func cpuS(m measure) float64  { return m.cpu.Seconds() }
func rssMB(m measure) float64 { return float64(m.rssKB) / 1024 }

func report(w *os.File, all []series, notes []string) {
	fmt.Fprintf(w, "| task | implementation | runs | wall s min / median / max | CPU s (user+sys) median | peak RSS MB max | peer / diplotext: wall | CPU |\n")
	fmt.Fprintf(w, "|---|---|---|---|---|---|---|---|\n")
	for i := 0; i+1 < len(all); i += 2 {
		d, p := all[i], all[i+1]
		_, dm, _ := stats(field(d, wallS))
		_, pm, _ := stats(field(p, wallS))
		_, dc, _ := stats(field(d, cpuS))
		_, pc, _ := stats(field(p, cpuS))
		for _, s := range []series{d, p} {
			lo, med, hi := stats(field(s, wallS))
			_, cpu, _ := stats(field(s, cpuS))
			_, _, rss := stats(field(s, rssMB))
			ratio := " | "
			if s.impl == "peer" && dm > 0 && dc > 0 {
				ratio = fmt.Sprintf("%.1f× | %.1f×", pm/dm, pc/dc)
			}
			unit := func(x float64) string { return fmt.Sprintf("%.3f", x) }
			fmt.Fprintf(w, "| %s | %s | %d | %s / %s / %s | %s | %.0f | %s |\n", s.task, s.impl, len(s.runs),
				unit(lo), unit(med), unit(hi), unit(cpu), rss, ratio)
		}
	}
	for _, n := range notes {
		fmt.Fprintf(w, "\n- %s", n)
	}
	fmt.Fprintln(w)
}

func writeJSON(path string, all []series, notes []string) error {
	type row struct {
		Task, Impl   string
		WallS, CPUS  []float64
		PeakRSSMB    []float64
		MedianWallS  float64
		MedianCPUS   float64
		MaxPeakRSSMB float64
	}
	var rows []row
	for _, s := range all {
		_, mw, _ := stats(field(s, wallS))
		_, mc, _ := stats(field(s, cpuS))
		_, _, mr := stats(field(s, rssMB))
		rows = append(rows, row{s.task, s.impl, field(s, wallS), field(s, cpuS), field(s, rssMB), mw, mc, mr})
	}
	b, err := json.MarshalIndent(map[string]any{"notes": notes, "results": rows}, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}
