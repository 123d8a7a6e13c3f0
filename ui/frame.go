package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/ui/field"
	"github.com/flexslot/flexslot-register/validate"
)

// essentialer is a screen that can show less of itself, level by level, in a
// window too short for the whole, and at last a bare version: the result
// screen, which must never lose the secret.
type essentialer interface {
	// viewAt is the screen at a level of detail, from 0 (View) to
	// levels()-1, each showing less than the one before.
	viewAt(level int) string
	levels() int
	// essentials is the bare screen; minHeight the fewest rows it needs.
	essentials(width int) string
	minHeight() int
}

// fit makes a frame taller than the window fit. A screen with levels of
// detail loses its header first, then its blank lines, then detail level by
// level, and shows its bare essentials last; any other screen loses its blank
// lines, then shows its top and its keys with a line that says what is cut.
// content is the screen's View, which frame holds under the header.
func (m *Model) fit(frame, content string) string {
	if m.height <= 0 || lipgloss.Height(frame) <= m.height {
		return frame
	}
	if e, ok := m.current.(essentialer); ok {
		return m.fitLevels(e, content)
	}
	lines := strings.Split(frame, "\n")
	kept := withoutBlankLines(lines)
	if len(kept) <= m.height {
		return strings.Join(kept, "\n")
	}
	// Keep the top and the keys (the lines after the last blank line of the
	// content), and say what is cut.
	keys := keyLines(lines)
	top := kept[:max(m.height-1-len(keys), 1)]
	more := lipgloss.NewStyle().Padding(0, 1).Render(fmt.Sprintf("… %d more lines: make the window taller to see them", len(kept)-len(top)-len(keys)))
	return strings.Join(append(append(top[:len(top):len(top)], more), keys...), "\n")
}

// fitLevels is the most of a screen with levels of detail that the window
// holds; view is its View (level 0), drawn already.
func (m *Model) fitLevels(e essentialer, view string) string {
	if whole := m.screenFrame().Render(view); lipgloss.Height(whole) <= m.height {
		return whole
	}
	for level := range e.levels() {
		if level > 0 {
			view = e.viewAt(level)
		}
		if kept := withoutBlankLines(strings.Split(m.screenFrame().Render(view), "\n")); len(kept) <= m.height {
			return strings.Join(kept, "\n")
		}
	}
	if m.height < e.minHeight() {
		return lipgloss.NewStyle().Width(m.width).Render("The window is too small to show the client secret: make it taller.")
	}
	return lipgloss.NewStyle().Padding(0, 1).Width(m.width).Render(e.essentials(max(m.width-2, 10)))
}

// withoutBlankLines is lines without those that show nothing.
func withoutBlankLines(lines []string) []string {
	var kept []string
	for _, line := range lines {
		if strings.TrimSpace(line) != "" {
			kept = append(kept, line)
		}
	}
	return kept
}

// keyLines are the frame's last paragraph: the help line, which may have
// wrapped onto several lines.
func keyLines(lines []string) []string {
	end := len(lines)
	for end > 0 && strings.TrimSpace(lines[end-1]) == "" {
		end--
	}
	start := end
	for start > 0 && strings.TrimSpace(lines[start-1]) != "" {
		start--
	}
	return lines[start:end]
}

// helpLine renders key bindings as the help line, wrapped between bindings
// (never inside one) so that no key is cut at any width.
func (m *Model) helpLine(bindings ...key.Binding) string {
	width := max(m.width-2, 20)
	sep := m.help.Styles.ShortSeparator.Inline(true).Render(m.help.ShortSeparator)
	var lines []string
	line := ""
	for _, b := range bindings {
		if !b.Enabled() {
			continue
		}
		item := m.help.Styles.ShortKey.Inline(true).Render(b.Help().Key) + " " +
			m.help.Styles.ShortDesc.Inline(true).Render(b.Help().Desc)
		switch {
		case line == "":
			line = item
		case lipgloss.Width(line+sep+item) <= width:
			line += sep + item
		default:
			lines = append(lines, line)
			line = item
		}
	}
	return strings.Join(append(lines, line), "\n")
}

// draw renders the screen on show in the frame View gives.
func (m *Model) draw() tea.View {
	content := m.current.View()
	// The frame pads each line to the window; a line that would run past it
	// is wrapped by lipgloss instead of by the terminal behind the renderer's
	// back (field.Frame measures each line once and hands lipgloss only such a
	// block). huh lays the form out to the width already: it is only
	// indented, since measuring every cell again was a fifth of the time of a
	// key press there.
	frame := m.screenFrame()
	var text string
	if _, isForm := m.current.(*formScreen); isForm {
		text = m.framedHeader() + "\n\n" + indent(content)
	} else {
		text = frame.Render(m.header() + "\n\n" + content)
	}
	v := tea.NewView(m.placeLink(validate.SanitizeFrame(m.fit(text, content))))
	v.AltScreen = true
	return v
}

// screenFrame pads each line of a screen to the window, a cell in from each side.
func (m *Model) screenFrame() field.Frame {
	return field.NewFrame(lipgloss.NewStyle().Padding(0, 1), m.width)
}

// headerKey is what the header depends on.
type headerKey struct {
	width   int
	dark    bool
	token   *api.AccessToken
	partner *api.Partner
	base    string
}

// framedHeader is the header in the frame, kept while what it shows stays:
// the form draws it at every key.
func (m *Model) framedHeader() string {
	key := headerKey{m.width, m.isDark, m.tokenMeta, m.partner, m.cfg.BaseURL}
	if m.lastHeader.text == "" || m.lastHeader.key != key {
		m.lastHeader.key, m.lastHeader.text = key, m.screenFrame().Render(m.header())
	}
	return m.lastHeader.text
}

// headerHeight is how many lines the header takes in the frame, where a line
// too long for the window wraps (a sandbox's API address does at 80 columns).
func (m *Model) headerHeight() int { return lipgloss.Height(m.framedHeader()) }

// header names the tool and, once known, the token and partner in one line;
// and, from the first screen on, the API the token goes to when it is not the
// default one.
func (m *Model) header() string {
	title := m.styles.title.Render("flexslot-register")
	var parts []string
	if m.tokenMeta != nil && m.partner != nil {
		parts = append(parts, "token "+m.tokenMeta.TokenPrefix+"… · partner "+m.partner.DisplayName()+
			" ("+m.partner.Status+", "+m.partner.RateLimitTier+" tier)")
	}
	if base := strings.TrimSuffix(m.cfg.BaseURL, "/"); base != "" && base != api.DefaultBaseURL {
		parts = append(parts, "API "+base)
	}
	if len(parts) == 0 {
		return title
	}
	info := validate.Sanitize(strings.Join(parts, " · "))
	if lipgloss.Width(title+" · "+info) <= m.width-2 {
		return title + m.styles.subtle.Render(" · "+info)
	}
	return title + "\n" + m.styles.subtle.Render(info)
}
