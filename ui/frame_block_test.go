package ui

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
)

// TestBlockFrameMatchesLipgloss: for every style the editor is drawn with,
// focused and not, light and dark, and text that fits, wraps, is empty or
// styled, blockFrame gives exactly what lipgloss gives.
func TestBlockFrameMatchesLipgloss(t *testing.T) {
	texts := map[string]string{
		"plain":         "Redirect URIs\n 1 ✓ https://decktracker.example/cb\n1 URI",
		"styled":        lipgloss.NewStyle().Foreground(lipgloss.Color("212")).Render("✗") + " http://x.example\n" + lipgloss.NewStyle().Bold(true).Render("bold"),
		"empty":         "",
		"empty lines":   "\n\n",
		"wide runes":    "デッキ トラッカー 🃏",
		"too wide":      strings.Repeat("x", 200),
		"trailing line": "a\n",
	}
	for _, dark := range []bool{false, true} {
		theme := formTheme.Theme(dark)
		styles := map[string]lipgloss.Style{"focused": theme.Focused.Base, "blurred": theme.Blurred.Base, "none": lipgloss.NewStyle(),
			"padded box": lipgloss.NewStyle().Padding(1, 2).Border(lipgloss.RoundedBorder())}
		for sname, style := range styles {
			for _, width := range []int{20, 60, 78} {
				frame := newBlockFrame(style, width)
				for tname, text := range texts {
					want := style.Width(width).Render(text)
					if got := frame.render(text); got != want {
						t.Errorf("dark %v, %s, width %d, %s:\ngot  %q\nwant %q", dark, sname, width, tname, got, want)
					}
				}
			}
		}
	}
}
