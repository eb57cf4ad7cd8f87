package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/diplotext/diplotext/internal/shareddata"
)

// The adversarial harness of issue 16 ("Targets"): every command on 1, 4
// and 16 MB of each adversarial input, run as a subprocess of the built
// tool, with the CPU time ratio 16 MB / 1 MB (target <= 20) and the peak
// resident memory (target <= 200 MB + 40 x the largest document) read from
// the child's rusage. The commands are analyze, dedupe (near and story),
// topic classify and serve (the input POSTed to /v1/analyze in one
// request).
//
//	DIPLOTEXT_LONG=1 go test -run TestLongAdversarial -timeout 0 ./cmd/diplotext
//
// DIPLOTEXT_LONG_SIZES (default "1,4,16", in MB), DIPLOTEXT_LONG_INPUTS and
// DIPLOTEXT_LONG_COMMANDS (comma-separated names, default all) choose the
// runs; DIPLOTEXT_LONG_TIMEOUT (default 120s) ends a run that uses more CPU
// time (or ten times that in wall time), which counts as a failure; DIPLOTEXT_LONG_OUT names a file to write the
// table to (Markdown); a run whose resident memory passes
// DIPLOTEXT_LONG_MAXRSS_MB (default 3072) is killed, to protect a shared
// machine without swap, and counts as a failure. CPU time (user + system) rather than wall time is
// compared, because the machine is shared.

// advInput is one adversarial input: a generator of about n bytes.
type advInput struct {
	name  string
	multi bool // many documents (JSON Lines) rather than one plain-text document
	gen   func(t *testing.T, n int) []byte
}

func repeatTo(s string, n int) []byte {
	return []byte(strings.Repeat(s, n/len(s)+1)[:n])
}

func advInputs() []advInput {
	return []advInput{
		{name: "no-space", gen: func(_ *testing.T, n int) []byte { return repeatTo("abcdefghij", n) }},
		{name: "dots", gen: func(_ *testing.T, n int) []byte { return repeatTo(".", n) }},
		{name: "commas", gen: func(_ *testing.T, n int) []byte { return repeatTo(",", n) }},
		{name: "U.S.", gen: func(_ *testing.T, n int) []byte { return repeatTo("U.S. ", n) }},
		{name: "Russia-and-China", gen: func(_ *testing.T, n int) []byte { return repeatTo("Russia and China, ", n) }},
		{name: "random-bytes", gen: func(_ *testing.T, n int) []byte {
			r := rand.New(rand.NewPCG(1, uint64(n)))
			b := make([]byte, n)
			for i := range b {
				b[i] = byte(r.Uint32())
			}
			return b
		}},
		// session 10: one "sentence" of all different words (the event
		// word cache hung on it), and a list of titled names with no
		// sentence punctuation (one actor per name; the actor summary was
		// quadratic on it)
		{name: "distinct-words", gen: func(_ *testing.T, n int) []byte {
			var b bytes.Buffer
			for i := 0; b.Len() < n; i++ {
				fmt.Fprintf(&b, "w%dx ", i)
			}
			return b.Bytes()[:n]
		}},
		{name: "titled-names", gen: func(_ *testing.T, n int) []byte {
			titles := []string{"President", "Minister", "General", "Mr", "Ms"}
			var b bytes.Buffer
			for i := 0; b.Len() < n; i++ {
				fmt.Fprintf(&b, "%s Zor%d ", titles[i%len(titles)], i)
			}
			return b.Bytes()[:n]
		}},
		{name: "short-docs", multi: true, gen: func(_ *testing.T, n int) []byte {
			var b bytes.Buffer
			for i := 0; b.Len() < n; i++ {
				fmt.Fprintf(&b, `{"id":"d%d","text":"Ministers of country %d met in Geneva on day %d to discuss aid."}`+"\n", i, i%997, i%31)
			}
			return b.Bytes()
		}},
		{name: "speeches", gen: func(t *testing.T, n int) []byte {
			sp, err := shareddata.UNSpeeches(shareddata.Require(t, "ungd2017/ungd2017.jsonl"))
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			for i := 0; b.Len() < n; i++ {
				b.WriteString(sp[i%len(sp)])
				b.WriteString("\n\n")
			}
			return b.Bytes()[:n]
		}},
	}
}

