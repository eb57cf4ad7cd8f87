package text

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func tokenTexts(s string) []string {
	var out []string
	for _, t := range Tokenize(s, nil) {
		out = append(out, s[t.Start:t.End])
	}
	return out
}

func TestTokenizeNewsEnglish(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"The U.S. and Russia's envoys", []string{"The", "U.S.", "and", "Russia", "'s", "envoys"}},
		{"Lt. Col. J. Smith met Dr. Kim", []string{"Lt.", "Col.", "J.", "Smith", "met", "Dr.", "Kim"}},
		{"US-Russia and Rubio-Lavrov talks", []string{"US-Russia", "and", "Rubio-Lavrov", "talks"}},
		{"a U.S.-led coalition", []string{"a", "U.S.-led", "coalition"}},
		{"They didn't, we're", []string{"They", "did", "n't", ",", "we", "'re"}},
		{"Russia’s envoy", []string{"Russia", "’s", "envoy"}},
		{"the ministers' meeting", []string{"the", "ministers", "'", "meeting"}},
		{"O'Brien in Côte d'Ivoire", []string{"O'Brien", "in", "Côte", "d'Ivoire"}},
		{"$1,000.50 or 3.5% on 2026-11-21 at 12:30, 21/11/2026", []string{"$", "1,000.50", "or", "3.5", "%", "on", "2026-11-21", "at", "12:30", ",", "21/11/2026"}},
		{"See https://www.state.gov/readout. Or mail press@state.gov.", []string{"See", "https://www.state.gov/readout", ".", "Or", "mail", "press@state.gov", "."}},
		{"(see www.un.org)", []string{"(", "see", "www.un.org", ")"}},
		{"“Peace,” he said — finally…", []string{"“", "Peace", ",", "”", "he", "said", "—", "finally", "…"}},
		{"**US-Russia talks**", []string{"**", "US-Russia", "talks", "**"}},
		{"• Sanctions\n- Trade\n## Heading", []string{"•", "Sanctions", "-", "Trade", "##", "Heading"}},
		{"Wait... what?!", []string{"Wait", "...", "what", "?", "!"}},
		{"the 1990s and G7/G20", []string{"the", "1990s", "and", "G7", "/", "G20"}},
		{"AT&T and S&P", []string{"AT&T", "and", "S&P"}},
		{"Москва и Пекин", []string{"Москва", "и", "Пекин"}},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, tokenTexts(c.in), c.in)
	}
}

func TestTokenKinds(t *testing.T) {
	s := "Lavrov 1,000 . $ http://x.org a@b.co"
	var kinds []Kind
	for _, tk := range Tokenize(s, nil) {
		kinds = append(kinds, tk.Kind)
	}
	assert.Equal(t, []Kind{Word, Number, Punct, Symbol, URL, Email}, kinds)
	assert.Equal(t, "Email", Email.String())
	assert.Equal(t, "Invalid", Kind(99).String())
}

// checkTokens asserts the tokenizer's invariants on s: tokens in bounds, in
// order, not overlapping, and covering every byte that is not white space.
func checkTokens(t *testing.T, s string, toks []Token) {
	t.Helper()
	prev := 0
	for i, tk := range toks {
		if tk.Start < prev || tk.End <= tk.Start || tk.End > len(s) {
			t.Fatalf("token %d [%d,%d) out of order or bounds (prev end %d, len %d)", i, tk.Start, tk.End, prev, len(s))
		}
		gap := s[prev:tk.Start]
		for j := 0; j < len(gap); {
			r, size := utf8.DecodeRuneInString(gap[j:])
			if !(r != utf8.RuneError || size != 1) || !isSpaceRune(r) {
				t.Fatalf("byte %d (%q) before token %d is not covered", prev+j, gap[j:j+size], i)
			}
			j += size
		}
		prev = tk.End
	}
	for j := prev; j < len(s); {
		r, size := utf8.DecodeRuneInString(s[j:])
		if (r == utf8.RuneError && size == 1) || !isSpaceRune(r) {
			t.Fatalf("trailing byte %d (%q) is not covered", j, s[j:j+size])
		}
		j += size
	}
}

func checkSentences(t *testing.T, d *Document) {
	t.Helper()
	next := 0
	for i, st := range d.Sentences {
		if st.First != next || st.Last <= st.First || st.Last > len(d.Tokens) {
			t.Fatalf("sentence %d tokens [%d,%d) do not follow %d", i, st.First, st.Last, next)
		}
		if st.Start != d.Tokens[st.First].Start || st.End != d.Tokens[st.Last-1].End {
			t.Fatalf("sentence %d bytes [%d,%d) do not match its tokens", i, st.Start, st.End)
		}
		next = st.Last
	}
	if next != len(d.Tokens) {
		t.Fatalf("sentences cover %d of %d tokens", next, len(d.Tokens))
	}
}

func TestBadInputKeepsInvariants(t *testing.T) {
	inputs := []string{
		"",
		" \n\t ",
		"\xff\xfe\x00abc\x00\xc3",
		"abc\xe2\x80",
		strings.Repeat(".", 1_000_000),
		strings.Repeat("a", 1<<20),
		strings.Repeat("U.", 10000),
		strings.Repeat("-", 1000) + "x",
		strings.Repeat("'s", 1000),
		strings.Repeat("1,", 10000),
		strings.Repeat("http://", 1000),
		"a@b" + strings.Repeat(".c", 1000),
		"🇺🇸 🙂 ✈️ 中文 عربى",
	}
	for _, s := range inputs {
		d := Parse(s)
		checkTokens(t, s, d.Tokens)
		checkSentences(t, d)
	}
}

func TestLongRunsAreOneToken(t *testing.T) {
	dots := strings.Repeat(".", 1_000_000)
	require.Len(t, Tokenize(dots, nil), 1)
	word := strings.Repeat("x", 50<<20/10)
	require.Len(t, Tokenize(word, nil), 1)
}

func TestTokenizeReusesBuffer(t *testing.T) {
	s := "Secretary of State Marco Rubio met Russian Foreign Minister Sergey Lavrov in Kuala Lumpur on Thursday."
	buf := make([]Token, 0, 64)
	allocs := testing.AllocsPerRun(100, func() { buf = Tokenize(s, buf[:0]) })
	assert.Zero(t, allocs)
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"The U.S. and Russia's envoys.", "“Peace,” he said…", "a@b.c http://x.y/(z)", "\xff.\x00", "O'Brien n't 'll", "1,000.5-2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := Parse(s)
		checkTokens(t, s, d.Tokens)
		checkSentences(t, d)
		for _, tk := range d.Tokens {
			if tk.Kind < Word || tk.Kind > Email {
				t.Fatalf("bad kind %d", tk.Kind)
			}
		}
	})
}

func TestIsSpaceRuneAgreesWithUnicode(t *testing.T) {
	for _, r := range " \t\n\u00a0\u2009\u3000" {
		assert.True(t, isSpaceRune(r) && unicode.IsSpace(r), "%U", r)
	}
	assert.True(t, isSpaceRune('\u200b'), "zero-width space separates tokens")
}
