package main

import (
	"context"
	"strings"
	"testing"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/internal/clientlist"
	"github.com/flexslot/flexslot-register/internal/iostreams"
)

// TestListByStdout: list prints the table where stdout is a terminal,
// tab-separated lines (clientlist.Columns, no header) where it is not, and
// the same JSON either way with --json.
func TestListByStdout(t *testing.T) {
	sb := startSandbox(t)
	client, err := api.New(sb.URL, sb.Token())
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Deck Tracker", "Deck CLI"} {
		if _, err := client.CreateOAuth2Client(context.Background(), api.CreateClientRequest{ApplicationName: name,
			RedirectURIs: []string{"https://a.example/cb", "http://127.0.0.1/cb"}, AllowedScopes: []string{"decks:read", "cards:read"}}.WithDefaults()); err != nil {
			t.Fatal(err)
		}
	}
	clients := sb.Clients()
	tests := []struct {
		name      string
		tty, json bool
		check     func(t *testing.T, stdout string)
	}{
		{"a terminal: the table", true, false, func(t *testing.T, stdout string) {
			if !strings.Contains(stdout, "│ Deck CLI") || strings.Contains(stdout, "\t") {
				t.Errorf("not the table:\n%s", stdout)
			}
		}},
		{"a pipe: one client a line, tab-separated", false, false, func(t *testing.T, stdout string) {
			lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
			if len(lines) != len(clients) {
				t.Fatalf("%d lines for %d clients:\n%s", len(lines), len(clients), stdout)
			}
			for i, line := range lines {
				c := clients[i]
				want := []string{c.ClientID, c.ApplicationName, "confidential", "active", "decks:read cards:read",
					"https://a.example/cb http://127.0.0.1/cb", c.CreatedAt.UTC().Format("2006-01-02T15:04:05Z"), ""}
				if got := strings.Split(line, "\t"); strings.Join(got, "|") != strings.Join(want, "|") {
					t.Errorf("line %d: %q, want the %d fields %q", i+1, got, len(clientlist.Columns), want)
				}
			}
		}},
		{"--json in a terminal", true, true, wantJSON(clients)},
		{"--json in a pipe", false, true, wantJSON(clients)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("FLEXSLOT_TOKEN", sb.Token()) // each run takes it out of the environment
			streams, stdout, stderr := iostreams.Test(strings.NewReader(""))
			streams.SetTTY(false, tt.tty, false)
			opts := &listOptions{apiOptions: apiOptions{apiURL: sb.URL}, streams: streams, json: tt.json}
			if err := runList(context.Background(), opts); err != nil {
				t.Fatalf("%v; stderr %s", err, stderr)
			}
			tt.check(t, stdout.String())
		})
	}
}

// wantJSON checks that stdout is --json's array of clients.
func wantJSON(clients []api.OAuth2Client) func(t *testing.T, stdout string) {
	return func(t *testing.T, stdout string) {
		t.Helper()
		var want strings.Builder
		if err := clientlist.JSON(&want, clients); err != nil {
			t.Fatal(err)
		}
		if stdout != want.String() {
			t.Errorf("JSON\n%s\nwant\n%s", stdout, want.String())
		}
	}
}
