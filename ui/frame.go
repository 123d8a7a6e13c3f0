package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
)

// essentialer is a screen that can show a bare version of itself in a window
// too short for the whole: the result screen, which must never lose the secret.
type essentialer interface {
	// essentials is the bare screen; minHeight the fewest rows it needs.
	essentials(width int) string
	minHeight() int
}

// fit makes a frame taller than the window fit: first without its blank lines,
// then as the screen's bare essentials where it has them, else its top and its
// keys with a line that says what is cut.
func (m *Model) fit(frame string) string {
	if m.height <= 0 || lipgloss.Height(frame) <= m.height {
		return frame
	}
	lines := strings.Split(frame, "\n")
	kept := lines[:0]
	for _, line := range lines {
		if strings.TrimSpace(line) != "" {
			kept = append(kept, line)
		}
	}
	if len(kept) <= m.height {
		return strings.Join(kept, "\n")
	}
	if e, ok := m.current.(essentialer); ok {
		if m.height < e.minHeight() {
			return lipgloss.NewStyle().Width(m.width).Render("The window is too small to show the client secret: make it taller.")
		}
		return lipgloss.NewStyle().Padding(0, 1).Width(m.width).Render(e.essentials(max(m.width-2, 10)))
	}
	// Keep the top and the keys (the lines after the last blank line of the
	// content), and say what is cut.
	keys := keyLines(lines)
	top := kept[:max(m.height-1-len(keys), 1)]
	more := lipgloss.NewStyle().Padding(0, 1).Render(fmt.Sprintf("… %d more lines: make the window taller to see them", len(kept)-len(top)-len(keys)))
	return strings.Join(append(append(top[:len(top):len(top)], more), keys...), "\n")
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
// The last line is kept: most keys leave the help as it was, and lipgloss
// measures each item again.
func (m *Model) helpLine(bindings ...key.Binding) string {
	width := max(m.width-2, 20)
	var id strings.Builder
	fmt.Fprintf(&id, "%d %t", width, m.isDark)
	for _, b := range bindings {
		if b.Enabled() {
			id.WriteString("\x00" + b.Help().Key + "\x00" + b.Help().Desc)
		}
	}
	if id.String() == m.lastHelp.id {
		return m.lastHelp.line
	}
	line := m.renderHelpLine(width, bindings)
	m.lastHelp.id, m.lastHelp.line = id.String(), line
	return line
}

// renderHelpLine is helpLine, drawn.
func (m *Model) renderHelpLine(width int, bindings []key.Binding) string {
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
