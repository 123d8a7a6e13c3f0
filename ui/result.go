package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/domain/signin"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/validate"
)

// resultScreen shows the client id and, once only, the secret, with copy,
// save and a guard that asks before leaving while the secret is not safe.
type resultScreen struct {
	app     *Model
	created *api.CreateClientResponse

	status    string
	statusBad bool
	// copied is set once the system clipboard was read back holding the
	// secret; sent, when it went to the terminal (OSC 52), which cannot be
	// confirmed. Only copied (or a save) makes leaving safe.
	copied, sent bool
	savedTo      string
	leaving      bool
	// closing is set once the screen is left: what is left to do (the
	// clipboard's clear) takes no more keys.
	closing bool
	// signedIn is set once a test sign-in with the client worked.
	signedIn  bool
	saving    bool
	pathInput textinput.Model
}

func newResultScreen(app *Model, created *api.CreateClientResponse) *resultScreen {
	return &resultScreen{app: app, created: created}
}

// secret is the one-time secret, or "" when the server sent none, or sent
// something that is not a credential (which is shown, copied and saved
// nowhere).
func (s *resultScreen) secret() string {
	if !s.valid() {
		return ""
	}
	return s.rawSecret()
}

// rawSecret is the secret as the server sent it, for the clipboard and the file.
func (s *resultScreen) rawSecret() string { return s.created.PlaintextClientSecret.Reveal() }

// clientID is the client id, cleaned for the terminal.
func (s *resultScreen) clientID() string { return validate.Sanitize(s.created.Client.ClientID) }

// secretSafe reports whether leaving now loses nothing: there is no secret, or
// it was copied or saved.
func (s *resultScreen) secretSafe() bool {
	return s.secret() == "" || s.copied || s.savedTo != ""
}

// valid reports whether the client id and secret are credentials, fit to
// show, copy and save (advice.CredentialsValid).
func (s *resultScreen) valid() bool {
	return advice.CredentialsValid(s.created.Client.ClientID, s.rawSecret())
}

// Update handles the answers of copies and saves, the clipboard's clear, and
// the keys shown. The clipboard's clock is the root model's (clipboardclock.go).
func (s *resultScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case copiedMsg:
		return s.onCopied(msg)
	case clipboardClearedMsg:
		s.setStatus(msg.words())
	case savedMsg:
		if msg.err != nil {
			s.setStatus(msg.err.Error(), true)
			return nil
		}
		s.saving = false
		s.savedTo = msg.saved.Path
		s.app.result.SavedTo = msg.saved.Path
		status := "Saved the client id and secret to " + msg.saved.Path + " (readable by you only)."
		if msg.saved.GitTracks {
			status += " Warning: git would not ignore this file; add it to .gitignore before you commit."
		}
		s.setStatus(status, msg.saved.GitTracks)
	case tea.KeyPressMsg:
		if s.closing {
			return nil
		}
		return s.key(msg)
	}
	if s.saving {
		var cmd tea.Cmd
		s.pathInput, cmd = s.pathInput.Update(msg)
		return cmd
	}
	return nil
}

// key acts on the keys shown: the save prompt's, the leave guard's, or the
// screen's own.
func (s *resultScreen) key(msg tea.KeyPressMsg) tea.Cmd {
	m := s.app
	hasSecret := s.secret() != ""
	switch {
	case s.saving:
		switch {
		case key.Matches(msg, m.keys.Confirm):
			return saveSecret(s.pathInput.Value(), s.created.Client.ClientID, s.rawSecret())
		case key.Matches(msg, m.keys.Dismiss):
			s.saving = false
			return nil
		}
		var cmd tea.Cmd
		s.pathInput, cmd = s.pathInput.Update(msg)
		return cmd
	case s.leaving:
		switch {
		case key.Matches(msg, m.keys.Leave):
			return s.finish()
		case key.Matches(msg, m.keys.Stay):
			s.leaving = false
		}
		return nil
	case hasSecret && key.Matches(msg, m.keys.CopySecret):
		return copyToSystem(m.cfg.Clipboard, s.rawSecret(), "secret", true)
	case s.canSignIn() && key.Matches(msg, m.keys.TestSignin):
		screen, cmd := newSigninScreen(m, s)
		m.current = screen
		return cmd
	case s.secretMissing() && key.Matches(msg, m.keys.RotateNow):
		client := s.created.Client
		return m.submitWork(secretWork{rotate: &client})
	case s.shownLink().url != "" && key.Matches(msg, m.keys.CopyAuthorizeURL):
		return copyToSystem(m.cfg.Clipboard, s.shownLink().url, linkWhat, false)
	case s.valid() && key.Matches(msg, m.keys.CopyID):
		return copyToSystem(m.cfg.Clipboard, s.created.Client.ClientID, "client id", false)
	case hasSecret && key.Matches(msg, m.keys.Save):
		s.saving = true
		s.pathInput = textinput.New()
		s.pathInput.Prompt = "Save to: "
		s.pathInput.SetValue(m.cfg.SavePath)
		s.pathInput.SetWidth(max(m.width-14, 20))
		return s.pathInput.Focus()
	case key.Matches(msg, m.keys.Finish):
		if !s.secretSafe() {
			s.leaving = true
			return nil
		}
		return s.finish()
	}
	return nil
}

