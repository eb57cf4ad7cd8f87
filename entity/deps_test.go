package entity_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencies checks that package entity links neither the weights
// of the statistical recogniser (a program that brings its own recogniser
// does not contain them) nor any package that reads development data.
func TestDependencies(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go tool not found:", err)
	}
	out, err := exec.Command(goTool, "list", "-deps", ".").Output()
	if err != nil {
		t.Skip("go list:", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.HasSuffix(dep, "/entity/statistical") || strings.Contains(dep, "/internal/eval") || strings.HasSuffix(dep, "/internal/shareddata") {
			t.Errorf("package entity depends on %s", dep)
		}
	}
}
