package tone

//go:generate go run ./internal/gen -out lexicon_vader.go
