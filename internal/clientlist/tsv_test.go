package clientlist

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/flexslot/flexslot-register/api"
)

// TestTSV: one line a client, Columns tab-separated, no header; a value's
// tabs, line breaks and escape sequences never reach the output, nor split a
// field.
func TestTSV(t *testing.T) {
	at := time.Date(2026, 11, 26, 12, 3, 4, 0, time.FixedZone("CET", 3600))
	tabbed := api.OAuth2Client{ClientID: "cli_01EXAMPLE0CL1ENT0000000002", ApplicationName: "Deck\tTracker\nPATH=/tmp\r", ClientType: "confidential",
		Status: "active", RedirectURIs: []string{"https://a.example/cb"}, CreatedAt: at}
	tests := []struct {
		name    string
		clients []api.OAuth2Client
		want    string
	}{
		{"none", nil, ""},
		{"two", exampleClients(), "" +
			"cli_01EXAMPLE0CL1ENT0000000000\tDeck Tracker\tconfidential\tactive\tdecks:read decks:write\thttps://decktracker.example/oauth/callback http://127.0.0.1:8765/callback\t2026-11-26T12:03:04Z\t2026-11-28T12:03:04Z\n" +
			"cli_01EXAMPLE0CL1ENT0000000001\tDeck CLI\tpublic\tsuspended\tcards:read\thttp://127.0.0.1/callback\t2026-11-26T12:03:04Z\t\n"},
		{"a name with a tab and a line break, no scopes, a time in another zone", []api.OAuth2Client{tabbed},
			"cli_01EXAMPLE0CL1ENT0000000002\tDeck Tracker PATH=/tmp \tconfidential\tactive\t\thttps://a.example/cb\t2026-11-26T11:03:04Z\t\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := TSV(&buf, tt.clients); err != nil {
				t.Fatal(err)
			}
			if got := buf.String(); got != tt.want {
				t.Errorf("TSV\n got %q\nwant %q", got, tt.want)
			}
			for _, line := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
				if n := len(strings.Split(line, "\t")); line != "" && n != len(Columns) {
					t.Errorf("%d fields, not %d: %q", n, len(Columns), line)
				}
			}
		})
	}
}
