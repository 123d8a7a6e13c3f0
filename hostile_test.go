package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/api/sandbox"
	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/internal/iostreams"
)

// rawControl returns the first thing in s that no output of the tool may
// carry from a server, a manifest or a paste: a C0 control other than a line
// feed, DEL, a C1 control, or a bidi control. "" means s is clean.
func rawControl(s string) string {
	for i, r := range s {
		switch {
		case r == '\n':
		case r < 0x20 || (r >= 0x7f && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
			return strings.ToValidUTF8(s[max(0, i-20):min(len(s), i+20)], "?")
		}
	}
	return ""
}

// hostileSandbox is a sandbox whose partner row and token metadata carry
// sandbox.HostileText too.
func hostileSandbox(t *testing.T) *sandbox.Running {
	t.Helper()
	sb, err := sandbox.Start("127.0.0.1:0", sandbox.Config{
		PartnerName:   sandbox.HostileText + "Partner",
		RateLimitTier: sandbox.HostileText + "standard",
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sb.Close() })
	return sb
}

// TestHostileServerReachesNoOutputRaw drives sandbox.HostileText (OSC 52, a
// screen clear, a title change, bidi controls, line breaks, a 100 KB name)
// through every way out of the scripted run and the accessible prompts: data
// on stdout, messages and errors on stderr, the JSON, the summary and the
// secret file. None may carry it raw. (The full-screen wizard has its own
// test: ui TestHostileServerInTheWizard.)
func TestHostileServerReachesNoOutputRaw(t *testing.T) {
	sb := hostileSandbox(t)
	t.Setenv("FLEXSLOT_API_URL", sb.URL)
	dir := t.TempDir()
	uri := "--redirect-uri=https://decktracker.example/cb"
	manifest := filepath.Join(dir, "hostile.json")
	data, _ := json.Marshal(map[string]any{"application_name": "Deck Tracker",
		"redirect_uris": []string{"https://a.example/cb", "https://b.example/" + sandbox.HostileText}, "tos_url": sandbox.HostileText})
	os.WriteFile(manifest, data, 0o600)
	tests := []struct {
		name string
		args []string
		code int
		file string // a file the run may write, checked too
	}{
		{"scripted, secret printed", []string{"--name", "sandbox:201-hostile", uri, "--print-secret"}, cli.ExitFailed, ""},
		{"scripted, JSON", []string{"--name", "sandbox:201-hostile", uri, "--json"}, cli.ExitFailed, ""},
		{"scripted, secret file", []string{"--name", "sandbox:201-hostile", uri, "--secret-file", filepath.Join(dir, "s.env")}, cli.ExitFailed, filepath.Join(dir, "s.env")},
		{"scripted, public client", []string{"--name", "sandbox:201-hostile", uri, "--client-type", "public"}, cli.ExitFailed, ""},
		{"scripted, refused with hostile messages", []string{"--name", "sandbox:400-hostile", uri, "--json"}, cli.ExitFailed, ""},
		{"scripted, hostile flag values", []string{"--name", "Deck\x1b]52;c;eA==\x07\u202e", uri, "--dry-run"}, cli.ExitUsage, ""},
		{"scripted, hostile manifest values echoed in errors", []string{"--from", manifest, "--print-secret"}, cli.ExitUsage, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("FLEXSLOT_TOKEN", sb.Token()) // each run takes it out of the environment
			code, stdout, stderr := runWith(t, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%.2000s", code, tt.code, stderr)
			}
			for where, text := range map[string]string{"stdout": stdout, "stderr": stderr} {
				if raw := rawControl(text); raw != "" {
					t.Errorf("%s carries a raw control: %q", where, raw)
				}
			}
			if tt.file != "" {
				data, err := os.ReadFile(tt.file)
				if err == nil && rawControl(string(data)) != "" {
					t.Errorf("the secret file carries a raw control: %q", rawControl(string(data)))
				}
			}
		})
	}
}

// TestHostileServerThroughTheAccessiblePrompts: the line prompts and the
// summary after them.
func TestHostileServerThroughTheAccessiblePrompts(t *testing.T) {
	sb := hostileSandbox(t)
	keep := strings.Join([]string{"", "", "", "0", "0", "", "", "", "", "1", "n"}, "\n") + "\n" // keep every answer, create, do not save
	streams, stdout, stderr := iostreams.Test(iotest.OneByteReader(strings.NewReader(keep)))
	opts := options{accessible: true, clipboardClear: time.Second, reg: cli.Registration{Request: api.CreateClientRequest{
		ApplicationName: "sandbox:201-hostile", RedirectURIs: []string{"https://a.example/cb"}, AllowedScopes: []string{"decks:read"}}}}
	opts.apiURL = sb.URL
	err := runWizard(context.Background(), opts, wizardConfig(opts, sb.Token()), streams)
	// Credentials shown nowhere are no success, as in the scripted run.
	if cli.CodeOf(err) != cli.ExitFailed || !strings.Contains(err.Error(), "not a valid credential") {
		t.Errorf("exit %d (%v); stderr:\n%.3000s", cli.CodeOf(err), err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "Registered") || !strings.Contains(stdout.String(), "Registered") {
		t.Fatalf("the prompts did not get to the result:\nstdout %.2000s\nstderr %.3000s", stdout.String(), stderr.String())
	}
	for where, text := range map[string]string{"stdout (summary)": stdout.String(), "stderr (prompts)": stderr.String()} {
		if raw := rawControl(text); raw != "" {
			t.Errorf("%s carries a raw control: %q", where, raw)
		}
	}
}
