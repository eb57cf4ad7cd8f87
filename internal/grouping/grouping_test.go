package grouping

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/diplotext/diplotext/dedupe"
)

// Story mode reads the first StoryMaxBytes of a document: a document of at
// most that length is grouped as dedupe's own Stories group it, and a
// longer one as its first StoryMaxBytes would be.
func TestStoryModeReadsTheFirstMiB(t *testing.T) {
	ctx := context.Background()
	lead := "Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State Marco Rubio in Geneva on Monday. "
	other := "Floods in Bangladesh displaced thousands of families as the monsoon rains continued. "
	head := strings.Repeat(lead, StoryMaxBytes/len(lead))
	head += strings.Repeat(" ", StoryMaxBytes-len(head))           // exactly what is read
	long := head + strings.Repeat(other, StoryMaxBytes/len(other)) // the rest is another story
	g, err := Open(ctx, "story", 0, "")
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	plain, err := dedupe.NewStories()
	if err != nil {
		t.Fatal(err)
	}
	docs := []struct{ id, text string }{
		{"short", lead + "The talks were frank."},
		{"floods", other + "Aid agencies appealed for help."},
		{"long", long},
	}
	for _, d := range docs {
		got, err := g.AddAt(ctx, d.id, d.text, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		want, err := plain.AddAt(ctx, d.id, d.text[:min(len(d.text), StoryMaxBytes)], time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if got.Cluster != want.Cluster || len(got.Similar) != len(want.Similar) {
			t.Fatalf("%s: story %+v, want %+v", d.id, got, want)
		}
	}
	if r, _ := g.Cluster(ctx, "long"); r != "short" {
		t.Fatalf("the long document's first MiB tells the Geneva story, but it joined %q", r)
	}
	// what follows the first MiB is not read: the same id with another
	// tail is the same document again (a retry), not a duplicate id
	r, err := g.AddAt(ctx, "long", head+strings.Repeat("Markets fell. ", 1000), time.Time{})
	if err != nil || r.Cluster != "short" {
		t.Fatalf("the long document with another tail: %+v, %v", r, err)
	}
}
