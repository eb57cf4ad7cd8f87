package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestPeerAnalyzeContract(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"a","text":"Secretary of State Marco Rubio met Sergey Lavrov in Kuala Lumpur. The talks were a great success."}`,
		`{"text":""}`,
		`{"id":"c","text":"The ministers condemned the attack."}`,
	}, "\n")
	var out bytes.Buffer
	if err := run(strings.NewReader(in), &out, 2); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines: %s", len(lines), out.String())
	}
	var a, b, c output
	for i, p := range []*output{&a, &b, &c} {
		if err := json.Unmarshal([]byte(lines[i]), p); err != nil {
			t.Fatal(err)
		}
	}
	src := "Secretary of State Marco Rubio met Sergey Lavrov in Kuala Lumpur. The talks were a great success."
	if a.ID != "a" || len(a.Entities) == 0 || a.Tone == nil || a.Tone.Label != "positive" {
		t.Fatalf("line 1: %+v", a)
	}
	for _, e := range a.Entities {
		if src[e.Start:e.End] != e.Text {
			t.Fatalf("entity %+v does not index the input", e)
		}
	}
	if b.ID != "2" || b.Error == "" {
		t.Fatalf("line 2: %+v", b)
	}
	if c.ID != "c" || c.Tone == nil || c.Tone.Label != "negative" {
		t.Fatalf("line 3: %+v", c)
	}
}
