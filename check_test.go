package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flexslot/flexslot-register/cli"
)

// TestCheckCommand: check against loopback servers: a link that answers, a
// 404, a logo that is a page, from flags and from a manifest; --offline; and
// a request with nothing to look at.
func TestCheckCommand(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("ok")) })
	mux.HandleFunc("/logo", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("<html></html>")) })
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	manifest := filepath.Join(t.TempDir(), "flexslot-client.json")
	if err := os.WriteFile(manifest, []byte(`{"application_name":"Deck Tracker","privacy_policy_url":"`+srv.URL+`/privacy"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name         string
		args         []string
		code         int
		stdout, errs string
	}{
		{"all answer", []string{"check", "--app-url", srv.URL + "/ok", "--tos-url", srv.URL + "/ok"}, 0, "", "Checked 2 links and hosts: nothing to warn about."},
		{"a 404 and a page for a logo", []string{"check", "--app-url", srv.URL + "/missing", "--logo-url", srv.URL + "/logo"}, cli.ExitFailed,
			"warning: application_url " + srv.URL + "/missing: answers 404 Not Found\n", "checked 2 links and hosts: 2 warnings"},
		{"from a manifest", []string{"check", "--from", manifest}, cli.ExitFailed,
			"warning: privacy_policy_url " + srv.URL + "/privacy: answers 404 Not Found\n", "checked 1 link or host: 1 warning"},
		{"offline", []string{"check", "--offline", "--app-url", srv.URL + "/missing"}, 0, "", "Skipped the go-live check (--offline)"},
		{"nothing to check", []string{"check", "--redirect-uri", "http://127.0.0.1/cb"}, 0, "", "Nothing to check"},
		{"a bad URL", []string{"check", "--app-url", "ftp://x"}, cli.ExitUsage, "", "--app-url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runWith(t, "", tt.args...)
			if code != tt.code || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.errs) {
				t.Errorf("exit %d\nstdout %q\nstderr %q", code, stdout, stderr)
			}
		})
	}
}
