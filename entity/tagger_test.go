package entity

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/diplotext/diplotext/internal/shareddata"

	"github.com/diplotext/diplotext/text"
)

var testTagger = sync.OnceValues(func() (*Tagger, error) { return NewTagger() })

func tagger(t testing.TB) *Tagger {
	tg, err := testTagger()
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// checkSpans asserts the invariants of every result: offsets in range,
// Text equal to the input bytes, sorted, no overlap, valid types.
func checkSpans(t testing.TB, in string, ents []Entity) {
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

func find(ents []Entity, text string) []Entity {
	var out []Entity
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
		{"American", "NORP", "American", "USA", ""},
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
			if e.Type == PERSON {
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
	if got := find(ents, "International Monetary\nFund"); len(got) != 1 || got[0].Type != ORG {
		t.Errorf("International Monetary Fund across lines: got %+v", ents)
	}
}

func TestJSON(t *testing.T) {
	e := Entity{Text: "Lavrov", Type: PERSON, Start: 3, End: 9, Canonical: "Sergey Lavrov", Country: "RUS", Role: "foreign minister", Score: 0.9}
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"text":"Lavrov","type":"PERSON","start":3,"end":9,"canonical":"Sergey Lavrov","country":"RUS","role":"foreign minister","score":0.9}`
	if string(b) != want {
		t.Fatalf("got %s, want %s", b, want)
	}
	var back Entity
	if err := json.Unmarshal(b, &back); err != nil || back != e {
		t.Fatalf("round trip: %+v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`{"type":"PLANET"}`), &back); err == nil {
		t.Fatal("unknown type accepted")
	}
	for _, ty := range allTypes {
		p, err := ParseType(ty.String())
		if err != nil || p != ty {
			t.Fatalf("ParseType(%v) = %v, %v", ty, p, err)
		}
	}
	if _, err := Type(0).MarshalText(); err == nil {
		t.Fatal("zero type marshalled")
	}
	if Type(42).String() != "Type(42)" {
		t.Fatal(Type(42).String())
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
	if ents, err := tg.TagDocument(nil); err != nil || ents != nil {
		t.Fatalf("nil document: %v %v", ents, err)
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
	bad := RecognizerFunc(func(d *text.Document) ([]Mention, error) {
		return []Mention{{Start: -1, End: 3, Type: PERSON}, {Start: 0, End: 5, Type: PERSON, Score: 0.7},
			{Start: 2, End: 4, Type: ORG}, {Start: 10, End: 13, Type: PERSON}, {Start: 14, End: 999, Type: ORG}, {Start: 3, End: 3, Type: ORG}}, nil
	})
	tg, err := NewTagger(WithRecognizer(bad))
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
	panicky := RecognizerFunc(func(d *text.Document) ([]Mention, error) { panic("boom") })
	tg, _ = NewTagger(WithRecognizer(panicky))
	if _, err := tg.Tag(in); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("panic not turned into an error: %v", err)
	}
}

func TestUserGazetteer(t *testing.T) {
	g, err := ReadGazetteer(strings.NewReader("# test\nORG\tContoso Institute\t-\tCI|Contoso\nLOCATION\tNorthern Reach\tMYS\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Add(PERSON, "X", ""); err == nil {
		t.Fatal("PERSON entry accepted")
	}
	tg, err := NewTagger(WithRecognizer(nil), WithGazetteer(g))
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
	if _, err := ReadGazetteer(strings.NewReader("PLANET\tMars")); err == nil {
		t.Fatal("bad type accepted")
	}
	if _, err := ReadGazetteer(strings.NewReader("ORG")); err == nil {
		t.Fatal("short line accepted")
	}
}

func TestNameKey(t *testing.T) {
	same := [][2]string{{"Sergey", "Sergei"}, {"Yevgeny", "Evgeny"}, {"Dmitriy", "Dmitry"}, {"Dmitrii", "Dmitry"}, {"Zelenskiy", "Zelensky"}, {"José", "Jose"}}
	for _, p := range same {
		if nameKey(p[0]) != nameKey(p[1]) {
			t.Errorf("nameKey(%q)=%q != nameKey(%q)=%q", p[0], nameKey(p[0]), p[1], nameKey(p[1]))
		}
	}
	for _, p := range [][2]string{{"Mohammed", "Muhammad"}, {"Mohamed", "Muhammed"}} {
		if skeleton(nameKey(p[0])) != skeleton(nameKey(p[1])) {
			t.Errorf("skeleton(%q) != skeleton(%q)", p[0], p[1])
		}
	}
	if nameKey("Putin") == nameKey("Patin") {
		t.Error("different names folded alike")
	}
}

func TestDevF1(t *testing.T) {
	f, err := os.Open(filepath.Join(dataDir(t), "conll2003", "eng.testa"))
	if err != nil {
		t.Skip("CoNLL-2003 dev set absent:", err)
	}
	defer f.Close()
	s, err := EvalCoNLL(tagger(t), f)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, f1 := s.PRF(""); f1 < 0.92 {
		var b strings.Builder
		s.WriteTo(&b)
		t.Fatalf("dev F1 %.4f < 0.92\n%s", f1, b.String())
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
	types := map[int]Type{}
	for _, e := range ents {
		types[e.Start] = e.Type
	}
	// "Rubio" alone is also a small Venezuelan town: after "Marco Rubio"
	// it is the person
	at := strings.Index(s, "between Rubio") + len("between ")
	if types[at] != PERSON {
		t.Errorf("%q tagged %v, want PERSON: %+v", "between Rubio", types[at], ents)
	}
	// a capital keeps its type beside a person of the same surname
	at = strings.LastIndex(s, "Washington")
	if types[at] != CITY {
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
			if e.Type == PERSON {
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
