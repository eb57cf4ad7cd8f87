//go:build !amd64 || purego

package dedupe

func classify64(p *byte) (word, high uint64) { return classify64Go(p) }
