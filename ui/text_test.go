package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestWrapText: lines break at spaces, never inside a flag or a hyphenated
// word, and a word longer than the width is still cut to fit.
func TestWrapText(t *testing.T) {
	tests := []struct {
		name, in string
		width    int
		want     string
	}{
		{"at a space", "one two three", 8, "one two\nthree"},
		{"a flag stays whole", "were not checked (--offline).", 20, "were not checked\n(--offline)."},
		{"a hyphenated word stays whole", "run the go-live check", 12, "run the\ngo-live\ncheck"},
		{"a word longer than the width", "abcdefghij", 4, "abcd\nefgh\nij"},
		{"a hyphen kept where it fits", "x --offline", 40, "x --offline"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wrapText(tt.in, tt.width); got != tt.want {
				t.Errorf("wrapText(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
			}
		})
	}
}

// TestCommandLines: a command the user is told to copy is laid out in lines
// no wider than the width, broken between its shell words (a quoted one
// kept whole), and the lines pasted into a shell are the one command.
func TestCommandLines(t *testing.T) {
	tests := []struct {
		name, in string
		width    int
		want     string
	}{
		{"fits", "flexslot-register list", 40, "flexslot-register list"},
		{"between words", "flexslot-register request-scopes --scope exports:read --api-url http://127.0.0.1:41234", 56,
			"flexslot-register request-scopes --scope exports:read \\\n  --api-url http://127.0.0.1:41234"},
		{"a quoted word stays whole", "flexslot-register rotate --name 'Deck Tracker Pro' --sandbox", 36,
			"flexslot-register rotate --name \\\n  'Deck Tracker Pro' --sandbox"},
		{"a word wider than a line", "tool --api-url https://a-very-long-host-name.example/with/a/path", 24,
			"tool --api-url \\\n  https://a-very-long-h\\\nost-name.example/with/a\\\n/path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := commandLines(tt.in, tt.width)
			if got != tt.want {
				t.Errorf("commandLines(%q, %d) =\n%s\nwant\n%s", tt.in, tt.width, got, tt.want)
			}
			for _, line := range strings.Split(got, "\n") {
				if w := ansi.StringWidth(line); w > tt.width {
					t.Errorf("line %q is %d wide, over %d", line, w, tt.width)
				}
			}
			if pasted := shellWords(strings.ReplaceAll(got, "\\\n", "")); !slices.Equal(pasted, shellWords(tt.in)) {
				t.Errorf("pasted into a shell the lines are %q, not %q", pasted, shellWords(tt.in))
			}
		})
	}
}
