package dedupe_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/diplotext/diplotext/dedupe"
)

func ExampleIndex() {
	ix, err := dedupe.NewIndex()
	if err != nil {
		panic(err)
	}
	defer ix.Close()
	ctx := context.Background()
	body := "Foreign ministers of the two countries met in Geneva on Monday to discuss a ceasefire, " +
		"humanitarian corridors and the exchange of prisoners, officials said after the talks. " +
		"The ministers agreed to meet again next month and to set up a joint working group on aid deliveries."
	for _, d := range []struct{ id, text string }{
		{"wire", body},
		{"paper", "GENEVA (Daily Courier) - " + body + " Copyright 2026 Daily Courier."},
		{"other", "The central bank left interest rates unchanged on Thursday, citing slowing inflation."},
	} {
		r, err := ix.Add(ctx, d.id, d.text)
		if err != nil {
			panic(err)
		}
		fmt.Println(r.ID, "->", r.Cluster)
	}
	// Output:
	// wire -> wire
	// paper -> wire
	// other -> other
}

func ExampleStories() {
	ix, _ := dedupe.NewStories()
	ctx := context.Background()
	for i, h := range []string{
		"Lavrov and Blinken meet in Geneva over Ukraine ceasefire",
		"Central bank holds rates as inflation slows",
		"Blinken, Lavrov hold Geneva talks on Ukraine truce",
	} {
		r, _ := ix.Add(ctx, fmt.Sprint("h", i), h)
		fmt.Println(r.ID, "->", r.Cluster)
	}
	// Output:
	// h0 -> h0
	// h1 -> h1
	// h2 -> h0
}

func ExampleIndex_AddBatch() {
	ix, _ := dedupe.NewIndex()
	defer ix.Close()
	body := "The foreign ministers agreed on Tuesday to extend the grain corridor for another " +
		"four months and to set up a joint centre in Istanbul to inspect ships, officials said."
	res, err := ix.AddBatch(context.Background(), []dedupe.Doc{
		{ID: "a", Text: body},
		{ID: "b", Text: "The parliament passed the budget on its second reading late on Friday night."},
		{ID: "c", Text: "ISTANBUL - " + body},
	})
	if err != nil {
		panic(err)
	}
	for _, r := range res {
		fmt.Println(r.ID, "->", r.Cluster)
	}
	// Output:
	// a -> a
	// b -> b
	// c -> a
}

// Stories kept in a file between runs: one run groups yesterday's
// headlines and writes its stories; the next run reads them and
// continues. Files (and their atomic replacement) are the caller's.
func ExampleStories_ReadFrom() {
	dir, err := os.MkdirTemp("", "stories")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "stories.snap")
	ctx := context.Background()
	run := func(heads map[string]string, order ...string) {
		st, err := dedupe.NewStories()
		if err != nil {
			panic(err)
		}
		defer st.Close()
		if f, err := os.Open(path); err == nil { // continue the saved stories
			_, err = st.ReadFrom(f)
			f.Close()
			if err != nil {
				panic(err)
			}
		}
		for _, id := range order {
			r, err := st.Add(ctx, id, heads[id])
			if err != nil {
				panic(err)
			}
			fmt.Println(r.ID, "->", r.Cluster)
		}
		f, err := os.Create(path)
		if err != nil {
			panic(err)
		}
		if _, err := st.WriteTo(f); err != nil {
			panic(err)
		}
		if err := f.Close(); err != nil {
			panic(err)
		}
	}
	run(map[string]string{
		"mon1": "Lavrov and Blinken meet in Geneva over Ukraine ceasefire",
		"mon2": "Central bank holds rates as inflation slows",
	}, "mon1", "mon2")
	run(map[string]string{
		"tue1": "Blinken, Lavrov hold Geneva talks on Ukraine truce",
		"tue2": "Inflation slows again, central bank keeps rates on hold",
	}, "tue1", "tue2")
	// Output:
	// mon1 -> mon1
	// mon2 -> mon2
	// tue1 -> mon1
	// tue2 -> mon2
}
