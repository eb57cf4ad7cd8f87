package server

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/diplotext/diplotext"
)

//go:embed assets
var assets embed.FS

var pageTmpl = template.Must(template.New("page.html").ParseFS(assets, "assets/page.html"))

// pageData is what page.html renders.
type pageData struct {
	View    string // "read" or "batch"
	Text    string
	Reading *reading
	Batch   *batchView
	Error   string
	Version string
	Max     string
}

type batchView struct {
	Rows     []batchRow
	Docs     int
	Failed   int
	Clusters int
}

type batchRow struct {
	No        int
	ID        string
	Excerpt   string
	Topics    []string
	Tone      string
	ToneClass string
	Coop      string
	Cluster   string
	Size      int
	Error     string
}

func (s *Server) pageRoutes(mux *http.ServeMux, api, plain func(pattern, method string, h http.HandlerFunc)) {
	static, _ := fs.Sub(assets, "assets/static")
	files := http.FileServerFS(static)
	plain("/static/", http.MethodGet, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		http.StripPrefix("/static/", files).ServeHTTP(w, r)
	})
	plain("/{$}", http.MethodGet, func(w http.ResponseWriter, r *http.Request) {
		s.render(w, r, http.StatusOK, &pageData{View: "read"})
	})
	plain("/batch", http.MethodGet, func(w http.ResponseWriter, r *http.Request) {
		s.render(w, r, http.StatusOK, &pageData{View: "batch"})
	})
	api("/read", http.MethodPost, s.handleRead)
	api("/batch/read", http.MethodPost, s.handleBatchRead)
	plain("/", "", func(w http.ResponseWriter, r *http.Request) {
		s.render(w, r, http.StatusNotFound, &pageData{View: "read", Error: "No page at " + r.URL.Path + "."})
	})
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, d *pageData) {
	d.Version = diplotext.Version
	d.Max = byteSize(s.cfg.MaxBytes)
	if d.Error != "" {
		setErr(r, d.Error)
	}
	var buf bytes.Buffer
	if err := pageTmpl.Execute(&buf, d); err != nil {
		s.log.Error("render page", "error", err.Error())
		http.Error(w, "render page: "+err.Error(), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; style-src-attr 'unsafe-inline'; script-src 'self'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// formText reads the text of a page form: the uploaded file if one was
// given, else the named text field.
func (s *Server) formText(w http.ResponseWriter, r *http.Request, field string) (string, *apiError) {
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBytes)
	err := r.ParseMultipartForm(8 << 20)
	if err != nil && !errors.Is(err, http.ErrNotMultipart) {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return "", &apiError{status: http.StatusRequestEntityTooLarge, msg: "The text is larger than the limit of " + byteSize(s.cfg.MaxBytes) + "."}
		}
		return "", &apiError{status: http.StatusBadRequest, msg: "The form could not be read: " + err.Error()}
	}
	if f, _, ferr := r.FormFile("file"); ferr == nil {
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, s.cfg.MaxBytes+1))
		if err != nil {
			return "", &apiError{status: http.StatusBadRequest, msg: "The file could not be read: " + err.Error()}
		}
		if int64(len(b)) > s.cfg.MaxBytes {
			return "", &apiError{status: http.StatusRequestEntityTooLarge, msg: "The file is larger than the limit of " + byteSize(s.cfg.MaxBytes) + "."}
		}
		if len(bytes.TrimSpace(b)) > 0 {
			s.metrics.bytes.WithLabelValues(routeOf(r)).Add(float64(len(b)))
			return string(b), nil
		}
	}
	t := r.FormValue(field)
	s.metrics.bytes.WithLabelValues(routeOf(r)).Add(float64(len(t)))
	return t, nil
}

// handleRead is POST /read: the page with the article read back.
func (s *Server) handleRead(w http.ResponseWriter, r *http.Request) {
	text, aerr := s.formText(w, r, "text")
	if aerr != nil {
		s.render(w, r, aerr.status, &pageData{View: "read", Error: aerr.msg})
		return
	}
	// browsers send form text with CRLF line ends
	text = strings.ReplaceAll(text, "\r\n", "\n")
	d := &pageData{View: "read", Text: text}
	if strings.TrimSpace(text) == "" {
		d.Error = "Paste or drop an article first."
		s.render(w, r, http.StatusBadRequest, d)
		return
	}
	rec := Record{No: 1, ID: "article", Text: text}
	out, derr := s.analyzeOne(r.Context(), &rec)
	s.countDocs(r, derr == nil)
	if derr != nil {
		d.Error = "The article could not be analysed: " + derr.Error()
		s.render(w, r, derr.status, d)
		return
	}
	d.Reading = buildReading(out, text)
	s.render(w, r, http.StatusOK, d)
}

