// Package model embeds the trained weights of the statistical recogniser
// of package entity: two-stage averaged perceptrons trained on CoNLL-2003
// eng.train with entity/internal/train, one on the text as written and one
// on lower-cased text (about 2.5 MB each, gzipped).
//
// It is a package of its own so that programs that bring their own
// recogniser do not link the weights.
package model

import _ "embed"

//go:generate go run ../internal/train -out ner.model
//go:generate go run ../internal/train -lower -out ner_lower.model

//go:embed ner.model
var ner []byte

//go:embed ner_lower.model
var nerLower []byte

// NER returns the encoded recogniser model (do not modify the slice).
func NER() []byte { return ner }

// NERLower returns the encoded recogniser model for text without
// capitals, trained on lower-cased text (do not modify the slice).
func NERLower() []byte { return nerLower }
