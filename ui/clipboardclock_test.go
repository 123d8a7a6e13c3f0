package ui

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/flexslot/flexslot-register/internal/uitest"
)

// copiedOnResult runs the wizard to the result screen of a confidential
// client with a loopback redirect URI, on a clock the test moves, and copies
// the secret.
func copiedOnResult(t *testing.T) (*driver, *uitest.FakeClipboard, *testClock) {
	t.Helper()
	_, cfg := uitest.SandboxConfig(t, nil)
	cfg.Request = uitest.ExampleRequest("confidential")
	cfg.Request.RedirectURIs = []string{"http://127.0.0.1/callback"} // any free port
	cfg.OpenBrowser = func(string) error { return nil }              // the sign-in waits
	clip := &uitest.FakeClipboard{}
	cfg.Clipboard = clip
	clock := &testClock{now: uitest.Now}
	cfg.Now = clock.Now
	d := start(t, cfg)
	d.toResult()
	d.send(keyC, "Clears in 45s")
	return d, clip, clock
}

// backFromSignin cancels the waiting test sign-in and goes back to the
// result screen.
func (d *driver) backFromSignin() {
	d.t.Helper()
	d.send(keyEsc, "Cancelled: nothing was exchanged.")
	d.send(keyEnter, "c copy secret")
}

// TestClipboardClockRunsWhileSigninIsUp: the secret's time in the clipboard
// runs on wall time whatever screen is up: the test sign-in's screen does
// not stop it, and the result screen shows the time left when it is back.
func TestClipboardClockRunsWhileSigninIsUp(t *testing.T) {
	t.Run("cleared while the sign-in is up", func(t *testing.T) {
		d, clip, clock := copiedOnResult(t)
		d.send(keyT, "Waiting for the sign-in in the browser")
		clock.advance(46 * time.Second)
		deadline := time.Now().Add(5 * time.Second)
		for got, _ := clip.Get(); got != ""; got, _ = clip.Get() {
			if time.Now().After(deadline) {
				t.Fatalf("46s after the copy, with the test sign-in up, the clipboard still holds %q", got)
			}
			time.Sleep(10 * time.Millisecond)
		}
		d.backFromSignin()
		d.wait("Cleared the secret from the clipboard.")
		if strings.Contains(d.screen(), "Clears in") {
			t.Errorf("a countdown after the clear:\n%s", d.screen())
		}
		d.final()
	})
	t.Run("the countdown goes on", func(t *testing.T) {
		d, _, clock := copiedOnResult(t)
		d.send(keyT, "Waiting for the sign-in in the browser")
		clock.advance(20 * time.Second)
		time.Sleep(2500 * time.Millisecond) // ticks come while the sign-in is up
		d.backFromSignin()
		d.wait("Clears in 25s")
		d.final()
	})
}

// TestWizardClearsTheClipboardOnLeave: leaving before the clear clears a
// clipboard that still holds the secret, before the program ends; a clear
// that fails is said in the summary.
func TestWizardClearsTheClipboardOnLeave(t *testing.T) {
	t.Run("cleared", func(t *testing.T) {
		d, clip, _ := copiedOnResult(t)
		d.tm.Send(keyEnter) // copied: no question
		result := d.ended()
		secret := result.Created.PlaintextClientSecret.Reveal()
		if got, writes := clip.Get(); got != "" || !slices.Equal(writes, []string{secret, ""}) {
			t.Errorf("after leaving the clipboard holds %q; %d writes", got, len(writes))
		}
		if result.ClipboardHoldsSecret || strings.Contains(result.Summary(), "still holds") {
			t.Errorf("the result says the clipboard still holds the secret:\n%s", result.Summary())
		}
	})
	t.Run("the clear fails", func(t *testing.T) {
		d, clip, _ := copiedOnResult(t)
		clip.Mu.Lock()
		clip.Fail = errors.New("the clipboard tool failed")
		clip.Mu.Unlock()
		d.tm.Send(keyEnter)
		result := d.ended()
		if !result.ClipboardHoldsSecret || !strings.Contains(result.Summary(), "Your clipboard still holds the secret") {
			t.Errorf("the summary does not say the clipboard still holds the secret:\n%s", result.Summary())
		}
	})
	t.Run("something else copied since is left alone", func(t *testing.T) {
		d, clip, _ := copiedOnResult(t)
		clip.WriteAll("something else")
		d.tm.Send(keyEnter)
		result := d.ended()
		if got, _ := clip.Get(); got != "something else" || result.ClipboardHoldsSecret {
			t.Errorf("the clipboard holds %q; result says it holds the secret: %v", got, result.ClipboardHoldsSecret)
		}
	})
}
