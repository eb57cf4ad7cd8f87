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

func ExampleDocument_TokenFold() {
	doc := text.Parse("LAVROV met Rubio’s team")
	for i := range doc.Tokens {
		fmt.Printf("%-6s %-7s %-5v same-hash=%v\n", doc.TokenText(i), doc.TokenFold(i), doc.TokenShape(i).Title(),
			doc.TokenHash(i) == text.Hash(doc.TokenFold(i)))
	}
	// Output:
	// LAVROV lavrov  false same-hash=true
	// met    met     false same-hash=true
	// Rubio  rubio   true  same-hash=true
	// ’s     's      false same-hash=true
	// team   team    false same-hash=true
}

func ExampleShapeOf() {
	for _, w := range []string{"NATO", "Lavrov", "iPhone", "talks", "G7"} {
		sh := text.ShapeOf(w)
		fmt.Println(w, sh.AllCaps(), sh.Title(), sh.Mixed(), sh.Lower(), sh&text.ShapeDigit != 0)
	}
	// Output:
	// NATO true false false false false
	// Lavrov false true false false false
	// iPhone false false true false false
	// talks false false false true false
	// G7 true false false false true
}

func ExampleIsStopWord() {
	fmt.Println(text.IsStopWord("The"), text.IsStopWord("n't"), text.IsStopWord("US"), text.IsStopWord("sanctions"))
	// Output: true true false false
}

func ExampleHashAppend() {
	h := text.HashAppend(text.HashAppend(text.Hash("Foreign"), " "), "minister")
	fmt.Println(h == text.Hash("foreign minister"))
	// Output: true
}
