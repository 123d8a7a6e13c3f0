package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"flexslot-register/api"
	"flexslot-register/cli/advice"
	"flexslot-register/validate"
)

// secret is the one-time secret, cleaned for the terminal: a secret that is not
// clean is never saved (secretfile refuses it), so showing it cleaned hides
// nothing a person could use.
func (m *Model) secret() string { return validate.Sanitize(m.created.PlaintextClientSecret.Reveal()) }

// rawSecret is the secret as the server sent it, for the clipboard and the file.
func (m *Model) rawSecret() string { return m.created.PlaintextClientSecret.Reveal() }

// clientID is the client id, cleaned for the terminal.
func (m *Model) clientID() string { return validate.Sanitize(m.created.Client.ClientID) }

// publicClientNote says how a public client signs users in, and warns when it
// has no scopes to ask for.
func publicClientNote(c api.OAuth2Client) string {
	if len(c.AllowedScopes) == 0 {
		return "Public clients get no secret: your app proves itself with PKCE (S256) on every sign-in. " + advice.NoScopes
	}
	return "Public clients get no secret: your app proves itself with PKCE (S256) on every sign-in. Send users to:"
}

// secretSafe reports whether leaving now loses nothing: there is no secret, or
// it was copied or saved.
func (m *Model) secretSafe() bool {
	return m.secret() == "" || m.copied || m.savedTo != ""
}

func (m *Model) updateResult(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case copiedMsg:
		return m.onCopied(msg)
	case clipboardClearedMsg:
		switch {
		case msg.err != nil:
			m.setStatus("Could not clear the clipboard: "+msg.err.Error(), true)
		case msg.cleared:
			m.setStatus("Cleared the secret from the clipboard.", false)
		default:
			m.setStatus("The clipboard holds something else now; left it alone.", false)
		}
	case savedMsg:
		if msg.err != nil {
			m.setStatus(msg.err.Error(), true)
			return nil
		}
		m.saving = false
		m.savedTo = msg.saved.Path
		m.result.SavedTo = msg.saved.Path
		status := "Saved the client id and secret to " + msg.saved.Path + " (readable by you only)."
		if msg.saved.GitTracks {
			status += " Warning: git would not ignore this file; add it to .gitignore before you commit."
		}
		m.setStatus(status, msg.saved.GitTracks)
	case tea.KeyPressMsg:
		return m.resultKey(msg)
	}
	if m.saving {
		var cmd tea.Cmd
		m.pathInput, cmd = m.pathInput.Update(msg)
		return cmd
	}
	return nil
}

func (m *Model) resultKey(msg tea.KeyPressMsg) tea.Cmd {
	hasSecret := m.secret() != ""
	switch {
	case m.saving:
		switch {
		case key.Matches(msg, m.keys.Confirm):
			return saveSecret(m.pathInput.Value(), m.created.Client.ClientID, m.rawSecret())
		case key.Matches(msg, m.keys.Dismiss):
			m.saving = false
			return nil
		}
		var cmd tea.Cmd
		m.pathInput, cmd = m.pathInput.Update(msg)
		return cmd
	case m.leaving:
		switch {
		case key.Matches(msg, m.keys.Leave):
			return m.finish()
		case key.Matches(msg, m.keys.Stay):
			m.leaving = false
		}
		return nil
	case hasSecret && key.Matches(msg, m.keys.CopySecret):
		return copyToSystem(m.cfg.Clipboard, m.rawSecret(), "secret", true)
	case key.Matches(msg, m.keys.CopyID):
		return copyToSystem(m.cfg.Clipboard, m.created.Client.ClientID, "client id", false)
	case hasSecret && key.Matches(msg, m.keys.Save):
		m.saving = true
		m.pathInput = textinput.New()
		m.pathInput.Prompt = "Save to: "
		m.pathInput.SetValue(m.cfg.SavePath)
		m.pathInput.SetWidth(max(m.width-14, 20))
		return m.pathInput.Focus()
	case key.Matches(msg, m.keys.Finish):
		if !m.secretSafe() {
			m.leaving = true
			return nil
		}
		return m.finish()
	}
	return nil
}

// onCopied reports a copy; where the system clipboard failed, the copy goes
// through the terminal (OSC 52) instead, if allowed.
func (m *Model) onCopied(msg copiedMsg) tea.Cmd {
	text := m.created.Client.ClientID
	if msg.secret {
		text = m.rawSecret()
	}
	switch {
	case msg.err == nil:
		m.setStatus("Copied the "+msg.what+" to the system clipboard.", false)
		if msg.secret {
			m.copied = true
			m.result.Copied = true
			m.clearAt = m.cfg.Now().Add(m.cfg.ClipboardClear)
			return m.startTicking()
		}
		return nil
	case m.cfg.OSC52:
		m.setStatus("Sent the "+msg.what+" to your terminal's clipboard (OSC 52): paste to check.", false)
		if msg.secret {
			m.copied = true
			m.result.Copied = true
		}
		return tea.SetClipboard(text)
	default:
		m.setStatus("Could not copy the "+msg.what+" ("+msg.err.Error()+"): select it above with the mouse instead.", true)
		return nil
	}
}

