// Command echo is the floor for a key's cost in a real terminal: the smallest
// Bubble Tea v2 program that echoes one line as it is typed, on the alternate
// screen. Arrow keys move nothing and redraw the same frame; ctrl+c quits.
package main

import (
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"
)

type model struct{ line string }

func (model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if key, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.String() == "ctrl+c":
			return m, tea.Quit
		case key.Text != "":
			m.line += key.Text
		}
	}
	return m, nil
}

func (m model) View() tea.View {
	v := tea.NewView("Application name\n> " + m.line)
	v.AltScreen = true
	return v
}

func main() {
	if _, err := tea.NewProgram(model{}, tea.WithOutput(os.Stderr)).Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
