package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"math"
	"sort"
	"strconv"
	"strings"
)

// The page reads a report through its JSON, field by field, so that fields
// other engineers add to the Report (events, actors, topic passages,
// language) show when present, and a field whose shape changes costs that
// section only, never the page.

type spanJSON struct {
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Text    string `json:"text"`
	Country string `json:"country"`
}

type entityJSON struct {
	Text      string `json:"text"`
	Type      string `json:"type"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Canonical string `json:"canonical"`
	ID        string `json:"id"`
	Country   string `json:"country"`
	Role      string `json:"role"`
}

type evidenceJSON struct {
	Text   string  `json:"text"`
	Start  int     `json:"start"`
	End    int     `json:"end"`
	Weight float64 `json:"weight"`
	Kind   string  `json:"kind"`
}

type topicJSON struct {
	ID       string         `json:"id"`
	Label    string         `json:"label"`
	Score    float64        `json:"score"`
	CAP      int            `json:"cap"`
	Evidence []evidenceJSON `json:"evidence"`
	Passages []struct {
		Start int     `json:"start"`
		End   int     `json:"end"`
		Score float64 `json:"score"`
	} `json:"passages"`
}

type toneJSON struct {
	Score       float64        `json:"score"`
	Label       string         `json:"label"`
	Cooperation float64        `json:"cooperation"`
	Register    []string       `json:"register"`
	Evidence    []evidenceJSON `json:"evidence"`
	Sentences   []struct {
		Start    int      `json:"start"`
		End      int      `json:"end"`
		Score    float64  `json:"score"`
		Register []string `json:"register"`
	} `json:"sentences"`
}

type eventJSON struct {
	Trigger   spanJSON `json:"trigger"`
	Source    spanJSON `json:"source"`
	Target    spanJSON `json:"target"`
	Class     string   `json:"class"`
	CAMEO     string   `json:"cameo"`
	Goldstein float64  `json:"goldstein"`
	Score     float64  `json:"score"`
}

type actorJSON struct {
	Canonical string          `json:"canonical"`
	Type      string          `json:"type"`
	Country   string          `json:"country"`
	Role      string          `json:"role"`
	Mentions  json.RawMessage `json:"mentions"`
	Tone      struct {
		Score float64 `json:"score"`
		Label string  `json:"label"`
	} `json:"tone"`
}

// reading is what the page shows of one analysed document.
type reading struct {
	ID       string
	Language string
	Text     template.HTML // the document with its entities, evidence and sentence tone marked up
	Band     []bandSeg
	Tone     *toneView
	Topics   []topicView
	Foreign  *foreignView
	Events   []eventView
	Actors   []actorView
	Types    []typeCount
	JSON     string // the report, indented
	Skipped  []string
}

type bandSeg struct {
	Grow  int
	Class string
	Title string
}

type toneView struct {
	Score       string
	Label       string
	Class       string
	Cooperation string
	Register    []string
}

type topicView struct {
	ID       string
	Label    string
	Score    string
	CAP      int
	Evidence []string
	Passages []string
}

type foreignView struct {
	Foreign bool
	Score   string
	CAP     string
}

type eventView struct {
	Source, Target, Class, Trigger, CAMEO, Goldstein string
}

type actorView struct {
	Canonical, Type, Country, Role, Mentions, Tone, ToneClass string
}

type typeCount struct {
	Type  string
	Count int
}

// buildReading renders the report raw (the JSON of a diplotext.Report) of
// text for the page.
func buildReading(raw []byte, text string) *reading {
	var fields map[string]json.RawMessage
	rd := &reading{}
	if err := json.Unmarshal(raw, &fields); err != nil {
		rd.Skipped = append(rd.Skipped, "report: "+err.Error())
		rd.Text = template.HTML(html.EscapeString(text))
		return rd
	}
	var pretty bytes.Buffer
	if json.Indent(&pretty, raw, "", "  ") == nil {
		rd.JSON = pretty.String()
	}
	field := func(name string, v any) bool {
		b, ok := fields[name]
		if !ok || string(b) == "null" {
			return false
		}
		if err := json.Unmarshal(b, v); err != nil {
			rd.Skipped = append(rd.Skipped, fmt.Sprintf("%s: %v", name, err))
			return false
		}
		return true
	}
	field("id", &rd.ID)
	var lang any
	if field("language", &lang) {
		rd.Language = languageString(lang)
	}
	var ents []entityJSON
	field("entities", &ents)
	var topics []topicJSON
	field("topics", &topics)
	var tone toneJSON
	hasTone := field("tone", &tone)
	var foreign struct {
		Foreign bool    `json:"foreign"`
		Score   float64 `json:"score"`
		CAP     int     `json:"cap"`
	}
	if field("foreign", &foreign) {
		rd.Foreign = &foreignView{Foreign: foreign.Foreign, Score: num(foreign.Score)}
		if foreign.CAP != 0 {
			rd.Foreign.CAP = strconv.Itoa(foreign.CAP)
		}
	}
	var events []eventJSON
	field("events", &events)
	var actors []actorJSON
	field("actors", &actors)

	ents = validEntities(ents, len(text))
	counts := map[string]int{}
	for _, e := range ents {
		counts[e.Type]++
	}
	for t, n := range counts {
		rd.Types = append(rd.Types, typeCount{t, n})
	}
	sort.Slice(rd.Types, func(i, j int) bool { return rd.Types[i].Type < rd.Types[j].Type })

	for _, t := range topics {
		tv := topicView{ID: t.ID, Label: t.Label, Score: num(t.Score), CAP: t.CAP}
		seen := map[string]bool{}
		for _, e := range t.Evidence {
			if !seen[e.Text] {
				seen[e.Text] = true
				tv.Evidence = append(tv.Evidence, e.Text)
			}
		}
		for _, p := range t.Passages {
			if p.Start >= 0 && p.Start < p.End && p.End <= len(text) {
				tv.Passages = append(tv.Passages, excerpt(text[p.Start:p.End], 240)+" ("+num(p.Score)+")")
			}
		}
		if tv.Label == "" {
			tv.Label = t.ID
		}
		rd.Topics = append(rd.Topics, tv)
	}

	type sent struct {
		start, end int
		score      float64
		register   []string
	}
	var sents []sent
	if hasTone {
		rd.Tone = &toneView{Score: num(tone.Score), Label: tone.Label, Class: toneClass(tone.Score),
			Cooperation: num(tone.Cooperation), Register: tone.Register}
		last := 0
		for _, s := range tone.Sentences {
			if s.Start < last || s.Start >= s.End || s.End > len(text) {
				continue // out of order or out of range: not drawn
			}
			sents = append(sents, sent{s.Start, s.End, s.Score, s.Register})
			last = s.End
			title := fmt.Sprintf("sentence %d: tone %s", len(sents), num(s.Score))
			if len(s.Register) > 0 {
				title += ", " + strings.Join(s.Register, ", ")
			}
			rd.Band = append(rd.Band, bandSeg{Grow: max(1, s.End-s.Start), Class: toneClass(s.Score), Title: title})
		}
	}
	for _, e := range events {
		ev := eventView{Source: actorName(e.Source), Target: actorName(e.Target), Class: strings.ReplaceAll(e.Class, "_", " "),
			Trigger: e.Trigger.Text, CAMEO: e.CAMEO, Goldstein: num(e.Goldstein)}
		rd.Events = append(rd.Events, ev)
	}
	for _, a := range actors {
		av := actorView{Canonical: a.Canonical, Type: a.Type, Country: a.Country, Role: a.Role,
			Tone: a.Tone.Label, ToneClass: toneClass(a.Tone.Score)}
		if a.Tone.Label != "" {
			av.Tone += " " + num(a.Tone.Score)
		}
		var n int
		var list []json.RawMessage
		if json.Unmarshal(a.Mentions, &n) == nil {
			av.Mentions = strconv.Itoa(n)
		} else if json.Unmarshal(a.Mentions, &list) == nil {
			av.Mentions = strconv.Itoa(len(list))
		}
		rd.Actors = append(rd.Actors, av)
	}

	// Mark up the text: cut it at every boundary of a sentence, an entity
	// and a piece of topic evidence, then emit the pieces with properly
	// nested elements (sentence > entity > evidence).
	type evSpan struct {
		start, end int
		topic      string
	}
	var evs []evSpan
	for _, t := range topics {
		for _, e := range t.Evidence {
			if e.Start >= 0 && e.Start < e.End && e.End <= len(text) {
				evs = append(evs, evSpan{e.Start, e.End, t.ID})
			}
		}
	}
	cuts := []int{0, len(text)}
	for _, s := range sents {
		cuts = append(cuts, s.start, s.end)
	}
	for _, e := range ents {
		cuts = append(cuts, e.Start, e.End)
	}
	for _, e := range evs {
		cuts = append(cuts, e.start, e.end)
	}
	sort.Ints(cuts)
	var b strings.Builder
	si, ei := 0, 0
	curSent, curEnt, pos := -1, -1, 0
	closeEnt := func() {
		if curEnt >= 0 {
			if pos == ents[curEnt].End { // the type badge goes after the last piece
				b.WriteString(`<span class="etype" aria-hidden="true">` + html.EscapeString(ents[curEnt].Type) + `</span>`)
			}
			b.WriteString(`</mark>`)
			curEnt = -1
		}
	}
	closeSent := func() {
		closeEnt()
		if curSent >= 0 {
			b.WriteString(`</span>`)
			curSent = -1
		}
	}
	for k := 0; k+1 < len(cuts); k++ {
		a, z := cuts[k], cuts[k+1]
		if a == z {
			continue
		}
		for si < len(sents) && sents[si].end <= a {
			si++
		}
		s := -1
		if si < len(sents) && sents[si].start <= a {
			s = si
		}
		for ei < len(ents) && ents[ei].End <= a {
			ei++
		}
		e := -1
		if ei < len(ents) && ents[ei].Start <= a {
			e = ei
		}
		if s != curSent {
			closeSent()
			if s >= 0 {
				st := sents[s]
				title := "tone " + num(st.score)
				if len(st.register) > 0 {
					title += ", " + strings.Join(st.register, ", ")
				}
				fmt.Fprintf(&b, `<span class="sent %s" data-score="%s" title="%s">`, toneClass(st.score), num(st.score), html.EscapeString(title))
				curSent = s
			}
		}
		if e != curEnt {
			closeEnt()
			if e >= 0 {
				en := ents[e]
				tip := entityTip(en)
				fmt.Fprintf(&b, `<mark class="ent t-%s" data-type="%s" tabindex="0" data-tip="%s" aria-label="%s">`,
					html.EscapeString(en.Type), html.EscapeString(en.Type), html.EscapeString(tip),
					html.EscapeString(en.Text+", "+en.Type+": "+tip))
				curEnt = e
			}
		}
		var tids []string
		for _, ev := range evs {
			if ev.start <= a && z <= ev.end && !contains(tids, ev.topic) {
				tids = append(tids, ev.topic)
			}
		}
		pos = z
		piece := html.EscapeString(text[a:z])
		if len(tids) > 0 {
			fmt.Fprintf(&b, `<span class="ev" data-topics="%s">%s</span>`, html.EscapeString(strings.Join(tids, " ")), piece)
		} else {
			b.WriteString(piece)
		}
	}
	closeSent()
	rd.Text = template.HTML(b.String())
	return rd
}

// validEntities keeps the entities inside text, in order and not
// overlapping an earlier one.
func validEntities(ents []entityJSON, n int) []entityJSON {
	sort.SliceStable(ents, func(i, j int) bool { return ents[i].Start < ents[j].Start })
	out := ents[:0]
	last := 0
	for _, e := range ents {
		if e.Start < last || e.Start >= e.End || e.End > n {
			continue
		}
		out = append(out, e)
		last = e.End
	}
	return out
}

func entityTip(e entityJSON) string {
	parts := []string{}
	if e.Canonical != "" {
		parts = append(parts, e.Canonical)
	}
	if e.Country != "" {
		parts = append(parts, e.Country)
	}
	if e.Role != "" {
		parts = append(parts, e.Role)
	}
	if e.ID != "" {
		parts = append(parts, e.ID)
	}
	if len(parts) == 0 {
		return e.Type
	}
	return strings.Join(parts, " · ")
}

func actorName(s spanJSON) string {
	name := s.Text
	if name == "" {
		name = "?"
	}
	if s.Country != "" {
		name += " (" + s.Country + ")"
	}
	return name
}

func languageString(v any) string {
	switch l := v.(type) {
	case string:
		return l
	case map[string]any:
		for _, k := range []string{"code", "name", "language", "tag"} {
			if s, ok := l[k].(string); ok {
				return s
			}
		}
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// toneClass buckets a polarity in [-1, 1] into one of seven colour classes.
func toneClass(score float64) string {
	switch {
	case math.IsNaN(score):
		return "tone-0"
	case score <= -0.5:
		return "tone-n3"
	case score <= -0.2:
		return "tone-n2"
	case score <= -0.05:
		return "tone-n1"
	case score < 0.05:
		return "tone-0"
	case score < 0.2:
		return "tone-p1"
	case score < 0.5:
		return "tone-p2"
	}
	return "tone-p3"
}

// num formats f with at most three decimals.
func num(f float64) string {
	s := strconv.FormatFloat(f, 'f', 3, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// excerpt cuts s to about n bytes at a space.
func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut <= 0 {
		cut = n
		for cut > 0 && !isRuneStart(s[cut]) {
			cut--
		}
	}
	return s[:cut] + " …"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
