package ui

import (
	"sync"

	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
)

// styles are the looks of our own screens. They follow the terminal's
// background (light or dark) like the huh theme does.
type styles struct {
	title     lipgloss.Style
	heading   lipgloss.Style
	label     lipgloss.Style
	value     lipgloss.Style
	subtle    lipgloss.Style
	ok        lipgloss.Style
	warning   lipgloss.Style
	errorText lipgloss.Style
	secret    lipgloss.Style
	banner    lipgloss.Style
	box       lipgloss.Style
	code      lipgloss.Style
	help      lipgloss.Style
}

func newStyles(isDark bool) styles {
	lightDark := lipgloss.LightDark(isDark)
	var (
		indigo  = lightDark(lipgloss.Color("#5A56E0"), lipgloss.Color("#7571F9"))
		subtle  = lightDark(lipgloss.Color("#6B6B6B"), lipgloss.Color("243"))
		green   = lightDark(lipgloss.Color("#02A877"), lipgloss.Color("#02BF87"))
		amber   = lightDark(lipgloss.Color("#B36B00"), lipgloss.Color("#F5A623"))
		red     = lightDark(lipgloss.Color("#D70040"), lipgloss.Color("#ED567A"))
		border  = lightDark(lipgloss.Color("250"), lipgloss.Color("238"))
		fuchsia = lipgloss.Color("#F780E2")
	)
	return styles{
		title:     lipgloss.NewStyle().Bold(true).Foreground(indigo),
		heading:   lipgloss.NewStyle().Bold(true),
		label:     lipgloss.NewStyle().Foreground(subtle),
		value:     lipgloss.NewStyle(),
		subtle:    lipgloss.NewStyle().Foreground(subtle),
		ok:        lipgloss.NewStyle().Foreground(green),
		warning:   lipgloss.NewStyle().Foreground(amber),
		errorText: lipgloss.NewStyle().Foreground(red),
		secret:    lipgloss.NewStyle().Bold(true).Foreground(fuchsia),
		banner:    lipgloss.NewStyle().Bold(true).Foreground(amber),
		box:       lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(border).Padding(0, 1),
		code:      lipgloss.NewStyle().Foreground(subtle),
		help:      lipgloss.NewStyle().Foreground(subtle),
	}
}

// formTheme is huh's Charm theme, which our screens match, built once per
// background.
var formTheme huh.Theme = &cachedTheme{build: huh.ThemeCharm}

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
