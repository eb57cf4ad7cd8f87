package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestServeCommandServesAndStopsOnSignal(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	var logs syncBuffer
	e := &env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &logs}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- run(ctx, e, []string{"serve", "--addr", addr, "--workers", "1"}) }()
	var resp *http.Response
	for i := 0; ; i++ {
		resp, err = http.Post("http://"+addr+"/v1/analyze", "application/json",
			strings.NewReader(`{"id":"x","text":"Secretary of State Marco Rubio met Sergey Lavrov in Kuala Lumpur."}`))
		if err == nil {
			break
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d before serving:\n%s", code, logs.String())
		default:
		}
		if i > 1200 { // models load before the listener opens: slow under -race
			t.Fatalf("server did not start: %v\n%s", err, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	var rep struct {
		ID       string           `json:"id"`
		Entities []map[string]any `json:"entities"`
	}
	json.NewDecoder(resp.Body).Decode(&rep)
	resp.Body.Close()
	if resp.StatusCode != 200 || rep.ID != "x" || len(rep.Entities) == 0 {
		t.Errorf("analyze: %d %+v", resp.StatusCode, rep)
	}
	cancel() // what SIGINT and SIGTERM do through main's signal context
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit status %d\n%s", code, logs.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
	for _, want := range []string{`"msg":"request"`, `"route":"/v1/analyze"`, `"status":200`, `"msg":"stopped"`} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %s:\n%s", want, logs.String())
		}
	}
}

func TestServeCommandRejectsBadSettings(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"serve", "--workers", "-1"}, 1, "--workers"},
		{[]string{"serve", "--max-bytes", "-5"}, 1, "--max-bytes"},
		{[]string{"serve", "--store", "ftp://nowhere"}, 1, "ftp://nowhere"},
		{[]string{"serve", "--story-store", "redis://127.0.0.1:1/0"}, 1, "near mode only"},
		{[]string{"serve", "extra"}, 2, "unexpected arguments"},
	} {
		var errb bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &errb}
		if code := run(context.Background(), e, c.args); code != c.code || !strings.Contains(errb.String(), c.want) {
			t.Errorf("%q: exit %d, want %d; stderr %q should mention %q", c.args, code, c.code, errb.String(), c.want)
		}
	}
}