// handleBatchRead is POST /batch/read: a table of the documents of a JSON
// Lines file with their topics, tone and story clusters. The clusters come
// from a fresh in-memory story index, so a look at a file leaves the
// server's own index alone.
func (s *Server) handleBatchRead(w http.ResponseWriter, r *http.Request) {
	body, aerr := s.formText(w, r, "jsonl")
	if aerr != nil {
		s.render(w, r, aerr.status, &pageData{View: "batch", Error: aerr.msg})
		return
	}
	recs := splitLines([]byte(body))
	if len(recs) == 0 {
		s.render(w, r, http.StatusBadRequest, &pageData{View: "batch", Error: `Choose a JSON Lines file with one {"id", "text"} object a line.`})
		return
	}
	ctx := r.Context()
	outs := make([][]byte, len(recs))
	errs := make([]*docError, len(recs))
	var wg sync.WaitGroup
	var mu sync.Mutex
	next := 0
	for range min(s.cfg.Workers, len(recs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(recs) {
					return
				}
				outs[i], errs[i] = s.analyzeOne(ctx, &recs[i])
			}
		}()
	}
	clusters, cerr := s.storyClusters(ctx, recs, errs)
	wg.Wait()
	bv := &batchView{Docs: len(recs)}
	sizes := map[string]int{}
	for _, c := range clusters {
		if c != "" {
			sizes[c]++
		}
	}
	for i := range recs {
		row := batchRow{No: recs[i].No, ID: recs[i].ID, Excerpt: excerpt(recs[i].Text, 120), Cluster: clusters[i], Size: sizes[clusters[i]]}
		if errs[i] != nil {
			row.Error = errs[i].Error()
			bv.Failed++
		} else {
			var rep struct {
				Topics []struct {
					Label string  `json:"label"`
					Score float64 `json:"score"`
				} `json:"topics"`
				Tone *struct {
					Score       float64 `json:"score"`
					Label       string  `json:"label"`
					Cooperation float64 `json:"cooperation"`
				} `json:"tone"`
			}
			if err := json.Unmarshal(outs[i], &rep); err == nil {
				for _, t := range rep.Topics {
					row.Topics = append(row.Topics, t.Label+" "+num(t.Score))
				}
				if rep.Tone != nil {
					row.Tone = rep.Tone.Label + " " + num(rep.Tone.Score)
					row.ToneClass = toneClass(rep.Tone.Score)
					row.Coop = num(rep.Tone.Cooperation)
				}
			}
		}
		bv.Rows = append(bv.Rows, row)
	}
	bv.Clusters = len(sizes)
	d := &pageData{View: "batch", Batch: bv}
	if cerr != nil {
		d.Error = "Story clusters are incomplete: " + cerr.Error()
	}
	s.countDocsN(r, len(recs), bv.Failed)
	s.render(w, r, http.StatusOK, d)
}

// storyClusters groups the valid records into stories, in input order.
func (s *Server) storyClusters(ctx context.Context, recs []Record, errs []*docError) ([]string, error) {
	out := make([]string, len(recs))
	ix, err := OpenIndex(ctx, "story", "")
	if err != nil {
		return out, err
	}
	defer ix.Close()
	seen := map[string]bool{}
	var first error
	for i := range recs {
		rec := &recs[i]
		if rec.Err != nil || seen[rec.ID] {
			continue
		}
		seen[rec.ID] = true
		t, _ := rec.parseTime()
		if err := s.acquire(ctx); err != nil {
			return out, err
		}
		c, err := ix.Add(ctx, rec.ID, rec.Text, t)
		s.release()
		if err != nil {
			if first == nil {
				first = err
			}
			continue
		}
		out[i] = c.Cluster
	}
	return out, first
}

func (s *Server) countDocsN(r *http.Request, n, failed int) {
	s.metrics.docs.WithLabelValues(routeOf(r), "ok").Add(float64(n - failed))
	s.metrics.docs.WithLabelValues(routeOf(r), "error").Add(float64(failed))
	setDocs(r, n, failed)
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return fmt.Sprintf("%d bytes", n)
}
