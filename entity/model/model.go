// Package model embeds the trained weights of the statistical recogniser
// of package entity: a two-stage averaged perceptron trained on CoNLL-2003
// eng.train with entity/internal/train (about 1.5 MB).
//
// It is a package of its own so that programs that bring their own
// recogniser do not link the weights.
package model

import _ "embed"

//go:generate go run ../internal/train -out ner.model

//go:embed ner.model
var ner []byte

// NER returns the encoded recogniser model (do not modify the slice).
func NER() []byte { return ner }
