package ui

import (
	"slices"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// A URL to open by hand (over SSH) must reach the person whole: a selection
// or a copy of it that gives newlines and indents is no URL. The frame wraps
// every line at the window (lipgloss), and the renderer draws a frame row by
// row, never letting the terminal wrap a line, so the terminal cannot know
// that rows belong together. A link is therefore drawn on rows of its own,
// cut only where the window's edge cuts it (its first row indented like the
// text, the others from the first column), which is where the terminal's own
// wrap would put it; and once that frame is on the screen, the same text is
// printed again over those rows through the terminal's autowrap (rewrapLink),
// which tells the terminal the rows are one soft-wrapped line. The cells do
// not change, so the renderer's picture of the screen stays true.

// link is a URL a screen shows to be opened or copied.
type link struct {
	url string
	// hyperlink makes it an OSC 8 hyperlink: a page to open. A template
	// with placeholders to fill in is not one.
	hyperlink bool
}

// linker is a screen that shows a link, or link{} when it shows none now.
type linker interface {
	shownLink() link
}

const (
	// linkMark starts a placeholder row of the link in a screen's View,
	// followed by the row's number; draw replaces it. A private-use rune:
	// nothing else the wizard draws holds one.
	linkMark = "\uE000link"
	// linkID names the hyperlink, so that a terminal underlines its rows as one.
	linkID = "id=flexslot-register-url"
	// rewrapDelay is how long after a change the link is printed again: the
	// renderer draws at 60 frames a second, and the frame that shows the
	// link (after a resize, one drawn on a cleared screen) must be out first.
	rewrapDelay = 150 * time.Millisecond
)

// linkRewrapMsg asks for the link on show to be printed again through the
// terminal's autowrap.
type linkRewrapMsg struct{}

// linkPlaceholder is the link's rows in a View: one placeholder line a row,
// so that the frame counts and fits them as the rows they become.
func (m *Model) linkPlaceholder(url string) string {
	rows := make([]string, len(linkChunks(url, m.width)))
	for i := range rows {
		rows[i] = linkMark + strconv.Itoa(i)
	}
	return strings.Join(rows, "\n")
}

// linkChunks cuts url where a terminal of width columns wraps it, written
// from the second column: the first chunk is a column shorter.
func linkChunks(url string, width int) []string {
	width = max(width, minLinkWidth)
	var chunks []string
	total := ansi.StringWidth(url)
	for left, room := 0, width-1; left < total || len(chunks) == 0; left, room = left+room, width {
		chunks = append(chunks, ansi.Cut(url, left, left+room))
	}
	return chunks
}

// minLinkWidth is the narrowest window a link is cut for.
const minLinkWidth = 10

// linkRowsOf are the rows of l as draw puts them in the frame.
func (m *Model) linkRowsOf(l link) []string {
	rows := linkChunks(l.url, m.width)
	for i, chunk := range rows {
		if l.hyperlink {
			chunk = ansi.SetHyperlink(l.url, linkID) + chunk + ansi.ResetHyperlink()
		}
		if i == 0 {
			chunk = " " + chunk
		}
		rows[i] = chunk
	}
	return rows
}

// placeLink replaces the link's placeholder rows in a drawn frame with the
// link itself, each row whole, from the window's first column.
func (m *Model) placeLink(frame string) string {
	l := m.shownLink()
	if l.url == "" || !strings.Contains(frame, linkMark) {
		return frame
	}
	rows := m.linkRowsOf(l)
	lines := strings.Split(frame, "\n")
	for i, line := range lines {
		_, rest, found := strings.Cut(line, linkMark)
		if !found {
			continue
		}
		row, err := strconv.Atoi(strings.TrimRight(ansi.Strip(rest), " "))
		if err != nil || row < 0 || row >= len(rows) {
			lines[i] = ""
			continue
		}
		lines[i] = rows[row]
	}
	return strings.Join(lines, "\n")
}

// shownLink is the link of the screen on show, if any.
func (m *Model) shownLink() link {
	if l, ok := m.current.(linker); ok {
		return l.shownLink()
	}
	return link{}
}

// followLink keeps the terminal's picture of the link true after a message:
// a link that appeared, changed or was drawn anew after a resize is printed
// again once its frame is out; a link that went away leaves rows the
// terminal still takes for one line, which a redraw of the whole screen
// clears.
func (m *Model) followLink(before link, msg tea.Msg) tea.Cmd {
	after := m.shownLink()
	_, resized := msg.(tea.WindowSizeMsg)
	var cmds []tea.Cmd
	if before.url != "" && after != before {
		cmds = append(cmds, tea.ClearScreen)
	}
	if after.url != "" && (after != before || resized) {
		cmds = append(cmds, tea.Tick(rewrapDelay, func(time.Time) tea.Msg { return linkRewrapMsg{} }))
	}
	return tea.Batch(cmds...)
}

// rewrapLink prints the link on show again over its rows, from where its
// first row starts, letting the terminal wrap it: the cursor, colours and
// hyperlink state are saved before and restored after (DECSC, DECRC), so
// the renderer finds the terminal as it left it. Nothing is printed when
// the frame shows the link cut short.
func (m *Model) rewrapLink() tea.Cmd {
	l := m.shownLink()
	if l.url == "" {
		return nil
	}
	rows := m.linkRowsOf(l)
	lines := strings.Split(m.draw().Content, "\n")
	for top := 0; top+len(rows) <= len(lines); top++ {
		if !slices.Equal(lines[top:top+len(rows)], rows) {
			continue
		}
		text := l.url
		if l.hyperlink {
			text = ansi.SetHyperlink(l.url, linkID) + text + ansi.ResetHyperlink()
		}
		return tea.Raw(ansi.SaveCursor + ansi.CursorPosition(2, top+1) + ansi.ResetStyle + text + ansi.RestoreCursor)
	}
	return nil
}
