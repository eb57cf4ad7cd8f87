package entity_test

import (
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/diplotext/diplotext/entity"
	"github.com/diplotext/diplotext/entity/statistical"
	"github.com/diplotext/diplotext/internal/shareddata"
	"github.com/diplotext/diplotext/text"
)

var testTagger = sync.OnceValues(func() (*entity.Tagger, error) {
	rec, err := statistical.New()
	if err != nil {
		return nil, err
	}
	return entity.NewTagger(rec)
})

func tagger(t testing.TB) *entity.Tagger {
	tg, err := testTagger()
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// checkSpans asserts the invariants of every result: offsets in range,
// Text equal to the input bytes, sorted, no overlap, valid types.
func checkSpans(t testing.TB, in string, ents []entity.Entity) {
	t.Helper()
	end := 0
	for _, e := range ents {
		if e.Start < 0 || e.Start >= e.End || e.End > len(in) {
			t.Fatalf("entity %+v out of range (len %d)", e, len(in))
		}
		if e.Text != in[e.Start:e.End] {
			t.Fatalf("entity text %q != input %q", e.Text, in[e.Start:e.End])
		}
		if e.Start < end {
			t.Fatalf("entity %+v overlaps or is out of order", e)
		}
		end = e.End
		if _, err := e.Type.MarshalText(); err != nil {
			t.Fatalf("entity %+v: %v", e, err)
		}
		if e.Score < 0 || e.Score > 1 {
			t.Fatalf("entity %+v: score out of range", e)
		}
	}
}

// a text written for this test, in the style of a news report
const briefing = `Strategic Recommendations

KUALA LUMPUR, July 11 (NDTV) - U.S. Secretary of State Marco Rubio held talks with Russia's Foreign Minister Sergey Lavrov in Kuala Lumpur on Friday, on the margins of ASEAN meetings hosted by Malaysia.

Rubio described the US-Russia exchange as candid. Sergei Lavrov, Russia's foreign minister, told reporters the Kremlin was ready to keep talking. Lavrov then left for Beijing.

Key Takeaways
The White House declined to comment, and American officials said Washington would brief its allies.`

func find(ents []entity.Entity, text string) []entity.Entity {
	var out []entity.Entity
	for _, e := range ents {
		if e.Text == text {
			out = append(out, e)
		}
	}
	return out
}

func TestBriefing(t *testing.T) {
	ents, err := tagger(t).Tag(briefing)
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, briefing, ents)
	want := []struct {
		text, typ, canonical, country, role string
	}{
		{"Marco Rubio", "PERSON", "Marco Rubio", "USA", "secretary of state"},
		{"Rubio", "PERSON", "Marco Rubio", "USA", "secretary of state"},
		{"Sergey Lavrov", "PERSON", "Sergey Lavrov", "RUS", "foreign minister"},
		{"Sergei Lavrov", "PERSON", "Sergey Lavrov", "RUS", "foreign minister"},
		{"Lavrov", "PERSON", "Sergey Lavrov", "RUS", "foreign minister"},
		{"Kuala Lumpur", "CITY", "Kuala Lumpur", "MYS", ""},
		{"Malaysia", "COUNTRY", "Malaysia", "MYS", ""},
		{"ASEAN", "ORG", "Association of Southeast Asian Nations", "", ""},
		{"NDTV", "ORG", "NDTV", "IND", ""},
		{"U.S.", "COUNTRY", "United States", "USA", ""},
		{"US", "COUNTRY", "United States", "USA", ""},
		{"Russia", "COUNTRY", "Russia", "RUS", ""},
		{"Kremlin", "ORG", "Government of Russia", "RUS", ""},
		{"White House", "ORG", "Government of the United States", "USA", ""},
		{"American", "NORP", "United States", "USA", ""},
		{"Washington", "CITY", "Washington", "USA", ""},
		{"Beijing", "CITY", "Beijing", "CHN", ""},
	}
	for _, w := range want {
		got := find(ents, w.text)
		if len(got) == 0 {
			t.Errorf("%q not found", w.text)
			continue
		}
		for _, e := range got {
			if e.Type.String() != w.typ || e.Canonical != w.canonical || e.Country != w.country || e.Role != w.role {
				t.Errorf("%q: got %v %q %q %q, want %s %q %q %q", w.text, e.Type, e.Canonical, e.Country, e.Role,
					w.typ, w.canonical, w.country, w.role)
			}
		}
	}
	for _, e := range ents {
		if strings.Contains(e.Text, "Recommendations") || strings.Contains(e.Text, "Takeaways") {
			t.Errorf("heading tagged as %v: %q", e.Type, e.Text)
		}
	}
	// "US-Russia" yields both countries
	var compound []string
	for _, e := range ents {
		if e.Start >= strings.Index(briefing, "US-Russia") && e.End <= strings.Index(briefing, "US-Russia")+len("US-Russia") {
			compound = append(compound, e.Country)
		}
	}
	if strings.Join(compound, ",") != "USA,RUS" {
		t.Errorf("US-Russia: got countries %v, want USA,RUS", compound)
	}
}

