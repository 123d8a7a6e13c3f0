package ui

import (
	"errors"

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

func (systemClipboard) WriteAll(text string) error { return clipboard.WriteAll(text) }
func (systemClipboard) ReadAll() (string, error)   { return clipboard.ReadAll() }

// errNoClipboard says there is no system clipboard tool.
var errNoClipboard = errors.New("no clipboard tool (xclip, xsel or wl-copy) on this machine")

// copiedMsg reports a copy to the system clipboard; err says why it failed.
type copiedMsg struct {
	what   string // "secret" or "client id"
	secret bool
	err    error
}

// copyToSystem copies text in a command, off the event loop: the clipboard tools
// are separate programs.
func copyToSystem(cb Clipboard, text, what string, secret bool) tea.Cmd {
	return func() tea.Msg {
		if cb == nil {
			return copiedMsg{what: what, secret: secret, err: errNoClipboard}
		}
		return copiedMsg{what: what, secret: secret, err: cb.WriteAll(text)}
	}
}

// clipboardClearedMsg reports the end of a secret's time in the clipboard.
type clipboardClearedMsg struct {
	cleared bool // false: the clipboard held something else, left alone
	err     error
}

// clearClipboard empties the system clipboard if it still holds secret; what
// the user copied since is left alone.
func clearClipboard(cb Clipboard, secret string) tea.Cmd {
	return func() tea.Msg {
		if cb == nil {
			return clipboardClearedMsg{}
		}
		current, err := cb.ReadAll()
		if err != nil {
			return clipboardClearedMsg{err: err}
		}
		if current != secret {
			return clipboardClearedMsg{}
		}
		return clipboardClearedMsg{cleared: true, err: cb.WriteAll("")}
	}
}
