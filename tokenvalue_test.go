package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flexslot/flexslot-register/api/sandbox"
	"github.com/flexslot/flexslot-register/internal/cli"
)

// TestTokenAsAFieldValue: the personal access token given as a field's value
// (the name players see, a redirect URI, a link) is refused at its flag before
// anything is sent, printed (--dry-run) or kept (--draft), and no output
// repeats it.
func TestTokenAsAFieldValue(t *testing.T) {
	sb, err := sandbox.Start("127.0.0.1:0", sandbox.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	token := sb.Token()
	const refusal = "This holds a personal access token (flx_pat_…), which is a password: remove it."
	dir := t.TempDir()
	manifest := filepath.Join(dir, "client.json")
	if err := os.WriteFile(manifest, []byte(`{"application_name": "Deck Tracker", "redirect_uris": ["https://a.example/cb"],
		"privacy_policy_url": "https://a.example/privacy?t=`+token+`"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	draft := filepath.Join(dir, "draft.json")
	uri := []string{"--redirect-uri", "https://a.example/cb", "--scope", "decks:read"}
	tests := []struct {
		name string
		args []string
		flag string // where the refusal is said
	}{
		{"--dry-run prints no request", append([]string{"--name", token, "--dry-run"}, uri...), "--name: "},
		{"the scripted run sends nothing", append([]string{"--sandbox", "--name", token, "--print-secret"}, uri...), "--name: "},
		{"in a redirect URI", []string{"--sandbox", "--name", "Deck Tracker", "--redirect-uri", "https://a.example/cb/" + token, "--print-secret"},
			"--redirect-uri #1: "},
		{"in a manifest's link", []string{"--from", manifest, "--dry-run"}, "--privacy-url: "},
		{"--draft keeps the rest, not the token", append([]string{"--sandbox", "--name", token, "--print-secret", "--draft", draft}, uri...), "--name: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("FLEXSLOT_TOKEN", token)
			before := sb.CreateAttempts()
			code, stdout, stderr := runWith(t, "", tt.args...)
			if code != cli.ExitUsage || !strings.Contains(stderr, tt.flag) || !strings.Contains(stderr, refusal) {
				t.Errorf("exit %d, stderr:\n%s", code, stderr)
			}
			if strings.Contains(stdout+stderr, token) || strings.Contains(stdout+stderr, strings.TrimPrefix(token, "flx_pat_")) {
				t.Errorf("an output repeats the token:\nstdout %s\nstderr %s", stdout, stderr)
			}
			if n := sb.CreateAttempts() - before; n != 0 {
				t.Errorf("%d creates sent", n)
			}
		})
	}
	data, err := os.ReadFile(draft)
	if err != nil || strings.Contains(string(data), token) || !strings.Contains(string(data), "https://a.example/cb") {
		t.Errorf("the draft (%v):\n%s", err, data)
	}
}
