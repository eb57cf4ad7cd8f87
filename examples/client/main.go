// Command client talks to a running "diplotext serve": it sends an article
// to POST /v1/analyze and prints what came back, then sends two copies of a
// wire story to POST /v1/dedupe and prints their cluster. It needs nothing
// but the standard library, as a client in any language would.
//
//	diplotext serve --addr 127.0.0.1:8080 &
//	go run ./examples/client                          # the briefing sample article
//	go run ./examples/client -server http://host:8080 article.txt
package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

// report is the part of the server's analysis this client reads; the
// server sends more (tone per sentence and per entity, evidence, ...).
type report struct {
	ID       string `json:"id"`
	Entities []struct {
		Text      string `json:"text"`
		Type      string `json:"type"`
		Start     int    `json:"start"`
		End       int    `json:"end"`
		Canonical string `json:"canonical"`
		Country   string `json:"country"`
		Role      string `json:"role"`
	} `json:"entities"`
	Topics []struct {
		ID    string  `json:"id"`
		Label string  `json:"label"`
		Score float64 `json:"score"`
	} `json:"topics"`
	Tone *struct {
		Score       float64  `json:"score"`
		Label       string   `json:"label"`
		Cooperation float64  `json:"cooperation"`
		Register    []string `json:"register"`
	} `json:"tone"`
}

// cluster is one line of POST /v1/dedupe, or an error line.
type cluster struct {
	ID      string `json:"id"`
	Cluster string `json:"cluster"`
	Error   string `json:"error"`
	Status  int    `json:"status"`
}

func main() {
	server := flag.String("server", "http://127.0.0.1:8080", "base URL of diplotext serve")
	flag.Parse()
	text := defaultArticle
	if flag.NArg() > 0 {
		b, err := os.ReadFile(flag.Arg(0))
		if err != nil {
			fmt.Fprintln(os.Stderr, "client:", err)
			os.Exit(1)
		}
		text = string(b)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := run(ctx, &http.Client{}, *server, text, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "client:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, c *http.Client, server, text string, out io.Writer) error {
	server = strings.TrimRight(server, "/")
	// one document: a JSON object in, a JSON object out
	body, _ := json.Marshal(map[string]string{"id": "article", "text": text})
	b, err := call(ctx, c, server+"/v1/analyze", "application/json", body)
	if err != nil {
		return err
	}
	var rep report
	if err := json.Unmarshal(b, &rep); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	fmt.Fprintf(out, "%s: %d entities\n", rep.ID, len(rep.Entities))
	for _, e := range rep.Entities {
		line := fmt.Sprintf("  %-8s %-22q -> %s", e.Type, e.Text, e.Canonical)
		if e.Country != "" {
			line += " (" + e.Country + ")"
		}
		if e.Role != "" {
			line += ", " + e.Role
		}
		fmt.Fprintln(out, line)
	}
	for _, t := range rep.Topics {
		fmt.Fprintf(out, "topic    %s %.2f\n", t.Label, t.Score)
	}
	if rep.Tone != nil {
		fmt.Fprintf(out, "tone     %s %.3f, cooperation %.2f, register %s\n",
			rep.Tone.Label, rep.Tone.Score, rep.Tone.Cooperation, strings.Join(rep.Tone.Register, ", "))
	}

	// a batch: JSON Lines in, one line out per document, in order
	stamp := strconv.FormatInt(time.Now().UnixNano(), 36) // ids must be new to the server's index
	var batch bytes.Buffer
	enc := json.NewEncoder(&batch)
	enc.Encode(map[string]string{"id": "wire-" + stamp, "text": wireStory})
	enc.Encode(map[string]string{"id": "copy-" + stamp, "text": "GENEVA (Wire) - " + wireStory + " (Reporting by staff)"})
	b, err = call(ctx, c, server+"/v1/dedupe?mode=near", "application/x-ndjson", batch.Bytes())
	if err != nil {
		return err
	}
	for l := range bytes.Lines(b) {
		var cl cluster
		if err := json.Unmarshal(l, &cl); err != nil {
			return fmt.Errorf("dedupe: %w", err)
		}
		if cl.Error != "" {
			fmt.Fprintf(out, "dedupe   %s: error %d: %s\n", cl.ID, cl.Status, cl.Error)
			continue
		}
		fmt.Fprintf(out, "dedupe   %s is in cluster %s\n", cl.ID, cl.Cluster)
	}
	return nil
}

// call posts body and returns the response body, retrying after the
// server's Retry-After while it answers 429 (busy) or 503 (timed out).
func call(ctx context.Context, c *http.Client, url, ctype string, body []byte) ([]byte, error) {
	for attempt := 0; ; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Content-Type", ctype)
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusOK {
			return b, nil
		}
		var e struct {
			Error string `json:"error"`
		}
		json.Unmarshal(b, &e)
		retry, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
		if (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) && retry > 0 && attempt < 3 {
			select {
			case <-time.After(time.Duration(retry) * time.Second):
				continue
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		return nil, fmt.Errorf("%s: %s: %s", url, resp.Status, cmp.Or(e.Error, string(b)))
	}
}

const defaultArticle = "U.S. Secretary of State Marco Rubio met Russian Foreign Minister Sergey Lavrov " +
	"in Kuala Lumpur on Thursday. Rubio pressed Moscow on a ceasefire in Ukraine, while Lavrov " +
	"raised the sanctions imposed on Russian banks."

const wireStory = "Ministers met in Geneva on Monday to discuss the ceasefire and aid corridors " +
	"for the besieged city, officials said on Tuesday."