// onCopied reports a copy as what it is: confirmed by reading the system
// clipboard back, or sent and unconfirmed; where the system clipboard failed,
// the copy goes through the terminal (OSC 52) instead, if allowed.
func (s *resultScreen) onCopied(msg copiedMsg) tea.Cmd {
	m := s.app
	text := s.created.Client.ClientID
	switch {
	case msg.secret:
		text = s.rawSecret()
	case msg.what == linkWhat:
		text = s.shownLink().url
	}
	s.setStatus(copyStatus(msg, m.cfg.OSC52))
	switch {
	case msg.err == nil:
		if !msg.secret {
			return nil
		}
		s.copied = msg.confirmed
		m.result.Copied = msg.confirmed
		return m.secretCopied(text)
	case m.cfg.OSC52:
		if msg.secret {
			s.sent = true
			m.result.SentOSC52 = true
		}
		return tea.SetClipboard(text)
	}
	return nil
}

func (s *resultScreen) setStatus(text string, bad bool) {
	s.status, s.statusBad = text, bad
}

// finish leaves the result screen, clearing the clipboard first if it may
// still hold the secret: nothing clears it once the program has ended.
func (s *resultScreen) finish() tea.Cmd {
	s.closing = true
	return tea.Sequence(s.app.clearClipboardOnLeave(), s.app.quit(flow.OutcomeRegistered, nil))
}

// bindings are the keys the screen shows now.
func (s *resultScreen) bindings() []key.Binding {
	k := s.app.keys
	switch {
	case s.saving:
		return []key.Binding{k.Confirm, k.Dismiss}
	case s.leaving:
		return []key.Binding{k.Leave, k.Stay}
	case s.secret() != "" && s.canSignIn():
		return []key.Binding{k.CopySecret, k.CopyID, k.Save, k.TestSignin, k.Finish}
	case s.secret() != "":
		return []key.Binding{k.CopySecret, k.CopyID, k.Save, k.Finish}
	case s.secretMissing():
		return []key.Binding{k.RotateNow, k.CopyID, k.Finish}
	}
	keys := []key.Binding{k.CopyID}
	if s.shownLink().url != "" {
		keys = append(keys, k.CopyAuthorizeURL)
	}
	if s.canSignIn() {
		keys = append(keys, k.TestSignin)
	}
	return append(keys, k.Finish)
}

// shownLink is the authorize URL a public client sends its users to, with
// placeholders for the state and the PKCE challenge: a template to copy
// into the app, not a page to open, so no hyperlink.
func (s *resultScreen) shownLink() link {
	c := s.created.Client
	if !s.valid() || s.secret() != "" || c.ClientType != validate.ClientPublic {
		return link{}
	}
	return link{url: validate.Sanitize(api.AuthorizeURLTemplate(s.app.baseURL(), c))}
}

// canSignIn reports whether a test sign-in can run from here: a valid
// client with a loopback redirect URI, and its secret if it is confidential.
func (s *resultScreen) canSignIn() bool {
	_, loopback := signin.LoopbackRedirect(s.created.Client)
	return s.valid() && loopback && len(s.created.Client.AllowedScopes) > 0 && !s.secretMissing()
}

// secretMissing reports a confidential client that came without its secret:
// only a rotation gives it one.
func (s *resultScreen) secretMissing() bool {
	return s.valid() && s.rawSecret() == "" && s.created.Client.ClientType != validate.ClientPublic
}

// View shows the client id and, once only, the secret, each on a line of its
// own and never cut: a narrow window wraps them.
func (s *resultScreen) View() string { return s.viewAt(detailWhole) }

// The result screen's levels of detail, from the whole screen down: a window
// too short for one gets the next (frame.go's fit), and one too short for
// the last gets the bare essentials. The title and the once-only warning stay
// on every level.
const (
	detailWhole         = iota
	detailNoExplanation // without "The server cannot show it again…"
	detailNoSigninNote  // without why a test sign-in cannot run from here
	detailInlineLabels  // "Client ID: cli_…", the label beside a value that fits
	detailLevels        // how many there are
)

// levels is how many levels of detail viewAt has.
func (s *resultScreen) levels() int { return detailLevels }

