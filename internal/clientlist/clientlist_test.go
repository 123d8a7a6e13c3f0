package clientlist

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/flexslot/flexslot-register/api"
)

func exampleClients() []api.OAuth2Client {
	at := time.Date(2026, 11, 26, 12, 3, 4, 0, time.UTC)
	used := at.Add(48 * time.Hour)
	return []api.OAuth2Client{
		{ClientID: "cli_01EXAMPLE0CL1ENT0000000000", ApplicationName: "Deck Tracker", ClientType: "confidential", Status: "active",
			RedirectURIs:  []string{"https://decktracker.example/oauth/callback", "http://127.0.0.1:8765/callback"},
			AllowedScopes: []string{"decks:read", "decks:write"}, CreatedAt: at, LastUsedAt: &used},
		{ClientID: "cli_01EXAMPLE0CL1ENT0000000001", ApplicationName: "Deck CLI\x1b]52;c;eA==\x07\u202e", ClientType: "public", Status: "suspended",
			RedirectURIs: []string{"http://127.0.0.1/callback"}, AllowedScopes: []string{"cards:read"}, CreatedAt: at},
	}
}

// TestTable snapshots the table at a terminal's width and at a pipe's (no
// limit): testdata/TestTable/*.golden, regenerated with -update.
func TestTable(t *testing.T) {
	for _, width := range []int{200, 80, 0} {
		t.Run(fmt.Sprintf("width_%d", width), func(t *testing.T) {
			out := Render(exampleClients(), width)
			if strings.ContainsAny(out, "\x1b\x07\u202e") {
				t.Errorf("the table carries a control character")
			}
			if width > 0 {
				for _, line := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
					if w := len([]rune(line)); w > width {
						t.Errorf("a line of %d columns, wider than %d: %q", w, width, line)
					}
				}
			}
			golden.RequireEqual(t, []byte(out))
		})
	}
}

func TestJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := JSON(&buf, exampleClients()); err != nil {
		t.Fatal(err)
	}
	var back []api.OAuth2Client
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil || len(back) != 2 || back[1].ApplicationName != "Deck CLI" {
		t.Errorf("JSON %s (%v)", buf.String(), err)
	}
	if err := JSON(&buf, nil); err != nil || !strings.HasSuffix(buf.String(), "[]\n") {
		t.Errorf("no clients: %q", buf.String())
	}
}
