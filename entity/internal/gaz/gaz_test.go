package gaz

import (
	"slices"
	"strings"
	"testing"

	"github.com/diplotext/diplotext/text"
)

func scan(ix *Index, s string, lower bool) []string {
	toks := text.Tokenize(s, nil)
	words := make([]string, len(toks))
	hashes := make([]uint64, len(toks))
	for i, t := range toks {
		words[i] = s[t.Start:t.End]
		hashes[i] = text.Hash(words[i])
	}
	var out []string
	for _, m := range ix.Scan(words, hashes, lower, nil) {
		e := ix.Entry(m.Entry)
		out = append(out, strings.Join(words[m.Start:m.End], " ")+"="+e.Kind.String()+":"+e.Canonical+":"+e.Country)
	}
	return out
}

func TestDefault(t *testing.T) {
	ix := Default()
	got := scan(ix, "The Kremlin, Foggy Bottom and the Quai d'Orsay met in Kuala Lumpur, Malaysia; us Americans and US officials saw NATO, not nato or who.", false)
	want := []string{
		"Kremlin=GOV:Government of Russia:RUS",
		"Foggy Bottom=GOV:United States Department of State:USA",
		"Quai d'Orsay=GOV:Ministry for Europe and Foreign Affairs of France:FRA",
		"Kuala Lumpur=CITY:Kuala Lumpur:MYS",
		"Malaysia=COUNTRY:Malaysia:MYS",
		"Americans=NORP:American:USA",
		"US=COUNTRY:United States:USA",
		"NATO=ORG:North Atlantic Treaty Organization:",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	// demonyms go to independent states: French is France
	if got := scan(ix, "French", false); len(got) != 1 || !strings.HasSuffix(got[0], ":FRA") {
		t.Errorf("French: %v", got)
	}
	// text without capitals may match in lower-case mode, acronyms never
	if got := scan(ix, "talks in china and the us", true); !slices.Equal(got, []string{"china=COUNTRY:China:CHN"}) {
		t.Errorf("lower-case: %v", got)
	}
	if CountryName("MYS") != "Malaysia" || CountryName("XXX") != "" {
		t.Error("CountryName")
	}
	if !Common(text.Hash("Strategic")) || Common(text.Hash("Lavrov")) {
		t.Error("Common")
	}
}

func TestTables(t *testing.T) {
	if len(countryTable) < 240 || len(cityTable) < 4000 {
		t.Fatalf("tables too small: %d countries, %d cities", len(countryTable), len(cityTable))
	}
	for i := 1; i < len(countryTable); i++ {
		if countryTable[i-1].Code >= countryTable[i].Code {
			t.Fatalf("country table not sorted at %s", countryTable[i].Code)
		}
	}
	for i := 1; i < len(cityTable); i++ {
		a, b := cityTable[i-1], cityTable[i]
		if a.Name > b.Name || a.Name == b.Name && a.Country >= b.Country {
			t.Fatalf("city table not sorted at %s", b.Name)
		}
	}
	words := strings.Split(strings.TrimSuffix(commonWords, "\n"), "\n")
	if !slices.IsSorted(words) || len(words) < 30000 {
		t.Fatalf("word list: sorted %v, %d words", slices.IsSorted(words), len(words))
	}
}

func TestLexiconErrors(t *testing.T) {
	for _, bad := range []string{"ORG", "PLANET\tMars", "ORG\t\t-", "ORG\ta\tb\tc\td"} {
		if err := NewBuilder(nil).AddLexicon(bad, 1); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestTitles(t *testing.T) {
	words := strings.Fields("Russia 's Foreign Minister Sergei Lavrov , the U.S. Secretary of State")
	if r, s, ok := TitleBefore(words, 4); !ok || r != "foreign minister" || s != 2 {
		t.Errorf("TitleBefore: %q %d %v", r, s, ok)
	}
	if r, e, ok := TitleAt(words, 9); !ok || r != "secretary of state" || e != 12 {
		t.Errorf("TitleAt: %q %d %v", r, e, ok)
	}
	if _, _, ok := TitleBefore(words, 0); ok {
		t.Error("title before the first word")
	}
}

func TestWordHash(t *testing.T) {
	if text.Hash("LAVROV") != text.Hash("lavrov") || text.Hash("d’Ivoire") != text.Hash("d'ivoire") || text.Hash("Éire") != text.Hash("éire") {
		t.Error("folding")
	}
	if text.Hash("a") == text.Hash("b") {
		t.Error("collision")
	}
	_ = text.Hash("\xff\xfe")
}

func TestWordClass(t *testing.T) {
	for _, c := range []struct {
		w    string
		want uint8
	}{
		{"Margaret", WFirstName},
		{"Rubio", WNamePart},
		{"Plc", WOrgWord},
		{"spokesman", WPersonCue},
		{"strategic", 0},
	} {
		if got := WordClass(text.Hash(c.w)); got&c.want != c.want || c.want == 0 && got != 0 {
			t.Errorf("WordClass(%q) = %b, want the bits %b", c.w, got, c.want)
		}
	}
}

func TestPlainAndProvinces(t *testing.T) {
	if got := Plain("São Paulo, Kraków"); got != "Sao Paulo, Krakow" {
		t.Errorf("Plain = %q", got)
	}
	got := scan(Default(), "Sao Paulo and Arkansas", false)
	want := []string{"Sao Paulo=CITY:São Paulo:BRA", "Arkansas=LOC:Arkansas:USA"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
