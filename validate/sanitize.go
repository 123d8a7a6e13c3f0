package validate

import (
	"strings"
	"unicode/utf8"
)

// Sanitize makes text from elsewhere (the server, a manifest, a paste) safe to
// write to a terminal, a pipe or a file, on one line. Every way out of the
// tool passes it, so that no such text can move the cursor, clear the screen,
// set the clipboard (OSC 52), change the title or reorder what is read:
//   - escape sequences (CSI, OSC, DCS, SOS, PM, APC, in their 7-bit and 8-bit
//     forms) are removed whole, not only their ESC;
//   - other C0 and C1 controls and DEL are removed, except tab, CR and LF,
//     which become a space;
//   - the bidi controls U+202A to U+202E and U+2066 to U+2069 are removed;
//   - invalid UTF-8 becomes U+FFFD.
//
// It is idempotent: Sanitize(Sanitize(s)) == Sanitize(s).
func Sanitize(s string) string { return sanitize(s, false, false) }

// SanitizeLines is Sanitize, but keeps line feeds: for text of several lines,
// such as what is written to stdout.
func SanitizeLines(s string) string { return sanitize(s, true, false) }

// SanitizeTable is SanitizeLines, but keeps tabs too: for lines of
// tab-separated fields, such as what a shell's completion script reads.
func SanitizeTable(s string) string { return sanitize(s, true, true) }

// sanitize is Sanitize; keepLF keeps '\n', keepTab '\t'.
func sanitize(s string, keepLF, keepTab bool) string {
	if isClean(s, keepLF, keepTab) {
		return s // the common case: no copy
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			b.WriteRune(utf8.RuneError)
			i++
			continue
		}
		switch {
		case r == 0x1b: // ESC
			i += escapeLength(s[i:])
			continue
		case r == 0x9b || r == 0x90 || r == 0x9d || r == 0x98 || r == 0x9e || r == 0x9f: // 8-bit CSI, DCS, OSC, SOS, PM, APC
			i += sequenceLength(s[i:], size, r == 0x9b)
			continue
		case r == '\n' && keepLF, r == '\t' && keepTab:
			b.WriteByte(byte(r))
		case r == '\t' || r == '\r' || r == '\n':
			b.WriteByte(' ')
		case isUnsafe(r):
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isClean reports whether s holds nothing Sanitize would change.
func isClean(s string, keepLF, keepTab bool) bool {
	for _, r := range s {
		if r == utf8.RuneError || (isUnsafe(r) && !(keepLF && r == '\n') && !(keepTab && r == '\t')) || (r == '\t' && !keepTab) || r == '\r' {
			return false
		}
	}
	return utf8.ValidString(s)
}

// isUnsafe reports a C0 or C1 control, DEL or a bidi control.
func isUnsafe(r rune) bool {
	return r < 0x20 || (r >= 0x7f && r <= 0x9f) || IsBidiControl(r)
}

// IsBidiControl reports the bidi embedding, override and isolate controls
// (U+202A to U+202E, U+2066 to U+2069), which reorder what is read after
// them: "\u202egpj.exe" reads as "exe.jpg".
func IsBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// bidiMessage refuses a value with bidi controls.
const bidiMessage = "Remove the text-direction control characters (U+202A to U+202E, U+2066 to U+2069): they make text read differently from what it is."

// SanitizeFrame cleans a frame the wizard has drawn: it removes the bidi and
// C1 controls, which the drawing never writes, wherever they came from (a
// text field shows what was pasted into it). Escape sequences are left: the
// drawing writes its colours with them, and no server or manifest text
// reaches a frame without Sanitize.
func SanitizeFrame(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return IsBidiControl(r) || (r >= 0x80 && r <= 0x9f) }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if IsBidiControl(r) || (r >= 0x80 && r <= 0x9f) {
			return -1
		}
		return r
	}, s)
}

// escapeLength is the length of the escape sequence at the start of s, which
// starts with ESC: CSI (ESC [), the string sequences (ESC ] P X ^ _), or ESC
// and one more character.
func escapeLength(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		return sequenceLength(s, 2, true)
	case ']', 'P', 'X', '^', '_':
		return sequenceLength(s, 2, false)
	}
	_, size := utf8.DecodeRuneInString(s[1:])
	return 1 + size
}

// sequenceLength is the length of a control sequence at the start of s whose
// introducer takes start bytes: a CSI ends at its final byte (0x40 to 0x7e);
// a string sequence ends at BEL, ST (ESC \ or U+009C), or the end of s.
func sequenceLength(s string, start int, csi bool) int {
	for i := start; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case csi && r >= 0x40 && r <= 0x7e:
			return i + size
		case csi && (r < 0x20 || r > 0x7e):
			return i // a broken CSI: what follows is text again
		case !csi && (r == 0x07 || r == 0x9c):
			return i + size
		case !csi && r == 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i
		}
		i += size
	}
	return len(s)
}
