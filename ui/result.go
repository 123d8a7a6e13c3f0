package ui

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"flexslot-register/api"
	"flexslot-register/validate"
)

func (m *Model) secret() string { return m.created.PlaintextClientSecret.Reveal() }

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
		m.savedTo = msg.path
		m.result.SavedTo = msg.path
		status := "Saved the client id and secret to " + msg.path + " (readable by you only)."
		if msg.gitTracks {
			status += " Warning: git would not ignore this file; add it to .gitignore before you commit."
		}
		m.setStatus(status, msg.gitTracks)
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
			return saveSecret(m.pathInput.Value(), m.created.Client.ClientID, m.secret())
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
		return copyToSystem(m.cfg.Clipboard, m.secret(), "secret", true)
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
		text = m.secret()
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
	b.WriteString(m.styles.ok.Render("✓ Registered "+fmt.Sprintf("%q", c.ApplicationName)) +
		m.styles.subtle.Render(" ("+c.ClientType+" client)") + "\n\n")
	if m.secret() != "" {
		b.WriteString(m.styles.banner.Render(wrapText("! Copy or save the client secret now: it is shown only this once.", width)) + "\n")
		b.WriteString(m.styles.subtle.Render(wrapText("The server cannot show it again; losing it means rotating it.", width)) + "\n\n")
	}
	b.WriteString(m.styles.label.Render("Client ID") + "\n" + m.styles.value.Render(ansi.Hardwrap(c.ClientID, width, false)) + "\n")
	switch {
	case m.secret() != "":
		b.WriteString("\n" + m.styles.label.Render("Client secret") + "\n" + m.styles.secret.Render(ansi.Hardwrap(m.secret(), width, false)) + "\n")
	case c.ClientType != validate.ClientPublic:
		b.WriteString("\n" + m.styles.errorText.Render(wrapText(missingSecret(c), width)) + "\n")
	default:
		b.WriteString("\n" + wrapText("Public clients get no secret: your app proves itself with PKCE (S256) on every sign-in. Send users to:", width) + "\n")
		b.WriteString(m.styles.code.Render(ansi.Hardwrap(authorizeURL(m.baseURL(), c), width, false)) + "\n")
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
	lines := []string{"Client ID: " + ansi.Hardwrap(m.created.Client.ClientID, width, false)}
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

// missingSecret explains a confidential client that came without its secret:
// the client exists, and only a rotation gives it a secret.
func missingSecret(c api.OAuth2Client) string {
	return "The server created this confidential client but sent no secret. Rotate it to get one: POST " +
		api.APIPrefix + api.ClientsPath + "/" + c.ClientID + "/rotate-secret (or the partner dashboard)."
}

// authorizeURL is the template of the sign-in link for a new client, with its
// first redirect URI and its scopes filled in.
func authorizeURL(base string, c api.OAuth2Client) string {
	if base == "" {
		base = api.DefaultBaseURL
	}
	redirect := ""
	if len(c.RedirectURIs) > 0 {
		redirect = c.RedirectURIs[0]
	}
	return base + api.APIPrefix + "/oauth/authorize?response_type=code&client_id=" + url.QueryEscape(c.ClientID) +
		"&redirect_uri=" + url.QueryEscape(redirect) + "&scope=" + url.QueryEscape(strings.Join(c.AllowedScopes, " ")) +
		"&state={state}&code_challenge={S256 of your verifier}&code_challenge_method=S256"
}
