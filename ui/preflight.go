package ui

import (
	"context"
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/flow"
)

// preflightScreen checks the token and the partner account before any
// question is asked: nobody should fill ten fields to learn that the token
// was wrong. When it cannot go on, it says why and what to do.
type preflightScreen struct {
	app     *Model
	spinner spinner.Model
	// stopped is set once the check failed for good: reason and hint say why,
	// retry whether trying again may help.
	stopped      bool
	reason, hint string
	retry        bool
}

// preflightMsg carries the answers of the pre-flight check.
type preflightMsg struct {
	token   *api.AccessToken
	partner *api.Partner
	err     error
}

func newPreflightScreen(app *Model) (*preflightScreen, tea.Cmd) {
	s := &preflightScreen{app: app, spinner: spinner.New(spinner.WithSpinner(app.spinner))}
	client := app.client
	return s, tea.Batch(s.spinner.Tick, func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), flow.PreflightTimeout)
		defer cancel()
		token, err := client.GetAccessToken(ctx)
		if err != nil {
			return preflightMsg{err: err}
		}
		partner, err := client.GetPartner(ctx)
		return preflightMsg{token: token, partner: partner, err: err}
	})
}

// stop shows why the wizard cannot go on, and what to do about it.
func (s *preflightScreen) stop(reason, hint string, retry bool) {
	s.stopped, s.reason, s.hint, s.retry = true, reason, hint, retry
}

// Update waits for the answers; once stopped, r retries (when it may help)
// and q quits.
func (s *preflightScreen) Update(msg tea.Msg) tea.Cmd {
	keys := s.app.keys
	switch msg := msg.(type) {
	case spinner.TickMsg:
		return spin(&s.spinner, msg, !s.stopped)
	case preflightMsg:
		if s.app.offersKeep(msg) {
			return s.app.offerKeep(s, msg)
		}
		return s.app.preflightDone(s, msg)
	case tea.KeyPressMsg:
		switch {
		case !s.stopped:
			if msg.String() == "ctrl+c" {
				return s.app.quit(flow.OutcomeCancelled, nil)
			}
		case s.retry && key.Matches(msg, keys.Retry):
			return s.app.startPreflight()
		case key.Matches(msg, keys.Quit):
			return s.app.quit(flow.OutcomeFailed, errors.New(s.reason))
		}
	}
	return nil
}

// View is the spinner, or why it stopped and the keys.
func (s *preflightScreen) View() string {
	if !s.stopped {
		return s.spinner.View() + " Checking the token and the partner account…"
	}
	m := s.app
	var b strings.Builder
	b.WriteString(m.styles.errorText.Render("✗ "+s.reason) + "\n")
	if s.hint != "" {
		b.WriteString("\n" + wrapText(s.hint, m.width-4) + "\n")
	}
	bindings := []key.Binding{m.keys.Quit}
	if s.retry {
		bindings = append([]key.Binding{m.keys.Retry}, bindings...)
	}
	b.WriteString("\n" + m.helpLine(bindings...))
	return b.String()
}
