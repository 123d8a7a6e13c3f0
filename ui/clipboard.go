package ui

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/atotto/clipboard"

	tea "charm.land/bubbletea/v2"
)

// Clipboard is the system clipboard. Tests observe copies through it.
type Clipboard interface {
	WriteAll(text string) error
	ReadAll() (string, error)
}

// SystemClipboard is the clipboard of the desktop (xclip, xsel, wl-copy,
// pbcopy…), or nil when this machine has no tool for it, e.g. over SSH or on a
// headless server, where OSC 52 is the way left.
func SystemClipboard() Clipboard {
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

// errNoClipboard says there is no system clipboard tool.
var errNoClipboard = errors.New("no clipboard tool (xclip, xsel or wl-copy) on this machine")

// copiedMsg reports a copy to the system clipboard; err says why it failed,
// confirmed that reading the clipboard back gave the text.
type copiedMsg struct {
	what      string // "secret" or "client id"
	secret    bool
	err       error
	confirmed bool
}

// clipboardTimeout bounds a clipboard tool: one that hangs (no display, a
// stuck Wayland compositor) must not leave the copy without an answer.
const clipboardTimeout = 3 * time.Second

// errClipboardTimeout says the clipboard tool did not answer in time.
var errClipboardTimeout = fmt.Errorf("the clipboard tool did not answer within %s", clipboardTimeout)

// withTimeout runs a clipboard call, giving up after clipboardTimeout. A tool
// that hangs is left behind; it holds nothing of the token (main takes it out
// of the environment before any child starts).
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
	case <-time.After(clipboardTimeout):
		var zero T
		return zero, errClipboardTimeout
	}
}

// copyToSystem copies text in a command, off the event loop (the clipboard
// tools are separate programs), then reads the clipboard back to confirm it.
func copyToSystem(cb Clipboard, text, what string, secret bool) tea.Cmd {
	return func() tea.Msg {
		msg := copiedMsg{what: what, secret: secret}
		if cb == nil {
			msg.err = errNoClipboard
			return msg
		}
		if _, msg.err = withTimeout(func() (struct{}, error) { return struct{}{}, cb.WriteAll(text) }); msg.err != nil {
			return msg
		}
		got, err := withTimeout(cb.ReadAll)
		msg.confirmed = err == nil && got == text
		return msg
	}
}

// clipboardClearedMsg reports the end of a secret's time in the clipboard.
type clipboardClearedMsg struct {
	cleared bool // false: the clipboard held something else, left alone
	err     error
}

// words says what became of the secret in the clipboard, and whether it is
// bad news: the clipboard may still hold it.
func (msg clipboardClearedMsg) words() (text string, bad bool) {
	switch {
	case msg.err != nil:
		return "Could not clear the clipboard (" + msg.err.Error() + "): it may still hold the secret; copy something else over it.", true
	case msg.cleared:
		return "Cleared the secret from the clipboard.", false
	}
	return "The clipboard holds something else now; left it alone.", false
}

// clearClipboard empties the system clipboard if it still holds secret; what
// the user copied since is left alone.
func clearClipboard(cb Clipboard, secret string) tea.Cmd {
	return func() tea.Msg {
		if cb == nil {
			return clipboardClearedMsg{}
		}
		current, err := withTimeout(cb.ReadAll)
		if err != nil {
			return clipboardClearedMsg{err: err}
		}
		if current != secret {
			return clipboardClearedMsg{}
		}
		_, err = withTimeout(func() (struct{}, error) { return struct{}{}, cb.WriteAll("") })
		return clipboardClearedMsg{cleared: true, err: err}
	}
}

// writeOSC52 asks the terminal to put text in its clipboard (OSC 52), the way
// tea.SetClipboard does, for the line prompts that run without Bubble Tea.
func writeOSC52(w io.Writer, text string) error {
	_, err := fmt.Fprintf(w, "\x1b]52;c;%s\x07", base64.StdEncoding.EncodeToString([]byte(text)))
	return err
}
