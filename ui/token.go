package ui

import (
	"context"
	"errors"
	"image/color"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"flexslot-register/api"
	"flexslot-register/cli/advice"
	"flexslot-register/validate"
)

// preflightTimeout bounds the pre-flight check, which must feel instant.
const preflightTimeout = 15 * time.Second

// darkBackground stands for a dark terminal background when telling a new form.
var darkBackground = color.Black

// askToken shows the masked token prompt, with note saying why it is asked
// again (a refused token), if it is.
func (m *Model) askToken(note string) tea.Cmd {
	m.screen = screenToken
	m.tokenNote = note
	m.tokenInput = ""
	m.tokenForm = huh.NewForm(huh.NewGroup(
		huh.NewInput().
			Title("Personal access token").
			Description("Create one under Settings → Personal Access Tokens on flexslot.gg. It is never shown or stored.").
			EchoMode(huh.EchoModePassword).
			Placeholder("flx_pat_…").
			Value(&m.tokenInput).
			Validate(validate.Token),
	)).WithTheme(formTheme).WithShowHelp(true).WithWidth(max(m.width-2, 20))
	cmd := m.tokenForm.Init()
	m.forwardBackground(m.tokenForm)
	return cmd
}

func (m *Model) updateToken(msg tea.Msg) tea.Cmd {
	f, cmd := m.tokenForm.Update(msg)
	m.tokenForm = f.(*huh.Form)
	switch m.tokenForm.State {
	case huh.StateAborted:
		return m.quit(OutcomeCancelled, nil)
	case huh.StateCompleted:
		m.token = strings.TrimSpace(m.tokenInput)
		m.tokenInput = ""
		m.tokenForm = nil
		m.client = nil
		return m.startPreflight()
	}
	return cmd
}

func (m *Model) tokenView() string {
	var b strings.Builder
	if m.tokenNote != "" {
		b.WriteString(m.styles.errorText.Render(m.tokenNote) + "\n\n")
	}
	b.WriteString(m.tokenForm.View())
	return b.String()
}

// preflightMsg carries the answers of the pre-flight check.
type preflightMsg struct {
	token   *api.AccessToken
	partner *api.Partner
	err     error
}

// startPreflight checks the token and the partner account before any question
// is asked: nobody should fill ten fields to learn that the token was wrong.
func (m *Model) startPreflight() tea.Cmd {
	if m.client == nil {
		client, err := m.cfg.Connect(m.token)
		if err != nil {
			return m.askToken(err.Error())
		}
		m.client = client
	}
	m.screen = screenPreflight
	m.stopReason = ""
	client := m.client
	return tea.Batch(m.spinner.Tick, func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), preflightTimeout)
		defer cancel()
		token, err := client.GetAccessToken(ctx)
		if err != nil {
			return preflightMsg{err: err}
		}
		partner, err := client.GetPartner(ctx)
		return preflightMsg{token: token, partner: partner, err: err}
	})
}

func (m *Model) updatePreflight(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case preflightMsg:
		return m.onPreflight(msg)
	case tea.KeyPressMsg:
		if m.screen != screenStopped {
			if msg.String() == "ctrl+c" {
				return m.quit(OutcomeCancelled, nil)
			}
			return nil
		}
		switch {
		case m.stopRetry && key.Matches(msg, m.keys.Retry):
			return m.startPreflight()
		case key.Matches(msg, m.keys.Quit):
			return m.quit(OutcomeFailed, errors.New(m.stopReason))
		}
	}
	return nil
}

func (m *Model) onPreflight(msg preflightMsg) tea.Cmd {
	switch {
	case api.IsUnauthorized(msg.err):
		m.client = nil
		return m.askToken("The server refused this token (401). Paste a valid personal access token.")
	case msg.err != nil:
		words := advice.Of(msg.err)
		return m.stop(words.Problem, words.Next, words.Retry)
	case msg.partner.Status != api.StatusActive:
		return m.stop("Your partner account is "+validate.Sanitize(msg.partner.Status)+"; it may not register OAuth2 clients.",
			"Contact partner support to reactivate it, or apply for partner access on flexslot.gg.", false)
	}
	m.tokenMeta, m.partner = msg.token, msg.partner
	if m.afterToken == screenReview {
		m.afterToken = screenForm
		m.screen = screenReview
		return nil
	}
	return m.openForm("")
}

// stop shows why the wizard cannot go on, and what to do about it.
func (m *Model) stop(reason, hint string, retry bool) tea.Cmd {
	m.screen = screenStopped
	m.stopReason, m.stopHint, m.stopRetry = reason, hint, retry
	return nil
}

func (m *Model) preflightView() string {
	if m.screen == screenPreflight {
		return m.spinner.View() + " Checking the token and the partner account…"
	}
	var b strings.Builder
	b.WriteString(m.styles.errorText.Render("✗ "+m.stopReason) + "\n")
	if m.stopHint != "" {
		b.WriteString("\n" + wrapText(m.stopHint, m.width-4) + "\n")
	}
	bindings := []key.Binding{m.keys.Quit}
	if m.stopRetry {
		bindings = append([]key.Binding{m.keys.Retry}, bindings...)
	}
	b.WriteString("\n" + m.helpLine(bindings...))
	return b.String()
}

// forwardBackground tells a new form the terminal's background, which it would
// otherwise never learn (huh does not ask).
func (m *Model) forwardBackground(f *huh.Form) {
	if m.isDark {
		f.Update(tea.BackgroundColorMsg{Color: darkBackground})
	}
}
