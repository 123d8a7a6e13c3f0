package main

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/flexslot/flexslot-register/internal/cli"
)

// TestDryRunAsTheRun runs each command line twice against a sandbox, as a
// dry run and as the scripted run: the dry run refuses with exit 2 and the
// same words what the run refuses, gives the warnings the run gives, and
// passes where the run goes ahead; it sends nothing and makes no file. FILE
// stands for a secret file of the case's own, made beforehand when the case
// says it exists.
func TestDryRunAsTheRun(t *testing.T) {
	sb := startSandbox(t)
	uri := []string{"--redirect-uri", "https://decktracker.example/cb"}
	tests := []struct {
		name     string
		args     []string
		existing bool
		code     int
		stderr   string // in both runs' stderr
	}{
		{"nothing captures a confidential client's secret", []string{"--scope", "decks:read"}, false, cli.ExitUsage,
			"nothing would capture it: add --secret-file PATH, --print-secret or --json"},
		{"an --if-exists it does not take", []string{"--scope", "decks:read", "--print-secret", "--if-exists", "bogus"}, false, cli.ExitUsage, "--if-exists"},
		{"an existing --secret-file without --force", []string{"--scope", "decks:read", "--secret-file", "FILE"}, true, cli.ExitUsage,
			"already exists; choose another path, or add --force to replace a file"},
		{"no scopes: the warning", []string{"--print-secret"}, false, cli.ExitOK, "could not sign anyone in"},
		{"a new --secret-file", []string{"--scope", "decks:read", "--secret-file", "FILE"}, false, cli.ExitOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "client.env")
			if tt.existing {
				if err := os.WriteFile(file, []byte("OLD=1\n"), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			args := append([]string{"--name", tt.name}, append(slices.Clone(uri), tt.args...)...)
			for i, a := range args {
				if a == "FILE" {
					args[i] = file
				}
			}
			t.Setenv("FLEXSLOT_TOKEN", sb.Token())
			before := sb.CreateAttempts()
			dryCode, dryOut, dryErr := runWith(t, "", append(args, "--dry-run", "--offline")...)
			if sb.CreateAttempts() != before {
				t.Errorf("the dry run sent a create")
			}
			content, err := os.ReadFile(file)
			if tt.existing != (err == nil) || (tt.existing && string(content) != "OLD=1\n") {
				t.Errorf("the dry run touched the secret file: %q, %v", content, err)
			}
			t.Setenv("FLEXSLOT_TOKEN", sb.Token())
			code, _, stderr := runWith(t, "", args...)
			if dryCode != tt.code || code != tt.code || !strings.Contains(dryErr, tt.stderr) || !strings.Contains(stderr, tt.stderr) {
				t.Fatalf("dry run: exit %d, stderr:\n%s\nrun: exit %d, stderr:\n%s", dryCode, dryErr, code, stderr)
			}
			if tt.code == cli.ExitUsage && (dryErr != stderr || dryOut != "") {
				t.Errorf("the dry run's refusal differs from the run's:\n%s\nrun:\n%s", dryErr, stderr)
			}
			if tt.code == cli.ExitOK && !strings.Contains(dryOut, "curl --request POST") {
				t.Errorf("the dry run printed no request:\n%s", dryOut)
			}
		})
	}
}

// TestDryRunChecksTheLinks: a dry run runs the go-live check, unless
// --offline, and says each finding as a warning on stderr; the run would go
// ahead, so it exits 0.
func TestDryRunChecksTheLinks(t *testing.T) {
	var asked atomic.Int32
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		asked.Add(1)
		http.NotFound(w, nil)
	}))
	t.Cleanup(srv.Close)
	onTheInternet(t, srv)
	link := fmt.Sprintf("https://example.com:%d/missing", srv.Listener.Addr().(*net.TCPAddr).Port)
	t.Setenv("FLEXSLOT_TOKEN", "flx_pat_DryRunNeverSendsIt")
	args := []string{"--dry-run", "--name", "Deck Tracker", "--redirect-uri", "https://decktracker.example/cb", "--scope", "decks:read",
		"--print-secret", "--app-url", link}
	tests := []struct {
		name   string
		extra  []string
		stderr string
		asked  bool
	}{
		{"online", nil, "flexslot-register: warning: application_url " + link + ": answers 404 Not Found\n", true},
		{"--offline", []string{"--offline"}, "Skipped the go-live check (--offline)", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("FLEXSLOT_TOKEN", "flx_pat_DryRunNeverSendsIt")
			before := asked.Load()
			code, _, stderr := runWith(t, "", append(slices.Clone(args), tt.extra...)...)
			if code != cli.ExitOK || !strings.Contains(stderr, tt.stderr) || (asked.Load() != before) != tt.asked {
				t.Errorf("exit %d, link asked %v, stderr:\n%s", code, asked.Load() != before, stderr)
			}
		})
	}
}
