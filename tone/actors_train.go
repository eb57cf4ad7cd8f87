//go:build tonetrain

package tone

// TrainingBags returns the distinct buckets of the two bags the
// article-level model reads for a (the words of its mention sentences and
// of its mentions' windows), for the training program.
func (a *ActorTone) TrainingBags() (sent, win []uint32) {
	if a.bags == nil || len(a.bags.win) != len(a.Targets) {
		return nil, nil
	}
	return a.bags.features(func(int) bool { return true }, nil, nil)
}

// EncodeActorModel writes an article-level actor model in the binary form
// of model/actors.bin (see actors_model.go), for the training program.
func EncodeActorModel(bits uint, bias, base [3]float64, w map[uint32][3]float64) ([]byte, error) {
	return encodeActorModel(bits, bias, base, w)
}
