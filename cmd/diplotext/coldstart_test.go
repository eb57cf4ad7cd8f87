package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestColdStartOneLine runs one short line through analyze; run it alone
// with -cpuprofile to see where a cold start goes (each model is decoded
// once per process, so only the first run in a process is cold).
func TestColdStartOneLine(t *testing.T) {
	var out bytes.Buffer
	e := &env{stdin: strings.NewReader(`{"id":"x","text":"Secretary of State Marco Rubio met Sergey Lavrov in Kuala Lumpur."}`), stdout: &out, stderr: &bytes.Buffer{}}
	if code := run(context.Background(), e, []string{"analyze"}); code != 0 {
		t.Fatalf("exit status %d: %s", code, out.String())
	}
	if !strings.Contains(out.String(), `"entities"`) {
		t.Fatalf("no entities in %s", out.String())
	}
}
