package ui

import (
	"context"
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/validate"
)

// submittingScreen sends a request that returns a secret (a create, or a
// rotation), with a spinner and the time elapsed; esc cancels it.
type submittingScreen struct {
	app      *Model
	work     secretWork
	spinner  spinner.Model
	started  time.Time
	now      time.Time
	cancel   context.CancelFunc
	canceled bool
}

// secretWork is a request whose answer holds a secret: the create of req,
// or, when rotate is set, the rotation of that client's secret.
type secretWork struct {
	req    api.CreateClientRequest
	rotate *api.OAuth2Client
}

// label says what is under way, for the spinner's line.
func (w secretWork) label() string {
	if w.rotate != nil {
		return fmt.Sprintf("Getting a new secret for %q (%s)…", validate.Sanitize(w.rotate.ApplicationName), validate.Sanitize(w.rotate.ClientID))
	}
	return fmt.Sprintf("Registering %q…", w.req.ApplicationName)
}

// createdMsg is the answer to the request.
type createdMsg struct {
	resp *api.CreateClientResponse
	err  error
}

func newSubmittingScreen(app *Model, work secretWork) (*submittingScreen, tea.Cmd) {
	ctx, cancel := context.WithCancel(context.Background())
	now := app.cfg.Now()
	s := &submittingScreen{
		app: app, work: work, cancel: cancel, started: now, now: now,
		spinner: spinner.New(spinner.WithSpinner(app.spinner)),
	}
	client := app.client
	return s, tea.Batch(s.spinner.Tick, func() tea.Msg {
		var resp *api.CreateClientResponse
		var err error
		if work.rotate != nil {
			resp, err = client.RotateSecret(ctx, work.rotate.ClientID)
		} else {
			resp, err = client.CreateOAuth2Client(ctx, work.req)
		}
		return createdMsg{resp: resp, err: err}
	})
}

// ticking keeps the clock running while the request is out.
func (s *submittingScreen) ticking() bool { return true }

// Update cancels on esc and moves on with the answer.
func (s *submittingScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case spinner.TickMsg:
		return spin(&s.spinner, msg, true)
	case tickMsg:
		s.now = s.app.cfg.Now()
	case tea.KeyPressMsg:
		if key.Matches(msg, s.app.keys.Abort) && !s.canceled {
			s.canceled = true
			s.cancel()
		}
	case createdMsg:
		s.cancel()
		return s.app.answered(msg, s)
	}
	return nil
}

// View is the spinner and the time elapsed.
func (s *submittingScreen) View() string {
	m := s.app
	elapsed := max(s.now.Sub(s.started).Truncate(time.Second), 0)
	line := fmt.Sprintf("%s %s %s", s.spinner.View(), s.work.label(), elapsed)
	if s.canceled {
		line += "\n\n" + m.styles.subtle.Render("Cancelling…")
	}
	return line + "\n\n" + m.helpLine(m.keys.Abort)
}
