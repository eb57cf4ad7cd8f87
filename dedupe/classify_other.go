//go:build !amd64 || purego

package dedupe

func classify64(p *byte) (word, high uint64) { return classify64Go(p) }

func blockValues(p *byte, starts, ends uint64, dst *uint64) (n, stop int, long bool) {
	return blockValuesGo(p, starts, ends, dst)
}
