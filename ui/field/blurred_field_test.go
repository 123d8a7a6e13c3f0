package field

import (
	"image/color"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// TestBlurredFieldDrawsAsHuh: in a huh form, after every message and every
// move, each wrapped field's kept drawing is the one the field itself gives
// then; a huh that starts to change a blurred field some other way fails
// here.
func TestBlurredFieldDrawsAsHuh(t *testing.T) {
	var name, kind, url string
	fields := []*BlurredField{
		Blurred(huh.NewInput().Title("Application name").Description("Shown to players.").Value(&name)),
		Blurred(huh.NewSelect[string]().Title("Client type").Options(huh.NewOptions("confidential", "public")...).Value(&kind)),
		Blurred(huh.NewInput().Title("Application URL").Placeholder("https://decktracker.example (optional)").Value(&url)),
	}
	group := make([]huh.Field, len(fields))
	for i, f := range fields {
		group[i] = f
	}
	form := huh.NewForm(huh.NewGroup(group...)).WithTheme(Theme).WithShowHelp(false).WithWidth(60).WithHeight(20)
	form.Init()
	key := func(k tea.KeyPressMsg) func() { return func() { form.Update(k) } }
	letter := func(r rune) func() { return key(tea.KeyPressMsg{Code: r, Text: string(r)}) }
	steps := []struct {
		name string
		do   func()
	}{
		{"a letter in the name", letter('D')},
		{"another", letter('e')},
		{"left", key(tea.KeyPressMsg{Code: tea.KeyLeft})},
		{"a background", func() { form.Update(tea.BackgroundColorMsg{Color: color.Black}) }},
		{"a window", func() { form.Update(tea.WindowSizeMsg{Width: 50, Height: 20}) }},
		{"narrower", func() { form.WithWidth(40) }},
		{"to the type", func() { form.NextField() }},
		{"down", key(tea.KeyPressMsg{Code: tea.KeyDown})},
		{"to the URL", func() { form.NextField() }},
		{"a letter in the URL", letter('h')},
		{"back to the type", func() { form.PrevField() }},
		{"up", key(tea.KeyPressMsg{Code: tea.KeyUp})},
		{"a light background", func() { form.Update(tea.BackgroundColorMsg{Color: color.White}) }},
	}
	for _, step := range steps {
		step.do()
		for i, f := range fields {
			if got, want := f.View(), f.Field.View(); got != want {
				t.Errorf("after %s, field %d draws\n%s\nhuh draws\n%s", step.name, i, got, want)
			}
		}
	}
}
