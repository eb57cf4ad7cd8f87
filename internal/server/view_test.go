package server

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// balanced reports whether the span and mark elements of h nest properly.
func balanced(h string) error {
	var stack []string
	for _, m := range regexp.MustCompile(`<(/?)(span|mark)\b[^>]*>`).FindAllStringSubmatch(h, -1) {
		if m[1] == "" {
			stack = append(stack, m[2])
			continue
		}
		if len(stack) == 0 || stack[len(stack)-1] != m[2] {
			return fmt.Errorf("</%s> closes %v", m[2], stack)
		}
		stack = stack[:len(stack)-1]
	}
	if len(stack) > 0 {
		return fmt.Errorf("unclosed %v", stack)
	}
	return nil
}

var tags = regexp.MustCompile(`<[^>]*>`)

// plain is the text of the marked-up document without its type badges.
func plain(h string) string {
	h = regexp.MustCompile(`<span class="etype"[^>]*>[^<]*</span>`).ReplaceAllString(h, "")
	h = tags.ReplaceAllString(h, "")
	r := strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", "&#34;", `"`, "&#39;", "'")
	return r.Replace(h)
}

func TestReadingShowsNewFieldsWhenPresent(t *testing.T) {
	text := `Rubio met Lavrov in Geneva. Russia condemned the "new" sanctions <today>.`
	rep := map[string]any{
		"id":       "a",
		"language": map[string]any{"code": "en", "score": 0.99},
		"entities": []map[string]any{
			{"text": "Rubio", "type": "PERSON", "start": 0, "end": 5, "canonical": "Marco Rubio", "country": "USA", "role": "secretary of state"},
			{"text": "Lavrov", "type": "PERSON", "start": 10, "end": 16, "canonical": "Sergey Lavrov", "country": "RUS"},
			{"text": "Lavrov in", "type": "MISC", "start": 10, "end": 19},      // overlaps: dropped
			{"text": "Geneva. Russia", "type": "MISC", "start": 20, "end": 34}, // crosses a sentence end
			{"text": "bad", "type": "ORG", "start": 60, "end": 999},            // out of range: dropped
		},
		"topics": []map[string]any{{"id": "sanctions", "label": "Sanctions", "score": 0.9, "cap": 19,
			"evidence": []map[string]any{{"text": "condemned the", "start": 35, "end": 48}, {"text": "sanctions", "start": 55, "end": 64}},
			"passages": []map[string]any{{"start": 28, "end": 73, "score": 0.8}}}},
		"foreign": map[string]any{"foreign": true, "score": 0.97, "cap": 19},
		"tone": map[string]any{"score": -0.4, "label": "negative", "cooperation": -4, "register": []string{"tense"},
			"sentences": []map[string]any{{"start": 0, "end": 27, "score": 0.1}, {"start": 28, "end": 73, "score": -0.6, "register": []string{"tense"}}}},
		"events": []map[string]any{{"trigger": map[string]any{"start": 35, "end": 44, "text": "condemned"},
			"source": map[string]any{"start": 28, "end": 34, "text": "Russia", "country": "RUS"},
			"target": map[string]any{"start": 0, "end": 0, "text": "Washington"}, "class": "verbal_conflict", "cameo": "11", "goldstein": -2}},
		"actors": []map[string]any{{"canonical": "Marco Rubio", "type": "PERSON", "country": "USA", "mentions": 1,
			"tone": map[string]any{"score": 0.1, "label": "neutral"}}, {"canonical": "Russia", "type": "COUNTRY", "mentions": []int{1, 2}}},
	}
	raw, _ := json.Marshal(rep)
	rd := buildReading(raw, text)
	h := string(rd.Text)
	if err := balanced(h); err != nil {
		t.Fatalf("markup: %v\n%s", err, h)
	}
	if got := plain(h); got != text {
		t.Errorf("the marked-up text reads\n%q, want\n%q", got, text)
	}
	for _, want := range []string{
		`<mark class="ent t-PERSON" data-type="PERSON" tabindex="0" data-tip="Marco Rubio · USA · secretary of state"`,
		`<span class="ev" data-topics="sanctions">sanctions</span>`,
		`<span class="sent tone-n3"`,
		`&lt;today&gt;`,
	} {
		if !strings.Contains(h, want) {
			t.Errorf("markup lacks %s\n%s", want, h)
		}
	}
	if strings.Contains(h, `data-type="ORG"`) || strings.Count(h, `data-type="MISC"`) != 3 || strings.Count(h, `aria-hidden="true">MISC<`) != 1 {
		t.Errorf("overlapping and out-of-range entities: want the MISC crossing a sentence end in three pieces with one badge, nothing else\n%s", h)
	}
	if rd.Language != "en" || rd.Foreign == nil || !rd.Foreign.Foreign || rd.Foreign.CAP != "19" {
		t.Errorf("language %q, foreign %+v", rd.Language, rd.Foreign)
	}
	if len(rd.Events) != 1 || rd.Events[0].Source != "Russia (RUS)" || rd.Events[0].Target != "Washington" || rd.Events[0].Class != "verbal conflict" {
		t.Errorf("events %+v", rd.Events)
	}
	if len(rd.Actors) != 2 || rd.Actors[0].Mentions != "1" || rd.Actors[1].Mentions != "2" {
		t.Errorf("actors %+v", rd.Actors)
	}
	if len(rd.Topics) != 1 || len(rd.Topics[0].Passages) != 1 || !strings.HasPrefix(rd.Topics[0].Passages[0], "Russia condemned") {
		t.Errorf("topics %+v", rd.Topics)
	}
	if len(rd.Band) != 2 || rd.Band[1].Class != "tone-n3" || rd.Tone.Register[0] != "tense" {
		t.Errorf("band %+v tone %+v", rd.Band, rd.Tone)
	}
	if len(rd.Skipped) != 0 {
		t.Errorf("skipped %v", rd.Skipped)
	}
}

