package ui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/validate"
)

// scopeRequestScreen asks flexslot for the scopes the partner account lacks
// (POST /me/partner/scope-requests), prefilled with those the request asks
// for, and goes back to the review with every value kept.
type scopeRequestScreen struct {
	app     *Model
	scopes  []string
	why     textinput.Model
	sending bool
	answer  *api.ScopeRequestAnswer
	status  string
}

// scopeRequestedMsg is the server's answer to a scope request.
type scopeRequestedMsg struct {
	answer *api.ScopeRequestAnswer
	err    error
}

// requestScopes shows the scope request for the scopes the partner lacks.
func (m *Model) requestScopes() tea.Cmd {
	s := &scopeRequestScreen{app: m, scopes: m.lackedScopes(), why: textinput.New()}
	s.why.Prompt = "> "
	s.why.Placeholder = "what your app does with them, for players"
	s.why.CharLimit = validate.MaxJustificationLength
	s.why.SetWidth(max(m.width-6, 20))
	m.current = s
	return s.why.Focus()
}

// Update sends on enter, goes back on esc, and passes the rest to the
// justification.
func (s *scopeRequestScreen) Update(msg tea.Msg) tea.Cmd {
	m := s.app
	switch msg := msg.(type) {
	case scopeRequestedMsg:
		s.sending = false
		if msg.err != nil {
			s.status = strings.Join(advice.Of(msg.err).Lines(), " ")
			for _, fe := range apiFieldErrors(msg.err) {
				s.status += " " + validate.Sanitize(fe.Message)
			}
			return nil
		}
		s.answer = msg.answer
		return nil
	case tea.KeyPressMsg:
		switch {
		case s.answer != nil && key.Matches(msg, m.keys.SigninBack):
			return m.showReview()
		case s.sending:
			return nil
		case key.Matches(msg, m.keys.SendRequest):
			why := strings.TrimSpace(s.why.Value())
			if err := validate.Justification(why); err != nil {
				s.status = "Justification: " + err.Error()
				return nil
			}
			s.sending, s.status = true, ""
			client, req := m.client, api.ScopeRequest{Justification: why, RequestedScopes: s.scopes}
			return func() tea.Msg {
				ctx, cancel := context.WithTimeout(context.Background(), flow.PreflightTimeout)
				defer cancel()
				answer, err := client.RequestScopes(ctx, req)
				return scopeRequestedMsg{answer, err}
			}
		case key.Matches(msg, m.keys.Dismiss):
			return m.showReview()
		}
	}
	if s.answer != nil {
		return nil
	}
	var cmd tea.Cmd
	s.why, cmd = s.why.Update(msg)
	return cmd
}

// View is the request, or the server's answer to it.
func (s *scopeRequestScreen) View() string {
	m := s.app
	width := max(m.width-4, 10)
	scopes := validate.Sanitize(strings.Join(s.scopes, ", "))
	var b strings.Builder
	b.WriteString(m.styles.heading.Render("Ask for "+scopes) + m.styles.subtle.Render(" · to flexslot, for your partner account") + "\n\n")
	if a := s.answer; a != nil {
		clean := a.Sanitized()
		b.WriteString(m.styles.ok.Render(wrapText("✓ Sent: request "+clean.ID+" is "+clean.Status+".", width)) + "\n")
		if clean.Message != "" {
			b.WriteString(wrapText(clean.Message, width) + "\n")
		}
		b.WriteString("\n" + m.styles.subtle.Render(wrapText("Whether and when it is granted is flexslot's answer. To register now, leave "+scopes+" out of the scopes (e edit on the review).", width)) + "\n\n")
		return b.String() + m.helpLine(m.keys.SigninBack)
	}
	b.WriteString(wrapText("Your partner account does not list "+scopes+" (GET /me/partner). Say why your app needs it, in 10 to 2000 characters:", width) + "\n\n")
	b.WriteString(s.why.View() + "\n")
	switch {
	case s.sending:
		b.WriteString(m.styles.subtle.Render("Sending…") + "\n")
	case s.status != "":
		b.WriteString(m.styles.errorText.Render(wrapText(s.status, width)) + "\n")
	}
	back := m.keys.Dismiss
	back.SetHelp("esc", "back")
	return b.String() + "\n" + m.helpLine(m.keys.SendRequest, back)
}

// apiFieldErrors are an API error's field errors, if it has any.
func apiFieldErrors(err error) []api.FieldError {
	return api.FieldErrorsOf(err)
}
