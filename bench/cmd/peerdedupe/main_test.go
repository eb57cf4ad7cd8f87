package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestPeerDedupeContract(t *testing.T) {
	text := "Ministers met in Geneva on Monday to discuss the ceasefire and the aid corridors for the region."
	in := strings.Join([]string{
		`{"id":"a","text":"` + text + `"}`,
		`not json`,
		`{"id":"b","text":"` + text + `"}`,
		`{"id":"c","text":"Wawrinka reaches first grand slam final after a long match in Melbourne on Friday."}`,
	}, "\n")
	var out bytes.Buffer
	if err := run(strings.NewReader(in), &out, 2); err != nil {
		t.Fatal(err)
	}
	var got []output
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var o output
		if err := json.Unmarshal([]byte(l), &o); err != nil {
			t.Fatal(err)
		}
		got = append(got, o)
	}
	if len(got) != 4 || got[0].Cluster != "a" || got[1].Error == "" || got[2].Cluster != "a" || got[3].Cluster != "c" {
		t.Fatalf("got %+v", got)
	}
}
