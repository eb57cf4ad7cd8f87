// Command diplotext extracts features from diplomatic and foreign-affairs
// text: entities, topics, tone, and near-duplicates.
//
// Every subcommand reads JSON Lines on standard input (or the files given as
// arguments) and writes JSON Lines on standard output, one output line per
// input line, in input order:
//
//	diplotext analyze            entities, topics and tone of each document
//	diplotext dedupe             near-duplicate or same-story groups
//	diplotext topic train        train a topic classifier on labelled lines
//	diplotext topic classify     classify lines with a trained model
//	diplotext eval ner|topic|tone|dedupe|events   score the library on labelled data
//	diplotext serve              HTTP API and reading page
//	diplotext version            print the version
//
// A line that cannot be processed yields {"id": ..., "error": ...} in its
// place; processing goes on and the exit status is 1 at the end. Run
// "diplotext COMMAND -h" for a command's flags and an example.
//
// Inputs: a FILE named *.jsonl, *.ndjson or *.json is read as JSON Lines,
// "-" is standard input, any other FILE is one plain-text document with its
// path as id. A file that cannot be opened or read, or a directory, is one
// error line with its path as id, and the run goes on. A blank line gives
// no output line, but line numbers, and the default id of a line without
// "id", count physical lines. A line longer than --max-bytes is an error
// line carrying its "id" when the first 64 KiB of the line hold it.
// --max-bytes, --workers and --inflight-bytes must be at least 1; the sum
// of the sizes of the documents being processed or awaiting output stays
// within --inflight-bytes (4 MiB), a larger document running alone.
//
// Stopping: when the output closes early (diplotext ... | head) the run
// ends at once, stores are closed (file snapshots saved) and the exit
// status is 141, with no message. On SIGINT or SIGTERM no more input is
// read, documents in progress get half a second to finish, the output ends
// with the finished lines in input order (never an error record for an
// unfinished line), stores are closed, a message on stderr says how many
// lines were written and how many were read but not finished, and the exit
// status is 130 (SIGINT) or 143 (SIGTERM). The lines after the last output
// line were not processed, or their results were dropped; in dedupe, a
// document in progress at the signal may be in the saved index without an
// output line. A second signal ends the process at once, saving nothing.
//
// Exit statuses: 0 success, 1 a command or some lines failed, 2 usage
// error, 130/143 interrupted, 141 output closed early.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"

	"golang.org/x/term"

	"github.com/diplotext/diplotext"
	"github.com/diplotext/diplotext/event"
	"github.com/diplotext/diplotext/lang"
	"github.com/diplotext/diplotext/tone"
	"github.com/diplotext/diplotext/topic"
)

func main() {
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		// The first signal stops the run: no more input is read, stores are
		// closed. A second one ends the process at once.
		s := <-sigs
		cancel(interruptError{s})
		s = <-sigs
		os.Exit(signalStatus(s))
	}()
	// A closed stdout (diplotext ... | head) must end the run through a
	// write error, so that commands still close their stores and save
	// snapshots, rather than kill the process with SIGPIPE.
	signal.Ignore(syscall.SIGPIPE)
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, tty: term.IsTerminal(int(os.Stderr.Fd()))}
	os.Exit(run(ctx, e, os.Args[1:]))
}

// signalStatus is the exit status after sig: 128 + its number, as a shell
// reports a process killed by it (130 for SIGINT, 143 for SIGTERM).
func signalStatus(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 1
}

// signalName is the conventional name of sig, such as "SIGINT".
func signalName(sig os.Signal) string {
	switch sig {
	case os.Interrupt:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return sig.String()
}

// Exit statuses of the tool.
const (
	exitOK         = 0
	exitFailed     = 1   // the command failed, or some lines failed
	exitUsage      = 2   // a usage error
	exitOutputGone = 141 // the output closed early (as if killed by SIGPIPE)
)

// run dispatches args to a command and returns the exit status: 0 on
// success, 1 if the command failed or some lines failed, 2 on a usage
// error, 128+N after signal N stopped the run (130 for SIGINT, 143 for
// SIGTERM), 141 when the output closed early (diplotext ... | head).
func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(e, "")
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	c, rest, ok := lookup(args)
	if !ok {
		if groupExists(args[0]) {
			printUsage(e, args[0])
		} else {
			fmt.Fprintf(e.stderr, "diplotext: unknown command %q\n\n", strings.Join(args, " "))
			printUsage(e, "")
		}
		return exitUsage
	}
	err := c.run(ctx, e, rest)
	var intr interruptError
	if errors.As(context.Cause(ctx), &intr) {
		// whatever the command made of the cancellation, say what happened
		if err == nil || !errors.As(err, &intr) {
			err = intr
		}
		fmt.Fprintf(e.stderr, "diplotext %s: %v\n", c.name, err)
		return signalStatus(intr.sig)
	}
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errUsage):
		return exitUsage
	case errors.Is(err, syscall.EPIPE):
		// the reader of the output went away (head): nothing to report
		return exitOutputGone
	default:
		fmt.Fprintf(e.stderr, "diplotext %s: %v\n", c.name, err)
		return exitFailed
	}
}

