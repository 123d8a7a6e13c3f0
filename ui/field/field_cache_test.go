package field

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"
)

// countingField records the messages a field receives and counts its views.
type countingField struct {
	huh.Field
	seen  []string
	views int
}

func (f *countingField) View() string {
	f.views++
	return f.Field.View()
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
	field := Cached(inner)
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
	field := Cached(inner)
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

// TestCachedFieldRedrawsOnlyOnChange: setting a field's place, width or
// height to what it was (huh's form sets every field's place after every
// key) keeps the view; a new value draws it anew.
func TestCachedFieldRedrawsOnlyOnChange(t *testing.T) {
	inner := &countingField{Field: huh.NewMultiSelect[string]().Title("Scopes").Options(huh.NewOptions("cards:read")...)}
	field := Cached(inner)
	place := huh.FieldPosition{Group: 2, Field: 0, LastField: 1, GroupCount: 4, LastGroup: 3}
	field.WithPosition(place).WithWidth(60).WithHeight(5)
	tests := []struct {
		name   string
		set    func()
		redraw bool
	}{
		{"the same place", func() { field.WithPosition(place) }, false},
		{"the same width", func() { field.WithWidth(60) }, false},
		{"the same height", func() { field.WithHeight(5) }, false},
		{"huh's update message", func() { field.Update(huhUpdateField(t)) }, false},
		{"another place", func() { field.WithPosition(huh.FieldPosition{Group: 3, GroupCount: 4, LastGroup: 3}) }, true},
		{"another width", func() { field.WithWidth(70) }, true},
		{"another height", func() { field.WithHeight(6) }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			field.View()
			before := inner.views
			tt.set()
			field.View()
			if redrew := inner.views > before; redrew != tt.redraw {
				t.Errorf("redrew %v, want %v", redrew, tt.redraw)
			}
		})
	}
}

// huhUpdateField is huh's own update message, as its group sends it: the
// first message a focused group's field update yields.
func huhUpdateField(t *testing.T) tea.Msg {
	t.Helper()
	var got tea.Msg
	probe := &probeField{Field: huh.NewInput(), got: &got}
	form := huh.NewForm(huh.NewGroup(probe))
	form.Init()
	form.Update(tea.KeyPressMsg{Code: 'x', Text: "x"})
	if got == nil {
		t.Fatal("huh sent no update message")
	}
	return got
}

// probeField keeps the first message that is not a key.
type probeField struct {
	huh.Field
	got *tea.Msg
}

func (f *probeField) Update(msg tea.Msg) (huh.Model, tea.Cmd) {
	if _, key := msg.(tea.KeyPressMsg); !key && *f.got == nil && isHuhUpdateField(msg) {
		*f.got = msg
	}
	m, cmd := f.Field.Update(msg)
	f.Field = m.(huh.Field)
	return f, cmd
}