// advCommands are the commands the harness runs; each reads the input file.
var advCommands = []struct {
	name string
	args []string
}{
	{"analyze", []string{"analyze"}},
	{"dedupe-near", []string{"dedupe", "--mode", "near"}},
	{"dedupe-story", []string{"dedupe", "--mode", "story"}},
	{"topic-classify", []string{"topic", "classify"}},
	// serve: the tool serves on a free local port and the input is POSTed
	// to /v1/analyze in one request (text/plain, or JSON Lines for many
	// documents); see runServeMeasured
	{"serve", nil},
}

type advResult struct {
	cpu, wall  time.Duration
	maxRSS     int64 // bytes
	largest    int   // bytes of the largest document
	status     int
	timedOut   bool
	overCap    bool // killed for resident memory over the harness's cap
	outputLine int
}

func envList(name, def string) []string {
	v := os.Getenv(name)
	if v == "" {
		v = def
	}
	return strings.Split(v, ",")
}

func chosen(list []string, name string) bool {
	for _, s := range list {
		if s == "all" || s == name {
			return true
		}
	}
	return false
}

func TestLongAdversarial(t *testing.T) {
	if os.Getenv("DIPLOTEXT_LONG") != "1" {
		t.Skip("set DIPLOTEXT_LONG=1 to run the adversarial harness (minutes to hours)")
	}
	bin := toolBinary(t)
	timeout := 120 * time.Second
	if v := os.Getenv("DIPLOTEXT_LONG_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatalf("DIPLOTEXT_LONG_TIMEOUT: %v", err)
		}
		timeout = d
	}
	rssCap := int64(3 << 30)
	if v := os.Getenv("DIPLOTEXT_LONG_MAXRSS_MB"); v != "" {
		mb, err := strconv.Atoi(v)
		if err != nil || mb <= 0 {
			t.Fatalf("DIPLOTEXT_LONG_MAXRSS_MB: %q is not a size in MB", v)
		}
		rssCap = int64(mb) << 20
	}
	var sizes []int
	for _, s := range envList("DIPLOTEXT_LONG_SIZES", "1,4,16") {
		mb, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || mb <= 0 {
			t.Fatalf("DIPLOTEXT_LONG_SIZES: %q is not a size in MB", s)
		}
		sizes = append(sizes, mb)
	}
	inputs := envList("DIPLOTEXT_LONG_INPUTS", "all")
	commands := envList("DIPLOTEXT_LONG_COMMANDS", "all")
	dir := t.TempDir()

	var table strings.Builder
	table.WriteString("| input | command |")
	for _, mb := range sizes {
		fmt.Fprintf(&table, " %d MB CPU s / peak RSS MB |", mb)
	}
	table.WriteString(" CPU ratio last/first | RSS limit MB | verdict |\n|---|---|")
	for range sizes {
		table.WriteString("---|")
	}
	table.WriteString("---|---|---|\n")

	for _, in := range advInputs() {
		if !chosen(inputs, in.name) {
			continue
		}
		files := map[int]string{}
		largest := map[int]int{}
		for _, mb := range sizes {
			data := in.gen(t, mb<<20)
			ext := ".txt"
			largest[mb] = len(data)
			if in.multi {
				ext = ".jsonl"
				largest[mb] = 0
				for _, l := range bytes.Split(data, []byte("\n")) {
					largest[mb] = max(largest[mb], len(l))
				}
			}
			f := filepath.Join(dir, fmt.Sprintf("%s-%dMB%s", in.name, mb, ext))
			if err := os.WriteFile(f, data, 0o600); err != nil {
				t.Fatal(err)
			}
			files[mb] = f
		}
		for _, c := range advCommands {
			if !chosen(commands, c.name) {
				continue
			}
			fmt.Fprintf(&table, "| %s | %s |", in.name, c.name)
			var res []advResult
			ok := true
			for _, mb := range sizes {
				var r advResult
				if c.name == "serve" {
					r = runServeMeasured(t, bin, files[mb], in.multi, timeout, rssCap)
				} else {
					args := append(append([]string{}, c.args...), "--max-bytes", strconv.Itoa(mb<<20+1), files[mb])
					r = runMeasured(t, bin, args, timeout, rssCap)
				}
				r.largest = largest[mb]
				res = append(res, r)
				cell := fmt.Sprintf(" %.2f / %d", r.cpu.Seconds(), r.maxRSS>>20)
				if r.timedOut {
					cell = fmt.Sprintf(" > %v CPU (killed) / %d", timeout, r.maxRSS>>20)
					ok = false
				} else if r.overCap {
					cell = fmt.Sprintf(" %.2f (killed) / > %d", r.cpu.Seconds(), rssCap>>20)
					ok = false
				} else if r.status != 0 && r.status != 1 {
					cell += fmt.Sprintf(" (exit %d)", r.status)
					ok = false
				}
				limit := int64(200<<20) + 40*int64(r.largest)
				if r.maxRSS > limit {
					ok = false
					t.Errorf("%s %s %d MB: peak RSS %d MB over the target %d MB", in.name, c.name, mb, r.maxRSS>>20, limit>>20)
				}
				if r.overCap {
					t.Errorf("%s %s %d MB: killed at resident memory over the harness cap of %d MB", in.name, c.name, mb, rssCap>>20)
				}
				if r.timedOut {
					t.Errorf("%s %s %d MB: did not finish within %v of CPU time", in.name, c.name, mb, timeout)
				}
				table.WriteString(cell + " |")
				t.Logf("%s %s %d MB: cpu %v wall %v rss %d MB exit %d", in.name, c.name, mb, r.cpu.Round(time.Millisecond), r.wall.Round(time.Millisecond), r.maxRSS>>20, r.status)
				if r.timedOut || r.overCap {
					// a larger input would only fail too: record it and move on
					for range sizes[len(res):] {
						table.WriteString(" not run |")
					}
					break
				}
			}
			ratio := "-"
			if len(res) == len(sizes) && len(sizes) > 1 && !res[len(res)-1].timedOut && !res[len(res)-1].overCap {
				first := max(res[0].cpu, 10*time.Millisecond)
				q := float64(res[len(res)-1].cpu) / float64(first)
				ratio = fmt.Sprintf("%.1f", q)
				sizeQ := float64(sizes[len(sizes)-1]) / float64(sizes[0])
				if q > 20*sizeQ/16 {
					ok = false
					t.Errorf("%s %s: CPU time ratio %.1f for %.0fx the input (target <= %.1f)", in.name, c.name, q, sizeQ, 20*sizeQ/16)
				}
			}
			last := res[len(res)-1]
			verdict := "holds"
			if !ok {
				verdict = "FAILS"
			}
			fmt.Fprintf(&table, " %s | %d | %s |\n", ratio, (int64(200<<20)+40*int64(last.largest))>>20, verdict)
		}
	}
	t.Log("\n" + table.String())
	if out := os.Getenv("DIPLOTEXT_LONG_OUT"); out != "" {
		if err := os.WriteFile(out, []byte(table.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// runMeasured runs the tool with args, its output counted and discarded,
// and reads its CPU time and peak resident memory from rusage.
func runMeasured(t *testing.T, bin string, args []string, timeout time.Duration, rssCap int64) advResult {
	t.Helper()
	cmd := exec.Command(bin, args...)
	lc := &lineCounter{}
	cmd.Stdout = lc
	var errb bytes.Buffer
	cmd.Stderr = &errb
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var r advResult
	// The limit is on CPU time (read from /proc where there is one), so
	// that a busy shared machine does not fail a run; wall time is capped
	// at ten times the limit.
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	wallCap := time.After(10 * timeout)
wait:
	for {
		select {
		case <-done:
			break wait
		case <-tick.C:
			if rss, ok := procRSS(cmd.Process.Pid); ok && rss > rssCap {
				r.overCap = true // protect the shared machine (no swap)
			} else if cpu, ok := procCPU(cmd.Process.Pid); ok && cpu <= timeout {
				continue
			} else if !ok && time.Since(start) <= timeout {
				continue
			}
		case <-wallCap:
		}
		r.timedOut = !r.overCap
		_ = cmd.Process.Kill()
		<-done
		break
	}
	r.wall = time.Since(start)
	r.status = cmd.ProcessState.ExitCode()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.maxRSS = ru.Maxrss << 10 // kilobytes on Linux
		r.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	r.outputLine = lc.n
	if r.status == 1 && !r.timedOut {
		// an error line is fine (the contract), but say what it was
		var first struct {
			Error string `json:"error"`
		}
		if json.Unmarshal(lc.first, &first) == nil && first.Error != "" {
			t.Logf("%v: first line is an error: %s", args, first.Error)
		}
	}
	return r
}

// procCPU is the CPU time (user + system) of process pid so far, from
// /proc/PID/stat; false where it cannot be read.
func procCPU(pid int) (time.Duration, bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, false
	}
	// the fields after the command name, which is in parentheses
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, false
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0, false
	}
	ut, err1 := strconv.ParseInt(f[11], 10, 64) // utime, field 14
	st, err2 := strconv.ParseInt(f[12], 10, 64) // stime, field 15
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(ut+st) * (time.Second / 100), true // USER_HZ is 100 on Linux
}

// procRSS is the resident memory of process pid, from /proc/PID/status.
func procRSS(pid int) (int64, bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(rest)
			if len(f) == 0 {
				return 0, false
			}
			kb, err := strconv.ParseInt(f[0], 10, 64)
			return kb << 10, err == nil
		}
	}
	return 0, false
}

