//go:build race

package event

func init() { raceEnabled = true }
