package field

import "charm.land/bubbles/v2/key"

// redirectKeys are the redirect URI editor's keys. Enter starts a new line
// there, so the editor keeps its own instead of huh's.
type redirectKeys struct {
	Next, Prev, NewLine key.Binding
	// Editing keys, shown in no help line: they are the ones every line
	// editor has.
	Up, Down, Left, Right, Home, End, PageUp, PageDown       key.Binding
	Backspace, Delete, DeleteBefore, DeleteAfter, DeleteWord key.Binding
}

func newRedirectKeys() redirectKeys {
	return redirectKeys{
		Next:    key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next")),
		Prev:    key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "back")),
		NewLine: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "new line")),

		Up:           key.NewBinding(key.WithKeys("up")),
		Down:         key.NewBinding(key.WithKeys("down")),
		Left:         key.NewBinding(key.WithKeys("left", "ctrl+b")),
		Right:        key.NewBinding(key.WithKeys("right", "ctrl+f")),
		Home:         key.NewBinding(key.WithKeys("home", "ctrl+a")),
		End:          key.NewBinding(key.WithKeys("end", "ctrl+e")),
		PageUp:       key.NewBinding(key.WithKeys("pgup")),
		PageDown:     key.NewBinding(key.WithKeys("pgdown")),
		Backspace:    key.NewBinding(key.WithKeys("backspace", "ctrl+h")),
		Delete:       key.NewBinding(key.WithKeys("delete", "ctrl+d")),
		DeleteBefore: key.NewBinding(key.WithKeys("ctrl+u")),
		DeleteAfter:  key.NewBinding(key.WithKeys("ctrl+k")),
		DeleteWord:   key.NewBinding(key.WithKeys("ctrl+w", "alt+backspace")),
	}
}
