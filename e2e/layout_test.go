//go:build unix

package e2e

import (
	"strings"
	"testing"
)

// With --sandbox the header names the sandbox's API and takes three lines
// at 80 columns; the Access page still shows its last line (refresh_token)
// and its keys in an 80x24 window, nothing cut.
func TestAccessPageUnderASandboxHeader(t *testing.T) {
	tm := run(t, 80, 24, nil, "--sandbox")
	tm.wait("Application name")
	tm.typ("Deck Tracker")
	tm.press("┃ Client type", "Enter")
	tm.press("Redirect URIs · 2 of 4", "Enter")
	tm.typ("https://decktracker.example/cb")
	tm.wait("https://decktracker.example/cb")
	tm.press("Access · 3 of 4", "Tab")
	tm.wait("esc leave")
	screen := tm.screen()
	if !strings.Contains(folded(screen), "API http://127.0.0.1:") {
		t.Fatalf("the header does not name the sandbox's API:\n%s", screen)
	}
	if !strings.Contains(screen, "refresh_token       keep users signed in") || strings.Contains(screen, "more lines") {
		t.Errorf("the Access page lacks its last line (refresh_token):\n%s", screen)
	}
}
