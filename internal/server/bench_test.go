package server

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diplotext/diplotext"
)

// article5K is a ~5 KB news-like article: the briefing sample, repeated
// with its paragraphs in another order, so that the benchmark runs on a
// fresh clone without the shared data.
func article5K(tb testing.TB) string {
	b, err := os.ReadFile(filepath.Join("..", "..", "examples", "briefing", "sample.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	paras := strings.Split(strings.TrimSpace(string(b)), "\n\n")
	var sb strings.Builder
	for i := 0; sb.Len() < 5000; i++ {
		sb.WriteString(paras[(i*3)%len(paras)])
		sb.WriteString("\n\n")
	}
	return sb.String()[:5000]
}

// BenchmarkHandlerAnalyze5K measures POST /v1/analyze of one 5 KB article
// through the whole handler (limits, decoding, analysis, encoding), with the
// default Analyzer and without the tone toward each entity.
func BenchmarkHandlerAnalyze5K(b *testing.B) {
	text := article5K(b)
	noEntTone, err := diplotext.New(diplotext.WithoutEntityTone())
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		a    Analyzer
	}{{"default", analyzer(b)}, {"no-entity-tone", noEntTone}} {
		b.Run(c.name, func(b *testing.B) {
			s, err := New(Config{Analyzer: c.a})
			if err != nil {
				b.Fatal(err)
			}
			h := s.Handler()
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				r := httptest.NewRequest("POST", "/v1/analyze?id=a", strings.NewReader(text))
				r.Header.Set("Content-Type", "text/plain")
				w := httptest.NewRecorder()
				h.ServeHTTP(w, r)
				if w.Code != 200 {
					b.Fatalf("status %d: %s", w.Code, w.Body)
				}
			}
		})
	}
}
