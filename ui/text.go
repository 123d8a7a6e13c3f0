package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

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

// commandIndent sets a command the user is told to copy apart from the
// words around it.
const commandIndent = "  "

// indentBy puts prefix before every line of s.
func indentBy(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// commandLines lays a shell command out in lines of at most width columns,
// so that no part of it is cut at the window's edge: it breaks between the
// shell's words (never inside a quoted one), each line but the last ending
// in " \" so that the lines pasted together are still the one command, and
// the lines after the first indented. Only a word wider than a line is
// broken inside, each piece but the last ending in a bare "\" (which a
// shell joins back, the word being unquoted) and the next not indented.
func commandLines(command string, width int) string {
	const more, inWord, cont = " \\", "\\", "  "
	width = max(width, 20)
	var b strings.Builder
	line, indent := "", ""
	flush := func(end string) {
		b.WriteString(indent + line + end + "\n")
		line = ""
	}
	for _, word := range shellWords(command) {
		if line != "" {
			if ansi.StringWidth(indent+line+" "+word+more) <= width {
				line += " " + word
				continue
			}
			flush(more)
			indent = cont
		}
		// A word wider than a line goes on in pieces.
		for ansi.StringWidth(indent+word+more) > width {
			room := width - len(indent) - len(inWord)
			line, word = ansi.Truncate(word, room, ""), ansi.TruncateLeft(word, room, "")
			flush(inWord)
			indent = ""
		}
		line = word
	}
	b.WriteString(indent + line)
	return b.String()
}

// shellWords splits a command line at the spaces a shell splits it at:
// not those inside single quotes, nor an escaped one.
func shellWords(command string) []string {
	var words []string
	var word strings.Builder
	quoted, escaped := false, false
	for _, r := range command {
		switch {
		case escaped:
			escaped = false
		case r == '\\' && !quoted:
			escaped = true
		case r == '\'':
			quoted = !quoted
		case r == ' ' && !quoted:
			if word.Len() > 0 {
				words = append(words, word.String())
				word.Reset()
			}
			continue
		}
		word.WriteRune(r)
	}
	if word.Len() > 0 {
		words = append(words, word.String())
	}
	return words
}
