package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// clipboardClock is the copied secret's time in the system clipboard. The
// root model keeps it, not the result screen, so that it runs on wall time
// whatever screen is up (the test sign-in's too): a deadline set when a copy
// went through, read on every tick, and the clock ticks while it counts.
type clipboardClock struct {
	// secret is what was copied, while the clipboard may still hold it:
	// until a clear succeeded, or found something else there.
	secret string
	// clearAt is when the clipboard is cleared (zero: no countdown, the
	// clear is under way or over); now is the clock's last reading.
	clearAt, now time.Time
}

// holds reports that the system clipboard may still hold the secret.
func (c clipboardClock) holds() bool { return c.secret != "" }

// counting reports that the countdown to the clear runs.
func (c clipboardClock) counting() bool { return !c.clearAt.IsZero() }

// left is the time until the clear, at the last reading.
func (c clipboardClock) left() time.Duration { return max(c.clearAt.Sub(c.now), 0) }

// secretCopied starts the countdown: secret went to the system clipboard.
// Another copy starts it again.
func (m *Model) secretCopied(secret string) tea.Cmd {
	now := m.cfg.Now()
	m.clipboard = clipboardClock{secret: secret, clearAt: now.Add(m.cfg.ClipboardClear), now: now}
	return m.startTicking()
}

// clipboardTick reads the clock on a tick, whatever screen is up, and clears
// the clipboard once the secret's time in it is over.
func (m *Model) clipboardTick() tea.Cmd {
	if !m.clipboard.counting() {
		return nil
	}
	m.clipboard.now = m.cfg.Now()
	if m.clipboard.now.Before(m.clipboard.clearAt) {
		return nil
	}
	m.clipboard.clearAt = time.Time{}
	return clearClipboard(m.cfg.Clipboard, m.clipboard.secret)
}

// clipboardCleared takes a clear's answer: unless it failed, the clipboard no
// longer holds the secret (or a copy made since counts down again).
func (m *Model) clipboardCleared(msg clipboardClearedMsg) {
	if msg.err == nil && !m.clipboard.counting() {
		m.clipboard.secret = ""
	}
}

// clearClipboardOnLeave clears the clipboard before the program ends, if it
// may still hold the secret: nothing is left to clear it later. The clear is
// bounded by clipboard.Timeout; when it fails, the summary says the clipboard
// still holds the secret.
func (m *Model) clearClipboardOnLeave() tea.Cmd {
	if !m.clipboard.holds() {
		return nil
	}
	m.clipboard.clearAt = time.Time{}
	return clearClipboard(m.cfg.Clipboard, m.clipboard.secret)
}
