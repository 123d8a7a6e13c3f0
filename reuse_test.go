package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/flexslot/flexslot-register/internal/cli"
)

// TestReuseComparesTheClient: --if-exists reuse hands back the client of the
// request's name only when it is what the request describes, marked
// "reused": true in --json (false on the run that created it); when it
// differs, it names each difference and exits 1 with what can be done, since
// the API cannot update a client. A reuse writes no --secret-file and sends
// nothing.
func TestReuseComparesTheClient(t *testing.T) {
	sb := startSandbox(t)
	base := []string{"--no-input", "--name", "Deck Tracker", "--redirect-uri", "https://decktracker.example/oauth/callback",
		"--scope", "decks:read", "--if-exists", "reuse", "--json"}
	runJSON := func(t *testing.T, extra ...string) (int, map[string]any, string, string) {
		t.Helper()
		t.Setenv("FLEXSLOT_TOKEN", sb.Token())
		file := filepath.Join(t.TempDir(), "flexslot-client.env")
		code, stdout, stderr := runWith(t, "", append(slices.Clone(base), append(extra, "--secret-file", file)...)...)
		var out map[string]any
		if stdout != "" {
			if err := json.Unmarshal([]byte(stdout), &out); err != nil {
				t.Fatalf("stdout is not JSON: %v\n%s", err, stdout)
			}
		}
		return code, out, stderr, file
	}
	code, created, stderr, file := runJSON(t)
	if _, err := os.Stat(file); code != 0 || created["reused"] != false || created["client_secret"] == nil || err != nil {
		t.Fatalf("first run: exit %d, reused %v, secret file %v, stderr:\n%s", code, created["reused"], err, stderr)
	}
	id := created["client_id"]

	code, reused, stderr, file := runJSON(t)
	if code != 0 || reused["reused"] != true || reused["client_id"] != id || reused["client_secret"] != nil ||
		!strings.Contains(stderr, "Its stored secret was not touched, and nothing was written to "+file+".") {
		t.Errorf("run again: exit %d, JSON %v, stderr:\n%s", code, reused, stderr)
	}
	if _, err := os.Stat(file); err == nil {
		t.Errorf("a reuse wrote the secret file")
	}

	tests := []struct {
		name  string
		extra []string
		lines []string
	}{
		{"another redirect URI", []string{"--redirect-uri", "https://staging.decktracker.example/oauth/callback"},
			[]string{"  --redirect-uri: only in the request: https://staging.decktracker.example/oauth/callback\n"}},
		{"other scopes and a public client", []string{"--scope", "decks:write", "--client-type", "public"},
			[]string{`  --client-type: the request says "public", the client "confidential"` + "\n", "  --scope: only in the request: decks:write\n"}},
		{"a link the client lacks", []string{"--privacy-url", "https://decktracker.example/privacy"},
			[]string{`  --privacy-url: the request says "https://decktracker.example/privacy", the client none` + "\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := sb.CreateAttempts()
			code, out, stderr, file := runJSON(t, tt.extra...)
			want := append([]string{`flexslot-register: "Deck Tracker" exists already as ` + id.(string) + ", and differs from the request:\n"}, tt.lines...)
			want = append(want, "The API has no endpoint to update a client", "Nothing was sent. Its stored secret was not touched, and nothing was written to "+file+".")
			if code != cli.ExitFailed || out != nil {
				t.Errorf("exit %d, stdout %v", code, out)
			}
			for _, w := range want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if _, err := os.Stat(file); err == nil || sb.CreateAttempts() != before {
				t.Errorf("a differing reuse wrote the secret file or sent a create")
			}
		})
	}
	if n := len(sb.Clients()); n != 1 {
		t.Errorf("%d clients, want 1", n)
	}
}
