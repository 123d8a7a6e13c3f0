package field

import (
	"fmt"

	"charm.land/lipgloss/v2"
)

// plural is "1 URI" or "3 URIs".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// isControl reports a control character, which typed or pasted text never
// keeps.
func isControl(r rune) bool { return r < ' ' || r == 0x7f }

// wrapText wraps s at width columns on spaces.
func wrapText(s string, width int) string { return lipgloss.Wrap(s, width, " ") }
