package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"
)

// countingField records the messages a field receives.
type countingField struct {
	huh.Field
	seen []string
}

func (f *countingField) Update(msg tea.Msg) (huh.Model, tea.Cmd) {
	f.seen = append(f.seen, fmt.Sprintf("%T", msg))
	m, cmd := f.Field.Update(msg)
	f.Field = m.(huh.Field)
	return f, cmd
}

// TestCachedFieldInAForm: inside a real huh form, the wrapped multi-select
// receives the keys but not huh's update message (so it fails if huh renames
// that unexported type), and its view follows every change.
func TestCachedFieldInAForm(t *testing.T) {
	var picked []string
	inner := &countingField{Field: huh.NewMultiSelect[string]().Title("Scopes").
		Options(huh.NewOptions("cards:read", "decks:read")...).Value(&picked)}
	field := cached(inner)
	form := huh.NewForm(huh.NewGroup(field)).WithShowHelp(false)
	form.Init()
	tests := []struct {
		name string
		key  tea.KeyPressMsg
		want string // in the view after the key
	}{
		{"down moves the cursor", tea.KeyPressMsg{Code: tea.KeyDown}, "> • decks:read"},
		{"space picks", tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}, "> ✓ decks:read"},
		{"up moves back", tea.KeyPressMsg{Code: tea.KeyUp}, "> • cards:read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inner.seen = nil
			form.Update(tt.key)
			if len(inner.seen) != 1 || inner.seen[0] != "tea.KeyPressMsg" {
				t.Errorf("the field received %v, want the key alone", inner.seen)
			}
			if view := ansi.Strip(field.View()); !strings.Contains(view, tt.want) {
				t.Errorf("the view lacks %q:\n%s", tt.want, view)
			}
		})
	}
	if len(picked) != 1 || picked[0] != "decks:read" {
		t.Errorf("picked %q", picked)
	}
}

// TestCachedFieldAlone: called directly, each way in that changes the field
// draws it anew, and huh's update message alone does not reach it.
func TestCachedFieldAlone(t *testing.T) {
	var picked []string
	inner := &countingField{Field: huh.NewMultiSelect[string]().Title("Scopes").
		Options(huh.NewOptions("cards:read", "decks:read")...).Value(&picked).Height(4)}
	field := cached(inner)
	field.WithKeyMap(huh.NewDefaultKeyMap())
	field.Focus()
	tests := []struct {
		name   string
		change func()
		want   string
	}{
		{"a key", func() { field.Update(tea.KeyPressMsg{Code: tea.KeyDown}) }, "> • decks:read"},
		{"another key", func() { field.Update(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}) }, "> ✓ decks:read"},
		{"a blur", func() { field.Blur() }, "  > ✓ decks:read"},
		{"a focus", func() { field.Focus() }, "┃ > ✓ decks:read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			field.View()
			tt.change()
			if view := ansi.Strip(field.View()); !strings.Contains(view, tt.want) {
				t.Errorf("the view lacks %q:\n%s", tt.want, view)
			}
		})
	}
}
