//go:build unix

package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// clearWait is --clipboard-clear in these tests.
const clearWait = 3 * time.Second

// waitCleared waits, from the copy, past the clear time until the X
// clipboard of disp no longer holds secret; the program must still run.
func (tm *term) waitCleared(disp, secret string, copied time.Time) {
	tm.t.Helper()
	time.Sleep(time.Until(copied.Add(clearWait)))
	deadline := time.Now().Add(waitTimeout)
	for clipboard(tm.t, disp) == secret {
		if time.Now().After(deadline) {
			tm.t.Fatalf("%s after the copy, the X clipboard still holds the secret; the window shows:\n%s",
				time.Since(copied).Round(time.Second), tm.screen())
		}
		time.Sleep(100 * time.Millisecond)
	}
	if _, err := os.Stat(filepath.Join(tm.dir, "code")); err == nil {
		tm.t.Fatalf("the program ended before the clipboard was cleared:\n%s", tm.scrollback())
	}
}

// Scenario 1b: the secret's time in the X clipboard runs on wall time in the
// wizard whatever screen is up: copied, then the test sign-in's screen up,
// and past --clipboard-clear the clipboard no longer holds it; back on the
// result screen, the clear is said.
func TestClipboardClearedWhileSigninIsUp(t *testing.T) {
	disp := display(t)
	tm := run(t, 100, 30, []string{"DISPLAY=" + disp, "BROWSER=true"}, "--sandbox", "--clipboard-clear", clearWait.String())
	tm.fillForm("Deck Tracker", false, "http://127.0.0.1/callback")
	tm.press("✓ Registered", "Enter")
	secret := tm.secretOnScreen()
	tm.press("Copied the secret to the system clipboard.", "c")
	copied := time.Now()
	if got := clipboard(t, disp); got != secret {
		t.Fatalf("the X clipboard holds %q, want the secret shown on screen", got)
	}
	tm.press("Waiting for the sign-in in the browser", "t")
	tm.waitCleared(disp, secret, copied)
	if !strings.Contains(tm.screen(), "Waiting for the sign-in in the browser") {
		t.Errorf("the test sign-in's screen is no longer up:\n%s", tm.screen())
	}
	tm.press("Cancelled: nothing was exchanged.", "Escape")
	tm.press("Cleared the secret from the clipboard.", "Enter")
	tm.keys("Enter")
	if code, stdout := tm.exit(); code != 0 || strings.Contains(stdout, "still holds the secret") {
		t.Errorf("exit %d, stdout:\n%s", code, stdout)
	}
}

// Leaving the wizard before the clear clears the X clipboard, if it still
// holds the secret, before the program ends.
func TestLeavingClearsTheClipboard(t *testing.T) {
	disp := display(t)
	tm := run(t, 100, 30, []string{"DISPLAY=" + disp}, "--sandbox", "--clipboard-clear", "1h")
	tm.fillForm("Deck Tracker", false, "https://decktracker.example/cb")
	tm.press("✓ Registered", "Enter")
	secret := tm.secretOnScreen()
	tm.press("Copied the secret to the system clipboard.", "c")
	if got := clipboard(t, disp); got != secret {
		t.Fatalf("the X clipboard holds %q, want the secret shown on screen", got)
	}
	tm.keys("Enter") // copied: no question
	code, stdout := tm.exit()
	if got := clipboard(t, disp); got == secret {
		t.Error("the X clipboard still holds the secret after the program ended")
	}
	if code != 0 || strings.Contains(stdout, "still holds the secret") {
		t.Errorf("exit %d, stdout:\n%s", code, stdout)
	}
}

// linePromptsToCopy answers the line prompts of a run with --sandbox up to
// the create, then yes to the copy; it returns the secret said.
func (tm *term) linePromptsToCopy() string {
	tm.t.Helper()
	tm.linePromptsToName()
	tm.typ("https://decktracker.example/cb")
	secret := tm.linePromptsCreate()
	if secret == "" {
		tm.t.Fatalf("no secret said:\n%s", tm.screen())
	}
	tm.typ("y")
	tm.press("Copied the secret to the system clipboard.", "Enter")
	return secret
}

// Scenario 11d: the line prompts copy the secret when asked, and clear the X
// clipboard of it after --clipboard-clear while they go on asking; the end
// says so.
func TestLinePromptsClearTheClipboard(t *testing.T) {
	disp := display(t)
	tm := run(t, 100, 30, []string{"DISPLAY=" + disp}, "--sandbox", "--accessible", "--offline", "--clipboard-clear", clearWait.String())
	secret := tm.linePromptsToCopy()
	copied := time.Now()
	if got := clipboard(t, disp); got != secret {
		t.Fatalf("the X clipboard holds %q, want the secret said", got)
	}
	tm.wait("Save the client id and secret to a file?")
	tm.waitCleared(disp, secret, copied)
	tm.typ("n")
	tm.keys("Enter")
	code, said := tm.exit()
	if code != 0 || !strings.Contains(said, "Cleared the secret from the clipboard.") || strings.Contains(said, "still holds the secret") {
		t.Errorf("exit %d:\n%s", code, said)
	}
}

// The line prompts clear the X clipboard at their end, if it still holds
// the secret, before the program ends.
func TestLinePromptsClearTheClipboardAtTheEnd(t *testing.T) {
	disp := display(t)
	tm := run(t, 100, 30, []string{"DISPLAY=" + disp}, "--sandbox", "--accessible", "--offline", "--clipboard-clear", "1h")
	secret := tm.linePromptsToCopy()
	if got := clipboard(t, disp); got != secret {
		t.Fatalf("the X clipboard holds %q, want the secret said", got)
	}
	tm.press("Save the client id and secret to a file?", "n", "Enter")
	code, said := tm.exit()
	if got := clipboard(t, disp); got == secret {
		t.Error("the X clipboard still holds the secret after the program ended")
	}
	if code != 0 || !strings.Contains(said, "Cleared the secret from the clipboard.") {
		t.Errorf("exit %d:\n%s", code, said)
	}
}

// linePromptsToName answers the line prompts' first questions, the name
// (Deck Tracker) and the client type (kept), up to the first redirect URI,
// which the caller types.
func (tm *term) linePromptsToName() {
	tm.t.Helper()
	tm.wait("Application name")
	tm.typ("Deck Tracker")
	tm.press("Enter a number between 1 and 2", "Enter")
	tm.press("Redirect URI 1 (an empty line ends the list)", "Enter")
}

// linePromptsCreate answers the line prompts from the redirect URI typed
// (https://decktracker.example/cb) to the create, with decks:read and the
// links left empty, and returns the secret said when the copy is offered
// ("" when none was).
func (tm *term) linePromptsCreate() string {
	tm.t.Helper()
	tm.press("Added 1: https://decktracker.example/cb.", "Enter")
	tm.press("Enter keeps the list", "Enter")
	tm.keys("Enter")
	tm.wait("Scopes")
	tm.typ("2")
	tm.keys("Enter")
	tm.typ("0")
	tm.press("Grant types", "Enter")
	tm.typ("0")
	tm.press("Application URL", "Enter")
	for range 4 {
		tm.keys("Enter")
	}
	tm.wait("What now?")
	tm.typ("1")
	tm.press("Copy the secret to the clipboard?", "Enter")
	if secret := regexp.MustCompile(`Client secret, shown only this once: (\S+)`).FindStringSubmatch(tm.screen()); secret != nil {
		return secret[1]
	}
	return ""
}
