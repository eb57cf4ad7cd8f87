package text

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func sentenceTexts(s string) []string {
	d := Parse(s)
	out := make([]string, len(d.Sentences))
	for i := range d.Sentences {
		out[i] = d.SentenceText(i)
	}
	return out
}

func TestSplitSentences(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"Talks ended. Both sides left.", []string{"Talks ended.", "Both sides left."}},
		{"Dr. Kim met Gen. Lee. They spoke.", []string{"Dr. Kim met Gen. Lee.", "They spoke."}},
		{"I live in the U.S. How about you?", []string{"I live in the U.S.", "How about you?"}},
		{"The U.S. Senate voted.", []string{"The U.S. Senate voted."}},
		{"My name is Jonas E. Smith.", []string{"My name is Jonas E. Smith."}},
		{`"We will respond," he said. "Soon."`, []string{`"We will respond," he said.`, `"Soon."`}},
		{"He asked: “Why now?” Nobody answered.", []string{"He asked: “Why now?”", "Nobody answered."}},
		{"Is it over?! No.", []string{"Is it over?!", "No."}},
		{"It cost 3.5 billion. Then it rose.", []string{"It cost 3.5 billion.", "Then it rose."}},
		{"Talks (in Geneva.) went on.", []string{"Talks (in Geneva.) went on."}},
		{"He left. (Talks resume Monday.) Aides stayed.", []string{"He left.", "(Talks resume Monday.)", "Aides stayed."}},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, sentenceTexts(c.in), c.in)
	}
}

func TestHeadingsAndBulletsAreSentences(t *testing.T) {
	s := "Strategic Recommendations\n" +
		"The ministers met on Monday and\nagreed to keep channels open.\n" +
		"• Sanctions relief\n• A new round of talks\n\n" +
		"## Outlook\nMore talks are expected"
	d := Parse(s)
	var got []string
	var heads []bool
	for i, st := range d.Sentences {
		got = append(got, d.SentenceText(i))
		heads = append(heads, st.Heading)
	}
	assert.Equal(t, []string{
		"Strategic Recommendations",
		"The ministers met on Monday and\nagreed to keep channels open.",
		"• Sanctions relief",
		"• A new round of talks",
		"## Outlook",
		"More talks are expected",
	}, got)
	assert.Equal(t, []bool{true, false, true, true, true, true}, heads)
}

func TestHardWrappedLinesStayInTheirSentence(t *testing.T) {
	s := "WASHINGTON (Reuters) - Officials from the\nInternational Monetary\nFund and the World\nBank met on Monday.\nThey agreed."
	assert.Equal(t, []string{
		"WASHINGTON (Reuters) - Officials from the\nInternational Monetary\nFund and the World\nBank met on Monday.",
		"They agreed.",
	}, sentenceTexts(s))
}

func TestNumberedListItems(t *testing.T) {
	assert.Equal(t, []string{"1. The first item", "2. The second item"}, sentenceTexts("1. The first item\n2. The second item"))
}

func TestSentenceAtAndTokenAt(t *testing.T) {
	d := Parse("One two.  Three four.")
	assert.Equal(t, 0, d.SentenceAt(0))
	assert.Equal(t, 0, d.SentenceAt(7))
	assert.Equal(t, -1, d.SentenceAt(9), "white space between sentences")
	assert.Equal(t, 1, d.SentenceAt(10))
	assert.Equal(t, -1, d.SentenceAt(100))
	assert.Equal(t, 1, d.TokenAt(4))
	assert.Equal(t, 3, d.TokenAt(8), "white space maps to the next token")
	assert.Equal(t, len(d.Tokens), d.TokenAt(len(d.Text)))
	assert.Equal(t, []Token{{10, 15, Word}, {16, 20, Word}, {20, 21, Punct}}, d.SentenceTokens(1))
	assert.Equal(t, "Three", d.TokenText(3))
}
