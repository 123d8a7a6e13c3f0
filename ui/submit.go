package ui

import (
	"context"
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"flexslot-register/api"
)

// submittingScreen sends the request, with a spinner and the time elapsed;
// esc cancels it.
type submittingScreen struct {
	app      *Model
	name     string
	spinner  spinner.Model
	started  time.Time
	now      time.Time
	cancel   context.CancelFunc
	canceled bool
}

// createdMsg is the answer to the create request.
type createdMsg struct {
	resp *api.CreateClientResponse
	err  error
}

func newSubmittingScreen(app *Model, req api.CreateClientRequest) (*submittingScreen, tea.Cmd) {
	ctx, cancel := context.WithCancel(context.Background())
	now := app.cfg.Now()
	s := &submittingScreen{
		app: app, name: req.ApplicationName, cancel: cancel, started: now, now: now,
		spinner: spinner.New(spinner.WithSpinner(app.cfg.Spinner)),
	}
	client := app.client
	return s, tea.Batch(s.spinner.Tick, func() tea.Msg {
		resp, err := client.CreateOAuth2Client(ctx, req)
		return createdMsg{resp: resp, err: err}
	})
}

// ticking keeps the clock running while the request is out.
func (s *submittingScreen) ticking() bool { return true }

// Update cancels on esc and moves on with the answer.
func (s *submittingScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case spinner.TickMsg:
		var cmd tea.Cmd
		s.spinner, cmd = s.spinner.Update(msg)
		return cmd
	case tickMsg:
		s.now = s.app.cfg.Now()
	case tea.KeyPressMsg:
		if key.Matches(msg, s.app.keys.Abort) && !s.canceled {
			s.canceled = true
			s.cancel()
		}
	case createdMsg:
		s.cancel()
		return s.app.created(msg, s.canceled)
	}
	return nil
}

// View is the spinner and the time elapsed.
func (s *submittingScreen) View() string {
	m := s.app
	elapsed := max(s.now.Sub(s.started).Truncate(time.Second), 0)
	line := fmt.Sprintf("%s Registering %q… %s", s.spinner.View(), s.name, elapsed)
	if s.canceled {
		line += "\n\n" + m.styles.subtle.Render("Cancelling…")
	}
	return line + "\n\n" + m.helpLine(m.keys.Abort)
}
