package tone

// The embedded lexicon, from the VADER lexicon as shipped in govader:
//go:generate go run ./internal/gen -out lexicon_vader.go

// The learned models, from the shared data (../shared/data; see
// tone/internal/train and docs/tone.md). The actor calibration and model
// (actors_calibration.go, model/actors.bin) read the targeted model, so
// they run last, in a program built after the models.
//go:generate go run -tags tonetrain ./internal/train -what polarity
//go:generate go run -tags tonetrain ./internal/train -what target
//go:generate go run -tags tonetrain ./internal/train -what actors
