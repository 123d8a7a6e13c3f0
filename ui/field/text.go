package field

import (
	"fmt"
	"strings"

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

// WrapText wraps s at width columns on spaces, and not at its hyphens,
// where the wrapping underneath would break "--offline" into "-" and
// "-offline" and a go-live into go- and live. A word longer than width is
// still cut. The wizard's screens wrap with it too.
func WrapText(s string, width int) string {
	const keep = "\u2011" // a non-breaking hyphen, one column wide as "-"
	return strings.ReplaceAll(lipgloss.Wrap(strings.ReplaceAll(s, "-", keep), width, " "), keep, "-")
}