func TestReadingSurvivesOtherShapes(t *testing.T) {
	text := "Talks in Geneva."
	// a field whose shape changed costs its section only
	raw := `{"id": 3, "entities": [{"text": "Geneva", "type": "CITY", "start": 9, "end": 15}], "events": "none", "actors": {"x": 1}, "tone": null, "topics": null}`
	rd := buildReading([]byte(raw), text)
	if len(rd.Skipped) != 3 { // id, events, actors
		t.Errorf("skipped %v, want id, events and actors", rd.Skipped)
	}
	if !strings.Contains(string(rd.Text), `data-type="CITY"`) || plain(string(rd.Text)) != text {
		t.Errorf("text %s", rd.Text)
	}
	if rd.Tone != nil || rd.Band != nil || rd.Events != nil {
		t.Errorf("absent parts shown: %+v", rd)
	}
	rd = buildReading([]byte("not json"), "<b>x</b>")
	if string(rd.Text) != "&lt;b&gt;x&lt;/b&gt;" || len(rd.Skipped) != 1 {
		t.Errorf("not JSON: %q %v", rd.Text, rd.Skipped)
	}
}

func FuzzBuildReading(f *testing.F) {
	f.Add("Rubio met Lavrov in Geneva.", 0, 5, 3, 12, 0, 27)
	f.Add("é<>&\"'", 0, 2, 1, 3, 2, 4)
	f.Fuzz(func(t *testing.T, text string, es, ee, vs, ve, ss, se int) {
		rep := map[string]any{
			"entities": []map[string]any{{"text": "x", "type": "PERSON", "start": es, "end": ee}, {"text": "y", "type": "ORG", "start": ee, "end": ee + 3}},
			"topics":   []map[string]any{{"id": "t\"<", "evidence": []map[string]any{{"start": vs, "end": ve}, {"start": es, "end": ve}}}},
			"tone":     map[string]any{"sentences": []map[string]any{{"start": ss, "end": se}, {"start": se, "end": len(text)}}},
		}
		raw, _ := json.Marshal(rep)
		rd := buildReading(raw, text)
		h := string(rd.Text)
		if err := balanced(h); err != nil {
			t.Fatalf("%v: %s", err, h)
		}
		if strings.ContainsAny(tags.ReplaceAllString(h, ""), "<>") {
			t.Fatalf("unescaped text: %s", h)
		}
	})
}

func FuzzParseRecords(f *testing.F) {
	f.Add([]byte("{\"id\":\"a\",\"text\":\"x\"}\n\nnot json\n{\"text\":1}"), "")
	f.Add([]byte("{\"text\": \"a\",\n \"id\": 2}"), "application/json")
	f.Add([]byte("caf\xe9"), "text/plain")
	f.Fuzz(func(t *testing.T, body []byte, ctype string) {
		recs, single, err := ParseRecords(body, ctype)
		if err != nil {
			if _, ok := err.(*apiError); !ok || !single {
				t.Fatalf("error %T %v (single %v)", err, err, single)
			}
			return
		}
		if single && len(recs) != 1 {
			t.Fatalf("single with %d records", len(recs))
		}
		for i, r := range recs {
			if r.No != i+1 || r.ID == "" {
				t.Fatalf("record %d: %+v", i, r)
			}
		}
	})
}
