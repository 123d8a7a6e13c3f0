package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/flexslot/flexslot-register/validate"
)

// lookupScreen looks the request's name up when --yes skips the review
// under --if-exists: the flag, not a create refused for its name, says what
// happens to a client of that name (routes.go, lookedUp).
type lookupScreen struct {
	app     *Model
	spinner spinner.Model
}

func newLookupScreen(app *Model) (*lookupScreen, tea.Cmd) {
	s := &lookupScreen{app: app, spinner: spinner.New(spinner.WithSpinner(app.spinner))}
	return s, tea.Batch(s.spinner.Tick, app.findName())
}

// Update moves on with the answer; esc leaves through the draft offer, as
// from the form, since nothing was sent.
func (s *lookupScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case spinner.TickMsg:
		return spin(&s.spinner, msg, true)
	case existingMsg:
		return s.app.lookedUp(msg)
	case tea.KeyPressMsg:
		if key.Matches(msg, s.app.keys.LeaveForm) {
			return s.app.leaveUnsent()
		}
	}
	return nil
}

// View is the spinner and what is looked for.
func (s *lookupScreen) View() string {
	m := s.app
	line := fmt.Sprintf("%s Looking for a client named %q (--if-exists %s)…", s.spinner.View(),
		validate.Sanitize(m.req.ApplicationName), m.cfg.IfExists)
	return wrapText(line, m.width-2) + "\n\n" + m.helpLine(m.keys.LeaveForm)
}
