package text

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNormalisation(t *testing.T) {
	assert.Equal(t, "Côte", NFC("Co\u0302te"))
	assert.Equal(t, "plain", NFC("plain"))
	assert.Equal(t, `"Russia's" - talks`, FoldPunct("“Russia’s” — talks"))
	assert.Equal(t, "x y", FoldPunct("x\u00a0y"))
	assert.Equal(t, "lavrov", Fold("LAVROV"))
	assert.Equal(t, "lavrov", Fold("lavrov"))
	assert.Equal(t, "straße's", Fold("STRAẞE’s"))
	assert.Equal(t, "\xffabc", Fold("\xffABC"), "invalid bytes survive folding")
}

func TestStemmer(t *testing.T) {
	st := NewStemmer(4)
	assert.Equal(t, "sanction", st.Stem("sanctions"))
	assert.Equal(t, "negoti", st.Stem("negotiating"))
	assert.Equal(t, "negoti", st.Stem("negotiations"))
	assert.Equal(t, "us", st.Stem("us"))
	for _, w := range []string{"talks", "summits", "treaties", "ministers", "envoys", "borders"} {
		assert.Equal(t, Stem(w), st.Stem(w), "a small cache resets without changing results")
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 200 {
				assert.Equal(t, "diplomat", Stem("diplomats"))
			}
		}()
	}
	wg.Wait()
}

func TestStemAllocatesOnlyOnAMiss(t *testing.T) {
	Stem("ceasefires")
	assert.Zero(t, testing.AllocsPerRun(100, func() { Stem("ceasefires") }))
}

func TestSplitsRune(t *testing.T) {
	s := "aé中\x84b" // a, é (2 bytes), 中 (3 bytes), a stray continuation byte, b
	var splits []int
	for off := 0; off <= len(s); off++ {
		if SplitsRune(s, off) {
			splits = append(splits, off)
		}
	}
	assert.Equal(t, []int{2, 4, 5}, splits, "only offsets inside é and 中 split a character")
	assert.False(t, SplitsRune(s, -1))
	assert.False(t, SplitsRune("", 0))
}
