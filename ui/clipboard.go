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

// linkWhat is what a copy of a URL to open by hand is called.
const linkWhat = "URL"

// copyStatus says what became of a copy, and whether it is bad news:
// confirmed by reading the system clipboard back, or sent and unconfirmed;
// where the system clipboard failed, sent through the terminal (OSC 52)
// instead when osc52 allows it (the caller sends it), else not copied.
func copyStatus(msg copiedMsg, osc52 bool) (text string, bad bool) {
	switch {
	case msg.err == nil && msg.confirmed:
		return "Copied the " + msg.what + " to the system clipboard.", false
	case msg.err == nil:
		return "Sent the " + msg.what + " to the system clipboard, but could not read it back: paste to check.", true
	case osc52:
		return "The system clipboard failed (" + msg.err.Error() + "). Sent the " + msg.what + " to your terminal's clipboard (OSC 52) instead, unconfirmed: paste to check, or select it above.", false
	}
	return "Could not copy the " + msg.what + " (" + msg.err.Error() + "): select it above with the mouse instead.", true
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