// allCommands lists every command of the tool, in the order of the
// command list printed by "diplotext -h". A new command is a function
// returning its command, added here.
func allCommands() []command {
	return []command{
		analyzeCommand(),
		dedupeCommand(),
		evalCanonicalCommand(),
		evalDedupeCommand(),
		evalEventsCommand(),
		evalNERCommand(),
		evalPlacesCommand(),
		evalToneCommand(),
		evalTopicCommand(),
		serveCommand(),
		topicClassifyCommand(),
		topicTrainCommand(),
		versionCommand(),
	}
}

// lookup finds the command named by the first one or two words of args.
func lookup(args []string) (command, []string, bool) {
	cs := allCommands()
	if len(args) >= 2 {
		for _, c := range cs {
			if c.name == args[0]+" "+args[1] {
				return c, args[2:], true
			}
		}
	}
	for _, c := range cs {
		if c.name == args[0] {
			return c, args[1:], true
		}
	}
	return command{}, args[1:], false
}

func groupExists(word string) bool {
	for _, c := range allCommands() {
		if strings.HasPrefix(c.name, word+" ") {
			return true
		}
	}
	return false
}

func printUsage(e *env, group string) {
	fmt.Fprintln(e.stderr, "Usage: diplotext COMMAND [flags] [FILE ...]")
	fmt.Fprintln(e.stderr, "\nReads JSON Lines on stdin (or FILEs) and writes JSON Lines on stdout.")
	fmt.Fprintln(e.stderr, "\nCommands:")
	for _, c := range allCommands() {
		if group != "" && !strings.HasPrefix(c.name, group+" ") {
			continue
		}
		fmt.Fprintf(e.stderr, "  %-16s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(e.stderr, "\nRun 'diplotext COMMAND -h' for a command's flags and an example.")
}

const versionUsage = `Usage: diplotext version

Prints the library version, the build (module version, VCS revision, Go
toolchain), the versions of the embedded data the packages export (tone
lexicon, topic model format) and the modules linked into the tool.

Example:
  diplotext version`

// versionCommand returns the version command.
func versionCommand() command {
	var version command
	version = command{
		name:    "version",
		summary: "print the version of diplotext and of its embedded data",
		usage:   versionUsage,
		run: func(ctx context.Context, e *env, args []string) error {
			fs := newFlagSet(version, e)
			if help, err := parseFlags(fs, args); help || err != nil {
				return err
			}
			writeVersion(e.stdout)
			return nil
		},
	}
	return version
}

// writeVersion prints the version report of the version command.
func writeVersion(w io.Writer) {
	build := []string{runtime.Version()}
	var deps []*debug.Module
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			build = append([]string{bi.Main.Version}, build...)
		}
		for _, s := range bi.Settings {
			switch {
			case s.Key == "vcs.revision":
				build = append(build, "commit "+s.Value[:min(len(s.Value), 12)])
			case s.Key == "vcs.modified" && s.Value == "true":
				build = append(build, "modified")
			}
		}
		deps = bi.Deps
	}
	fmt.Fprintf(w, "diplotext %s (%s)\n", diplotext.Version, strings.Join(build, ", "))
	fmt.Fprintln(w, "embedded data:")
	fmt.Fprintf(w, "  %-20s %s\n", "tone lexicon", tone.LexiconVersion)
	fmt.Fprintf(w, "  %-20s %d\n", "topic model format", topic.FormatVersion)
	fmt.Fprintf(w, "  %-20s %s\n", "event model", event.ModelVersion)
	fmt.Fprintf(w, "  %-20s %s\n", "CAMEO codebook", event.CodebookVersion)
	fmt.Fprintf(w, "  %-20s %s\n", "language profiles", lang.ProfilesVersion)
	if len(deps) > 0 {
		fmt.Fprintln(w, "modules:")
		for _, d := range deps {
			v := d.Version
			if d.Replace != nil {
				v += " => " + d.Replace.Path + " " + d.Replace.Version
			}
			fmt.Fprintf(w, "  %s %s\n", d.Path, v)
		}
	}
}
