// Command echo is the floor for a key's cost in a real terminal: the smallest
// Bubble Tea v2 program that echoes one line as it is typed, on the alternate
// screen. Arrow keys move nothing and redraw the same frame, unless it runs
// with -list: then up and down move a marker between its two lines, as a
// list's cursor moves, so that an arrow redraws as much as a letter does.
// ctrl+c quits.
package main

import (
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"
)

type model struct {
	line string
	list bool // arrows move the marker
	row  int  // the marked line, with list
}

func (model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if key, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.String() == "ctrl+c":
			return m, tea.Quit
		case m.list && (key.String() == "up" || key.String() == "down"):
			m.row = 1 - m.row
		case key.Text != "":
			m.line += key.Text
		}
	}
	return m, nil
}

func (m model) View() tea.View {
	content := "Application name\n> " + m.line
	if m.list {
		marks := [2]string{"  ", "  "}
		marks[m.row] = "> "
		content = marks[0] + "Application name\n" + marks[1] + m.line
	}
	v := tea.NewView(content)
	v.AltScreen = true
	return v
}

func main() {
	m := model{list: len(os.Args) > 1 && os.Args[1] == "-list", row: 1}
	if _, err := tea.NewProgram(m, tea.WithOutput(os.Stderr)).Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
