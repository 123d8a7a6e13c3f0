package ui

import (
	"image/color"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/ui/field"
	"github.com/flexslot/flexslot-register/validate"
)

// tokenScreen asks for the personal access token, masked, with a note saying
// why it is asked again (a refused token), if it is.
type tokenScreen struct {
	app   *Model
	form  *huh.Form
	input string
	note  string
	// offersDraft is set when the token was refused at a create, with the
	// answers in hand (Model.backToReview): esc and ctrl+c then leave
	// through the draft offer, as from a form page, and the help line says
	// so.
	offersDraft bool
}

func newTokenScreen(app *Model, note string) (*tokenScreen, tea.Cmd) {
	s := &tokenScreen{app: app, note: note, offersDraft: app.backToReview}
	s.form = huh.NewForm(huh.NewGroup(
		huh.NewInput().
			Title("Personal access token").
			Description("Create one under Settings → Personal Access Tokens on flexslot.gg. It is never shown or stored.").
			EchoMode(huh.EchoModePassword).
			Placeholder("flx_pat_…").
			Value(&s.input).
			Validate(validate.Token),
	)).WithTheme(field.Theme).WithShowHelp(!s.offersDraft)
	s.resize()
	return s, app.startForm(s.form)
}

// resize fits the prompt to the window.
func (s *tokenScreen) resize() { s.form.WithWidth(max(s.app.width-2, 20)) }

// Update passes keys to the prompt; a token entered goes to the pre-flight.
// Leaving after a create refused for its token offers the draft.
func (s *tokenScreen) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && s.offersDraft && key.Matches(k, s.app.keys.LeaveForm) {
		return s.app.leaveUnsent()
	}
	f, cmd := s.form.Update(msg)
	s.form = f.(*huh.Form)
	switch s.form.State {
	case huh.StateAborted:
		if s.offersDraft {
			return s.app.leaveUnsent()
		}
		return s.app.quit(flow.OutcomeCancelled, nil)
	case huh.StateCompleted:
		token := strings.TrimSpace(s.input)
		s.input = ""
		return s.app.tokenEntered(token)
	}
	return cmd
}

// View is the note, then the prompt.
func (s *tokenScreen) View() string {
	var b strings.Builder
	if s.note != "" {
		b.WriteString(s.app.styles.errorText.Render(s.note) + "\n\n")
	}
	b.WriteString(s.form.View())
	if s.offersDraft {
		b.WriteString("\n\n" + s.app.helpLine(append(slices.Clip(s.form.KeyBinds()), s.app.keys.LeaveForm)...))
	}
	return b.String()
}

// darkBackground stands for a dark terminal background when telling a new form.
var darkBackground = color.Black

// startForm tells a new form what it would otherwise never learn: the
// terminal's background (huh does not ask) and the window's size (sent once,
// at the start), then starts it.
func (m *Model) startForm(f *huh.Form) tea.Cmd {
	cmd := f.Init()
	if m.isDark {
		f.Update(tea.BackgroundColorMsg{Color: darkBackground})
	}
	f.Update(tea.WindowSizeMsg{Width: m.width, Height: m.height})
	return cmd
}
