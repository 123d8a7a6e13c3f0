package ui

import "testing"

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
