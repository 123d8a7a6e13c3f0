package field

import (
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// fieldChrome is what the wizard's own huh fields (the redirect URI editor,
// the multi-select) share: the theme and its styles for the terminal's
// background, the size the form gives, and the focus.
type fieldChrome struct {
	focused   bool
	width     int
	maxHeight int // 0: as tall as it needs
	theme     huh.Theme
	hasDarkBg bool
	styles    *huh.Styles
}

// newFieldChrome is a field's chrome before the form sizes it.
func newFieldChrome() fieldChrome { return fieldChrome{width: 80} }

// Init is part of huh.Field.
func (*fieldChrome) Init() tea.Cmd { return nil }

// Skip is part of huh.Field.
func (*fieldChrome) Skip() bool { return false }

// Zoom is part of huh.Field.
func (*fieldChrome) Zoom() bool { return false }

// setBackground follows the terminal's background.
func (c *fieldChrome) setBackground(msg tea.BackgroundColorMsg) {
	c.hasDarkBg = msg.IsDark()
	c.styles = nil
}

// setTheme takes the form's theme; the first one given stays.
func (c *fieldChrome) setTheme(t huh.Theme) {
	if c.theme == nil {
		c.theme = t
		c.styles = nil
	}
}

// setWidth takes the width the form gives.
func (c *fieldChrome) setWidth(w int) {
	if w > 0 && w != c.width {
		c.width = w
	}
}

// setHeight takes the most lines the form has room for.
func (c *fieldChrome) setHeight(h int) {
	if h != c.maxHeight {
		c.maxHeight = h
	}
}

// themeOrDefault is the theme given, else the wizard's.
func (c *fieldChrome) themeOrDefault() huh.Theme {
	if c.theme == nil {
		return Theme
	}
	return c.theme
}

// fieldStyles are the theme's styles for the field as focused or not.
func (c *fieldChrome) fieldStyles() *huh.FieldStyles {
	if c.styles == nil {
		c.styles = c.themeOrDefault().Theme(c.hasDarkBg)
	}
	if c.focused {
		return &c.styles.Focused
	}
	return &c.styles.Blurred
}
