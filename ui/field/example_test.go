package field_test

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/ui/field"
)

// The redirect URI editor is a huh field: a form holds it like any other, and
// it writes the URIs typed into the slice it was given, checks each line as it
// is typed, and marks the ones to fix where they are.
func ExampleNewRedirectURIsField() {
	uris := []string{"https://app.example.com/callback"}
	f := field.NewRedirectURIsField(&uris).Key(api.FieldRedirectURIs).Title("Redirect URIs")
	_ = huh.NewForm(huh.NewGroup(f)) // how the wizard uses it
	f.WithWidth(60)
	f.Focus()
	f.Update(tea.KeyPressMsg{Code: tea.KeyEnd})
	f.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	for _, r := range "http://app.example.com/cb" {
		f.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	fmt.Println(len(uris), "URIs:", uris)
	for _, line := range strings.Split(ansi.Strip(f.View()), "\n") {
		if line = strings.TrimRight(line, " "); line != "" {
			fmt.Println(line)
		}
	}
	f.Blur()
	fmt.Println("error:", f.Error())
	// Output:
	// 2 URIs: [https://app.example.com/callback http://app.example.com/cb]
	// ┃ Redirect URIs
	// ┃ 1 ✓ https://app.example.com/callback
	// ┃ 2 ✗ http://app.example.com/cb
	// ┃     Use https: plain http is allowed only on localhost,
	// ┃     127.0.0.1 and [::1].
	// ┃ 2 URIs · 1 to fix
	// error: Fix the redirect URI marked ✗ first.
}