// viewAt is the screen at a level of detail (detailWhole is View).
func (s *resultScreen) viewAt(level int) string {
	m := s.app
	c := s.created.Client
	width := max(m.width-4, 10)
	var b strings.Builder
	name := ansi.Truncate(validate.Sanitize(c.ApplicationName), validate.MaxApplicationNameLength, "…")
	done := "✓ Registered "
	if m.result.Rotated {
		done = "✓ New secret for "
	}
	b.WriteString(m.styles.ok.Render(done+fmt.Sprintf("%q", name)) +
		m.styles.subtle.Render(" ("+validate.Sanitize(c.ClientType)+" client)") + "\n\n")
	if s.secret() != "" {
		b.WriteString(m.styles.banner.Render(wrapText("! Copy or save the client secret now: it is shown only this once.", width)) + "\n")
		if level < detailNoExplanation {
			b.WriteString(m.styles.subtle.Render(wrapText("The server cannot show it again; losing it means rotating it.", width)) + "\n")
		}
		b.WriteString("\n")
	}
	if !s.valid() {
		b.WriteString(m.styles.errorText.Render(wrapText(advice.NotCredential(), width)) + "\n\n" + m.helpLine(m.keys.Finish))
		return b.String()
	}
	labelled := func(label, value string, style lipgloss.Style) string {
		if level >= detailInlineLabels && ansi.StringWidth(label+": "+value) <= width {
			return m.styles.label.Render(label+":") + " " + style.Render(value) + "\n"
		}
		return m.styles.label.Render(label) + "\n" + style.Render(ansi.Hardwrap(value, width, false)) + "\n"
	}
	b.WriteString(labelled("Client ID", s.clientID(), m.styles.value))
	switch {
	case s.secret() != "":
		b.WriteString("\n" + labelled("Client secret", s.secret(), m.styles.secret))
	case c.ClientType != validate.ClientPublic:
		b.WriteString("\n" + m.styles.errorText.Render(wrapText(advice.SecretNotSent(s.clientID()), width)) + "\n")
	default:
		b.WriteString("\n" + wrapText(advice.PublicClient(c), width) + "\n")
		if l := s.shownLink(); l.url != "" {
			b.WriteString(m.linkPlaceholder(l.url) + "\n")
		}
	}
	if _, loopback := signin.LoopbackRedirect(c); !loopback {
		if level < detailNoSigninNote {
			b.WriteString("\n" + m.styles.subtle.Render(wrapText("A test sign-in needs a loopback redirect URI (http://127.0.0.1, any port): this client has none, so it cannot be tried from here.", width)) + "\n")
		}
	} else if s.signedIn {
		b.WriteString("\n" + m.styles.ok.Render("✓ The test sign-in worked.") + "\n")
	}
	if s.status != "" {
		style := m.styles.ok
		if s.statusBad {
			style = m.styles.errorText
		}
		b.WriteString("\n" + s.statusLines(style, width) + "\n")
	}
	b.WriteString("\n")
	switch {
	case s.saving:
		b.WriteString(s.pathInput.View() + "\n")
	case s.leaving:
		b.WriteString(m.styles.warning.Render(wrapText(s.leaveQuestion(), width)) + "\n")
	}
	b.WriteString(m.helpLine(s.bindings()...))
	return b.String()
}

// statusLines is the status wrapped to the width, each line styled on its
// own (a block would be padded to its widest line), and the clipboard's
// countdown after its last line where it fits, else below it.
func (s *resultScreen) statusLines(style lipgloss.Style, width int) string {
	lines := strings.Split(wrapText(s.status, width), "\n")
	for i, line := range lines {
		lines[i] = style.Render(line)
	}
	if clock := s.app.clipboard; clock.counting() {
		clears := fmt.Sprintf("Clears in %s or when you leave.", clock.left().Round(time.Second))
		last := len(lines) - 1
		if ansi.StringWidth(lines[last])+1+len(clears) <= width {
			lines[last] += " " + s.app.styles.subtle.Render(clears)
		} else {
			lines = append(lines, s.app.styles.subtle.Render(clears))
		}
	}
	return strings.Join(lines, "\n")
}

// leaveQuestion asks before leaving while the secret is not known to be safe.
func (s *resultScreen) leaveQuestion() string {
	if s.sent {
		return "The copy through your terminal (OSC 52) cannot be confirmed, and the secret cannot be shown again. Leave anyway?"
	}
	return "The secret cannot be shown again. Leave anyway?"
}

// minHeight is the fewest rows that show the client id, the secret (wrapped
// at most twice) and the keys.
func (s *resultScreen) minHeight() int { return 8 }

// essentials is the result screen for a window too short for it: the id, the
// secret and the keys, nothing else.
func (s *resultScreen) essentials(width int) string {
	m := s.app
	if !s.valid() {
		return wrapText(advice.NotCredential(), width) + "\n" + m.helpLine(m.keys.Finish)
	}
	lines := []string{"Client ID: " + ansi.Hardwrap(s.clientID(), width, false)}
	if s.secret() != "" {
		lines = append(lines, m.styles.banner.Render("Secret (shown once):"), m.styles.secret.Render(ansi.Hardwrap(s.secret(), width, false)))
	}
	if s.status != "" {
		lines = append(lines, wrapText(s.status, width))
	}
	switch {
	case s.leaving:
		lines = append(lines, "Leave without the secret?")
	case s.saving:
		lines = append(lines, s.pathInput.View())
	}
	lines = append(lines, m.helpLine(s.bindings()...))
	return strings.Join(lines, "\n")
}
