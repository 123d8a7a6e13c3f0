package main

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flexslot/flexslot-register/cli"
	"github.com/flexslot/flexslot-register/cli/golive"
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

// TestCheckWithoutNetwork: where no name resolves for want of a network (the
// resolver's temporary failure, as with no DNS server to ask), check says
// that nothing was checked and fails, rather than warn of each link; where
// a name does not exist, that is a warning about the link.
func TestCheckWithoutNetwork(t *testing.T) {
	tests := []struct {
		name      string
		temporary bool
		stdout    string
		errs      string
	}{
		{"no network", true, "", "no network here: no link or host could be looked at, so nothing was checked"},
		{"a name that does not exist", false, "warning: application_url https://decktracker.example/: ", "checked 2 links and hosts: 2 warnings"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			saved := goLive
			t.Cleanup(func() { goLive = saved })
			goLive = func() *golive.Checker {
				return &golive.Checker{LookupHost: func(_ context.Context, host string) ([]string, error) {
					return nil, &net.DNSError{Err: "no answer", Name: host, IsTemporary: tt.temporary, IsNotFound: !tt.temporary}
				}}
			}
			code, stdout, stderr := runWith(t, "", "check", "--app-url", "https://decktracker.example/", "--redirect-uri", "https://decktracker.example/cb")
			if code != cli.ExitFailed || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.errs) {
				t.Errorf("exit %d\nstdout %q\nstderr %q", code, stdout, stderr)
			}
			if tt.temporary && strings.Contains(stdout, "warning") {
				t.Errorf("warnings without a network:\n%s", stdout)
			}
		})
	}
}
