package ui

import (
	"fmt"
	"time"

	"charm.land/huh/v2"
)

// offerCopy asks whether to copy the secret, and copies it only on a yes:
// to the system clipboard, which is cleared of it after ClipboardClear while
// the prompts go on, or when they end (clearClipboardAtEnd); else through the
// terminal (OSC 52). Where there is no way to copy, it asks nothing.
func (a *Accessible) offerCopy(secret string) error {
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
	msg := copyToSystem(a.cfg.Clipboard, secret, "secret", true)().(copiedMsg)
	if msg.err == nil {
		a.update(func(r *Result) { r.Copied, r.ClipboardHoldsSecret = msg.confirmed, true })
		a.clip = clearClipboardLater(a.cfg.Clipboard, secret, a.cfg.ClipboardClear, func(cleared clipboardClearedMsg) {
			a.update(func(r *Result) { r.ClipboardHoldsSecret = cleared.err != nil })
		})
	}
	switch {
	case msg.err == nil && msg.confirmed:
		a.say("Copied the secret to the system clipboard.")
	case msg.err == nil:
		a.say("Sent the secret to the system clipboard, but could not read it back: paste to check.")
	case a.cfg.OSC52 && writeOSC52(a.raw, secret) == nil:
		a.update(func(r *Result) { r.SentOSC52 = true })
		a.say("Sent the secret to your terminal's clipboard (OSC 52), unconfirmed: paste to check.")
	default:
		a.say("Could not copy the secret (%v); copy it from the line above.", msg.err)
	}
	return nil
}

// clearClipboardAtEnd clears the system clipboard, if it still holds the
// secret, before the prompts end (nothing clears it once the program has
// ended), and says what became of the copy.
func (a *Accessible) clearClipboardAtEnd() {
	if a.clip == nil {
		return
	}
	words, _ := a.clip.now().words()
	a.clip = nil
	a.in.resume() // after ctrl+d or a stop too: this line is no prompt's noise
	a.say("%s", words)
}

// clipboardClear is a copy's clear in the background: after a delay, or at
// once when now is called; either way once.
type clipboardClear struct {
	early chan struct{}            // closed by now
	done  chan clipboardClearedMsg // the clear's answer
}

// clearClipboardLater clears secret from cb after delay, if cb still holds
// it, in a goroutine of its own; report gets the answer as soon as there is
// one.
func clearClipboardLater(cb Clipboard, secret string, delay time.Duration, report func(clipboardClearedMsg)) *clipboardClear {
	c := &clipboardClear{early: make(chan struct{}), done: make(chan clipboardClearedMsg, 1)}
	go func() {
		timer := time.NewTimer(delay)
		defer timer.Stop()
		select {
		case <-timer.C:
		case <-c.early:
		}
		msg := clearClipboard(cb, secret)().(clipboardClearedMsg)
		report(msg)
		c.done <- msg
	}()
	return c
}

// now clears at once, unless the delay is over already, and returns the
// clear's answer (within two clipboardTimeouts: a read, then a write).
func (c *clipboardClear) now() clipboardClearedMsg {
	close(c.early)
	return <-c.done
}
