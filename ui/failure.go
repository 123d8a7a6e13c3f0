package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"flexslot-register/api"
	"flexslot-register/cli/advice"
)

// failureScreen says what happened, whether the client may exist, and what
// can be done: retry (after the wait the server asked for), edit, or quit.
type failureScreen struct {
	app      *Model
	err      error
	canceled bool
	retryAt  time.Time
	now      time.Time
}

func newFailureScreen(app *Model, err error, canceled bool) *failureScreen {
	s := &failureScreen{app: app, err: err, canceled: canceled, now: app.cfg.Now()}
	if wait := api.RetryAfter(err); wait > 0 {
		s.retryAt = s.now.Add(wait)
	}
	return s
}

// counting reports a countdown to the retry.
func (s *failureScreen) counting() bool { return s.now.Before(s.retryAt) }

// ticking keeps the clock running during the countdown.
func (s *failureScreen) ticking() bool { return s.counting() }

// Update counts down and acts on the keys shown.
func (s *failureScreen) Update(msg tea.Msg) tea.Cmd {
	m := s.app
	switch msg := msg.(type) {
	case tickMsg:
		s.now = m.cfg.Now()
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, m.keys.Retry) && !s.counting():
			return m.submit()
		case key.Matches(msg, m.keys.Edit):
			return m.editForm()
		case key.Matches(msg, m.keys.Quit):
			return m.quit(OutcomeFailed, s.err)
		}
	}
	return nil
}

// View says what happened. Whether the client may exist is said whatever
// else is shown; a rate limit counts down to the retry.
func (s *failureScreen) View() string {
	m := s.app
	width := m.width - 4
	var b strings.Builder
	words := advice.Of(s.err)
	if s.canceled {
		headline, detail := advice.Cancelled(api.MayHaveCreated(s.err))
		style := m.styles.heading
		if detail != "" {
			style = m.styles.warning
		}
		b.WriteString(style.Render(wrapText(headline, width)) + "\n")
		if detail != "" {
			b.WriteString("\n" + wrapText(detail, width) + "\n")
		}
	} else {
		b.WriteString(m.styles.errorText.Render("✗ Could not register the client") + "\n\n")
		b.WriteString(wrapText(words.Problem, width) + "\n")
		// A rate limit's advice would repeat the countdown below.
		if words.Next != "" && s.retryAt.IsZero() {
			b.WriteString("\n" + wrapText(words.Next, width) + "\n")
		}
		if words.MayExist != "" {
			b.WriteString("\n" + m.styles.warning.Render(wrapText(words.MayExist, width)) + "\n")
		}
	}
	if !s.retryAt.IsZero() {
		if wait := s.retryAt.Sub(s.now); wait > 0 {
			b.WriteString("\n" + m.styles.warning.Render(fmt.Sprintf("The server asks to wait: retry possible in %s.", wait.Round(time.Second))) + "\n")
		} else {
			b.WriteString("\n" + m.styles.ok.Render("You can retry now.") + "\n")
		}
	}
	bindings := []key.Binding{m.keys.Edit, m.keys.Quit}
	if !s.counting() {
		bindings = append([]key.Binding{m.keys.Retry}, bindings...)
	}
	b.WriteString("\n" + m.helpLine(bindings...))
	return b.String()
}
