package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"flexslot-register/api"
	"flexslot-register/cli/advice"
)

// createdMsg is the answer to the create request.
type createdMsg struct {
	resp *api.CreateClientResponse
	err  error
}

// submit sends the request the user confirmed. It is never retried by itself:
// a retried create could register two clients.
func (m *Model) submit() tea.Cmd {
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel = cancel
	m.screen = screenSubmitting
	m.started = m.cfg.Now()
	m.canceled = false
	m.refusal = nil
	req := *m.req
	req.RedirectURIs = slices.Clone(req.RedirectURIs)
	req.AllowedScopes = slices.Clone(req.AllowedScopes)
	req.GrantTypes = slices.Clone(req.GrantTypes)
	client := m.client
	return tea.Batch(m.spinner.Tick, m.startTicking(), func() tea.Msg {
		resp, err := client.CreateOAuth2Client(ctx, req)
		return createdMsg{resp: resp, err: err}
	})
}

func (m *Model) updateSubmitting(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if key.Matches(msg, m.keys.Abort) && !m.canceled {
			m.canceled = true
			m.cancel()
		}
	case createdMsg:
		m.cancel()
		return m.onCreated(msg)
	}
	return nil
}

func (m *Model) submittingView() string {
	elapsed := m.now.Sub(m.started).Truncate(time.Second)
	if elapsed < 0 {
		elapsed = 0
	}
	line := fmt.Sprintf("%s Registering %q… %s", m.spinner.View(), m.req.ApplicationName, elapsed)
	if m.canceled {
		line += "\n\n" + m.styles.subtle.Render("Cancelling…")
	}
	return line + "\n\n" + m.helpLine(m.keys.Abort)
}

// onCreated moves on from the answer: the secret screen, the form or the review
// for what the server refused, the token prompt for a refused token, or the
// failure screen.
func (m *Model) onCreated(msg createdMsg) tea.Cmd {
	switch {
	case msg.err == nil:
		m.created = msg.resp
		m.result.Created = msg.resp
		m.screen = screenResult
		return nil
	case api.IsUnauthorized(msg.err):
		m.client = nil
		m.afterToken = screenReview
		return m.askToken("The server refused the token while registering (401). Paste a valid personal access token; your answers are kept.")
	case api.IsValidation(msg.err):
		return m.onFieldErrors(msg.err.(*api.Error))
	}
	m.failure = msg.err
	m.screen = screenFailure
	m.retryAt = time.Time{}
	if wait := api.RetryAfter(msg.err); wait > 0 {
		m.retryAt = m.cfg.Now().Add(wait)
		return m.startTicking()
	}
	return nil
}

// onFieldErrors puts the server's complaints where they belong: at the form's
// fields, focused on the first, or on the review screen for what belongs to no
// field of the form.
func (m *Model) onFieldErrors(e *api.Error) tea.Cmd {
	m.serverErrs = nil
	m.serverVals = map[string]string{}
	for _, fe := range e.Fields {
		if api.PageOf(fe.Field) >= 0 {
			m.serverErrs = append(m.serverErrs, fe)
			m.serverVals[fe.Field] = m.fieldValue(fe.Field)
			continue
		}
		note := fe.Message
		if fe.Field != api.NonFieldErrors {
			note = fe.String()
		}
		m.refusal = append(m.refusal, "The server refused the request: "+note)
		m.refusedAs = requestKey(*m.req)
	}
	if len(m.serverErrs) == 0 {
		m.screen = screenReview
		return nil
	}
	first := m.serverErrs[0].Field
	for _, fe := range m.serverErrs {
		if api.PageOf(fe.Field) < api.PageOf(first) {
			first = fe.Field
		}
	}
	return m.openForm(first)
}

func (m *Model) updateFailure(msg tea.Msg) tea.Cmd {
	keyMsg, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(keyMsg, m.keys.Retry) && m.canRetry():
		return m.submit()
	case key.Matches(keyMsg, m.keys.Edit):
		m.given = nil
		return m.openForm("")
	case key.Matches(keyMsg, m.keys.Quit):
		return m.quit(OutcomeFailed, m.failure)
	}
	return nil
}

func (m *Model) canRetry() bool { return !m.now.Before(m.retryAt) }

// failureView says what happened, whether the client may exist, and what can
// be done; a rate limit counts down to the retry. Whether the client may exist
// is said whatever else is shown.
func (m *Model) failureView() string {
	width := m.width - 4
	var b strings.Builder
	words := advice.Of(m.failure)
	if m.canceled {
		headline, detail := advice.Cancelled(api.MayHaveCreated(m.failure))
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
		if words.Next != "" && m.retryAt.IsZero() {
			b.WriteString("\n" + wrapText(words.Next, width) + "\n")
		}
		if words.MayExist != "" {
			b.WriteString("\n" + m.styles.warning.Render(wrapText(words.MayExist, width)) + "\n")
		}
	}
	if !m.retryAt.IsZero() {
		if wait := m.retryAt.Sub(m.now); wait > 0 {
			b.WriteString("\n" + m.styles.warning.Render(fmt.Sprintf("The server asks to wait: retry possible in %s.", wait.Round(time.Second))) + "\n")
		} else {
			b.WriteString("\n" + m.styles.ok.Render("You can retry now.") + "\n")
		}
	}
	bindings := []key.Binding{m.keys.Edit, m.keys.Quit}
	if m.canRetry() {
		bindings = append([]key.Binding{m.keys.Retry}, bindings...)
	}
	b.WriteString("\n" + m.helpLine(bindings...))
	return b.String()
}
