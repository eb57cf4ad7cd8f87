package diplotext

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/diplotext/diplotext/dedupe"
	"github.com/diplotext/diplotext/text"
	"github.com/diplotext/diplotext/topic"
)

// panicClassifier is a user's topic.Classifier that panics.
type panicClassifier struct{}

func (panicClassifier) ClassifyDocument(*text.Document) ([]topic.Topic, error) {
	panic("user classifier bug")
}

// panicGrouper is a user's dedupe.Grouper that panics.
type panicGrouper struct{}

func (panicGrouper) AddDocument(context.Context, string, *text.Document) (dedupe.Result, error) {
	panic("user grouper bug")
}
func (panicGrouper) Close() error { return nil }

// TestUserCallbacksThatPanicAreErrors (issue 16.11): a user's classifier or
// dedupe grouper that panics, and a typed-nil *topic.Model, are errors of
// Analyze and WriteReport, whose documentation says they never panic.
func TestUserCallbacksThatPanicAreErrors(t *testing.T) {
	short := "Ministers met in Geneva on Monday to discuss the ceasefire."
	long := strings.Repeat(short+" ", windowBytes/len(short)+2) // analysed in windows
	for _, c := range []struct {
		name string
		opts []Option
		want string
	}{
		{"panicking classifier", []Option{WithClassifier(panicClassifier{}), WithoutEntities(), WithoutTone(), WithoutEvents()}, "user classifier bug"},
		{"typed-nil model", []Option{WithClassifier((*topic.Model)(nil)), WithoutEntities(), WithoutTone(), WithoutEvents()}, ""},
		{"panicking grouper", []Option{WithDedupe(panicGrouper{}), WithoutEntities(), WithoutTopics(), WithoutTone(), WithoutEvents()}, "user grouper bug"},
	} {
		a, err := New(c.opts...)
		if err != nil {
			continue // refused at construction: fine
		}
		for _, txt := range []string{short, long} {
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Errorf("%s (%d bytes): Analyze panicked: %v", c.name, len(txt), p)
					}
				}()
				_, err := a.Analyze(context.Background(), Input{ID: "d1", Text: txt})
				if err == nil {
					t.Errorf("%s (%d bytes): no error", c.name, len(txt))
				} else if !strings.Contains(err.Error(), c.want) || (c.want != "" && !errors.Is(err, ErrPanic)) {
					t.Errorf("%s (%d bytes): %v, want it to mention %q", c.name, len(txt), err, c.want)
				}
				var sb strings.Builder
				if err := a.WriteReport(context.Background(), Input{ID: "d1", Text: txt}, &sb); err == nil {
					t.Errorf("%s (%d bytes): WriteReport: no error", c.name, len(txt))
				}
			}()
		}
	}
}
