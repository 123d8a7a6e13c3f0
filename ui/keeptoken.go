package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/validate"
)

// keepTokenScreen offers to keep a token the person typed at the token
// prompt, once the pre-flight check accepted it, for the next runs against
// this API (flow.Config.KeepToken): y keeps it and says where it went, n or
// esc goes on without. A keep that fails says so and goes on: the run is
// not about the token.
type keepTokenScreen struct {
	app  *Model
	keep func(token string) (where string, err error)
	// preflight and checked are the pre-flight and its answers, which
	// preflightDone moves on from once the offer is answered.
	preflight *preflightScreen
	checked   preflightMsg
	// keeping is set while the token is being kept; kept once it is over,
	// with where it went, or failure when it could not be kept.
	keeping, kept bool
	where         string
	failure       string
}

// tokenKeptMsg is the outcome of keeping the token: where it went, or why
// it was not kept, the token taken out of it.
type tokenKeptMsg struct {
	where, failure string
}

// offersKeep reports whether the pre-flight accepted a token the person
// typed (not the one the run was given) and it may be kept: the offer is
// made once a run (offerKeep clears cfg.KeepToken).
func (m *Model) offersKeep(msg preflightMsg) bool {
	return m.cfg.KeepToken != nil && m.token != m.cfg.Token &&
		msg.err == nil && msg.partner != nil && msg.partner.Status == api.StatusActive
}

// offerKeep shows the offer to keep the token; preflightDone moves on from
// msg once it is answered.
func (m *Model) offerKeep(preflight *preflightScreen, msg preflightMsg) tea.Cmd {
	s := &keepTokenScreen{app: m, keep: m.cfg.KeepToken, preflight: preflight, checked: msg}
	m.cfg.KeepToken = nil // once a run
	// The header names the partner from here on, as it will on the form.
	m.tokenMeta, m.partner = msg.token, msg.partner
	m.current = s
	return nil
}

// Update keeps the token on y, goes on without it on n or esc, and goes on
// on enter once it was kept or not. ctrl+c leaves, as from the pre-flight.
func (s *keepTokenScreen) Update(msg tea.Msg) tea.Cmd {
	m := s.app
	switch msg := msg.(type) {
	case tokenKeptMsg:
		s.keeping, s.kept = false, true
		s.where, s.failure = msg.where, msg.failure
	case tea.KeyPressMsg:
		switch {
		case msg.String() == "ctrl+c":
			if m.backToReview {
				return m.leaveUnsent()
			}
			return m.quit(flow.OutcomeCancelled, nil)
		case s.keeping:
		case s.kept && key.Matches(msg, s.app.keys.GoOnAfterToken):
			return m.preflightDone(s.preflight, s.checked)
		case !s.kept && key.Matches(msg, s.app.keys.KeepToken):
			s.keeping = true
			return keepToken(s.keep, m.token)
		case !s.kept && key.Matches(msg, s.app.keys.SkipToken):
			return m.preflightDone(s.preflight, s.checked)
		}
	}
	return nil
}

// keepToken keeps token with keep, in a command: a keychain may take its
// time. No word of the outcome holds the token.
func keepToken(keep func(string) (string, error), token string) tea.Cmd {
	return func() tea.Msg {
		where, err := keep(token)
		if err != nil {
			return tokenKeptMsg{failure: validate.Sanitize(strings.ReplaceAll(err.Error(), token, "[the token]"))}
		}
		return tokenKeptMsg{where: validate.Sanitize(strings.ReplaceAll(where, token, "[the token]"))}
	}
}

// View asks, then says where the token went, or that it was not kept.
func (s *keepTokenScreen) View() string {
	m := s.app
	width := max(m.width-4, 10)
	switch {
	case s.kept && s.failure != "":
		return m.styles.errorText.Render(wrapText("✗ The token was not kept: "+s.failure, width)) + "\n\n" +
			wrapText("This run goes on with it; `"+advice.CommandLine("login")+"` can keep it later.", width) + "\n\n" +
			m.helpLine(s.app.keys.GoOnAfterToken)
	case s.kept:
		return m.styles.ok.Render(wrapText("✓ The token is kept in "+s.where+".", width)) + "\n\n" +
			wrapText("The next run against "+validate.Sanitize(m.baseURL())+" uses it; `"+advice.CommandLine("logout")+"` removes it.", width) + "\n\n" +
			m.helpLine(s.app.keys.GoOnAfterToken)
	}
	question := m.styles.heading.Render(wrapText("Keep this token for "+validate.Sanitize(m.baseURL())+"?", width)) + "\n\n" +
		wrapText("It goes to the system keychain (or a file readable by you only) and the next run uses it. "+
			"FLEXSLOT_TOKEN and --token-stdin still come before it.", width) + "\n\n"
	if s.keeping {
		return question + "Keeping the token…"
	}
	return question + m.helpLine(s.app.keys.KeepToken, s.app.keys.SkipToken)
}
