package server

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the server's Prometheus collectors, in a registry of its own.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	inflight prometheus.Gauge
	docs     *prometheus.CounterVec
	bytes    *prometheus.CounterVec
	rejected *prometheus.CounterVec
}

func newMetrics(s *Server) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "diplotext_http_requests_total", Help: "HTTP requests by route and status code.",
		}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "diplotext_http_request_duration_seconds",
			Help:    "Time from a request's arrival to the end of its response, by route.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60},
		}, []string{"route"}),
		inflight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "diplotext_http_requests_in_flight", Help: "Requests being served now.",
		}),
		docs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "diplotext_documents_total", Help: "Documents processed by route and outcome (ok or error).",
		}, []string{"route", "outcome"}),
		bytes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "diplotext_request_bytes_total", Help: "Request body bytes read by route.",
		}, []string{"route"}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "diplotext_http_rejected_total", Help: "Requests refused before handling, by reason (saturated).",
		}, []string{"reason"}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.inflight, m.docs, m.bytes, m.rejected,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "diplotext_workers_busy", Help: "Documents being analysed now (at most --workers).",
		}, func() float64 { return float64(len(s.work)) }),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return m
}

// reqInfo is what a handler tells the request log and metrics.
type reqInfo struct {
	route  string
	docs   int
	failed int
	err    string
}

type reqInfoKey struct{}

func info(r *http.Request) *reqInfo {
	if ri, ok := r.Context().Value(reqInfoKey{}).(*reqInfo); ok {
		return ri
	}
	return &reqInfo{}
}

func routeOf(r *http.Request) string { return info(r).route }

func setDocs(r *http.Request, docs, failed int) {
	ri := info(r)
	ri.docs += docs
	ri.failed += failed
}

func setErr(r *http.Request, msg string) { info(r).err = msg }

// recorder captures a response's status and size.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *recorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *recorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

func (w *recorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// routes returns the mux with every route wrapped in the limits, metrics,
// panic recovery and logs.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	api := func(pattern, method string, h http.HandlerFunc) {
		mux.Handle(pattern, s.wrap(pattern, method, true, h))
	}
	plain := func(pattern, method string, h http.HandlerFunc) {
		mux.Handle(pattern, s.wrap(pattern, method, false, h))
	}
	api("/v1/analyze", http.MethodPost, s.handleAnalyze)
	api("/v1/dedupe", http.MethodPost, s.handleDedupe)
	plain("/v1/taxonomy", http.MethodGet, s.handleTaxonomy)
	plain("/healthz", http.MethodGet, s.handleHealth)
	metricsH := promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{})
	plain("/metrics", http.MethodGet, metricsH.ServeHTTP)
	plain("/v1/", "", func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, &apiError{status: http.StatusNotFound, msg: "no such API route: " + r.URL.Path})
	})
	s.pageRoutes(mux, api, plain)
	return mux
}

// wrap is the per-request machinery: method check, CORS when configured,
// admission (429 when MaxInFlight requests are in), the request timeout,
// panic recovery, metrics and one log line.
func (s *Server) wrap(route, method string, limited bool, h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ri := &reqInfo{route: route}
		ctx := context.WithValue(r.Context(), reqInfoKey{}, ri)
		rec := &recorder{ResponseWriter: w}
		s.metrics.inflight.Inc()
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("panic serving a request", "route", route, "panic", fmt.Sprint(p))
				if rec.status == 0 {
					s.failRoute(rec, r.WithContext(ctx), route, &apiError{status: http.StatusInternalServerError, msg: fmt.Sprintf("internal error: %v", p)})
				}
			}
			s.metrics.inflight.Dec()
			status := rec.status
			if status == 0 {
				status = http.StatusOK
			}
			d := time.Since(start)
			s.metrics.requests.WithLabelValues(route, strconv.Itoa(status)).Inc()
			s.metrics.latency.WithLabelValues(route).Observe(d.Seconds())
			attrs := []any{"method", r.Method, "path", r.URL.Path, "route", route, "status", status,
				"duration_ms", float64(d.Microseconds()) / 1000, "bytes_in", r.ContentLength, "bytes_out", rec.bytes,
				"remote", r.RemoteAddr}
			if ri.docs > 0 {
				attrs = append(attrs, "docs", ri.docs, "failed", ri.failed)
			}
			if ri.err != "" {
				attrs = append(attrs, "error", ri.err)
			}
			s.log.Info("request", attrs...)
		}()
		r = r.WithContext(ctx)
		if s.cfg.CORSOrigin != "" && strings.HasPrefix(route, "/v1/") {
			rec.Header().Set("Access-Control-Allow-Origin", s.cfg.CORSOrigin)
			rec.Header().Set("Vary", "Origin")
			if r.Method == http.MethodOptions {
				rec.Header().Set("Access-Control-Allow-Methods", method+", OPTIONS")
				rec.Header().Set("Access-Control-Allow-Headers", "Content-Type")
				rec.WriteHeader(http.StatusNoContent)
				return
			}
		}
		if method != "" && r.Method != method && !(method == http.MethodGet && r.Method == http.MethodHead) {
			rec.Header().Set("Allow", method)
			s.failRoute(rec, r, route, &apiError{status: http.StatusMethodNotAllowed, msg: fmt.Sprintf("%s %s: use %s", r.Method, r.URL.Path, method)})
			return
		}
		if limited {
			select {
			case s.admit <- struct{}{}:
				defer func() { <-s.admit }()
			default:
				s.metrics.rejected.WithLabelValues("saturated").Inc()
				s.failRoute(rec, r, route, &apiError{status: http.StatusTooManyRequests, retryAfter: 1,
					msg: fmt.Sprintf("server busy: %d requests in flight (--max-inflight); retry later", s.cfg.MaxInFlight)})
				return
			}
			tctx, cancel := context.WithTimeout(r.Context(), s.cfg.Timeout)
			defer cancel()
			r = r.WithContext(tctx)
		}
		h(rec, r)
	})
}

// pageViews maps each route of the reading page to the view its errors are
// shown in: a browser posting the form gets the page back with the error
// above it, never a JSON body.
var pageViews = map[string]string{"/read": "read", "/batch/read": "batch", "/{$}": "read", "/batch": "batch"}

// failRoute answers err the way route's clients read: the reading page for
// the page's own routes, a JSON error object for the API and the rest.
func (s *Server) failRoute(w http.ResponseWriter, r *http.Request, route string, err *apiError) {
	view, page := pageViews[route]
	if !page {
		s.writeError(w, r, err)
		return
	}
	if err.retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(err.retryAfter))
	}
	msg := err.msg
	if err.status == http.StatusTooManyRequests {
		msg = fmt.Sprintf("The server is busy (%d requests in flight). Try again in a moment.", s.cfg.MaxInFlight)
	}
	s.render(w, r, err.status, &pageData{View: view, Error: msg})
}
