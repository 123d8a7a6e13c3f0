package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/flexslot/flexslot-register/internal/clipboard"
)

// copiedMsg reports a copy to the system clipboard; err says why it failed,
// confirmed that reading the clipboard back gave the text.
type copiedMsg struct {
	what      string // "secret" or "client id"
	secret    bool
	err       error
	confirmed bool
}

// copyToSystem copies text in a command, off the event loop (the clipboard
// tools are separate programs), then reads the clipboard back to confirm it.
func copyToSystem(cb clipboard.Clipboard, text, what string, secret bool) tea.Cmd {
	return func() tea.Msg {
		confirmed, err := clipboard.Copy(cb, text)
		return copiedMsg{what: what, secret: secret, err: err, confirmed: confirmed}
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
	return clipboard.Cleared{Done: msg.cleared, Err: msg.err}.Words()
}

// clearClipboard empties the system clipboard if it still holds secret; what
// the user copied since is left alone.
func clearClipboard(cb clipboard.Clipboard, secret string) tea.Cmd {
	return func() tea.Msg {
		c := clipboard.Clear(cb, secret)
		return clipboardClearedMsg{cleared: c.Done, err: c.Err}
	}
}
