package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/validate"
)

// pickerScreen lists the partner's confidential clients to rotate the secret
// of one; with Config.ClientID it finds that one and goes on to confirm.
type pickerScreen struct {
	app     *Model
	loading bool
	err     error
	clients []api.OAuth2Client // confidential ones
	cursor  int
	// final is set when err is about the client named on the command line:
	// listing again would not change it.
	final bool
}

// clientsMsg carries the partner's clients.
type clientsMsg struct {
	clients []api.OAuth2Client
	err     error
}

func newPickerScreen(app *Model) (*pickerScreen, tea.Cmd) {
	s := &pickerScreen{app: app}
	return s, s.load()
}

// load asks for the clients.
func (s *pickerScreen) load() tea.Cmd {
	s.loading, s.err = true, nil
	client := s.app.client
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), flow.PreflightTimeout)
		defer cancel()
		clients, err := client.ListOAuth2Clients(ctx)
		return clientsMsg{clients, err}
	}
}

// Update takes the list and moves the cursor; enter picks.
func (s *pickerScreen) Update(msg tea.Msg) tea.Cmd {
	m, k := s.app, s.app.keys
	switch msg := msg.(type) {
	case clientsMsg:
		s.loading, s.err = false, msg.err
		if msg.err != nil {
			return nil
		}
		if id := m.cfg.ClientID; id != "" {
			return s.named(msg.clients, id)
		}
		s.clients = s.clients[:0]
		for _, c := range msg.clients {
			if c.ClientType == "confidential" {
				s.clients = append(s.clients, c)
			}
		}
	case tea.KeyPressMsg:
		switch {
		case s.loading:
			if msg.String() == "ctrl+c" {
				return m.quit(flow.OutcomeCancelled, nil)
			}
		case s.err != nil && !s.final && key.Matches(msg, k.Retry):
			return s.load()
		case key.Matches(msg, k.Quit):
			return m.quit(flow.OutcomeCancelled, nil)
		case len(s.clients) == 0:
		case key.Matches(msg, k.Up):
			s.cursor = max(s.cursor-1, 0)
		case key.Matches(msg, k.Down):
			s.cursor = min(s.cursor+1, len(s.clients)-1)
		case key.Matches(msg, k.Pick):
			return m.confirmRotate(s.clients[s.cursor], m.pickClient)
		}
	}
	return nil
}

// named goes on with the client Config.ClientID names, or says why not.
func (s *pickerScreen) named(clients []api.OAuth2Client, id string) tea.Cmd {
	for _, c := range clients {
		if c.ClientID != id {
			continue
		}
		if c.ClientType != "confidential" {
			s.err, s.final = fmt.Errorf("%s", advice.PublicNoSecret(id)), true
			return nil
		}
		return s.app.confirmRotate(c, nil)
	}
	s.err, s.final = fmt.Errorf("%s", advice.NotOurs(id)), true
	return nil
}

// View is the list, the focused client's dates, and the keys.
func (s *pickerScreen) View() string {
	m, k := s.app, s.app.keys
	width := m.width - 4
	switch {
	case s.loading:
		return "Listing your clients…"
	case s.err != nil:
		words := advice.Of(s.err)
		out := m.styles.errorText.Render(wrapText("✗ "+words.Problem, width)) + "\n"
		if words.Next != "" {
			out += "\n" + wrapText(words.Next, width) + "\n"
		}
		if s.final {
			return out + "\n" + m.helpLine(k.Quit)
		}
		return out + "\n" + m.helpLine(k.Retry, k.Quit)
	case len(s.clients) == 0:
		return wrapText("You have no confidential clients: only they have a secret to rotate. `"+advice.Command+" list` shows all your clients.", width) +
			"\n\n" + m.helpLine(k.Quit)
	}
	var b strings.Builder
	b.WriteString(m.styles.heading.Render("Which client gets a new secret?") + "\n\n")
	idWidth := 0 // the ids in a column of their own
	for _, c := range s.clients {
		idWidth = max(idWidth, len(c.ClientID))
	}
	for i, c := range s.clients {
		marker := "  "
		style := m.styles.value
		if i == s.cursor {
			marker, style = "> ", m.styles.title
		}
		name := ansi.Truncate(validate.Sanitize(c.ApplicationName), max(width-idWidth-4, 10), "…")
		gap := strings.Repeat(" ", max(width-idWidth-2-ansi.StringWidth(name), 1))
		b.WriteString(style.Render(marker+name) + gap + m.styles.subtle.Render(validate.Sanitize(c.ClientID)) + "\n")
	}
	b.WriteString("\n" + m.styles.subtle.Render(dates(s.clients[s.cursor])) + "\n")
	b.WriteString("\n" + m.helpLine(k.Up, k.Pick, k.Quit))
	return b.String()
}

// dates are a client's dates, one a line.
func dates(c api.OAuth2Client) string {
	return "created         " + day(&c.CreatedAt) + "\nlast used       " + day(c.LastUsedAt) + "\nsecret rotated  " + day(c.SecretRotatedAt)
}

// day shows a time to the minute, or "never".
func day(t *time.Time) string {
	if t == nil || t.IsZero() {
		return "never"
	}
	return t.Local().Format("2006-01-02 15:04")
}

// confirmScreen says what a rotation does before it is done.
type confirmScreen struct {
	app    *Model
	client api.OAuth2Client
	back   func() tea.Cmd // nil: esc leaves
}

func newConfirmScreen(app *Model, client api.OAuth2Client, back func() tea.Cmd) *confirmScreen {
	return &confirmScreen{app: app, client: client, back: back}
}

// Update rotates on enter; esc goes back to the list, or leaves when the
// client was named on the command line.
func (s *confirmScreen) Update(msg tea.Msg) tea.Cmd {
	m, k := s.app, s.app.keys
	keyMsg, ok := msg.(tea.KeyPressMsg)
	switch {
	case !ok:
	case key.Matches(keyMsg, k.RotateConfirm):
		client := s.client
		return m.submitWork(secretWork{rotate: &client})
	case key.Matches(keyMsg, k.Back) && s.back != nil:
		return s.back()
	case key.Matches(keyMsg, k.Cancel):
		return m.quit(flow.OutcomeCancelled, nil)
	}
	return nil
}

// View names the client and what a rotation does.
func (s *confirmScreen) View() string {
	m, k := s.app, s.app.keys
	width := m.width - 4
	c := s.client
	return m.styles.heading.Render(wrapText(fmt.Sprintf("Give %q (%s) a new secret?", validate.Sanitize(c.ApplicationName), validate.Sanitize(c.ClientID)), width)) + "\n\n" +
		wrapText(advice.RotationEffect, width) + "\n\n" +
		m.styles.subtle.Render(dates(c)) + "\n\n" +
		m.helpLine(k.RotateConfirm, s.leave())
}

// leave is the key that leaves the confirmation: back to the list, or out
// when the client was named on the command line.
func (s *confirmScreen) leave() key.Binding {
	if s.back != nil {
		return s.app.keys.Back
	}
	return s.app.keys.Cancel
}
