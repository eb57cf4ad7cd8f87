package text_test

import (
	"fmt"

	"github.com/diplotext/diplotext/text"
)

func ExampleParse() {
	doc := text.Parse("Strategic Recommendations\nU.S. Secretary of State Marco Rubio met Russia's Sergey Lavrov. Talks were \"frank\".")
	for i, s := range doc.Sentences {
		fmt.Printf("%d heading=%v %q\n", i, s.Heading, doc.SentenceText(i))
	}
	// Output:
	// 0 heading=true "Strategic Recommendations"
	// 1 heading=false "U.S. Secretary of State Marco Rubio met Russia's Sergey Lavrov."
	// 2 heading=false "Talks were \"frank\"."
}

func ExampleTokenize() {
	s := "US-Russia talks didn't end."
	for _, t := range text.Tokenize(s, nil) {
		fmt.Printf("%d-%d %s %q\n", t.Start, t.End, t.Kind, s[t.Start:t.End])
	}
	// Output:
	// 0-9 Word "US-Russia"
	// 10-15 Word "talks"
	// 16-19 Word "did"
	// 19-22 Word "n't"
	// 23-26 Word "end"
	// 26-27 Punct "."
}

func ExampleDocument_SentenceAt() {
	doc := text.Parse("Talks ended. Lavrov left for Moscow.")
	i := doc.SentenceAt(20)
	fmt.Println(doc.SentenceText(i))
	// Output: Lavrov left for Moscow.
}

func ExampleFold() {
	fmt.Println(text.Fold("LAVROV’S"), text.FoldPunct("“Peace” — now"))
	// Output: lavrov's "Peace" - now
}

func ExampleStemmer() {
	st := text.NewStemmer(0)
	fmt.Println(st.Stem("sanctions"), st.Stem("negotiations"), st.Stem("negotiating"))
	// Output: sanction negoti negoti
}
