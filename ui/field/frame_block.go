package field

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Frame draws what style.Width(width).Render gives for text whose
// lines already fit: each line between the style's left and right edges
// (border, padding), padded to the inner width. It measures each line once;
// lipgloss wraps, measures and aligns every line again, which was most of a
// key's cost in the redirect URI editor. A line that does not fit, or a style
// with more than a left and right edge, goes through lipgloss.
type Frame struct {
	style        lipgloss.Style
	width        int
	left, right  string
	inner        int
	withinBounds bool
}

// NewFrame measures style's edges at width once.
func NewFrame(style lipgloss.Style, width int) Frame {
	f := Frame{style: style, width: width}
	const probe = "X" // one cell; no border or escape sequence holds it
	line := style.Width(width).Render(probe)
	before, after, found := strings.Cut(line, probe)
	if !found || strings.Contains(line, "\n") {
		return f
	}
	right := strings.TrimLeft(after, " ")
	f.left, f.right = before, right
	f.inner = 1 + len(after) - len(right)
	f.withinBounds = style.GetVerticalFrameSize() == 0
	return f
}

// Render frames text as style.Width(width).Render(text) would.
func (f Frame) Render(text string) string {
	if !f.withinBounds {
		return f.style.Width(f.width).Render(text)
	}
	lines := strings.Split(text, "\n")
	var b strings.Builder
	for i, line := range lines {
		w := ansi.StringWidth(line)
		if w > f.inner {
			return f.style.Width(f.width).Render(text)
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(f.left)
		b.WriteString(line)
		b.WriteString(strings.Repeat(" ", f.inner-w))
		b.WriteString(f.right)
	}
	return b.String()
}

// inlineStyle applies a style that only colours or emphasises text (no
// width, padding, margin or border) as the escape sequences lipgloss would
// put around one line, measured once: lipgloss measures and aligns the text
// on each call. Text with a line break or a tab goes through lipgloss.
type inlineStyle struct {
	style          lipgloss.Style
	prefix, suffix string
	simple         bool
}

// newInlineStyle measures what style puts around a line.
func newInlineStyle(style lipgloss.Style) inlineStyle {
	s := inlineStyle{style: style}
	if style.GetHorizontalFrameSize() != 0 || style.GetVerticalFrameSize() != 0 || style.GetWidth() != 0 ||
		style.GetHeight() != 0 || style.GetMaxWidth() != 0 || style.GetTransform() != nil ||
		style.GetUnderline() || style.GetStrikethrough() {
		return s
	}
	const probe = "X"
	before, after, found := strings.Cut(style.Render(probe), probe)
	if !found || strings.Contains(after, probe) {
		return s
	}
	s.prefix, s.suffix, s.simple = before, after, true
	return s
}

// Render is style.Render(text).
func (s inlineStyle) Render(text string) string {
	if !s.simple || text == "" || strings.ContainsAny(text, "\n\t\r") {
		return s.style.Render(text)
	}
	return s.prefix + text + s.suffix
}