// Text without capitals (or all in capitals) goes to the model trained
// on lower-cased text, which still finds people.
func TestCaseless(t *testing.T) {
	for _, in := range []string{
		"russia's foreign minister sergei lavrov met marco rubio, the us secretary of state, in kuala lumpur on friday. lavrov said talks with rubio were useful.",
		"RUSSIA'S FOREIGN MINISTER SERGEI LAVROV MET MARCO RUBIO, THE US SECRETARY OF STATE, IN KUALA LUMPUR ON FRIDAY. LAVROV SAID TALKS WITH RUBIO WERE USEFUL.",
		// lower-cased but for one acronym
		"russia's foreign minister sergei lavrov met marco rubio, the US secretary of state, in kuala lumpur on friday. lavrov said talks with rubio were useful and would go on. " +
			"the two men discussed the war, trade and the next round of talks, which both sides said should take place within a month at a venue to be agreed.",
	} {
		ents, err := tagger(t).Tag(in)
		if err != nil {
			t.Fatal(err)
		}
		checkSpans(t, in, ents)
		people := 0
		for _, e := range ents {
			if e.Type == entity.PERSON {
				people++
			}
		}
		if people < 2 {
			t.Errorf("%.30q...: %d people found, want at least 2: %+v", in, people, ents)
		}
	}
}

// A hard-wrapped line ending in the middle of a name is read with the
// next line.
func TestWrappedLines(t *testing.T) {
	in := "Brazil's finance minister said the International Monetary\nFund would be consulted, officials said."
	ents, err := tagger(t).Tag(in)
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, in, ents)
	if got := find(ents, "International Monetary\nFund"); len(got) != 1 || got[0].Type != entity.ORG {
		t.Errorf("International Monetary Fund across lines: got %+v", ents)
	}
}

