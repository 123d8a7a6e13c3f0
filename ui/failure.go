package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/domain/recovery"
	"github.com/flexslot/flexslot-register/flow"
)

// failureScreen says what happened and what can be done. When a create may
// have gone through, it finds out itself, asking the list endpoint (a GET,
// safe to repeat) and never sending the create again: nothing was created
// (retry is safe), it was created (rotate its secret now), or it cannot tell
// (check again).
type failureScreen struct {
	app      *Model
	err      error
	canceled bool
	work     secretWork
	since    time.Time // when the request started
	retryAt  time.Time
	now      time.Time
	checking bool
	finding  *recovery.Finding
}

// foundMsg is what a check of a lost create found.
type foundMsg struct{ finding recovery.Finding }

func newFailureScreen(app *Model, err error, from *submittingScreen) *failureScreen {
	s := &failureScreen{app: app, err: err, canceled: from.canceled, work: from.work, since: from.started, now: app.cfg.Now()}
	if wait := api.RetryAfter(err); wait > 0 {
		s.retryAt = s.now.Add(wait)
	}
	return s
}

// start begins what the screen does by itself: the check, and the countdown.
func (s *failureScreen) start() tea.Cmd {
	var cmds []tea.Cmd
	if s.mayExist() {
		cmds = append(cmds, s.check())
	}
	if s.counting() {
		cmds = append(cmds, s.app.startTicking())
	}
	return tea.Batch(cmds...)
}

// mayExist reports a create whose client may exist.
func (s *failureScreen) mayExist() bool { return s.work.rotate == nil && api.MayHaveCreated(s.err) }

// check asks the list endpoint whether the create went through.
func (s *failureScreen) check() tea.Cmd {
	s.checking, s.finding = true, nil
	client, req, since := s.app.client, s.work.req, s.since
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), flow.PreflightTimeout)
		defer cancel()
		return foundMsg{recovery.Check(ctx, client, req, since)}
	}
}

// found reports what the check found, once it has.
func (s *failureScreen) found(v recovery.Verdict) bool {
	return s.finding != nil && s.finding.Verdict == v
}

// counting reports a countdown to the retry.
func (s *failureScreen) counting() bool { return s.now.Before(s.retryAt) }

// ticking keeps the clock running during the countdown.
func (s *failureScreen) ticking() bool { return s.counting() }

// action is a key the screen shows and what it does.
type action struct {
	binding key.Binding
	do      func() tea.Cmd
}

// actions are the keys that act now; the help line shows exactly these.
func (s *failureScreen) actions() []action {
	m, k := s.app, s.app.keys
	retry := action{k.Retry, func() tea.Cmd { return m.submitWork(s.work) }}
	var out []action
	switch {
	case s.mayExist() && s.checking:
	case s.mayExist() && s.found(recovery.Created):
		client := s.finding.Client
		out = append(out, action{k.RotateNow, func() tea.Cmd { return m.submitWork(secretWork{rotate: &client}) }})
	case s.mayExist() && s.found(recovery.Unknown):
		out = append(out, action{k.CheckAgain, s.check}, retry)
	case !s.counting():
		out = append(out, retry)
	}
	if s.work.rotate == nil && !s.found(recovery.Created) {
		out = append(out, action{k.Edit, m.editForm})
	}
	return append(out, action{k.Quit, func() tea.Cmd { return m.quit(flow.OutcomeFailed, s.err) }})
}

// Update counts down, takes the check's finding, and acts on the keys shown.
func (s *failureScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tickMsg:
		s.now = s.app.cfg.Now()
	case foundMsg:
		s.checking, s.finding = false, &msg.finding
	case tea.KeyPressMsg:
		for _, a := range s.actions() {
			if key.Matches(msg, a.binding) {
				return a.do()
			}
		}
	}
	return nil
}

// View says what happened, whether the client may exist and what the check
// found; a rate limit counts down to the retry.
func (s *failureScreen) View() string {
	m := s.app
	width := m.width - 4
	var b strings.Builder
	words := advice.Of(s.err)
	switch {
	case s.canceled:
		headline, _ := advice.Cancelled(s.mayExist())
		style := m.styles.heading
		if s.mayExist() {
			style = m.styles.warning
		}
		b.WriteString(style.Render(wrapText(headline, width)) + "\n")
	default:
		what := "✗ Could not register the client"
		if s.work.rotate != nil {
			what = "✗ Could not get a new secret"
		}
		b.WriteString(m.styles.errorText.Render(what) + "\n\n")
		b.WriteString(wrapText(words.Problem, width) + "\n")
		// A rate limit's advice would repeat the countdown below.
		if words.Next != "" && s.retryAt.IsZero() {
			b.WriteString("\n" + wrapText(words.Next, width) + "\n")
		}
	}
	if s.mayExist() {
		b.WriteString("\n" + s.findingView(width) + "\n")
	}
	if !s.retryAt.IsZero() && !s.found(recovery.Created) {
		if wait := s.retryAt.Sub(s.now); wait > 0 {
			b.WriteString("\n" + m.styles.warning.Render(fmt.Sprintf("The server asks to wait: retry possible in %s.", wait.Round(time.Second))) + "\n")
		} else {
			b.WriteString("\n" + m.styles.ok.Render("You can retry now.") + "\n")
		}
	}
	var bindings []key.Binding
	for _, a := range s.actions() {
		bindings = append(bindings, a.binding)
	}
	b.WriteString("\n" + m.helpLine(bindings...))
	return b.String()
}

// findingView says that the client may exist, and what the check found.
func (s *failureScreen) findingView(width int) string {
	m := s.app
	if s.checking || s.finding == nil {
		return m.styles.warning.Render(wrapText(advice.MayExist(), width)) + "\n" +
			m.styles.subtle.Render("Checking whether it was created…")
	}
	headline, next := advice.Found(*s.finding, s.work.req.ApplicationName)
	style := m.styles.warning
	if s.finding.Verdict == recovery.NotCreated {
		style = m.styles.ok
	}
	return style.Render(wrapText(headline, width)) + "\n" + wrapText(next, width)
}
