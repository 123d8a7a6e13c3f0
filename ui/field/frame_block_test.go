package field

import (
	"strings"
	"testing"

	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
)

// TestBlockFrameMatchesLipgloss: for every style the editor is drawn with,
// focused and not, light and dark, and text that fits, wraps, is empty or
// styled, Frame gives exactly what lipgloss gives.
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
		theme := Theme.Theme(dark)
		styles := map[string]lipgloss.Style{"focused": theme.Focused.Base, "blurred": theme.Blurred.Base, "none": lipgloss.NewStyle(),
			"padded box":         lipgloss.NewStyle().Padding(1, 2).Border(lipgloss.RoundedBorder()),
			"the screen's frame": lipgloss.NewStyle().Padding(0, 1)}
		for sname, style := range styles {
			for _, width := range []int{20, 60, 78} {
				frame := NewFrame(style, width)
				for tname, text := range texts {
					want := style.Width(width).Render(text)
					if got := frame.Render(text); got != want {
						t.Errorf("dark %v, %s, width %d, %s:\ngot  %q\nwant %q", dark, sname, width, tname, got, want)
					}
				}
			}
		}
	}
}

// TestInlineStyleMatchesLipgloss: for every style of the form's theme, light
// and dark, and text plain, spaced, wide, styled inside or with breaks,
// inlineStyle gives exactly what lipgloss gives.
func TestInlineStyleMatchesLipgloss(t *testing.T) {
	texts := []string{"https://decktracker.example/cb", "  1 ", "two  spaces ", "デッキ 🃏", "", " ",
		lipgloss.NewStyle().Bold(true).Render("inner") + " after", "a\nb", "tab\there", "…"}
	for _, dark := range []bool{false, true} {
		theme := Theme.Theme(dark)
		styles := map[string]lipgloss.Style{}
		for name, fs := range map[string]*huh.FieldStyles{"focused": &theme.Focused, "blurred": &theme.Blurred} {
			styles[name+" option"] = fs.Option
			styles[name+" description"] = fs.Description
			styles[name+" title"] = fs.Title
			styles[name+" selected prefix"] = colorOf(fs.SelectedPrefix)
			styles[name+" next"] = colorOf(fs.NextIndicator)
			styles[name+" error"] = colorOf(fs.ErrorIndicator)
			styles[name+" error message"] = colorOf(fs.ErrorMessage)
			styles[name+" base"] = fs.Base
			styles[name+" text"] = fs.TextInput.Text
		}
		styles["underlined"] = lipgloss.NewStyle().Underline(true)
		styles["padded"] = lipgloss.NewStyle().Padding(0, 1).Foreground(lipgloss.Color("212"))
		for name, style := range styles {
			inline := newInlineStyle(style)
			for _, text := range texts {
				if got, want := inline.Render(text), style.Render(text); got != want {
					t.Errorf("dark %v, %s, %q:\ngot  %q\nwant %q", dark, name, text, got, want)
				}
			}
		}
	}
}
