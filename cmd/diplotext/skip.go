package main

import (
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/diplotext/diplotext"
)

// skipStages are the parts of an analysis that --skip can leave out, each
// with the option that does it.
var skipStages = []skipStage{
	{"entities", diplotext.WithoutEntities, "entity mentions (and so the actor summary)"},
	{"topics", diplotext.WithoutTopics, "topics and the foreign-affairs decision"},
	{"tone", diplotext.WithoutTone, "document tone, register and every tone toward entities, actors and targets"},
	{"events", diplotext.WithoutEvents, "events (cooperation is then the tone lexicon's reading)"},
	{"entity-tone", diplotext.WithoutEntityTone, "the tone toward each entity mention and actor"},
}

type skipStage struct {
	name string
	opt  func() diplotext.Option
	does string
}

// skipList is the value of --skip: stage names, comma-separated, each
// checked against skipStages.
type skipList struct{ names []string }

func (s *skipList) String() string { return strings.Join(s.names, ",") }

func (s *skipList) Set(v string) error {
	for _, n := range strings.Split(v, ",") {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		if !slices.ContainsFunc(skipStages, func(st skipStage) bool { return st.name == n }) {
			return fmt.Errorf("unknown stage %q (want some of %s)", n, skipNames())
		}
		if !slices.Contains(s.names, n) {
			s.names = append(s.names, n)
		}
	}
	return nil
}

// options returns the analyzer options of the stages to skip.
func (s *skipList) options() []diplotext.Option {
	var out []diplotext.Option
	for _, st := range skipStages {
		if slices.Contains(s.names, st.name) {
			out = append(out, st.opt())
		}
	}
	return out
}

func skipNames() string {
	var b []string
	for _, st := range skipStages {
		b = append(b, st.name)
	}
	return strings.Join(b, ", ")
}

// skipFlags registers --skip and its older spelling --no-entity-tone on
// fs; the options are read after parsing.
func skipFlags(fs *flag.FlagSet) func() []diplotext.Option {
	s := &skipList{}
	fs.Var(s, "skip", "comma-separated `stages` to leave out, for speed: "+skipNames())
	noEntityTone := fs.Bool("no-entity-tone", false, "skip the tone toward each entity mention (same as --skip entity-tone)")
	return func() []diplotext.Option {
		if *noEntityTone {
			s.Set("entity-tone")
		}
		return s.options()
	}
}
