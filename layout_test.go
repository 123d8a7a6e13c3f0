package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestLayout holds the packages to what their paths promise
// (docs/ARCHITECTURE.md): no front end imports another, the flow imports no
// front end, and the domain neither a front end nor the flow.
func TestLayout(t *testing.T) {
	const module = "github.com/flexslot/flexslot-register/"
	frontEnds := []string{"ui", "frontend/lines", "frontend/script"}
	tests := []struct {
		pkg       string
		forbidden []string
	}{
		{"ui/...", []string{"frontend/lines", "frontend/script"}},
		{"frontend/lines", []string{"ui", "frontend/script"}},
		{"frontend/script", []string{"ui", "ui/field", "frontend/lines"}},
		{"flow", append(frontEnds, "ui/field")},
		{"domain/...", append(frontEnds, "ui/field", "flow")},
	}
	for _, tt := range tests {
		t.Run(tt.pkg, func(t *testing.T) {
			out, err := exec.Command("go", "list", "-deps", "./"+tt.pkg).Output()
			if err != nil {
				t.Fatalf("go list -deps ./%s: %v", tt.pkg, err)
			}
			deps := strings.Fields(string(out))
			if !slices.Contains(deps, module+"api") {
				t.Fatalf("go list -deps ./%s names no package of the module:\n%s", tt.pkg, out)
			}
			for _, f := range tt.forbidden {
				if slices.Contains(deps, module+f) {
					t.Errorf("./%s imports %s", tt.pkg, f)
				}
			}
		})
	}
}
