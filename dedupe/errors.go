package dedupe

import "fmt"

func errDup(id, cluster string) error {
	return fmt.Errorf("dedupe: add %q (already in group %q): %w", id, cluster, ErrDuplicateID)
}
