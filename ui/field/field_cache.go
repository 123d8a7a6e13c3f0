package field

import (
	"reflect"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// CachedField keeps a huh field's last View until something that can change
// it happens. huh's group asks each field for its View twice whenever it
// lays itself out, and sends every field of the group an update message
// after every key. Only for fields whose title,
// description and options are fixed: huh's update message exists to refresh
// those when they are computed (TitleFunc and the like), so such a field has
// nothing to do on it.
type CachedField struct {
	huh.Field
	view  string
	valid bool
	// The sizes and place last set: huh's form sets every field's place
	// after every key, mostly to what it was.
	width, height int
	position      huh.FieldPosition
}

// Cached wraps a field whose title, description and options are fixed.
func Cached(f huh.Field) *CachedField { return &CachedField{Field: f} }

// Update passes every message on but huh's update message, and forgets the
// view.
func (c *CachedField) Update(msg tea.Msg) (huh.Model, tea.Cmd) {
	if isHuhUpdateField(msg) {
		return c, nil
	}
	c.valid = false
	m, cmd := c.Field.Update(msg)
	if f, ok := m.(huh.Field); ok {
		c.Field = f
	}
	return c, cmd
}

// View is the field's view, drawn again only after a change.
func (c *CachedField) View() string {
	if !c.valid {
		c.view, c.valid = c.Field.View(), true
	}
	return c.view
}

// Focus, Blur and the With setters change what the field draws.
func (c *CachedField) Focus() tea.Cmd { c.valid = false; return c.Field.Focus() }

// Blur validates the field, which may show an error.
func (c *CachedField) Blur() tea.Cmd { c.valid = false; return c.Field.Blur() }

// WithTheme sets the theme.
func (c *CachedField) WithTheme(t huh.Theme) huh.Field {
	c.valid = false
	c.Field.WithTheme(t)
	return c
}

// WithKeyMap sets the keys (the help they show).
func (c *CachedField) WithKeyMap(k *huh.KeyMap) huh.Field {
	c.valid = false
	c.Field.WithKeyMap(k)
	return c
}

// WithWidth sets the width.
func (c *CachedField) WithWidth(w int) huh.Field {
	if w != c.width || !c.valid {
		c.width, c.valid = w, false
		c.Field.WithWidth(w)
	}
	return c
}

// WithHeight sets the height.
func (c *CachedField) WithHeight(h int) huh.Field {
	if h != c.height || !c.valid {
		c.height, c.valid = h, false
		c.Field.WithHeight(h)
	}
	return c
}

// WithPosition sets the field's place in the form (which decides the keys
// its help shows).
func (c *CachedField) WithPosition(p huh.FieldPosition) huh.Field {
	if p != c.position || !c.valid {
		c.position, c.valid = p, false
		c.Field.WithPosition(p)
	}
	return c
}

// isHuhUpdateField reports huh's own message that asks fields to recompute
// their dynamic title, description and options. The type is not exported;
// TestCachedFieldInAForm breaks if huh renames it.
func isHuhUpdateField(msg tea.Msg) bool {
	t := reflect.TypeOf(msg)
	return t != nil && t.Name() == "updateFieldMsg" && t.PkgPath() == "charm.land/huh/v2"
}
