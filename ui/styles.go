package ui

import (
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
