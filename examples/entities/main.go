// Command entities prints the entities of a text, one JSON object a line:
// the text of the files given as arguments, or a built-in sample news
// report when there are none.
//
//	go run ./examples/entities
//	go run ./examples/entities report.txt
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/diplotext/diplotext/entity"
	"github.com/diplotext/diplotext/entity/statistical"
)

const sample = `Strategic Recommendations

KUALA LUMPUR, July 11 (NDTV) - U.S. Secretary of State Marco Rubio held talks with Russia's Foreign Minister Sergey Lavrov on the margins of ASEAN meetings hosted by Malaysia. Rubio called the US-Russia exchange candid. Sergei Lavrov told reporters the Kremlin was ready to keep talking.`

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "entities:", err)
		os.Exit(1)
	}
}

func run(files []string) error {
	rec, err := statistical.New()
	if err != nil {
		return err
	}
	tagger, err := entity.NewTagger(rec)
	if err != nil {
		return err
	}
	texts := []string{sample}
	if len(files) > 0 {
		texts = texts[:0]
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return err
			}
			texts = append(texts, string(b))
		}
	}
	enc := json.NewEncoder(os.Stdout)
	for _, t := range texts {
		ents, err := tagger.Tag(t)
		if err != nil {
			return err
		}
		for _, e := range ents {
			if err := enc.Encode(e); err != nil {
				return err
			}
		}
	}
	return nil
}
