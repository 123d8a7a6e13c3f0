package validate

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		name, in, want, wantLines string
	}{
		{"plain text is kept", "Deck Tracker 🃏", "Deck Tracker 🃏", "Deck Tracker 🃏"},
		{"SGR colour", "a\x1b[31mred\x1b[0m", "ared", "ared"},
		{"screen clear and cursor home", "x\x1b[2J\x1b[Hy", "xy", "xy"},
		{"OSC 52 clipboard write, BEL", "a\x1b]52;c;ZXZpbA==\x07b", "ab", "ab"},
		{"OSC title, ST", "a\x1b]0;pwned\x1b\\b", "ab", "ab"},
		{"OSC 8 hyperlink", "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "click", "click"},
		{"DCS", "a\x1bPq#0\x1b\\b", "ab", "ab"},
		{"8-bit CSI", "a\u009b31mb", "ab", "ab"},
		{"8-bit OSC ended by 8-bit ST", "a\u009d52;c;eA==\u009cb", "ab", "ab"},
		{"unterminated OSC swallows the rest", "a\x1b]52;c;eA==", "a", "a"},
		{"lone ESC at the end", "a\x1b", "a", "a"},
		{"ESC and one character", "a\x1b7b\x1bcc", "abc", "abc"},
		{"newlines and tabs", "a\nb\tc\r\nd", "a b c  d", "a\nb c \nd"},
		{"other C0, DEL and C1", "a\x00b\x07c\x7fd\u0085e", "abcde", "abcde"},
		{"bidi overrides and isolates", "a\u202ecba\u202c \u2066x\u2069", "acba x", "acba x"},
		{"invalid UTF-8", "a\xffb", "a\ufffdb", "a\ufffdb"},
		{"a broken CSI keeps the text after it", "a\x1b[31\nb", "a b", "a\nb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sanitize(tt.in); got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := SanitizeLines(tt.in); got != tt.wantLines {
				t.Errorf("SanitizeLines(%q) = %q, want %q", tt.in, got, tt.wantLines)
			}
		})
	}
}

func TestSanitizeTable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"rotate\tGive a new secret\n:4\n", "rotate\tGive a new secret\n:4\n"},
		{"cli_1\tDeck\x1b]52;c;eA==\x07 Tracker\r\n", "cli_1\tDeck Tracker \n"},
		{"a\u202eb\tc\x00", "ab\tc"},
	}
	for _, tt := range tests {
		if got := SanitizeTable(tt.in); got != tt.want {
			t.Errorf("SanitizeTable(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSanitizeLargeInput(t *testing.T) {
	in := strings.Repeat("x\x1b]52;c;eA==\x07\u202e", 10_000) // about 140 KB
	got := Sanitize(in)
	if got != strings.Repeat("x", 10_000) {
		t.Errorf("Sanitize of a large hostile input left %d bytes, want 10000 x", len(got))
	}
}

// checkSanitized fails if out holds anything Sanitize promises to remove.
func checkSanitized(t *testing.T, in, out string, keepLF, keepTab bool) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("%q: output %q is not valid UTF-8", in, out)
	}
	for _, r := range out {
		if isUnsafe(r) && !(keepLF && r == '\n') && !(keepTab && r == '\t') {
			t.Fatalf("%q: output %q holds %U", in, out, r)
		}
	}
}

func FuzzSanitize(f *testing.F) {
	for _, seed := range []string{"plain", "a\x1b[31mb", "\x1b]52;c;eA==\x07", "\u009d0;t\u009c", "\u202e\u2066", "\xff\xfe", "a\nb\tc"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, mode := range [][2]bool{{false, false}, {true, false}, {true, true}} {
			keepLF, keepTab := mode[0], mode[1]
			out := sanitize(in, keepLF, keepTab)
			checkSanitized(t, in, out, keepLF, keepTab)
			if again := sanitize(out, keepLF, keepTab); again != out {
				t.Fatalf("not idempotent: %q -> %q -> %q", in, out, again)
			}
		}
	})
}

func TestCredential(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"cli_01M8AF4RMJ9RBG5ZZPRJDGE85Q", true},
		{"sEcr3t-_~.+/=", true},
		{strings.Repeat("a", MaxCredentialLength), true},
		{strings.Repeat("a", MaxCredentialLength+1), false},
		{"", false},
		{"abc\ndef", false},
		{"abc$(id)", false},
		{"abc`id`", false},
		{`abc"def`, false},
		{"abc'def", false},
		{"a b", false},
		{"a\x1b[2J", false},
		{"é", false},
	}
	for _, tt := range tests {
		if err := Credential(tt.in); (err == nil) != tt.ok {
			t.Errorf("Credential(%q) = %v, want ok %v", tt.in, err, tt.ok)
		}
	}
}

func FuzzCredential(f *testing.F) {
	for _, seed := range []string{"cli_01M8AF4RMJ9RBG5ZZPRJDGE85Q", "a\nb", "$(x)", "\x1b]52;c;eA==\x07"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if Credential(s) != nil {
			return
		}
		// What passes is safe on every way out: as a .env value, unquoted,
		// and on a terminal.
		if Sanitize(s) != s || strings.ContainsAny(s, " \t\n\"'`$\\;&|<>()#*?[]{}!") {
			t.Fatalf("Credential accepted %q", s)
		}
	})
}

func TestSanitizeFrame(t *testing.T) {
	in := "\x1b[1mbold\x1b[m \u202eevil\u2066 \u009bx"
	if got, want := SanitizeFrame(in), "\x1b[1mbold\x1b[m evil x"; got != want {
		t.Errorf("SanitizeFrame(%q) = %q, want %q", in, got, want)
	}
}
