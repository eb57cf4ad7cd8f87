//go:build !prose

package main

import (
	"errors"

	"github.com/diplotext/diplotext/entity"
)

// proseRecognizer reports that this build does not link prose: the
// package init of prose's dependencies (commonregex compiles its regular
// expressions) would cost every command's start-up. Build with -tags
// prose for "eval ner --recognizer prose".
func proseRecognizer() (entity.Recognizer, error) {
	return nil, errors.New(`--recognizer prose: this diplotext was built without prose; build it with "go build -tags prose ./cmd/diplotext"`)
}
