package corpus_test

import (
	"fmt"
	"strings"

	"github.com/diplotext/diplotext/internal/eval/topic/corpus"
)

func ExampleReadNYT() {
	const csv = `"Article_ID";"Date";"Title";"Subject";"Topic.Code"
"101";"2-Feb-98";"Envoys Meet; Talks Stall";"Arms control talks";"19"
"102";"3-Feb-98";"Schools Face Budget Gap";"City school budget";"6"
"103";"4-Feb-98";"Uncoded Story";"";"NA"
`
	docs, err := corpus.ReadNYT(strings.NewReader(csv))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range docs {
		fmt.Printf("%s %q code %d foreign %v\n", d.ID, d.Text, d.Code, corpus.ForeignCode(d.Code))
	}
	// Output:
	// 101 "Envoys Meet; Talks Stall" code 19 foreign true
	// 102 "Schools Face Budget Gap" code 6 foreign false
}

func ExampleReadReuters() {
	const sgml = `<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" NEWID="42">
<TOPICS><D>trade</D><D>grain</D></TOPICS>
<TEXT>&#2;
<TITLE>RURITANIA &amp; SYLVANIA AGREE GRAIN DEAL</TITLE>
<BODY>The two countries agreed to cut tariffs on grain.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>`
	docs, err := corpus.ReadReuters(strings.NewReader(sgml))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range docs {
		fmt.Println(d.ID, d.Labels, d.ModApteTrain())
		fmt.Println(d.Text())
	}
	// Output:
	// 42 [trade grain] true
	// RURITANIA & SYLVANIA AGREE GRAIN DEAL
	//
	// The two countries agreed to cut tariffs on grain.
}

func ExampleNYTExamples() {
	docs := []corpus.CAPDoc{
		{ID: "101", Text: "Envoys Meet", Subject: "Arms control talks", Code: 19},
		{ID: "102", Text: "Schools Face Budget Gap", Code: 6},
	}
	ex, views, _ := corpus.NYTExamples(docs, corpus.DefaultNYTViews())
	for i, e := range ex {
		fmt.Printf("view %d weight %.1f group %s %q %v\n", views[i], e.Weight, e.Group, e.Text, e.Labels)
	}
	// Output:
	// view 0 weight 2.0 group nyt:101 "Envoys Meet" [@foreign @cap19]
	// view 1 weight 1.0 group nyt:101 "Envoys Meet. Arms control talks" [@foreign @cap19]
	// view 2 weight 0.7 group nyt:101 "Arms control talks" [@foreign @cap19]
	// view 0 weight 2.0 group nyt:102 "Schools Face Budget Gap" []
}
