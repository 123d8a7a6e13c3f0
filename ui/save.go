package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/flexslot/flexslot-register/domain/secretfile"
)

// savedMsg reports a save of the client id and secret.
type savedMsg struct {
	saved secretfile.Saved
	err   error
}

// saveSecret saves the client id and secret in a command, off the event loop.
func saveSecret(path, clientID, secret string) tea.Cmd {
	return func() tea.Msg {
		saved, err := secretfile.Save(path, clientID, secret)
		return savedMsg{saved: saved, err: err}
	}
}
