package bench

// Blank imports pin the peers in go.mod so that every benchmark file can use
// them without editing it.
import (
	_ "github.com/diplotext/diplotext/text"
	_ "github.com/ekzhu/minhash-lsh"
	_ "github.com/jdkato/prose/v2"
	_ "github.com/jonreiter/govader"
)