func (m *Model) setStatus(text string, bad bool) {
	m.status, m.statusBad = text, bad
}

// finish leaves the result screen, recording what the summary must say.
func (m *Model) finish() tea.Cmd {
	m.result.ClipboardHoldsSecret = !m.clearAt.IsZero()
	return m.quit(OutcomeRegistered, nil)
}

// resultView shows the client id and, once only, the secret, each on a line of
// its own and never cut: a narrow window wraps them.
func (m *Model) resultView() string {
	c := m.created.Client
	width := max(m.width-4, 10)
	var b strings.Builder
	b.WriteString(m.styles.ok.Render("✓ Registered "+fmt.Sprintf("%q", validate.Sanitize(c.ApplicationName))) +
		m.styles.subtle.Render(" ("+validate.Sanitize(c.ClientType)+" client)") + "\n\n")
	if m.secret() != "" {
		b.WriteString(m.styles.banner.Render(wrapText("! Copy or save the client secret now: it is shown only this once.", width)) + "\n")
		b.WriteString(m.styles.subtle.Render(wrapText("The server cannot show it again; losing it means rotating it.", width)) + "\n\n")
	}
	b.WriteString(m.styles.label.Render("Client ID") + "\n" + m.styles.value.Render(ansi.Hardwrap(m.clientID(), width, false)) + "\n")
	switch {
	case m.secret() != "":
		b.WriteString("\n" + m.styles.label.Render("Client secret") + "\n" + m.styles.secret.Render(ansi.Hardwrap(m.secret(), width, false)) + "\n")
	case c.ClientType != validate.ClientPublic:
		b.WriteString("\n" + m.styles.errorText.Render(wrapText(advice.SecretNotSent(m.clientID()), width)) + "\n")
	default:
		b.WriteString("\n" + wrapText(publicClientNote(c), width) + "\n")
		if link := api.AuthorizeURLTemplate(m.baseURL(), c); link != "" {
			b.WriteString(m.styles.code.Render(ansi.Hardwrap(validate.Sanitize(link), width, false)) + "\n")
		}
	}
	if m.status != "" {
		style := m.styles.ok
		if m.statusBad {
			style = m.styles.errorText
		}
		b.WriteString("\n" + style.Render(wrapText(m.status, width)))
		if !m.clearAt.IsZero() {
			b.WriteString(m.styles.subtle.Render(fmt.Sprintf(" Clears in %s.", max(m.clearAt.Sub(m.now), 0).Round(time.Second))))
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
	switch {
	case m.saving:
		b.WriteString(m.pathInput.View() + "\n" + m.helpLine(m.keys.Confirm, m.keys.Dismiss))
	case m.leaving:
		b.WriteString(m.styles.warning.Render("The secret cannot be shown again. Leave anyway?") + "\n" + m.helpLine(m.keys.Leave, m.keys.Stay))
	case m.secret() != "":
		b.WriteString(m.helpLine(m.keys.CopySecret, m.keys.CopyID, m.keys.Save, m.keys.Finish))
	default:
		b.WriteString(m.helpLine(m.keys.CopyID, m.keys.Finish))
	}
	return b.String()
}

// resultEssentials is the result screen for a window too short for it: the
// id, the secret and the keys, nothing else.
func (m *Model) resultEssentials() string {
	width := max(m.width-2, 10)
	lines := []string{"Client ID: " + ansi.Hardwrap(m.clientID(), width, false)}
	if m.secret() != "" {
		lines = append(lines, m.styles.banner.Render("Secret (shown once):"), m.styles.secret.Render(ansi.Hardwrap(m.secret(), width, false)))
	}
	if m.status != "" {
		lines = append(lines, ansi.Truncate(m.status, width, "…"))
	}
	switch {
	case m.leaving:
		lines = append(lines, "Leave without the secret? "+m.helpLine(m.keys.Leave, m.keys.Stay))
	case m.saving:
		lines = append(lines, m.pathInput.View(), m.helpLine(m.keys.Confirm, m.keys.Dismiss))
	case m.secret() != "":
		lines = append(lines, m.helpLine(m.keys.CopySecret, m.keys.Save, m.keys.Finish))
	default:
		lines = append(lines, m.helpLine(m.keys.CopyID, m.keys.Finish))
	}
	return strings.Join(lines, "\n")
}
