// Package clipboard copies text to the system clipboard, reads it back to
// confirm the copy, and clears a secret from it; or sends text to the
// terminal's clipboard (OSC 52), which nothing confirms. The wizard's screens
// and the line prompts both copy through it.
package clipboard

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/atotto/clipboard"
)

// Clipboard is the system clipboard. Tests observe copies through it.
type Clipboard interface {
	WriteAll(text string) error
	ReadAll() (string, error)
}

// System is the clipboard of the desktop (xclip, xsel, wl-copy, pbcopy…), or
// nil when this machine has no tool for it, e.g. over SSH or on a headless
// server, where OSC 52 is the way left.
func System() Clipboard {
	if clipboard.Unsupported {
		return nil
	}
	return systemClipboard{}
}

type systemClipboard struct{}

func (systemClipboard) WriteAll(text string) error { return toolError(clipboard.WriteAll(text)) }

func (systemClipboard) ReadAll() (string, error) {
	text, err := clipboard.ReadAll()
	return text, toolError(err)
}

// toolError names the clipboard tool's failure; its own error is only an exit
// status, which tells a person nothing.
func toolError(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("the clipboard tool failed (%v); no desktop session here?", err)
}

// ErrNoClipboard says there is no system clipboard tool.
var ErrNoClipboard = errors.New("no clipboard tool (xclip, xsel or wl-copy) on this machine")

// Timeout bounds a clipboard tool: one that hangs (no display, a stuck
// Wayland compositor) must not leave the copy without an answer.
const Timeout = 3 * time.Second

// errTimeout says the clipboard tool did not answer in time.
var errTimeout = fmt.Errorf("the clipboard tool did not answer within %s", Timeout)

// withTimeout runs a clipboard call, giving up after Timeout. A tool that
// hangs is left behind; it holds nothing of the token (main takes it out of
// the environment before any child starts).
func withTimeout[T any](call func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		// A panic in a clipboard library, in a goroutine of its own, would
		// end the process with the secret on screen and nothing said: it
		// is a failed copy instead. Its value is not shown: it could hold
		// the text being copied.
		defer func() {
			if recover() != nil {
				done <- result{err: errors.New("the clipboard library crashed")}
			}
		}()
		v, err := call()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-time.After(Timeout):
		var zero T
		return zero, errTimeout
	}
}

// Copy copies text to cb (ErrNoClipboard when cb is nil), then reads the
// clipboard back: confirmed says it gave the text. It blocks, up to two
// Timeouts: the clipboard tools are separate programs.
func Copy(cb Clipboard, text string) (confirmed bool, err error) {
	if cb == nil {
		return false, ErrNoClipboard
	}
	if _, err := withTimeout(func() (struct{}, error) { return struct{}{}, cb.WriteAll(text) }); err != nil {
		return false, err
	}
	got, err := withTimeout(cb.ReadAll)
	return err == nil && got == text, nil
}

// Cleared is the end of a secret's time in the clipboard.
type Cleared struct {
	Done bool  // false: the clipboard held something else, left alone
	Err  error // the clear failed: the clipboard may still hold the secret
}

// Words says what became of the secret in the clipboard, and whether it is
// bad news: the clipboard may still hold it.
func (c Cleared) Words() (text string, bad bool) {
	switch {
	case c.Err != nil:
		return "Could not clear the clipboard (" + c.Err.Error() + "): it may still hold the secret; copy something else over it.", true
	case c.Done:
		return "Cleared the secret from the clipboard.", false
	}
	return "The clipboard holds something else now; left it alone.", false
}

// Clear empties cb if it still holds secret; what the user copied since is
// left alone. A clipboard that cannot be read back is emptied all the same:
// it may hold the secret, and the clear was promised. It blocks, up to two
// Timeouts.
func Clear(cb Clipboard, secret string) Cleared {
	if cb == nil {
		return Cleared{}
	}
	current, err := withTimeout(cb.ReadAll)
	if err == nil && current != secret {
		return Cleared{}
	}
	_, err = withTimeout(func() (struct{}, error) { return struct{}{}, cb.WriteAll("") })
	return Cleared{Done: true, Err: err}
}

// Pending is a clear in the background: after a delay, or at once when Now
// is called; either way once.
type Pending struct {
	early chan struct{} // closed by Now
	done  chan Cleared  // the clear's answer
}

// ClearLater clears secret from cb after delay, if cb still holds it, in a
// goroutine of its own; report gets the answer as soon as there is one.
func ClearLater(cb Clipboard, secret string, delay time.Duration, report func(Cleared)) *Pending {
	p := &Pending{early: make(chan struct{}), done: make(chan Cleared, 1)}
	go func() {
		timer := time.NewTimer(delay)
		defer timer.Stop()
		select {
		case <-timer.C:
		case <-p.early:
		}
		c := Clear(cb, secret)
		report(c)
		p.done <- c
	}()
	return p
}

// Now clears at once, unless the delay is over already, and returns the
// clear's answer (within two Timeouts: a read, then a write). Call it once.
func (p *Pending) Now() Cleared {
	close(p.early)
	return <-p.done
}

// WriteOSC52 asks the terminal to put text in its clipboard (OSC 52), the way
// tea.SetClipboard does, for the line prompts that run without Bubble Tea.
func WriteOSC52(w io.Writer, text string) error {
	_, err := fmt.Fprintf(w, "\x1b]52;c;%s\x07", base64.StdEncoding.EncodeToString([]byte(text)))
	return err
}