func TestJSON(t *testing.T) {
	e := entity.Entity{Text: "Lavrov", Type: entity.PERSON, Start: 3, End: 9, Canonical: "Sergey Lavrov", Country: "RUS", Role: "foreign minister", Score: 0.9}
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"text":"Lavrov","type":"PERSON","start":3,"end":9,"canonical":"Sergey Lavrov","country":"RUS","role":"foreign minister","score":0.9}`
	if string(b) != want {
		t.Fatalf("got %s, want %s", b, want)
	}
	var back entity.Entity
	if err := json.Unmarshal(b, &back); err != nil || back != e {
		t.Fatalf("round trip: %+v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`{"type":"PLANET"}`), &back); err == nil {
		t.Fatal("unknown type accepted")
	}
	for _, ty := range []entity.Type{entity.PERSON, entity.ORG, entity.COUNTRY, entity.CITY, entity.LOCATION, entity.NORP, entity.MISC} {
		p, err := entity.ParseType(ty.String())
		if err != nil || p != ty {
			t.Fatalf("ParseType(%v) = %v, %v", ty, p, err)
		}
	}
	if _, err := entity.Type(0).MarshalText(); err == nil {
		t.Fatal("zero type marshalled")
	}
	if entity.Type(42).String() != "Type(42)" {
		t.Fatal(entity.Type(42).String())
	}
}

func TestBadInput(t *testing.T) {
	tg := tagger(t)
	var names []string
	for i := 0; i < 10000; i++ {
		names = append(names, "Germany", "and", "Sergei Lavrov", "met", "NATO", ".")
	}
	inputs := map[string]string{
		"empty":       "",
		"space":       "   \n\t ",
		"invalid":     "Lavrov \xff\xfe met \xc3 in Paris\x00.",
		"nul":         strings.Repeat("\x00", 1000),
		"dots":        strings.Repeat(".", 200000),
		"nospace":     strings.Repeat("Ab", 1<<20),
		"allcaps":     "RUSSIAN FOREIGN MINISTER SERGEI LAVROV MET U.S. SECRETARY OF STATE MARCO RUBIO IN KUALA LUMPUR.",
		"lower":       "russian foreign minister sergei lavrov met us secretary of state marco rubio in malaysia and china.",
		"diacritics":  "Le ministre Jean-Yves Le Drian a rencontré Sergueï Lavrov à Genève et São Paulo, puis Zürich.",
		"nonlatin":    "Сергей Лавров встретился с 王毅 在北京。 محمد بن سلمان في الرياض",
		"many":        strings.Join(names, " "),
		"apostrophes": "'s 's ' ’ '' Lavrov's O'Brien's Côte d'Ivoire's -- US- -Russia US--Russia",
	}
	for name, in := range inputs {
		ents, err := tg.Tag(in)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		checkSpans(t, in, ents)
		if name == "many" && len(ents) < 30000 {
			t.Errorf("many: only %d entities", len(ents))
		}
		if name == "lower" && len(find(ents, "malaysia")) == 0 {
			t.Errorf("lower-case text: malaysia not found: %+v", ents)
		}
		if name == "allcaps" && len(find(ents, "KUALA LUMPUR")) == 0 {
			t.Errorf("capitals: KUALA LUMPUR not found: %+v", ents)
		}
		for _, e := range ents {
			if !utf8.ValidString(e.Canonical) && utf8.ValidString(e.Text) {
				t.Errorf("%s: invalid canonical %q", name, e.Canonical)
			}
		}
	}
	// the nil and the empty document: an empty, non-nil result
	for name, d := range map[string]*text.Document{"nil": nil, "zero": {}, "spaces": text.Parse("  \n ")} {
		if ents, err := tg.TagDocument(d); err != nil || ents == nil || len(ents) != 0 {
			t.Fatalf("%s document: %#v %v", name, ents, err)
		}
	}
}

// TestNilAndZeroValues checks the documented meaning of nil and zero
// values at every entry point: none panics.
func TestNilAndZeroValues(t *testing.T) {
	var nilTagger *entity.Tagger
	if _, err := nilTagger.Tag("Lavrov"); !errors.Is(err, entity.ErrNilTagger) {
		t.Errorf("nil Tagger: %v", err)
	}
	if _, err := nilTagger.TagDocument(text.Parse("Lavrov")); !errors.Is(err, entity.ErrNilTagger) {
		t.Errorf("nil Tagger: %v", err)
	}
	var zero entity.Tagger // gazetteer matches only
	ents, err := zero.Tag("Talks in Malaysia.")
	if err != nil || len(find(ents, "Malaysia")) != 1 {
		t.Errorf("zero Tagger: %+v %v", ents, err)
	}
	var nilFunc entity.RecognizerFunc
	if ms, err := nilFunc.Recognize(text.Parse("x")); err != nil || ms == nil {
		t.Errorf("nil RecognizerFunc: %v %v", ms, err)
	}
	rec, err := statistical.New()
	if err != nil {
		t.Fatal(err)
	}
	if ms, err := rec.Recognize(nil); err != nil || ms == nil || len(ms) != 0 {
		t.Errorf("statistical on nil: %v %v", ms, err)
	}
	if _, err := rec.Recognize(&text.Document{Text: "a", Tokens: []text.Token{{Start: 0, End: 9}}}); err == nil {
		t.Error("statistical on an invalid document: no error")
	}
	if ms, err := rec.Recognize(&text.Document{}); err != nil || ms == nil || len(ms) != 0 {
		t.Errorf("statistical on zero document: %v %v", ms, err)
	}
	if _, err := entity.NewTagger(nil, nil); err != nil {
		t.Errorf("nil option: %v", err)
	}
	var g *entity.Gazetteer
	if _, err := entity.NewTagger(nil, entity.WithGazetteer(g)); err != nil {
		t.Errorf("nil gazetteer: %v", err)
	}
}

func TestBadOptions(t *testing.T) {
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1), -0.1, 1.5} {
		if _, err := entity.NewTagger(nil, entity.WithMinScore(v)); !errors.Is(err, entity.ErrOption) || !strings.Contains(err.Error(), "WithMinScore") {
			t.Errorf("WithMinScore(%v): %v", v, err)
		}
	}
	for _, v := range []float64{0, 0.5, 1} {
		if _, err := entity.NewTagger(nil, entity.WithMinScore(v)); err != nil {
			t.Errorf("WithMinScore(%v): %v", v, err)
		}
	}
}

// TestInvalidDocument checks that a hand-built document whose tokens do
// not fit its text is an error, not a panic.
func TestInvalidDocument(t *testing.T) {
	tg := tagger(t)
	good := text.Parse("Lavrov met Rubio in Kuala Lumpur.")
	bad := []*text.Document{
		{Text: "short", Tokens: []text.Token{{Start: 0, End: 50, Kind: text.Word}}},
		{Text: "a b", Tokens: []text.Token{{Start: 2, End: 3}, {Start: 0, End: 1}}},
		{Text: "a b", Tokens: []text.Token{{Start: -1, End: 1}}},
		{Text: good.Text, Tokens: good.Tokens, Sentences: []text.Sentence{{First: 0, Last: 99, End: 5}}},
		{Text: good.Text, Tokens: good.Tokens, Sentences: []text.Sentence{{First: 3, Last: 1}}},
	}
	for i, d := range bad {
		if _, err := tg.TagDocument(d); !errors.Is(err, entity.ErrInvalidDocument) {
			t.Errorf("document %d: %v", i, err)
		}
	}
	// a document without sentences is valid: its tokens are read as none
	if _, err := tg.TagDocument(&text.Document{Text: good.Text, Tokens: good.Tokens}); err != nil {
		t.Errorf("no sentences: %v", err)
	}
}

func TestConcurrent(t *testing.T) {
	tg := tagger(t)
	want, _ := tg.Tag(briefing)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Go(func() {
			for i := 0; i < 5; i++ {
				got, err := tg.Tag(briefing)
				if err != nil || len(got) != len(want) {
					t.Errorf("concurrent: %d entities, want %d (%v)", len(got), len(want), err)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestRecognizerOption(t *testing.T) {
	in := "Alice met Bob in Geneva."
	bad := entity.RecognizerFunc(func(d *text.Document) ([]entity.Mention, error) {
		return []entity.Mention{{Start: -1, End: 3, Type: entity.PERSON}, {Start: 0, End: 5, Type: entity.PERSON, Score: 0.7},
			{Start: 2, End: 4, Type: entity.ORG}, {Start: 10, End: 13, Type: entity.PERSON}, {Start: 14, End: 999, Type: entity.ORG}, {Start: 3, End: 3, Type: entity.ORG}}, nil
	})
	tg, err := entity.NewTagger(bad)
	if err != nil {
		t.Fatal(err)
	}
	ents, err := tg.Tag(in)
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, in, ents)
	var got []string
	for _, e := range ents {
		got = append(got, e.Type.String()+":"+e.Text)
	}
	if strings.Join(got, " ") != "PERSON:Alice PERSON:Bob CITY:Geneva" {
		t.Fatalf("got %v", got)
	}
	panicky := entity.RecognizerFunc(func(d *text.Document) ([]entity.Mention, error) { panic("boom") })
	tg, _ = entity.NewTagger(panicky)
	if _, err := tg.Tag(in); !errors.Is(err, entity.ErrRecognizer) || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("panic not turned into an error: %v", err)
	}
}

func TestUserGazetteer(t *testing.T) {
	g, err := entity.ReadGazetteer(strings.NewReader("# test\nORG\tContoso Institute\t-\tCI|Contoso\nLOCATION\tNorthern Reach\tMYS\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Add(entity.PERSON, "X", ""); err == nil {
		t.Fatal("PERSON entry accepted")
	}
	tg, err := entity.NewTagger(nil, entity.WithGazetteer(g))
	if err != nil {
		t.Fatal(err)
	}
	in := "Officials of the Contoso Institute and CI toured the Northern Reach; ci is not it."
	ents, err := tg.Tag(in)
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, in, ents)
	var got []string
	for _, e := range ents {
		got = append(got, e.Text+"="+e.Canonical+"/"+e.Country)
	}
	if strings.Join(got, " ") != "Contoso Institute=Contoso Institute/ CI=Contoso Institute/ Northern Reach=Northern Reach/MYS" {
		t.Fatalf("got %v", got)
	}
	if _, err := entity.ReadGazetteer(strings.NewReader("PLANET\tMars")); err == nil {
		t.Fatal("bad type accepted")
	}
	if _, err := entity.ReadGazetteer(strings.NewReader("ORG")); err == nil {
		t.Fatal("short line accepted")
	}
}

func dataDir(t testing.TB) string {
	t.Helper()
	return shareddata.Require(t, ".")
}

func FuzzTag(f *testing.F) {
	f.Add(briefing)
	f.Add("U.S.-Russia talks in KUALA LUMPUR")
	f.Add("Mr. Lavrov's aide, the foreign minister, Sergei Lavrov, said ''")
	f.Add("\xff\x00 Côte d'Ivoire-Ghana")
	tg := tagger(f)
	f.Fuzz(func(t *testing.T, in string) {
		ents, err := tg.Tag(in)
		if err != nil {
			t.Fatal(err)
		}
		checkSpans(t, in, ents)
	})
}

func TestSurnameKeepsItsSenseInTheDocument(t *testing.T) {
	s := "U.S. Secretary of State Marco Rubio met Sergey Lavrov in Kuala Lumpur on Thursday. " +
		"Watch for a follow-up call between Rubio and Lavrov before September. " +
		"Historians compared the visit with George Washington's travels; reporters waited in Washington."
	ents, err := tagger(t).Tag(s)
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, s, ents)
	types := map[int]entity.Type{}
	for _, e := range ents {
		types[e.Start] = e.Type
	}
	// "Rubio" alone is also a small Venezuelan town: after "Marco Rubio"
	// it is the person
	at := strings.Index(s, "between Rubio") + len("between ")
	if types[at] != entity.PERSON {
		t.Errorf("%q tagged %v, want PERSON: %+v", "between Rubio", types[at], ents)
	}
	// a capital keeps its type beside a person of the same surname
	at = strings.LastIndex(s, "Washington")
	if types[at] != entity.CITY {
		t.Errorf("%q tagged %v, want CITY: %+v", "in Washington", types[at], ents)
	}
}

func TestTitledNames(t *testing.T) {
	persons := func(s string) []string {
		ents, err := tagger(t).Tag(s)
		if err != nil {
			t.Fatal(err)
		}
		checkSpans(t, s, ents)
		var ps []string
		for _, e := range ents {
			if e.Type == entity.PERSON {
				ps = append(ps, e.Text)
			}
		}
		return ps
	}
	for _, c := range []struct {
		in   string
		want []string
	}{
		// names that are also English words, or a town in a gazetteer
		{"Prime Minister Theresa May met President Macron in Paris.", []string{"Theresa May", "Macron"}},
		{"President Bush spoke with reporters in Washington.", []string{"Bush"}},
		{"Secretary of State Rice met the foreign minister.", []string{"Rice"}},
		// a headline in title case, and a title that heads a company name
		{"President Says Talks Will Resume", nil},
		{"General Motors said profits rose.", nil},
		// a known place after a title stays a place
		{"The ambassador flew to Geneva.", nil},
	} {
		if got := persons(c.in); !slices.Equal(got, c.want) {
			t.Errorf("%q: persons %q, want %q", c.in, got, c.want)
		}
	}
}

// TestCanonicalNames checks that one entity has one canonical name within
// a document: nationalities take their country's name, capitals only
// take the document's mixed-case form (or capitalised words), an acronym
// joins its expansion, and a first word alone joins the full name.
func TestCanonicalNames(t *testing.T) {
	s := "RUSSIAN FOREIGN MINISTER SERGEI LAVROV MEETS INDIAN COUNTERPART\n" +
		"Chinese Foreign Minister Wang Yi met officials of the Kurdistan Democratic Party in Beijing. " +
		"Wang told the KDP that Chinese firms would invest. Sergei Lavrov called later."
	ents, err := tagger(t).Tag(s)
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, s, ents)
	canon := map[string]string{}
	for _, e := range ents {
		canon[e.Text] = e.Canonical
	}
	for text, want := range map[string]string{
		"Chinese": "China", "Wang": "Wang Yi", "KDP": "Kurdistan Democratic Party",
		"SERGEI LAVROV": "Sergey Lavrov", // one spelling across documents
	} {
		if canon[text] != want {
			t.Errorf("%q: canonical %q, want %q (%+v)", text, canon[text], want, ents)
		}
	}
	for _, e := range ents {
		if len(e.Canonical) > 5 && strings.ToUpper(e.Canonical) == e.Canonical {
			t.Errorf("canonical in capitals: %+v", e)
		}
	}
}

// TestUserGazetteerWins checks that a user's entry gives its type,
// canonical name and country whatever the recogniser says, and that
// country codes are validated.
func TestUserGazetteerWins(t *testing.T) {
	g, err := entity.ReadGazetteer(strings.NewReader("COUNTRY\tGraustark\tGRK\tGraustarkian Republic\n"))
	if err != nil {
		t.Fatal(err)
	}
	rec, err := statistical.New()
	if err != nil {
		t.Fatal(err)
	}
	tg, err := entity.NewTagger(rec, entity.WithGazetteer(g))
	if err != nil {
		t.Fatal(err)
	}
	s := "Talks with Graustark resumed on Monday. The Graustarkian Republic sent its envoy."
	ents, err := tg.Tag(s)
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, s, ents)
	for _, name := range []string{"Graustark", "Graustarkian Republic"} {
		es := find(ents, name)
		if len(es) != 1 || es[0].Type != entity.COUNTRY || es[0].Canonical != "Graustark" || es[0].Country != "GRK" {
			t.Errorf("%q: %+v", name, es)
		}
	}
	for _, bad := range []string{"grk", "GR", "GRKX", "G1K"} {
		if err := entity.NewGazetteer().Add(entity.COUNTRY, "Graustark", bad); err == nil {
			t.Errorf("country code %q accepted", bad)
		}
	}
}

// TestHyphenatedPair checks that "Rubio-Lavrov talks" mentions both
// people once their full names are in the document.
// A pair that begins a longer name ("The Rubio-Lavrov Discussions", which
// the recogniser takes for one MISC) is the two people too.
func TestHyphenatedPair(t *testing.T) {
	for _, s := range []string{
		"Marco Rubio met Sergey Lavrov in Kuala Lumpur. The Rubio-Lavrov talks lasted an hour.",
		"Secretary of State Marco Rubio met Russian Foreign Minister Sergei Lavrov on Thursday. The Rubio-Lavrov Discussions were frank, officials said.",
	} {
		ents, err := tagger(t).Tag(s)
		if err != nil {
			t.Fatal(err)
		}
		checkSpans(t, s, ents)
		at := strings.Index(s, "Rubio-Lavrov")
		var got []string
		for _, e := range ents {
			if e.End > at && e.Start < at+len("Rubio-Lavrov Discussions") {
				got = append(got, e.Type.String()+":"+e.Text+"="+e.Canonical)
			}
		}
		if strings.Join(got, " ") != "PERSON:Rubio=Marco Rubio PERSON:Lavrov=Sergey Lavrov" {
			t.Errorf("%q: got %v (%+v)", s, got, ents)
		}
	}
}

// TestMeetingPair checks that a hyphenated pair of surnames before a
// meeting word is the two people even when the document never names them
// in full, and that a pair of nationalities stays one name.
func TestMeetingPair(t *testing.T) {
	for s, want := range map[string]string{
		"The Putin-Xi summit opened in Moscow.": "PERSON:Putin PERSON:Xi",
		"The Rubio-Lavrov talks ended.":         "PERSON:Rubio PERSON:Lavrov",
		"The Arab-Israeli talks resumed.":       "MISC:Arab-Israeli",
	} {
		ents, err := tagger(t).Tag(s)
		if err != nil {
			t.Fatal(err)
		}
		checkSpans(t, s, ents)
		var got []string
		for _, e := range ents {
			if e.Type != entity.CITY {
				got = append(got, e.Type.String()+":"+e.Text)
			}
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%q: got %v, want %s", s, got, want)
		}
	}
}

// TestNamesOfOtherCultures checks an Arabic name joined by "bin" and a
// Chinese surname alone after the full name.
func TestNamesOfOtherCultures(t *testing.T) {
	s := "Saudi Crown Prince Mohammed bin Salman met Xi Jinping in Riyadh. Xi said little."
	ents, err := tagger(t).Tag(s)
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, s, ents)
	if es := find(ents, "Mohammed bin Salman"); len(es) != 1 || es[0].Type != entity.PERSON {
		t.Errorf("Mohammed bin Salman: %+v", ents)
	}
	if es := find(ents, "Xi"); len(es) != 1 || es[0].Canonical != "Xi Jinping" {
		t.Errorf("Xi: %+v", ents)
	}
}
