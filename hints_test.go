package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/flexslot/flexslot-register/api/sandbox"
	"github.com/flexslot/flexslot-register/internal/cli"
)

// TestHintsKeepTheAPI: a command the tool tells the user to run next (the
// resume line of a draft, the rotation of a secret that was not sent) runs
// against the API this run used, not production.
func TestHintsKeepTheAPI(t *testing.T) {
	sb, err := sandbox.Start("127.0.0.1:0", sandbox.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	draft := filepath.Join(t.TempDir(), "draft.json")
	tests := []struct {
		name  string
		token string
		args  []string
		code  int
		want  string
	}{
		{"a draft's resume line, --api-url", "", []string{"--api-url", sb.URL, "--name", "Deck Tracker", "--no-input", "--draft", draft},
			cli.ExitUsage, "Resume with:\n  flexslot-register --from " + draft + " --api-url " + sb.URL},
		{"a draft's resume line, --sandbox", "", []string{"--sandbox", "--name", "Deck Tracker", "--no-input", "--draft", draft, "--force"},
			cli.ExitUsage, "Resume with:\n  flexslot-register --from " + draft + " --sandbox"},
		{"the rotation of a secret not sent, --api-url", sb.Token(), []string{"--api-url", sb.URL, "--name", "sandbox:201-no-secret",
			"--redirect-uri", "https://a.example/cb", "--scope", "decks:read", "--print-secret"},
			cli.ExitFailed, " --api-url " + sb.URL},
		{"the rotation of a secret not sent, --sandbox", "", []string{"--sandbox", "--name", "sandbox:201-no-secret",
			"--redirect-uri", "https://a.example/cb", "--scope", "decks:read", "--print-secret"},
			cli.ExitFailed, " --sandbox"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("FLEXSLOT_TOKEN", tt.token)
			t.Setenv("FLEXSLOT_API_URL", "")
			code, _, stderr := runWith(t, "", tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, want %d; stderr lacks %q:\n%s", code, tt.code, tt.want, stderr)
			}
		})
	}
}
