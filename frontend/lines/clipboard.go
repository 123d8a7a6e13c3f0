package lines

import (
	"fmt"

	"charm.land/huh/v2"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/internal/clipboard"
)

// offerCopy asks whether to copy the secret, and copies it only on a yes:
// to the system clipboard, which is cleared of it after ClipboardClear while
// the prompts go on, or when they end (clearClipboardAtEnd); else through the
// terminal (OSC 52). Where there is no way to copy, it asks nothing.
func (a *Prompts) offerCopy(secret string) error {
	if a.cfg.Clipboard == nil && !a.cfg.OSC52 {
		return nil
	}
	title := fmt.Sprintf("Copy the secret to the clipboard? It is cleared after %s, or when these prompts end.", a.cfg.ClipboardClear)
	if a.cfg.Clipboard == nil {
		title = "Copy the secret to your terminal's clipboard (OSC 52)? Nothing can clear it from there."
	}
	copySecret := false
	if err := a.prompt(huh.NewConfirm().Title(title).Value(&copySecret)); err != nil || !copySecret {
		return err
	}
	confirmed, err := clipboard.Copy(a.cfg.Clipboard, secret)
	if err == nil {
		a.update(func(r *flow.Result) { r.Copied, r.ClipboardHoldsSecret = confirmed, true })
		a.clip = clipboard.ClearLater(a.cfg.Clipboard, secret, a.cfg.ClipboardClear, func(cleared clipboard.Cleared) {
			a.update(func(r *flow.Result) { r.ClipboardHoldsSecret = cleared.Err != nil })
		})
	}
	switch {
	case err == nil && confirmed:
		a.say("Copied the secret to the system clipboard.")
	case err == nil:
		a.say("Sent the secret to the system clipboard, but could not read it back: paste to check.")
	case a.cfg.OSC52 && clipboard.WriteOSC52(a.raw, secret) == nil:
		a.update(func(r *flow.Result) { r.SentOSC52 = true })
		a.say("Sent the secret to your terminal's clipboard (OSC 52), unconfirmed: paste to check.")
	default:
		a.say("Could not copy the secret (%v); copy it from the line above.", err)
	}
	return nil
}

// clearClipboardAtEnd clears the system clipboard, if it still holds the
// secret, before the prompts end (nothing clears it once the program has
// ended), and says what became of the copy.
func (a *Prompts) clearClipboardAtEnd() {
	if a.clip == nil {
		return
	}
	words, _ := a.clip.Now().Words()
	a.clip = nil
	a.in.resume() // after ctrl+d or a stop too: this line is no prompt's noise
	a.say("%s", words)
}