// runServeMeasured starts "diplotext serve" on a free port of 127.0.0.1,
// POSTs file to /v1/analyze in one request, ends the server with SIGTERM
// and reads its CPU time and peak resident memory from rusage. An HTTP
// status other than 200 (random bytes are not UTF-8: 400) is status 1,
// as an error line is for the other commands.
func runServeMeasured(t *testing.T, bin, file string, multi bool, timeout time.Duration, rssCap int64) advResult {
	t.Helper()
	body, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(bin, "serve", "--addr", addr, "--max-bytes", strconv.Itoa(len(body)+1),
		"--timeout", (10 * timeout).String(), "--read-timeout", "10m")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var r advResult
	client := &http.Client{Timeout: 10 * timeout}
	up := false
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline) && !up; {
		if resp, err := client.Get("http://" + addr + "/healthz"); err == nil {
			resp.Body.Close()
			up = resp.StatusCode == http.StatusOK
		}
		if !up {
			time.Sleep(50 * time.Millisecond)
		}
	}
	if !up {
		cmd.Process.Kill()
		<-done
		t.Fatalf("serve did not come up on %s: %s", addr, errb.String())
	}
	// watch resident memory and CPU time while the request runs
	stop := make(chan struct{})
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			rss, ok := procRSS(cmd.Process.Pid)
			cpu, cok := procCPU(cmd.Process.Pid)
			if ok && rss > rssCap {
				r.overCap = true
			} else if !cok || cpu <= timeout {
				continue
			} else {
				r.timedOut = true
			}
			_ = cmd.Process.Kill()
			return
		}
	}()
	start := time.Now()
	ct := "text/plain; charset=utf-8"
	if multi {
		ct = "application/x-ndjson"
	}
	r.status = 1
	lc := &lineCounter{}
	if resp, err := client.Post("http://"+addr+"/v1/analyze", ct, bytes.NewReader(body)); err == nil {
		io.Copy(lc, resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			r.status = 0
		} else {
			t.Logf("serve %s: HTTP %d: %.200s", filepath.Base(file), resp.StatusCode, lc.first)
		}
	} else if !r.timedOut && !r.overCap {
		t.Logf("serve %s: %v", filepath.Base(file), err)
	}
	r.wall = time.Since(start)
	close(stop)
	<-watched
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		<-done
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.maxRSS = ru.Maxrss << 10 // kilobytes on Linux
		r.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	r.outputLine = lc.n
	return r
}

// lineCounter counts output lines and keeps the first one.
type lineCounter struct {
	n     int
	first []byte
}

func (c *lineCounter) Write(p []byte) (int, error) {
	if c.n == 0 && len(c.first) < 4096 {
		c.first = append(c.first, p[:min(len(p), 4096-len(c.first))]...)
		if i := bytes.IndexByte(c.first, '\n'); i >= 0 {
			c.first = c.first[:i]
		}
	}
	c.n += bytes.Count(p, []byte("\n"))
	return len(p), nil
}
