package topic

import "testing"

// FindData exposes dataDir to the external test package.
func FindData(t testing.TB, sub string) string { return dataDir(t, sub) }
