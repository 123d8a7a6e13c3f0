//go:build unix

package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Scenario 11: the line prompts (--accessible) in a real terminal. The token
// is asked for and typed unseen, and not kept; ctrl+c in the middle of the redirect URIs
// offers to keep the answers, which --from resumes; the resumed run
// registers, the secret said as plain text, labelled.
func TestLinePromptsKeepADraftOnCtrlC(t *testing.T) {
	sb := startSandbox(t)
	tm := run(t, 100, 30, []string{"FLEXSLOT_API_URL=" + sb.URL}, "--accessible", "--offline")
	tm.wait("Personal access token")
	tm.typ(sb.Token())
	tm.press("Keep this token for", "Enter") // a typed token is offered to be kept
	tm.press("Application name", "Enter")    // no, the default
	if strings.Contains(tm.screen(), sb.Token()) {
		t.Fatalf("the token was echoed:\n%s", tm.screen())
	}
	tm.typ("Deck Tracker")
	tm.press("Enter a number between 1 and 2", "Enter")
	tm.press("Redirect URI 1", "Enter") // confidential, the default
	tm.typ("https://decktracker.example/cb")
	tm.press("Redirect URI 2", "Enter")
	tm.press("Keep your answers?", "C-c")
	tm.typ("1")
	tm.keys("Enter")
	code, said := tm.exit()
	if code != 2 || !strings.Contains(folded(said), "Resume with: flexslot-register --from ./flexslot-client.json") {
		t.Fatalf("exit %d, no resume command:\n%s", code, said)
	}
	path := filepath.Join(tm.dir, "flexslot-client.json")
	draft, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(draft), `"redirect_uris": ["https://decktracker.example/cb"]`) || strings.Contains(string(draft), sb.Token()) {
		t.Fatalf("the draft: %v\n%s", err, draft)
	}
	if strings.Contains(said, sb.Token()) {
		t.Errorf("the token is in the scrollback:\n%s", said)
	}

	again := run(t, 100, 30, sandboxEnv(sb), "--accessible", "--offline", "--from", path)
	// The name, type and redirect URIs are in the draft and the links are
	// optional: the prompts ask for the scopes and grant types only.
	again.wait("Enter a number between 0 and 8")
	if screen := again.screen(); strings.Contains(screen, "Application name") || strings.Contains(screen, "Redirect URI") {
		t.Errorf("the resumed prompts asked again for what the draft holds:\n%s", screen)
	}
	again.press("Grant types", "2", "Enter", "0", "Enter")           // decks:read, done
	again.press("What now?", "0", "Enter")                           // both grant types kept
	again.press("Copy the secret to the clipboard?", "1", "Enter")   // create
	again.press("Save the client id and secret to a file?", "Enter") // no copy
	again.press("The secret is not saved anywhere", "n", "Enter")
	code, said = again.exit()
	if code != 0 || !strings.Contains(folded(said), "Client secret, shown only this once: ") {
		t.Fatalf("exit %d:\n%s", code, said)
	}
	if requests := sb.CreateRequests(); len(requests) != 1 || !strings.Contains(string(requests[0]), `"redirect_uris":["https://decktracker.example/cb"]`) ||
		!strings.Contains(string(requests[0]), `"allowed_scopes":["decks:read"]`) {
		t.Errorf("sent %q", requests)
	}
}

// Scenario 11b: request-scopes with --accessible asks as line prompts: a
// number toggles a scope, 0 goes on, then the justification.
func TestRequestScopesAsLinePrompts(t *testing.T) {
	sb := startSandbox(t)
	tm := run(t, 100, 30, sandboxEnv(sb), "request-scopes", "--accessible")
	tm.wait("Enter a number between 0 and 8")
	if strings.Contains(tm.screen(), "┃") {
		t.Errorf("line prompts drawn as a form:\n%s", tm.screen())
	}
	tm.typ("4")
	tm.press("4. ✓ exports:read", "Enter")
	tm.typ("0")
	tm.press("Why your app needs them", "Enter")
	tm.typ("Players export their decks to PDF.")
	tm.keys("Enter")
	sentExportsRead(t, tm, sb)
}

// Scenario 11c: a second ctrl+c at the draft offer leaves without saving.
func TestLinePromptsSecondCtrlCLeaves(t *testing.T) {
	sb := startSandbox(t)
	tm := run(t, 100, 30, sandboxEnv(sb), "--accessible", "--offline")
	tm.wait("Application name")
	tm.typ("Deck Tracker")
	tm.press("Enter a number between 1 and 2", "Enter")
	tm.press("Keep your answers?", "C-c")
	tm.keys("C-c")
	code, said := tm.exit()
	if code != 2 || !strings.Contains(said, "flexslot-register: cancelled") || strings.Contains(said, "Resume with") {
		t.Errorf("exit %d:\n%s", code, said)
	}
	if _, err := os.Stat(filepath.Join(tm.dir, "flexslot-client.json")); err == nil {
		t.Error("a draft was saved after the second ctrl+c")
	}
}
