package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/diplotext/diplotext/internal/server"
)

// TestClientAgainstServer runs the example against a real server.
func TestClientAgainstServer(t *testing.T) {
	s, err := server.New(server.Config{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	defer s.Close()
	var out strings.Builder
	if err := run(t.Context(), http.DefaultClient, ts.URL, defaultArticle, &out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{"article: ", `PERSON   "Marco Rubio"`, "-> Sergey Lavrov (RUS), foreign minister", "tone     ", "is in cluster wire-"} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if strings.Count(got, "is in cluster wire-") != 2 {
		t.Errorf("the copy is not in the wire story's cluster:\n%s", got)
	}
}
