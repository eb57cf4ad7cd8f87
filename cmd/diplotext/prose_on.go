//go:build prose

package main

import (
	"github.com/diplotext/diplotext/entity"
	"github.com/diplotext/diplotext/entity/proserec"
)

// proseRecognizer returns the prose-backed recogniser of "eval ner
// --recognizer prose" (this build has the prose tag).
func proseRecognizer() (entity.Recognizer, error) { return proserec.New(), nil }
