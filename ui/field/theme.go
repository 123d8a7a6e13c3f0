package field

import (
	"sync"

	"charm.land/huh/v2"
)

// Theme is huh's Charm theme, which the wizard's screens match, built once
// per background. A field given no theme draws with it.
var Theme huh.Theme = &cachedTheme{build: huh.ThemeCharm}

// cachedTheme builds a huh theme's styles once for light and once for dark
// backgrounds. huh asks its theme for styles many times per key press, and
// ThemeCharm builds every style anew each time: a third of the time of a key
// on the scopes page (measured with BenchmarkKeystrokeScopes and -cpuprofile).
// huh only reads the styles it gets, so sharing them is safe.
type cachedTheme struct {
	build  func(isDark bool) *huh.Styles
	once   [2]sync.Once
	styles [2]*huh.Styles
}

// Theme returns the styles for the background.
func (c *cachedTheme) Theme(isDark bool) *huh.Styles {
	i := 0
	if isDark {
		i = 1
	}
	c.once[i].Do(func() { c.styles[i] = c.build(isDark) })
	return c.styles[i]
}
