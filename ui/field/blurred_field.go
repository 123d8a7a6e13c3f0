package field

import (
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// BlurredField keeps a huh field's view until something that may change it
// happens. huh's group passes every message but keys to every field of the
// page and draws each of them again after every message (the cursor blinks of
// the focused input included), and the form screen draws the page once more.
// A field that is not focused, and whose title, description and options are
// fixed, draws the same until it is focused or blurred, sized, placed, themed,
// or told the terminal's background; the focused one, until its next message.
// TestBlurredFieldDrawsAsHuh holds the kept drawing to the field's own,
// message after message, in a huh form.
type BlurredField struct {
	huh.Field
	focused bool
	view    string
	valid   bool
	// The sizes and place last set: huh's form sets them again after every
	// key, mostly to what they were.
	width, height int
	position      huh.FieldPosition
}

// Blurred wraps a field whose title, description and options are fixed.
func Blurred(f huh.Field) *BlurredField { return &BlurredField{Field: f} }

// Update passes every message on. Any may change the focused field's
// drawing; of a blurred one's, only the terminal's background.
func (b *BlurredField) Update(msg tea.Msg) (huh.Model, tea.Cmd) {
	if _, ok := msg.(tea.BackgroundColorMsg); ok || b.focused {
		b.valid = false
	}
	m, cmd := b.Field.Update(msg)
	if f, ok := m.(huh.Field); ok {
		b.Field = f
	}
	return b, cmd
}

// View is the field's view, drawn again only after a change.
func (b *BlurredField) View() string {
	if !b.valid {
		b.view, b.valid = b.Field.View(), true
	}
	return b.view
}

// Focus draws the field anew after every message from now on.
func (b *BlurredField) Focus() tea.Cmd {
	b.focused, b.valid = true, false
	return b.Field.Focus()
}

// Blur validates the field, which may show an error, and keeps the drawing
// after it.
func (b *BlurredField) Blur() tea.Cmd {
	b.focused, b.valid = false, false
	return b.Field.Blur()
}

// WithTheme sets the theme.
func (b *BlurredField) WithTheme(t huh.Theme) huh.Field {
	b.valid = false
	b.Field.WithTheme(t)
	return b
}

// WithKeyMap sets the keys.
func (b *BlurredField) WithKeyMap(k *huh.KeyMap) huh.Field {
	b.valid = false
	b.Field.WithKeyMap(k)
	return b
}

// WithWidth sets the width.
func (b *BlurredField) WithWidth(w int) huh.Field {
	if w != b.width || !b.valid {
		b.width, b.valid = w, false
		b.Field.WithWidth(w)
	}
	return b
}

// WithHeight sets the height.
func (b *BlurredField) WithHeight(h int) huh.Field {
	if h != b.height || !b.valid {
		b.height, b.valid = h, false
		b.Field.WithHeight(h)
	}
	return b
}

// WithPosition sets the field's place in the form (which decides the keys
// its help shows).
func (b *BlurredField) WithPosition(p huh.FieldPosition) huh.Field {
	if p != b.position || !b.valid {
		b.position, b.valid = p, false
		b.Field.WithPosition(p)
	}
	return b
}
