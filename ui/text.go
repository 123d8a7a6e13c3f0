package ui

import (
	"strings"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/flexslot/flexslot-register/ui/field"
)

// wrapText is field.WrapText: at spaces, not at hyphens.
func wrapText(s string, width int) string { return field.WrapText(s, width) }

// indent shifts every line of s one column right, as the frame's padding.
func indent(s string) string {
	return " " + strings.ReplaceAll(s, "\n", "\n ")
}

// padRight pads s with spaces to n columns, with at least one space after it.
func padRight(s string, n int) string {
	if len(s) >= n {
		return s + " "
	}
	return s + strings.Repeat(" ", n-len(s))
}

// spin moves a wait's spinner on a tick while the wait runs; a stopped
// spinner lets its ticks end.
func spin(s *spinner.Model, tick spinner.TickMsg, running bool) tea.Cmd {
	if !running {
		return nil
	}
	var cmd tea.Cmd
	*s, cmd = s.Update(tick)
	return cmd
}
